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
