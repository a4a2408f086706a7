import Foundation
import Testing

@testable import WorkflowModel

/// The shortcuts on the text path (no NFC call for text NFC cannot change, no Foundation trim for text without
/// white space at its ends) must decide exactly as the long way round.
struct TextFastPathTests {
    static let stable: [Unicode.Scalar] =
        [0x09, 0x0A].compactMap(Unicode.Scalar.init)
        + (0x20...0x7E).compactMap(Unicode.Scalar.init) + (0x3000...0x3029).compactMap(Unicode.Scalar.init)
        + (0x4E00...0x9FFF).compactMap(Unicode.Scalar.init) + (0xFF01...0xFF5E).compactMap(Unicode.Scalar.init)

    @Test func textCalledStableIsLeftAsItIsByNFC() {
        for scalar in Self.stable {
            let text = String(scalar)
            #expect(TextRule.isNFCStable(text))
            #expect(text.nfc.unicodeScalars.elementsEqual(text.unicodeScalars), "U+\(scalar.value)")
        }
        // Neighbours never compose either: every pair of a random sample, and the classic traps.
        var g = SystemRandomNumberGenerator()
        for _ in 0..<100_000 {
            let text = String(String.UnicodeScalarView((0..<3).map { _ in Self.stable.randomElement(using: &g)! }))
            #expect(text.nfc.unicodeScalars.elementsEqual(text.unicodeScalars))
        }
        for composing in ["e\u{301}", "\u{304B}\u{3099}", "\u{1100}\u{1161}", "\u{F900}", "A\u{30A}", "\u{302A}"] {
            #expect(!TextRule.isNFCStable(composing))
        }
    }

    @Test func whatFoundationTrimsIsWhatTheShortcutSeesAsWhiteSpace() {
        for value in 0...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if CharacterSet.whitespacesAndNewlines.contains(scalar) {
                #expect(scalar.properties.isWhitespace || value == 0x200B, "U+\(String(value, radix: 16))")
            }
        }
        for text in [
            "", " ", "\u{3000}申请\u{3000}", "a\n", "\u{85}x", "\u{2028}", "标牌", "x y", "\t意见", "\u{200B}意见\u{200B}",
        ] {
            #expect(text.trimmedOfWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
