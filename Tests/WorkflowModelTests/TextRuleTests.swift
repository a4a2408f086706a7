import Foundation
import Testing

@testable import WorkflowModel

/// Text that cannot attack a screen or the audit chain: refused by name, normalised, limited in characters and bytes.
struct TextRuleTests {
    /// The plaque text of the terminal-injection report: set the title, clear the screen, print a red APPROVED.
    static let injection = "\u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}[31mAPPROVED\u{1B}[0m"

    static let plaque: [String: FieldValue] = [
        "committee": .string("蓝天二村"), "text": .string("健康小屋"), "placement": .string("inside"),
        "reason": .string("便于居民就近获得健康服务"),
    ]

    @Test(arguments: [
        ("\u{00}", "nul"), ("\u{1B}", "controlCharacter"), ("\u{07}", "controlCharacter"),
        ("\u{7F}", "controlCharacter"), ("\u{9B}", "controlCharacter"), ("\u{85}", "controlCharacter"),
        ("\u{202E}", "controlCharacter"), ("\u{202A}", "controlCharacter"), ("\u{2066}", "controlCharacter"),
        ("\u{2069}", "controlCharacter"), ("\u{200E}", "controlCharacter"), ("\u{200B}", "controlCharacter"),
        ("\u{FEFF}", "controlCharacter"), ("\u{2028}", "controlCharacter"), ("\u{2029}", "controlCharacter"),
        ("\u{E0041}", "controlCharacter"), ("\u{FFFF}", "controlCharacter"), ("\u{AD}", "controlCharacter"),
        ("\r", "controlCharacter"),
    ])
    func refusedCharactersAreNamed(character: String, reason: String) throws {
        for rule in [TextRule.line, TextRule.comment] {
            guard case .failure(let problem) = rule.check("健康\(character)小屋") else {
                Issue.record("accepted \(character.unicodeScalars.map { $0.value })")
                continue
            }
            #expect(problem.reason.rawValue == reason)
            #expect(problem.position == 2)
            #expect(problem.codePoint == String(format: "U+%04X", character.unicodeScalars.first!.value))
        }
    }

    @Test func newlineAndTabOnlyWhereTextSpansLines() throws {
        #expect(TextRule.comment.check("第一行\n\t第二行") == .success("第一行\n\t第二行"))
        #expect(TextRule.comment.check("第一行\r\n第二行") == .success("第一行\n第二行"))
        for text in ["第一行\n第二行", "a\tb"] {
            guard case .failure(let problem) = TextRule.line.check(text) else {
                Issue.record("a single-line rule accepted \(text.debugDescription)")
                continue
            }
            #expect(problem.reason == .controlCharacter)
        }
    }

    @Test func textIsStoredInNFC() throws {
        #expect(TextRule.line.check("cafe\u{301}") == .success("caf\u{E9}"))
        let stored = try TextRule.line.check("cafe\u{301}").get()
        #expect(Array(stored.utf8) == Array("caf\u{E9}".utf8))
        // Joiners stay: emoji sequences and some scripts need them.
        let family = "👨\u{200D}👩\u{200D}👧"
        #expect(TextRule.line.check(family) == .success(family))
    }

    @Test func limitsCountGraphemeClustersAndBytes() throws {
        let rule = TextRule(multiline: false, maxLength: 100)
        #expect(rule.maxBytes == 800)
        let zalgo = "a" + String(repeating: "\u{301}", count: 300_000)
        #expect(zalgo.count == 1)
        guard case .failure(let bytes) = rule.check(zalgo) else { throw Failure("300,000 combining marks passed") }
        #expect(bytes.reason == .tooManyBytes)
        #expect(bytes.limit == 800)
        guard case .failure(let long) = rule.check(String(repeating: "字", count: 101)) else {
            throw Failure("101 characters passed a limit of 100")
        }
        #expect(long.reason == .tooLong)
        #expect(rule.check(String(repeating: "字", count: 100)).map(\.count) == .success(100))
    }

    @Test func submitRefusesTheTerminalInjectionByName() throws {
        var driver = Driver(try Repository.workflow("plaque-admission"))
        var subject = Self.plaque
        subject["text"] = .string(Self.injection)
        let error = try #require(driver.refusal(.submit(subject: subject, comment: nil), by: People.health))
        #expect(error.code == .invalidSubject)
        #expect(error.string("field") == "text")
        #expect(error.string("reason") == "controlCharacter")
        #expect(error.string("character") == "U+001B")
        // A NUL is named as such, in a field and in a field's key.
        subject["text"] = .string("健康\u{0}小屋")
        let nul = try #require(driver.refusal(.submit(subject: subject, comment: nil), by: People.health))
        #expect(nul.string("reason") == "nul")
        subject = Self.plaque
        subject["text\u{0}x"] = .string("y")
        let key = try #require(driver.refusal(.submit(subject: subject, comment: nil), by: People.health))
        #expect(key.string("reason") == "nul")
        try driver.submit(Self.plaque, by: People.health)
    }

