import Foundation
import StreetFlowEngine
import Testing
import WorkflowModel
import WorkflowStore

/// The street programme of 松府中办[2019]177号 三.2 run on a manual clock from 2019-10-01 to 2020-12-31.
///
/// The scenario: the pilot 蓝天二村 is rectified once and accepted on 2019-12-02; the street opens the full
/// phase at the end of December. The 20 committees of the full phase start on 2020-01-02, self-check eight
/// days apart from March; every fourth one (from the second) is sent to rectification once; the first waits
/// three weeks for its inspection (one reminder); the last two miss the 2020-10-31 deadline (one escalation
/// each) and are accepted in November. The three committees outside the 2019 programme get no rollout (it is
/// refused for them). The pilot, accepted, enters improvement work (完善提升) in November. The street opens the
/// improvement phase on 2020-10-30 and closes the programme on 2020-12-31, when all 21 are accepted. An administrator registers the programme (the street, which steers it, may not act on what
/// it submitted).
struct ProgrammeSimulationTests {
    typealias F = EngineFixture

    struct Plan {
        var committee: Committee
        var phase: String
        var submitOn: LocalDate
        var steps: [(day: LocalDate, action: String)]
        var rectified: Bool { steps.contains { $0.action == "rectify" } }
        var caller: Caller
        var id = ""
    }

    static func day(_ text: String) -> LocalDate { LocalDate(text)! }

    static func plans() -> [Plan] {
        let committees = F.catalog.committees
        func caller(_ index: Int, _ committee: Committee) -> Caller {
            F.caller(UInt32(6000 + index), "cmte-\(committee.key)", [.committee(committee.name)])
        }
        var plans: [Plan] = []
        let pilot = committees.first { $0.pilot }!
        let pilotSteps = [
            ("2019-10-21", "submit-self-check"), ("2019-10-25", "start-inspection"), ("2019-10-29", "rectify"),
            ("2019-11-08", "resume"), ("2019-11-20", "submit-self-check"), ("2019-11-25", "start-inspection"),
            ("2019-12-02", "accept"),
        ].map { (day($0.0), $0.1) }
        plans.append(
            Plan(
                committee: pilot, phase: "pilot", submitOn: day("2019-10-08"), steps: pilotSteps,
                caller: caller(0, pilot)))

        let full = committees.filter { $0.programme && !$0.pilot }
        for (i, committee) in full.enumerated() {
            let s = day("2020-03-02").adding(days: 8 * i)
            let offsets: [(Int, String)]
            if i >= full.count - 2 {
                let late = day("2020-11-09")
                plans.append(
                    Plan(
                        committee: committee, phase: "full", submitOn: day("2020-01-02"),
                        steps: [
                            (late, "submit-self-check"), (late.adding(days: 3), "start-inspection"),
                            (late.adding(days: 7), "accept"),
                        ],
                        caller: caller(i + 1, committee)))
                continue
            } else if i % 4 == 1 {
                offsets = [
                    (0, "submit-self-check"), (5, "start-inspection"), (8, "rectify"), (20, "resume"),
                    (30, "submit-self-check"),
                    (35, "start-inspection"), (40, "accept"),
                ]
            } else if i == 0 {
                offsets = [(0, "submit-self-check"), (21, "start-inspection"), (25, "accept")]
            } else {
                offsets = [(0, "submit-self-check"), (5, "start-inspection"), (10, "accept")]
            }
            plans.append(
                Plan(
                    committee: committee, phase: "full", submitOn: day("2020-01-02"),
                    steps: offsets.map { (s.adding(days: $0.0), $0.1) }, caller: caller(i + 1, committee)))
        }
        return plans
    }

