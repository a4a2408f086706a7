import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

struct ConcurrencyTests {
    @Test func twoApproversOnTheSameVersionOneWins() async throws {
        try await EngineFixture.withTemporaryDirectory { dir in
            let engine = try await EngineFixture.engine(in: dir)
            for round in 0..<10 {
                let id = try await EngineFixture.submitPlaque(engine, text: "牌子\(round)").instance.id
                async let forward = EngineFixture.attempt {
                    try await EngineFixture.act(engine, id, "forward", by: EngineFixture.officeA, expected: 1)
                }
                async let sendBack = EngineFixture.attempt {
                    try await EngineFixture.act(
                        engine, id, "return", by: EngineFixture.officeB, comment: "请补充材料", expected: 1)
                }
                let results = await [forward, sendBack]
                let winners = results.compactMap { try? $0.get() }
                #expect(winners.count == 1)
                let failures = results.compactMap { result -> WorkflowError? in
                    if case .failure(let error) = result { return error as? WorkflowError }
                    return nil
                }
                #expect(failures.count == 1)
                let conflict = try #require(failures.first)
                let winner = try #require(winners.first)
                #expect(conflict.code.rawValue == "VersionConflict")
                #expect(conflict.parameters["version"] == .int(2))
                #expect(conflict.parameters["expectedVersion"] == .int(1))
                #expect(conflict.parameters["state"] == .string(winner.instance.state))
                let history = try await engine.history(id: id, caller: EngineFixture.officeA)
                #expect(history.map(\.event.action) == ["submit", winner.events[0].event.action])
            }
            #expect(try await engine.verifyAudit().ok)
        }
    }

    @Test func retriedSubmitWithTheSameKeyActsOnce() async throws {
        try await EngineFixture.withTemporaryDirectory { dir in
            let engine = try await EngineFixture.engine(in: dir)
            let first = try await EngineFixture.submitPlaque(engine, key: "submit-42")
            let retry = try await EngineFixture.submitPlaque(engine, key: "submit-42")
            #expect(!first.replayed)
            #expect(retry.replayed)
            #expect(retry.instance.id == first.instance.id)
            #expect(retry.instance.version == first.instance.version)
            #expect(retry.events.isEmpty)
            let page = try await engine.list(InstanceFilter(), caller: EngineFixture.officeA)
            #expect(page.instances.map(\.id) == [first.instance.id])
            // The key belongs to the caller: another user's key of the same name is their own.
            let other = try await EngineFixture.submitPlaque(engine, by: EngineFixture.civil, key: "submit-42")
            #expect(!other.replayed)
            #expect(other.instance.id != first.instance.id)
        }
    }

    @Test func retriedActionWithTheSameKeyActsOnceEvenWhenConcurrent() async throws {
        try await EngineFixture.withTemporaryDirectory { dir in
            let engine = try await EngineFixture.engine(in: dir)
            let id = try await EngineFixture.submitPlaque(engine).instance.id
            let results = try await withThrowingTaskGroup(of: CommandResult.self) { group in
                for _ in 0..<5 {
                    group.addTask {
                        try await EngineFixture.act(
                            engine, id, "forward", by: EngineFixture.officeA, expected: 1, key: "fwd-1")
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { !$0.replayed }.count == 1)
            #expect(results.filter(\.replayed).count == 4)
            #expect(Set(results.map(\.instance.id)) == [id])
            #expect(Set(results.map(\.instance.version)) == [2])
            #expect(Set(results.map(\.instance.state)) == ["street-review"])

            let later = try await EngineFixture.act(
                engine, id, "forward", by: EngineFixture.officeA, expected: 1, key: "fwd-1")
            #expect(later.replayed)
            #expect(later.instance.version == 2)
            let history = try await engine.history(id: id, caller: EngineFixture.officeA)
            #expect(history.map(\.event.action) == ["submit", "forward"])
        }
    }

    @Test func aCommentDoesNotMakeTheApproversVersionStale() async throws {
        try await EngineFixture.withTemporaryDirectory { dir in
            let engine = try await EngineFixture.engine(in: dir)
            let id = try await EngineFixture.submitPlaque(engine).instance.id
            // The office saw version 1; the applicant then comments twice.
            _ = try await engine.comment(id: id, text: "已补充照片", caller: EngineFixture.health)
            _ = try await engine.comment(id: id, text: "请尽快审核", caller: EngineFixture.health)
            let forwarded = try await EngineFixture.act(engine, id, "forward", by: EngineFixture.officeA, expected: 1)
            #expect(forwarded.instance.state == "street-review")
            #expect(forwarded.instance.version == 4)
            // A real change after what the street saw still conflicts.
            _ = try await EngineFixture.act(engine, id, "return", by: EngineFixture.street, comment: "退回", expected: 4)
            let conflict = await EngineFixture.errorCode {
                try await EngineFixture.act(engine, id, "approve", by: EngineFixture.street, expected: 4)
            }
            #expect(conflict == "VersionConflict")
        }
    }

    @Test func anUrgeDoesNotMakeTheUrgedOfficersVersionStale() async throws {
        try await EngineFixture.withTemporaryDirectory { dir in
            let engine = try await EngineFixture.engine(in: dir)
            let id = try await EngineFixture.submitPlaque(engine).instance.id
            // The office opened version 1; the applicant urges it (催办) before the office acts.
            let urged = try await engine.urge(id: id, comment: "请尽快审核", caller: EngineFixture.health)
            #expect(urged.instance.version == 2)
            let forwarded = try await EngineFixture.act(engine, id, "forward", by: EngineFixture.officeA, expected: 1)
            #expect(forwarded.instance.state == "street-review")
        }
    }
}
