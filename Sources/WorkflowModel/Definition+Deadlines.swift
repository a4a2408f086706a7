import Foundation

extension WorkflowDefinition {
    /// When each not-yet-fired deadline of the instance's current state falls due: at the end (office time) of
    /// the N-th working day after entering the state, of a fixed date, or of the date in a subject field.
    public func pendingDeadlines(of instance: WorkflowInstance, calendar: WorkingCalendar) -> [(index: Int, due: Date)]
    {
        guard !instance.final, let state = state(instance.state) else { return [] }
        return state.deadlines.enumerated().compactMap { index, deadline in
            guard !instance.firedDeadlines.contains(index) else { return nil }
            let day: LocalDate?
            switch deadline.time {
            case .workingDays(let n):
                day = calendar.addingWorkingDays(n, to: LocalDate(instance.enteredStateAt))
            case .date(let date):
                day = date
            case .field(let key):
                let text = (instance.subject[key] ?? instance.fields[key])?.stringValue
                // A date field holds the date; an enum field's value names it (a phase's `ends`).
                day = text.flatMap { LocalDate($0) ?? field(key)?.values.first { $0.key == text }?.ends }
            }
            guard let day else { return nil }
            return (index, day.adding(days: 1).startOfDay())
        }
    }
}

extension WorkflowDefinition {
    /// The request's time limit in its current state: the first of the state's deadlines, whether or not it has
    /// fired (a reminder or an escalation that fired does not lift it: the request stays overdue until it moves).
    /// nil when the state has no deadline.
    public func dueDate(of instance: WorkflowInstance, calendar: WorkingCalendar) -> Date? {
        var unfired = instance
        unfired.firedDeadlines = []
        return pendingDeadlines(of: unfired, calendar: calendar).map(\.due).min()
    }

    /// The role an escalation deadline of the current state handed the request up to (the latest that fired), if
    /// any: the request is in that role's queue as well, marked 已上报.
    public func escalatedTo(_ instance: WorkflowInstance) -> Role? {
        guard !instance.final, let state = state(instance.state) else { return nil }
        for index in instance.firedDeadlines.reversed() {
            if let deadline = state.deadlines[safe: index], case .escalate(let role) = deadline.effect { return role }
        }
        return nil
    }
}