    @Test func theSummaryIsOneLineAndOtherTextMaySpanLines() throws {
        var driver = Driver(try Repository.workflow("plaque-admission"))
        var subject = Self.plaque
        subject["text"] = .string("健康\n小屋")
        let error = try #require(driver.refusal(.submit(subject: subject, comment: nil), by: People.health))
        #expect(error.string("field") == "text")
        #expect(error.string("reason") == "controlCharacter")
        subject = Self.plaque
        subject["reason"] = .string("第一，便民；\n第二，就近。")
        try driver.submit(subject, by: People.health)
        #expect(driver.instance?.subject["reason"] == .string("第一，便民；\n第二，就近。"))
    }

    @Test func oneCharacterWithThousandsOfCombiningMarksIsRefused() throws {
        var driver = Driver(try Repository.workflow("plaque-admission"))
        var subject = Self.plaque
        subject["text"] = .string("健" + String(repeating: "\u{301}", count: 300_000))
        let error = try #require(driver.refusal(.submit(subject: subject, comment: nil), by: People.health))
        #expect(error.string("reason") == "tooManyBytes")
        #expect(error.parameters["limit"] == .int(800))
        // The same for comments.
        try driver.submit(Self.plaque, by: People.health)
        let comment = "意" + String(repeating: "\u{301}", count: 300_000)
        let refused = try #require(driver.refusal("forward", by: People.office, comment: comment))
        #expect(refused.code == .invalidField)
        #expect(refused.string("field") == "comment")
        #expect(refused.string("reason") == "tooManyBytes")
    }

    @Test func commentsAndActionFieldsPassTheSameRule() throws {
        var driver = Driver(try Repository.workflow("plaque-admission"))
        try driver.submit(Self.plaque, by: People.health)
        let bidi = try #require(driver.refusal("forward", by: People.office, comment: "同意\u{202E}意同"))
        #expect(bidi.string("field") == "comment")
        #expect(bidi.string("reason") == "controlCharacter")
        #expect(bidi.string("character") == "U+202E")
        let nul = try #require(driver.refusal(.comment("看过\u{0}了"), by: People.office))
        #expect(nul.string("reason") == "nul")
        try driver.act("forward", by: People.office, comment: "  材料齐全\r\n请审批  ")
        #expect(driver.history.last?.comment == "材料齐全\n请审批")
        try driver.act("approve", by: People.street)
        let field = try #require(
            driver.refusal("arrange", by: People.office, fields: ["location": .string("东墙\u{1B}[2J")]))
        #expect(field.code == .invalidField)
        #expect(field.string("field") == "location")
        #expect(field.string("reason") == "controlCharacter")
        try driver.act(
            "arrange", by: People.office, fields: ["location": .string("  服务大厅东墙 "), "place": .string("inside")])
        #expect(driver.instance?.fields["location"] == .string("服务大厅东墙"))
        driver.expectReplayMatches()
    }

    @Test func resubmitIsTrimmedAndLimitedExactlyAsSubmit() throws {
        var driver = Driver(try Repository.workflow("plaque-admission"))
        try driver.submit(Self.plaque, by: People.health)
        try driver.act("return", by: People.office, comment: "请补充")
        let long = String(repeating: "字", count: 200_100)
        let tooLong = try #require(driver.refusal("resubmit", by: People.health, fields: ["text": .string(long)]))
        #expect(tooLong.code == .invalidSubject)
        #expect(tooLong.string("field") == "text")
        #expect(["tooLong", "tooManyBytes"].contains(tooLong.string("reason")))
        let injected = try #require(
            driver.refusal("resubmit", by: People.health, fields: ["text": .string(Self.injection)]))
        #expect(injected.string("reason") == "controlCharacter")
        try driver.act("resubmit", by: People.health, fields: ["text": .string("   社区健康小屋  ")])
        #expect(driver.instance?.subject["text"] == .string("社区健康小屋"))
        #expect(driver.history.last?.fields["text"] == .string("社区健康小屋"))
        driver.expectReplayMatches()
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
