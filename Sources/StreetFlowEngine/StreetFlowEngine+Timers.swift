import Foundation
import WorkflowModel
import WorkflowStore

extension StreetFlowEngine {
    /// Fires every timer due by now, each exactly once: its events and the timer's removal commit together.
    /// Returns the number of events recorded. Timers whose time passed while the daemon was down fire here.
    @discardableResult
    public func fireDueTimers() async throws -> Int {
        var recorded = 0
        while true {
            let now = clock.now()
            let due = try read { try $0.dueTimers(at: now, limit: 256) }
            if due.isEmpty { return recorded }
            let catalog = self.catalog
            let (results, failure) = await withTaskGroup(of: Result<CommandResult?, any Error>.self) { group in
                for timer in due {
                    group.addTask { [self] in
                        do {
                            return .success(
                                try await self.perform { tx in try self.fire(timer, catalog: catalog, tx: tx, now: now)
                                })
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                var results: [CommandResult] = []
                var failure: (any Error)?
                for await result in group {
                    switch result {
                    case .success(let result?): results.append(result)
                    case .success(nil): break
                    case .failure(let error): failure = failure ?? error
                    }
                }
                return (results, failure)
            }
            for result in results {
                recorded += result.events.count
                published(result)
            }
            // A timer whose commit failed is still due: stop rather than retry it at once, forever.
            if let failure { throw failure }
        }
    }

    /// The next time a timer falls due.
    public func nextTimerDue() throws -> Date? {
        try read { try $0.nextTimer()?.due }
    }

    nonisolated func fire(
        _ timer: TimerRecord, catalog: EngineCatalog, tx: any StoreTransaction, now: Date
    ) throws
        -> CommandResult?
    {
        // Exactly once, also across daemons on one store: only the transaction that removed the timer fires it.
        guard try tx.deleteTimer(timer) else { return nil }
        guard let instance = try tx.instance(timer.instanceID),
            let definition = catalog.definition(instance.workflow, version: instance.definitionVersion)
        else { return nil }
        let context = try context(tx, catalog: catalog, for: definition)
        let command = WorkflowCommand.fireDeadline(
            index: timer.deadlineIndex, enteredStateVersion: timer.enteredStateVersion)
        switch definition.transition(instance: instance, command: command, actor: .system, context: context) {
        case .success(let events):
            var updated = instance
            for event in events { updated.apply(event, definition: definition) }
            return try Self.record(
                events, instance: updated, definition: definition, catalog: catalog, idempotent: nil, uid: 0,
                tx: tx,
                now: now)
        case .failure(let error) where error.code == .timerStale:
            return nil
        case .failure(let error):
            // A deadline action whose guards fail: keep the timer gone, note it in the log.
            logger.warning(
                "Deadline action refused", metadata: ["instance": "\(instance.id)", "error": "\(error.code.rawValue)"])
            return nil
        }
    }
}

extension StreetFlowEngine {
    /// The store-meta key of the calendar the stored deadlines were computed under.
    static let deadlinesCalendarKey = "deadlines.calendar"

    /// Recomputes the timers of open requests whose deadlines the calendar in force moves (the office added a
    /// year of holidays, or the daemon restarted with one): each moved request gets a `rescheduled` event naming
    /// the old and the new last day, committed with its new timers. Returns the number of requests moved.
    @discardableResult
    func rescheduleDeadlines() async throws -> Int {
        let catalog = self.catalog
        let now = clock.now()
        let at = AuditChain.date(milliseconds: AuditChain.milliseconds(now))
        // Deadlines depend on the working calendar only (a definition version never changes): with the calendar the
        // store's deadlines were computed under, there is nothing to walk — a restart does not read every open
        // request of a large store.
        let calendarID = catalog.calendar.fingerprint
        let results: [CommandResult] = try await perform { tx in
            if try tx.meta(Self.deadlinesCalendarKey) == calendarID { return [] }
            defer { try? tx.setMeta(Self.deadlinesCalendarKey, calendarID) }
            var results: [CommandResult] = []
            for (id, timers) in Dictionary(grouping: try tx.timers(), by: \.instanceID).sorted(by: { $0.key < $1.key })
            {
                guard let instance = try tx.instance(id), !instance.final,
                    let definition = catalog.definition(instance.workflow, version: instance.definitionVersion)
                else { continue }
                let fresh = definition.pendingDeadlines(of: instance, calendar: catalog.calendar)
                let moved = timers.compactMap { timer -> (index: Int, from: Date, to: Date)? in
                    guard timer.enteredStateVersion == instance.enteredStateVersion,
                        let due = fresh.first(where: { $0.index == timer.deadlineIndex })?.due, due != timer.due
                    else { return nil }
                    return (timer.deadlineIndex, timer.due, due)
                }
                guard let first = moved.min(by: { $0.index < $1.index }) else { continue }
                // The last working day before each due instant, as the office reads a deadline.
                func day(_ due: Date) -> String { LocalDate(due.addingTimeInterval(-1)).description }
                let event = WorkflowEvent(
                    sequence: instance.version + 1, kind: .rescheduled, action: "reschedule", from: instance.state,
                    to: instance.state, definitionVersion: instance.definitionVersion, actor: .system,
                    comment: "工作日历已更新，期限由 \(day(first.from)) 改为 \(day(first.to))",
                    fields: [
                        "deadline": .int(first.index), "previousDue": .string(day(first.from)),
                        "due": .string(day(first.to)),
                    ], at: at)
                var updated = instance
                updated.apply(event, definition: definition)
                results.append(
                    try Self.record(
                        [event], instance: updated, definition: definition, catalog: catalog, idempotent: nil, uid: 0,
                        tx: tx, now: now))
            }
            return results
        }
        for result in results { published(result) }
        return results.count
    }
}