    @Test func runsTheStreetProgrammeFrom2019To2020() async throws {
        try await F.withTemporaryDirectory { dir in
            let clock = ManualClock(F.morning("2019-10-01"))
            let engine = try await F.engine(in: dir, clock: clock)
            var plans = Self.plans()
            #expect(plans.count == 21)
            // One clerk registers the rollouts, another inspects them (the registrar may not inspect their own).
            let registrar = F.officeB
            let office = F.officeA
            let street = F.street
            var programme = ""
            var timerEvents = 0
            var earlyOpenRefusal: String?
            var improvementTooEarly: String?
            var outsideRefusal: String?
            var improvement = ""

            var today = Self.day("2019-10-01")
            while today <= Self.day("2020-12-31") {
                clock.set(F.morning(today.description))
                timerEvents += try await engine.fireDueTimers()
                switch today.description {
                case "2019-10-08":
                    programme = try await engine.submit(
                        workflow: "street-programme",
                        subject: ["name": .string("中山街道居委会规范达标提标增能"), "pilot": .string("蓝天二村")], comment: nil,
                        idempotencyKey: nil, caller: F.admin
                    ).instance.id
                case "2019-11-01":
                    earlyOpenRefusal = await F.errorCode { try await F.act(engine, programme, "open-full", by: street) }
                case "2019-12-30":
                    _ = try await F.act(engine, programme, "open-full", by: street)
                case "2020-10-30":
                    _ = try await F.act(engine, programme, "open-improvement", by: street)
                    improvementTooEarly = await F.errorCode { try await Self.improve(engine, registrar) }
                    outsideRefusal = await F.errorCode {
                        let outside = F.catalog.committees.first { !$0.programme }!
                        _ = try await engine.submit(
                            workflow: "committee-rollout",
                            subject: ["committee": .string(outside.name), "phase": .string("improvement")],
                            comment: nil,
                            idempotencyKey: nil, caller: registrar)
                    }
                case "2020-11-02":
                    improvement = try await Self.improve(engine, registrar)
                default:
                    break
                }
                for index in plans.indices where plans[index].submitOn == today {
                    let plan = plans[index]
                    plans[index].id = try await engine.submit(
                        workflow: "committee-rollout",
                        subject: [
                            "committee": .string(plan.committee.name), "phase": .string(plan.phase),
                        ], comment: nil, idempotencyKey: nil, caller: registrar
                    ).instance.id
                }
                for plan in plans {
                    for step in plan.steps where step.day == today {
                        let current = try await engine.get(id: plan.id, caller: office).instance.version
                        switch step.action {
                        case "submit-self-check":
                            _ = try await F.act(
                                engine, plan.id, step.action, by: plan.caller, fields: ["checklist": F.fullChecklist],
                                expected: current)
                        case "rectify":
                            _ = try await F.act(
                                engine, plan.id, step.action, by: office, comment: "宣传栏以外仍有制度上墙",
                                fields: ["shortfalls": .list(["walls-cleared"])], expected: current)
                        case "resume":
                            _ = try await F.act(engine, plan.id, step.action, by: plan.caller, expected: current)
                        default:
                            _ = try await F.act(engine, plan.id, step.action, by: office, expected: current)
                        }
                    }
                }
                if today == Self.day("2020-12-31") {
                    _ = try await F.act(engine, programme, "close", by: street, comment: "21个居委会全部达标，另3个新建居委会同步达标")
                }
                today = today.adding(days: 1)
            }

            // The full phase could not open before the pilot was accepted; improvement work waited for phase 3; a
            // committee outside the programme got no rollout.
            #expect(earlyOpenRefusal == "GuardFailed")
            #expect(improvementTooEarly == "GuardFailed")
            #expect(outsideRefusal == "GuardFailed")
            #expect(try await engine.get(id: improvement, caller: office).instance.state == "improving")
            let programmeDetail = try await engine.get(id: programme, caller: street)
            #expect(programmeDetail.instance.state == "closed")
            #expect(
                programmeDetail.history.map(\.event.action) == ["submit", "open-full", "open-improvement", "close"])

            // Every rollout is accepted; counted per phase from the engine's listing.
            let rollouts = try await engine.list(
                InstanceFilter(workflow: "committee-rollout", limit: 100), caller: office
            ).instances
            #expect(rollouts.count == 21)
            let accepted = rollouts.filter { $0.state == "accepted" }
            func perPhase(_ instances: [WorkflowInstance]) -> [String: Int] {
                instances.reduce(into: [:]) { $0[$1.subject["phase"]?.stringValue ?? "?", default: 0] += 1 }
            }
            #expect(perPhase(accepted) == ["pilot": 1, "full": 20])
            #expect(Set(accepted.compactMap(\.committee)) == Set(F.catalog.committees.filter(\.programme).map(\.name)))
            // Accepted by the end of their phase: the two late ones of the full phase were not.
            let ends = ["pilot": "2019-12-31", "full": "2020-10-31"]
            let onTime = accepted.filter { instance in
                LocalDate(instance.updatedAt) <= LocalDate(ends[instance.subject["phase"]!.stringValue!]!)!
            }
            #expect(perPhase(onTime) == ["pilot": 1, "full": 18])

            var escalated: [String] = []
            var reminded: [String] = []
            var rectified: Set<String> = []
            for instance in rollouts {
                for stored in try await engine.history(id: instance.id, caller: office) {
                    switch stored.event.kind {
                    case .escalated: escalated.append(instance.committee ?? "")
                    case .reminded: reminded.append(instance.committee ?? "")
                    default: if stored.event.action == "rectify" { rectified.insert(instance.committee ?? "") }
                    }
                }
            }
            let late = Set(accepted.filter { !onTime.contains($0) }.compactMap(\.committee))
            #expect(late.count == 2)
            #expect(Set(escalated) == late)
            #expect(escalated.count == 2)
            #expect(reminded == [plans[1].committee.name])
            #expect(rectified == Set(plans.filter(\.rectified).map(\.committee.name)))
            #expect(rectified.count == 6)
            #expect(timerEvents == escalated.count + reminded.count)

            let stats = try await engine.stats()
            #expect(stats.open == 1)  // the improvement work, still under way
            #expect(try await engine.queue(caller: office).map(\.instance.id) == [improvement])
            #expect(try await engine.verifyAudit().ok)
        }
    }

    /// The office opens improvement work for the accepted pilot.
    static func improve(_ engine: StreetFlowEngine, _ caller: Caller) async throws -> String {
        try await engine.submit(
            workflow: "improvement-work", subject: ["committee": .string("蓝天二村"), "goals": .string("总结试点经验，补齐短板")],
            comment: nil, idempotencyKey: nil, caller: caller
        ).instance.id
    }
}
