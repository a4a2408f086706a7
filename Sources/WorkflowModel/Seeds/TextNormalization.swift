import Foundation

/// The normal form reference-list titles and request texts are compared in.
enum TextNormalization {
    /// Words that only say "a certificate" or "issue/handle it"; dropped from both ends of a text.
    static let affixes = ["证明", "开具", "出具", "办理"]

    /// Full-width forms and CJK punctuation as half-width, without any whitespace; ASCII lowercased.
    static func canonicalWidth(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E:
                // Full-width ASCII block: the same characters shifted by 0xFEE0.
                scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3001: scalars.append(",")
            case 0x3002: scalars.append(".")
            case 0x3010, 0x3014: scalars.append("[")
            case 0x3011, 0x3015: scalars.append("]")
            case 0x201C, 0x201D: scalars.append("\"")
            case 0x2018, 0x2019: scalars.append("'")
            default:
                if !scalar.properties.isWhitespace { scalars.append(scalar) }
            }
        }
        return String(scalars).lowercased()
    }

    /// `canonicalWidth`, trimmed of punctuation at both ends, with `affixes` dropped from both ends.
    static func normalize(_ text: String) -> String {
        var result = canonicalWidth(text)
        while true {
            let before = result
            result = result.trimmingCharacters(in: .punctuationCharacters.union(.symbols))
            for affix in affixes {
                if result.hasPrefix(affix), result.count > affix.count { result.removeFirst(affix.count) }
                if result.hasSuffix(affix), result.count > affix.count { result.removeLast(affix.count) }
            }
            if result == before { return result }
        }
    }
}
