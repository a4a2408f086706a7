import Foundation
import Synchronization
import WorkflowModel

/// Long work — audit verification, backups — runs on its own thread against read snapshots, never on the engine
/// actor or the commit thread, so commands and the watchdog's health check go on meanwhile. One job of a kind at
/// a time: the next caller of the same kind is refused with `Busy` (naming the kind and when the running one
/// began) instead of queueing behind it, so repeated calls cannot pile up work.
final class LongWork: Sendable {
    /// The kinds of long work; each runs one at a time.
    enum Kind: String, Sendable {
        case auditVerification
        case backup
        case report

        var label: LocalizedText {
            switch self {
            case .auditVerification: LocalizedText(zh: "审计链校验", en: "audit verification")
            case .backup: LocalizedText(zh: "备份", en: "backup")
            case .report: LocalizedText(zh: "报表生成", en: "a report")
            }
        }
    }

    private let running = Mutex<[Kind: Date]>([:])
    private let queue = DispatchQueue(label: "streetflow.long-work", qos: .utility, attributes: .concurrent)

    /// Runs `body` on the long-work queue unless a job of `kind` is running, which refuses it with `Busy`.
    func run<T: Sendable>(_ kind: Kind, now: Date, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        let since = running.withLock { running -> Date? in
            if let since = running[kind] { return since }
            running[kind] = now
            return nil
        }
        if let since { throw WorkflowError.busy(kind, since: since) }
        defer { _ = running.withLock { $0.removeValue(forKey: kind) } }
        return try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}

extension WorkflowError.Code {
    /// Long work of the same kind (audit verification, backup) is running; `work` names it, `since` when it began.
    public static let busy = Self(rawValue: "Busy")
}

extension WorkflowError {
    static func busy(_ kind: LongWork.Kind, since: Date) -> WorkflowError {
        let time = since.ISO8601Format()
        return WorkflowError(
            .busy,
            LocalizedText(
                zh: "\(kind.label.zh)正在进行（开始于 \(time)），请稍后再试",
                en: "\(kind.label.text(.en)) is already running (since \(time)); try again later"),
            ["work": .string(kind.rawValue), "since": .string(time)])
    }
}
