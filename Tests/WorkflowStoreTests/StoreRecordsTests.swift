import Foundation
import StoreTestSupport
import Testing
import WorkflowModel
import WorkflowStore

struct StoreRecordsTests {
    @Test(arguments: StoreKind.allCases) func attachmentsAreContentAddressedAndCapped(kind: StoreKind) throws {
        try TestStores.with(kind, attachmentLimit: 1000) { test in
            let store = test.store
            let photo = Data((0..<1000).map { UInt8($0 % 251) })
            let first = try store.write { try $0.putAttachment(photo, mediaType: "image/png", at: StoreFixture.time()) }
            let again = try store.write {
                try $0.putAttachment(photo, mediaType: "image/png", at: StoreFixture.time(1))
            }
            #expect(first == AuditChain.sha256(photo))
            #expect(again == first)
            #expect(try store.read { try $0.attachment(first) } == photo)
            #expect(try store.read { try $0.attachment(AuditChain.sha256(Data("other".utf8))) } == nil)

            let tooLarge = photo + Data([0])
            let error = #expect(throws: StoreError.self) {
                try store.write { try $0.putAttachment(tooLarge, mediaType: "image/png", at: StoreFixture.time()) }
            }
            #expect(error?.code == .attachmentTooLarge)
            #expect(try store.read { try $0.attachment(AuditChain.sha256(tooLarge)) } == nil)
        }
    }

    @Test(arguments: StoreKind.allCases) func aWorkflowsTransitionsStreamInTheOrderRecorded(kind: StoreKind) throws {
        try TestStores.with(kind) { test in
            let store = test.store
            let office = StoreFixture.actor(uid: 3001, roles: [.office])
            try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-1"), in: store)
            try StoreFixture.store(StoreFixture.taskRequest(id: "TA-1"), in: store)
            try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-2", at: StoreFixture.time(5)), in: store)
            try StoreFixture.act("forward", on: "PA-2", in: store, actor: office, at: StoreFixture.time(30))
            try StoreFixture.act("forward", on: "TA-1", in: store, actor: office, at: StoreFixture.time(40))
            try StoreFixture.act("return", on: "PA-1", in: store, actor: office, comment: "请写明全称")
            // What the whole events say, in the chain's order: the plaque requests' transitions only.
            let expected = try store.read { tx in
                try ["PA-1", "PA-2"].flatMap { try tx.events(of: $0) }
            }.filter { $0.event.kind == .transitioned }.sorted { $0.globalSequence < $1.globalSequence }.map {
                TransitionRecord(instanceID: $0.instanceID, action: $0.event.action, to: $0.event.to, at: $0.event.at)
            }
            var streamed: [TransitionRecord] = []
            try store.read { tx in try tx.forEachTransition(workflow: "plaque-admission") { streamed.append($0) } }
            #expect(streamed == expected)
            #expect(streamed.map(\.instanceID) == ["PA-2", "PA-1"])
            #expect(streamed.map(\.action) == ["forward", "return"])
            #expect(streamed.first?.at == StoreFixture.time(30))
            var none = 0
            try store.read { tx in try tx.forEachTransition(workflow: "board-admission") { _ in none += 1 } }
            #expect(none == 0)
        }
    }

    @Test(arguments: StoreKind.allCases) func idempotencyRecordsArePerUserAndKey(kind: StoreKind) throws {
        try TestStores.with(kind) { test in
            let store = test.store
            func record(_ key: String, _ reply: String, uid: UInt32 = 1000) -> IdempotencyRecord {
                IdempotencyRecord(
                    uid: uid, key: key, method: "Act", target: "PA-1", requestSHA256: "abc", instanceID: "PA-1",
                    reply: Data(reply.utf8), createdAt: StoreFixture.time())
            }
            try store.write { try $0.saveIdempotencyRecord(record("k-1", "one")) }
            let stored = try #require(try store.read { try $0.idempotencyRecord(uid: 1000, key: "k-1") })
            #expect(stored == record("k-1", "one"))
            #expect(try store.read { try $0.idempotencyRecord(uid: 1001, key: "k-1") } == nil)
            #expect(try store.read { try $0.idempotencyRecord(uid: 1000, key: "k-2") } == nil)
            // A second record for the same key is refused; the first stays.
            #expect(throws: StoreError.self) {
                try store.write { try $0.saveIdempotencyRecord(record("k-1", "two")) }
            }
            #expect(try store.read { try $0.idempotencyRecord(uid: 1000, key: "k-1") }?.reply == Data("one".utf8))
        }
    }

    @Test(arguments: StoreKind.allCases) func timersComeDueEarliestFirst(kind: StoreKind) throws {
        try TestStores.with(kind) { test in
            let store = test.store
            for id in ["PA-1", "PA-2"] { try StoreFixture.store(StoreFixture.plaqueRequest(id: id), in: store) }
            let t0 = StoreFixture.time()
            let a = TimerRecord(
                instanceID: "PA-1", deadlineIndex: 0, enteredStateVersion: 1, due: t0.addingTimeInterval(300))
            let b = TimerRecord(
                instanceID: "PA-1", deadlineIndex: 1, enteredStateVersion: 1, due: t0.addingTimeInterval(100))
            let c = TimerRecord(
                instanceID: "PA-2", deadlineIndex: 0, enteredStateVersion: 1, due: t0.addingTimeInterval(200))
            try store.write { tx in
                try tx.replaceTimers(of: "PA-1", with: [a, b])
                try tx.replaceTimers(of: "PA-2", with: [c])
            }
            #expect(try store.read { try $0.nextTimer() } == b)
            #expect(try store.read { try $0.dueTimers(at: t0.addingTimeInterval(99), limit: 10) }.isEmpty)
            #expect(try store.read { try $0.dueTimers(at: t0.addingTimeInterval(200), limit: 10) } == [b, c])
            #expect(try store.read { try $0.dueTimers(at: t0.addingTimeInterval(1000), limit: 10) } == [b, c, a])
            #expect(try store.read { try $0.dueTimers(at: t0.addingTimeInterval(1000), limit: 2) } == [b, c])

            #expect(try store.write { try $0.deleteTimer(b) })
            // A timer removed already (another daemon fired it) is not removed twice.
            #expect(try store.write { try $0.deleteTimer(b) } == false)
            #expect(try store.read { try $0.dueTimers(at: t0.addingTimeInterval(1000), limit: 10) } == [c, a])
            // Replacing drops the old timers of that instance only.
            let d = TimerRecord(
                instanceID: "PA-1", deadlineIndex: 0, enteredStateVersion: 2, due: t0.addingTimeInterval(50))
            try store.write { try $0.replaceTimers(of: "PA-1", with: [d]) }
            #expect(try store.read { try $0.dueTimers(at: t0.addingTimeInterval(1000), limit: 10) } == [d, c])
            // A timer for an instance that does not exist violates the foreign key.
            let orphan = TimerRecord(instanceID: "PA-404", deadlineIndex: 0, enteredStateVersion: 1, due: t0)
            #expect(throws: StoreError.self) { try store.write { try $0.replaceTimers(of: "PA-404", with: [orphan]) } }
        }
    }

    /// Seven requests, one a minute: plaque requests from health (uid 2001) and civil (uid 2002) for two
    /// committees, and task requests, one without a committee.
    static func populated(_ store: any WorkflowStore) throws {
        let requests = [
            StoreFixture.plaqueRequest(
                id: "PA-1", committee: "蓝天二村", department: "health", uid: 2001, text: "健康小屋", at: StoreFixture.time(1)),
            StoreFixture.plaqueRequest(
                id: "PA-2", committee: "莱顿", department: "health", uid: 2001, text: "家庭医生工作室", at: StoreFixture.time(2)),
            StoreFixture.plaqueRequest(
                id: "PA-3", committee: "蓝天二村", department: "civil", uid: 2002, text: "养老顾问点", at: StoreFixture.time(3)),
            StoreFixture.taskRequest(
                id: "TA-4", committee: nil, department: "civil", uid: 2002, at: StoreFixture.time(4)),
            StoreFixture.taskRequest(
                id: "TA-5", committee: "莱顿", department: "health", uid: 2001, at: StoreFixture.time(5)),
            StoreFixture.plaqueRequest(
                id: "PA-6", committee: "莱顿", department: "civil", uid: 2002, text: "100%_满意", at: StoreFixture.time(6)),
            StoreFixture.plaqueRequest(
                id: "PA-7", committee: "北门", department: "police", uid: 2003, text: "警务室", at: StoreFixture.time(7)),
        ]
        for request in requests { try StoreFixture.store(request, in: store) }
        try StoreFixture.act("forward", on: "PA-1", in: store, actor: StoreFixture.actor(uid: 3001, roles: [.office]))
    }

    static func ids(_ store: any WorkflowStore, _ filter: InstanceFilter) throws -> [String] {
        try store.read { try $0.instances(filter) }.map(\.id)
    }

    @Test(arguments: StoreKind.allCases) func filtersInstances(kind: StoreKind) throws {
        try TestStores.with(kind) { test in
            let store = test.store
            try Self.populated(store)
            #expect(try Self.ids(store, InstanceFilter()) == ["PA-7", "PA-6", "TA-5", "TA-4", "PA-3", "PA-2", "PA-1"])
            #expect(try Self.ids(store, InstanceFilter(workflow: "task-admission")) == ["TA-5", "TA-4"])
            #expect(try Self.ids(store, InstanceFilter(state: "street-review")) == ["PA-1"])
            #expect(try Self.ids(store, InstanceFilter(committee: "莱顿")) == ["PA-6", "TA-5", "PA-2"])
            #expect(try Self.ids(store, InstanceFilter(department: "civil")) == ["PA-6", "TA-4", "PA-3"])
            #expect(try Self.ids(store, InstanceFilter(submitterUID: 2003)) == ["PA-7"])
            #expect(
                try Self.ids(store, InstanceFilter(createdFrom: StoreFixture.time(3), createdTo: StoreFixture.time(5)))
                    == ["TA-4", "PA-3"])
            #expect(try Self.ids(store, InstanceFilter(text: "医生")) == ["PA-2"])
            #expect(try Self.ids(store, InstanceFilter(text: "TA-4")) == ["TA-4"])
            // LIKE wildcards in the text are literal.
            #expect(try Self.ids(store, InstanceFilter(text: "%_")) == ["PA-6"])
            #expect(try Self.ids(store, InstanceFilter(text: "_")) == ["PA-6"])
            #expect(
                try Self.ids(store, InstanceFilter(workflow: "plaque-admission", committee: "莱顿", department: "health"))
                    == ["PA-2"])
        }
    }

    /// A request written again keeps its place in every list (the write skips the columns it did not change), moves
    /// with its committee when that changes.
    @Test(arguments: StoreKind.allCases) func aRequestWrittenAgainKeepsItsListsAndMovesWithItsCommittee(
        kind: StoreKind
    ) throws {
        try TestStores.with(kind) { test in
            let store = test.store
            try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-1", committee: "蓝天二村"), in: store)
            try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-2", committee: "莱顿"), in: store)
            let office = StoreFixture.actor(uid: 3001, roles: [.office])
            let forwarded = try StoreFixture.act("forward", on: "PA-1", in: store, actor: office, comment: "同意")
            #expect(try Self.ids(store, InstanceFilter(committee: "蓝天二村")) == ["PA-1"])
            #expect(try Self.ids(store, InstanceFilter(department: "health")) == ["PA-2", "PA-1"])
            #expect(try Self.ids(store, InstanceFilter(state: "street-review")) == ["PA-1"])
            #expect(try Self.ids(store, InstanceFilter(state: "office-review")) == ["PA-2"])
            #expect(try store.read { try $0.instance("PA-1") } == forwarded)

            // The same request under another committee (as an amended subject would leave it).
            let events = try StoreFixture.plaque.transition(
                instance: forwarded, command: .act(action: "return", comment: "改挂莱顿", fields: [:]),
                actor: StoreFixture.actor(uid: 4001, roles: [.street]),
                context: TransitionContext(now: StoreFixture.time(90), separationOfDuties: false)
            ).get()
            var moved = forwarded
            for event in events { moved.apply(event, definition: StoreFixture.plaque) }
            moved.committee = "莱顿"
            try store.write { tx in _ = try tx.append(events, to: moved, summary: "卫生服务点") }
            #expect(try Self.ids(store, InstanceFilter(committee: "蓝天二村")) == [])
            #expect(try Self.ids(store, InstanceFilter(committee: "莱顿")) == ["PA-2", "PA-1"])
            #expect(try store.read { try $0.instance("PA-1") } == moved)

            #expect(try store.read { try $0.events(of: "PA-1") }.count == 1 + 1 + events.count)
        }
    }

    @Test(arguments: StoreKind.allCases) func pagesWithACursor(kind: StoreKind) throws {
        try TestStores.with(kind) { test in
            let store = test.store
            try Self.populated(store)
            var pages: [[String]] = []
            var cursor: String?
            repeat {
                let page = try store.read { try $0.instances(InstanceFilter(cursor: cursor, limit: 3)) }
                pages.append(page.map(\.id))
                cursor = page.count == 3 ? page.last.map(InstanceFilter.cursor(after:)) : nil
            } while cursor != nil
            #expect(pages == [["PA-7", "PA-6", "TA-5"], ["TA-4", "PA-3", "PA-2"], ["PA-1"]])
        }
    }

    @Test(arguments: StoreKind.allCases) func cursorPagingKeepsOrderWhenRequestsShareAMillisecond(
        kind: StoreKind
    ) throws {
        try TestStores.with(kind) { test in
            let store = test.store
            for n in 0..<5 {
                try StoreFixture.store(StoreFixture.plaqueRequest(id: "PA-\(n)", at: StoreFixture.time()), in: store)
            }
            let first = try store.read { try $0.instances(InstanceFilter(limit: 2)) }
            let cursor = InstanceFilter.cursor(after: first[1])
            let rest = try store.read { try $0.instances(InstanceFilter(cursor: cursor, limit: 10)) }
            #expect(first.map(\.id) + rest.map(\.id) == ["PA-4", "PA-3", "PA-2", "PA-1", "PA-0"])
        }
    }

    @Test(arguments: StoreKind.allCases) func visibilityAdmitsOwnDepartmentsCommitteesAndOwnRequests(
        kind: StoreKind
    ) throws {
        try TestStores.with(kind) { test in
            let store = test.store
            try Self.populated(store)
            let health = Visibility(terms: [.submitter(2001), .departments(["health"])])
            #expect(try Self.ids(store, InstanceFilter(visibility: health)) == ["TA-5", "PA-2", "PA-1"])
            // A committee sees what names it and the tasks admitted for every committee.
            let lantian2 = Visibility(terms: [
                .submitter(5001), .committees(["蓝天二村"]), .blankCommittee(workflows: ["task-admission"]),
            ])
            #expect(try Self.ids(store, InstanceFilter(visibility: lantian2)) == ["TA-4", "PA-3", "PA-1"])
            // Someone with neither sees only what they submitted.
            let police = Visibility(terms: [.submitter(2003)])
            #expect(try Self.ids(store, InstanceFilter(visibility: police)) == ["PA-7"])
            let nobody = Visibility(terms: [.submitter(9999)])
            #expect(try Self.ids(store, InstanceFilter(visibility: nobody)).isEmpty)
            // Visibility narrows the other filters, never widens them.
            #expect(try Self.ids(store, InstanceFilter(committee: "莱顿", visibility: health)) == ["TA-5", "PA-2"])
            #expect(try store.read { try $0.openInstances(InstanceFilter(visibility: lantian2)) }.count == 3)
        }
    }

    /// The one visibility rule: the SQL a store derives from each term admits exactly what the Swift evaluation
    /// (get, act, watch) admits, for every principal of the shipped definitions.
    @Test(arguments: StoreKind.allCases) func sqlVisibilityAgreesWithTheSwiftRule(kind: StoreKind) throws {
        try TestStores.with(kind) { test in
            let store = test.store
            try Self.populated(store)
            let all = try store.read { try $0.instances(InstanceFilter(limit: 100)) }
            let definitions = ["plaque-admission", "task-admission"].map(StoreFixture.definition)
            let principals: [Principal] = [
                StoreFixture.actor(uid: 2001, roles: [.department("health")]),
                StoreFixture.actor(uid: 2002, roles: [.department("civil"), .committee("莱顿")]),
                StoreFixture.actor(uid: 5001, roles: [.committee("蓝天二村")]),
                StoreFixture.actor(uid: 5002, roles: [.committee("北门"), .committee("莱顿")]),
                StoreFixture.actor(uid: 2003, roles: []),
                StoreFixture.actor(uid: 9999, roles: [.department("police")]),
                StoreFixture.actor(uid: 3001, roles: [.office]),
            ]
            var admittedSomewhere = 0
            for principal in principals {
                let visibility = Visibility.of(principal, definitions: definitions)
                let swift = all.filter { visibility.admits($0) }.map(\.id)
                let sql = try Self.ids(store, InstanceFilter(visibility: visibility, limit: 100))
                #expect(sql == swift, "\(principal.roles)")
                let open = try store.read { try $0.openInstances(InstanceFilter(visibility: visibility, limit: 100)) }
                #expect(Set(open.map(\.id)) == Set(all.filter { !$0.final && visibility.admits($0) }.map(\.id)))
                admittedSomewhere += swift.count
            }
            #expect(admittedSomewhere > 0)
            // The blank-committee term comes from the definition (`blank: all`), not from a workflow name.
            let committee = StoreFixture.actor(uid: 5001, roles: [.committee("蓝天二村")])
            #expect(Visibility.of(committee, definitions: definitions)?.admits(all.first { $0.id == "TA-4" }!) == true)
            #expect(Visibility.of(committee, definitions: [])?.admits(all.first { $0.id == "TA-4" }!) == false)
        }
    }

    @Test(arguments: StoreKind.allCases) func countsOpenInstancesByState(kind: StoreKind) throws {
        try TestStores.with(kind) { test in
            let store = test.store
            try Self.populated(store)
            let counts = try store.read { try $0.countsByState() }
            #expect(
                counts.map { "\($0.workflow)/\($0.state)=\($0.count)" } == [
                    "plaque-admission/office-review=4", "plaque-admission/street-review=1",
                    "task-admission/office-review=2",
                ])
        }
    }
}
