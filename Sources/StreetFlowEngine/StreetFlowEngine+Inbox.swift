import Foundation
import WorkflowModel
import WorkflowStore

/// What the inbox shows a person: their notices, how many are unread, and what waits in their queue.
public struct Inbox: Hashable, Sendable {
    public var notices: [StoredNotice]
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
        let (notices, unread) = try read { tx in
            (
                try tx.notices(recipients: recipients, uid: uid, unreadOnly: unreadOnly, afterID: 0, limit: limit),
                try tx.unreadNotices(recipients: recipients, uid: uid)
            )
        }
        let queue = try self.queue(caller: caller)
        let ids = notices.filter { !$0.read }.map(\.id)
        if markRead, !ids.isEmpty {
            try await perform { tx in try tx.markNoticesRead(uid: uid, ids: ids) }
        }
        return Inbox(
            notices: notices, unread: markRead ? unread - ids.count : unread, waiting: queue.count,
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
