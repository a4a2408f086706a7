import Foundation

/// The normal forms reference-list wordings and request texts are compared in.
enum TextNormalization {
    /// Words that only say "a certificate" or "issue/handle it"; dropped from both ends of a certificate's wording
    /// and of the text compared with it.
    static let affixes = ["证明", "开具", "出具", "办理"]

    /// Words that say "help with / carry out" and nothing about the task; ignored by the similarity score.
    static let fillers = ["协助", "配合", "开展", "做好", "工作", "相关"]

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

    /// `canonicalWidth`, trimmed of punctuation and symbols at both ends.
    static func trimmed(_ text: String) -> String {
        canonicalWidth(text).trimmingCharacters(in: .punctuationCharacters.union(.symbols))
    }

    /// `trimmed`, with `affixes` dropped from both ends (for certificates only).
    static func normalize(_ text: String) -> String {
        var result = trimmed(text)
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

    /// Whether a list entry's title names a certificate (ends in 证明).
    static func isCertificate(_ title: String) -> Bool { trimmed(title).hasSuffix("证明") }

    /// The text without filler words (unchanged when nothing else would be left).
    static func withoutFillers(_ text: String) -> String {
        var result = text
        for filler in fillers { result = result.replacingOccurrences(of: filler, with: "") }
        return result.isEmpty ? text : result
    }

    /// The Dice coefficient of two texts' sets of adjacent character pairs (single characters for one-character
    /// texts): 1 for the same text, 0 for nothing in common.
    static func dice(_ a: String, _ b: String) -> Double {
        func pairs(_ text: String) -> Set<String> {
            let characters = Array(text)
            guard characters.count > 1 else { return Set(characters.map(String.init)) }
            return Set((0..<characters.count - 1).map { String(characters[$0...$0 + 1]) })
        }
        let x = pairs(a)
        let y = pairs(b)
        guard !x.isEmpty, !y.isEmpty else { return 0 }
        return 2 * Double(x.intersection(y).count) / Double(x.count + y.count)
    }
}
