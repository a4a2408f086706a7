import Foundation
import WorkflowModel
import WorkflowStore

/// What the inbox shows a person: their notices, how many are unread, and what waits in their queue.
public struct Inbox: Hashable, Sendable {
    public var notices: [StoredNotice]
    /// The listed notices that asked their recipient to act on a request that no longer waits for them (it moved
    /// on or ended): done, whoever did it, so the inbox says so instead of 待您办理 for work that no longer waits.
    public var handled: Set<Int64> = []
    public var unread: Int
    /// Requests in the caller's queue, and how many of them are overdue.
    public var waiting: Int
    public var overdue: Int
}

extension StreetFlowEngine {
    /// The caller's inbox: notices for them, their roles, departments and committees (newest first); with
    /// `markRead`, those listed are marked read for them (durably, before the reply).
    public func inbox(caller: Caller, unreadOnly: Bool, markRead: Bool, limit: Int) async throws -> Inbox {
        let recipients = Notice.recipients(of: caller.actor)
        let uid = caller.actor.uid
        let limit = min(max(0, limit), 500)
        let catalog = self.catalog
        let (notices, unread, handled) = try read { tx in
            let notices = try tx.notices(
                recipients: recipients, uid: uid, unreadOnly: unreadOnly, afterID: 0, limit: limit)
            // A notice that asked its recipient to act is done once the request no longer waits for that recipient
            // (it moved on or ended), or waits for them at a later step: a newer 待您办理 / 退回 of it went to them.
            // (Not by time: the notice's and the event's clock readings may differ by a millisecond.)
            var handled: Set<Int64> = []
            var current: [String: Set<String>?] = [:]
            var asked: Set<[String]> = []  // (request, recipient) with a newer step asked, newest first
            for stored in notices where stored.notice.kind.asksToAct {
                guard let id = stored.notice.instanceID else { continue }
                if current[id] == nil {
                    current[id] = .some(
                        try tx.instance(id).map { instance in
                            let definition = catalog.definition(instance.workflow, version: instance.definitionVersion)
                            return definition?.waitsFor(instance) ?? []
                        })
                }
                guard let waitsFor = current[id] ?? nil else { continue }
                let key = [id, stored.notice.recipient]
                if !waitsFor.contains(stored.notice.recipient) || asked.contains(key) {
                    handled.insert(stored.id)
                }
                if stored.notice.kind == .waiting || stored.notice.kind == .returned { asked.insert(key) }
            }
            return (notices, try tx.unreadNotices(recipients: recipients, uid: uid), handled)
        }
        let queue = try self.queue(caller: caller)
        let ids = notices.filter { !$0.read }.map(\.id)
        if markRead, !ids.isEmpty {
            try await perform { tx in try tx.markNoticesRead(uid: uid, ids: ids) }
        }
        return Inbox(
            notices: notices, handled: handled, unread: markRead ? unread - ids.count : unread, waiting: queue.count,
            overdue: queue.filter(\.overdue).count)
    }

    /// Every notice after `afterID`, oldest first, at most `limit` (for the notifier, which delivers them all).
    public func allNotices(afterID: Int64, limit: Int) throws -> [StoredNotice] {
        try read { tx in try tx.allNotices(afterID: afterID, limit: min(max(1, limit), 1000)) }
    }

    /// Writes a notice not tied to a request (e.g. to the administrators).
    func notify(_ notices: [Notice]) async throws {
        let now = clock.now()
        published(try await perform { tx in try tx.addNotices(notices, at: now) })
    }
}
