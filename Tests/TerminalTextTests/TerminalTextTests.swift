import Foundation
import Testing

@testable import TerminalText

/// Nothing stored reaches a terminal as a control sequence; the CLI's own colours still do.
struct TerminalTextTests {
    /// The reported plaque: retitle the window, clear the screen, print a red APPROVED.
    static let injection = "\u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}[31mAPPROVED\u{1B}[0m"

    static func controls(_ text: String) -> [UInt32] {
        text.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || (0x7F...0x9F).contains($0.value) }
            .map(\.value)
    }

    @Test func theInjectionIsShownNotObeyed() {
        let shown = TerminalText.forTerminal("标牌：\(Self.injection)\n")
        #expect(Self.controls(shown).isEmpty)
        #expect(shown == "标牌：\\u{1B}]0;owned\\u{7}\\u{1B}[2J\\u{1B}[31mAPPROVED\\u{1B}[0m\n")
    }

    @Test(arguments: ["\u{202E}", "\u{2066}", "\u{200B}", "\u{9B}", "\u{85}", "\u{2028}", "\u{FEFF}", "\u{E0041}"])
    func invisibleAndBidiCharactersAreShownEscaped(character: String) {
        let shown = TerminalText.forTerminal("同意\(character)意同")
        #expect(!shown.unicodeScalars.contains(character.unicodeScalars.first!))
        #expect(shown.contains("\\u{"))
    }

    @Test func theCLIsOwnColoursStayAndForgedMarksCannotInjectOtherSequences() {
        let shown = TerminalText.forTerminal(TerminalText.styled("已准入", .green) + " ok")
        #expect(shown == "\u{1B}[32m已准入\u{1B}[0m ok")
        // A mark that is not well formed is shown escaped.
        let forged = TerminalText.forTerminal("\(TerminalText.markOpen)2J\(TerminalText.markClose)x")
        #expect(!forged.contains("\u{1B}"))
    }

    @Test func tableCellsStayOnOneLineAndAligned() {
        let lines = TerminalText.table(
            ["编号", "内容"], [["PA-1", "第一行\n第二行"], ["PA-2", Self.injection], ["PA-3", "健康小屋"]])
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { !$0.contains("\n") && Self.controls(TerminalText.forTerminal($0)).isEmpty })
        let starts = lines.dropFirst().map { line in DisplayWidth.of(String(line.prefix { $0 != " " })) }
        #expect(Set(starts).count == 1)
        #expect(lines[1].hasSuffix("第一行\\u{A}第二行"))
    }

    @Test func jsonStaysTheSameValueWithoutControls() throws {
        let text = "{\"text\":\"a\u{202E}b\u{9B}c\u{E0041}\(TerminalText.markOpen)\"}"
        let escaped = TerminalText.json(text)
        #expect(escaped == "{\"text\":\"a\\u202eb\\u009bc\\udb40\\udc41\\ufdd0\"}")
        let decoded = try JSONSerialization.jsonObject(with: Data(escaped.utf8)) as? [String: String]
        let original = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        #expect(decoded == original)
    }

    @Test func widthsMatchWhatIsShown() {
        #expect(DisplayWidth.of("健康") == 4)
        #expect(DisplayWidth.of(TerminalText.styled("健康", .bold)) == 4)
        #expect(DisplayWidth.of("\u{1B}") == TerminalText.forTerminal("\u{1B}").count)
        let cut = DisplayWidth.truncate(String(repeating: "健", count: 40), to: 30)
        #expect(DisplayWidth.of(cut) <= 30 && cut.hasSuffix("…"))
        let hostile = DisplayWidth.truncate(String(repeating: "\u{1B}", count: 40), to: 30)
        #expect(DisplayWidth.of(hostile) <= 30)
    }
}
