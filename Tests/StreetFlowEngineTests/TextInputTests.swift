import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

/// Every string the engine accepts is checked by name; what it accepts is stored, hashed and replayed byte-exactly.
struct TextInputTests {
    typealias F = EngineFixture

    static func code(_ body: () async throws -> Any) async -> (String?, [String: FieldValue]) {
        do {
            _ = try await body()
            return (nil, [:])
        } catch let error as WorkflowError {
            return (error.code.rawValue, error.parameters)
        } catch {
            return ("\(error)", [:])
        }
    }

    /// The reported case: a hand-over to `office2\0evil` reached getpwnam as "office2", was recorded with the NUL,
    /// locked the real office2 out and broke the audit chain.
    @Test func aUserNameWithANulIsRefusedAndTheChainHolds() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir)
            let id = try await F.submitPlaque(engine).instance.id
            let (code, parameters) = await Self.code {
                try await engine.assign(id: id, to: "office-b\u{0}evil", expectedVersion: nil, caller: F.officeA)
            }
            #expect(code == "InvalidText")
            #expect(parameters["parameter"] == .string("user") && parameters["reason"] == .string("nul"))
            _ = try await F.act(engine, id, "forward", by: F.officeB)
            #expect(try await engine.verifyAudit().ok)
        }
    }

    @Test func idsAndFiltersAreCheckedByName() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir)
            let id = try await F.submitPlaque(engine).instance.id
            let checks: [(String, String, () async throws -> Any)] = [
                ("id", "nul", { try await engine.get(id: id + "\u{0}", caller: F.officeA) }),
                ("id", "controlCharacter", { try await F.act(engine, "\u{1B}[2J", "forward", by: F.officeA) }),
                ("id", "nul", { try await engine.comment(id: "\u{0}", text: "x", caller: F.officeA) }),
                (
                    "workflow", "nul",
                    {
                        try await engine.submit(
                            workflow: "plaque\u{0}", subject: [:], comment: nil, idempotencyKey: nil, caller: F.health)
                    }
                ),
                ("text", "nul", { try await engine.list(InstanceFilter(text: "健康\u{0}"), caller: F.officeA) }),
                (
                    "committee", "controlCharacter",
                    { try await engine.list(InstanceFilter(committee: "\u{202E}"), caller: F.officeA) }
                ),
            ]
            for (parameter, reason, body) in checks {
                let (code, parameters) = await Self.code(body)
                #expect(code == "InvalidText", "\(parameter)")
                #expect(parameters["parameter"] == .string(parameter))
                #expect(parameters["reason"] == .string(reason))
            }
        }
    }

    /// A List `text` of 50,001 characters failed as StorageFailure (LIKE pattern too complex); now it is named.
    @Test func searchTextHasALimit() async throws {
        try await F.withTemporaryDirectory { dir in
            let engine = try await F.engine(in: dir)
            _ = try await F.submitPlaque(engine)
            let (code, parameters) = await Self.code {
                try await engine.list(InstanceFilter(text: String(repeating: "健", count: 50_001)), caller: F.officeA)
            }
            #expect(code == "InvalidText")
            #expect(parameters["parameter"] == .string("text") && parameters["reason"] == .string("tooLong"))
            let (longer, limit) = await Self.code {
                try await engine.list(InstanceFilter(text: String(repeating: "健", count: 201)), caller: F.officeA)
            }
            #expect(longer == "InvalidText" && limit["reason"] == .string("tooLong"))
            #expect(limit["limit"] == .int(TextRule.search.maxLength))
            let found = try await engine.list(InstanceFilter(text: String(repeating: "健", count: 1)), caller: F.officeA)
            #expect(found.instances.count == 1)
        }
    }

    /// A deterministic generator (SplitMix64), so a failure names its seed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Random text from the ranges that matter: ASCII, controls, Latin with combining marks, CJK (BMP and
    /// supplementary), emoji with joiners and variation selectors, bidi and format characters, private use,
    /// noncharacters, line separators.
    static func randomText(_ rng: inout SplitMix) -> String {
        let printable: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0xC0...0x24F, 0x300...0x36F, 0x4E00...0x9FFF, 0x20000...0x2A6DF, 0x1F300...0x1FAFF,
            0xFE00...0xFE0F, 0xE000...0xF8FF, 0x0600...0x06FF, 0x0E00...0x0E7F, 0x1100...0x11FF, 0xAC00...0xD7A3,
            0x0A...0x0A,
        ]
        let hostile: [ClosedRange<UInt32>] = [
            0x00...0x1F, 0x7F...0x9F, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFFF0...0xFFFF,
            0xE0000...0xE007F,
        ]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 1...24, using: &rng) {
            // Mostly printable text, now and then a hostile character.
            let ranges = Int.random(in: 0..<60, using: &rng) == 0 ? hostile : printable
            let range = ranges.randomElement(using: &rng)!
            if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &rng)) { scalars.append(scalar) }
            if Int.random(in: 0..<8, using: &rng) == 0 { scalars.append("\u{200D}") }
        }
        return String(scalars)
    }

    @Test func randomUnicodeRoundTripsThroughStoreReplayAndVerify() async throws {
        try await F.withTemporaryDirectory { dir in
            let store = try SQLiteStore(path: dir.appendingPathComponent("sf.sqlite").path)
            let engine = try await F.engine(in: dir, store: store)
            var rng = SplitMix(state: 20_191_008)
            var accepted = 0
            var refused = 0
            let reasonRule = try #require(F.catalog.currentDefinition("plaque-admission")?.field("reason"))
                .textRule(isSummary: false)
            for round in 0..<300 {
                let reason = "理由" + Self.randomText(&rng)
                let comment = Self.randomText(&rng)
                var subject = F.plaqueSubject()
                subject["reason"] = .string(reason)
                let expected = reasonRule.check(reason.trimmingCharacters(in: .whitespacesAndNewlines))
                let expectedComment = TextRule.comment.check(comment.trimmingCharacters(in: .whitespacesAndNewlines))
                do {
                    let result = try await engine.submit(
                        workflow: "plaque-admission", subject: subject, comment: comment, idempotencyKey: nil,
                        caller: F.health)
                    accepted += 1
                    let stored = try await engine.get(id: result.instance.id, caller: F.officeA)
                    let text = try #require(stored.instance.subject["reason"]?.stringValue)
                    #expect(Array(text.utf8) == Array(try expected.get().utf8), "round \(round)")
                    let event = try #require(stored.history.first)
                    #expect(event.event.fields["reason"]?.stringValue.map { Array($0.utf8) } == Array(text.utf8))
                    let storedComment = event.event.comment.map { Array($0.utf8) }
                    let wanted = try expectedComment.get()
                    #expect(storedComment == (wanted.isEmpty ? nil : Array(wanted.utf8)), "round \(round)")
                    // What was stored hashes to what was recorded, and replays to the projection.
                    #expect(
                        AuditChain.hash(
                            previous: event.previousHash, instanceID: event.instanceID, workflow: event.workflow,
                            event: event.event) == event.hash)
                    let replayed = WorkflowInstance.replay(
                        id: stored.instance.id, events: stored.history.map(\.event),
                        definitions: { F.catalog.definition("plaque-admission", version: $0) })
                    #expect(replayed == stored.instance, "round \(round)")
                } catch let error as WorkflowError {
                    refused += 1
                    #expect(
                        (try? expected.get()) == nil || (try? expectedComment.get()) == nil,
                        "round \(round): refused acceptable text: \(error)")
                    #expect(["InvalidSubject", "InvalidField"].contains(error.code.rawValue))
                }
            }
            #expect(accepted > 100 && refused > 20, "accepted \(accepted), refused \(refused)")
            let report = try await engine.verifyAudit()
            #expect(report.ok && report.checked >= accepted)
            // A fresh store reading the same file sees the same bytes.
            let reopened = try SQLiteStore(path: dir.appendingPathComponent("sf.sqlite").path)
            #expect(try reopened.verifyChain().ok)
        }
    }
}
