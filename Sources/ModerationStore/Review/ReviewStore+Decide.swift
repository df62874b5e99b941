import Foundation
import ModerationCore
import PostgresClient

/// A moderator's decision on a set of comments.
public struct DecisionRequest: Sendable {
    public var ids: [Int64]
    public var decision: ReviewDecision
    public var actor: String
    /// As typed, e.g. `review reject`; recorded in the action log.
    public var command: String
    /// JSON object recorded with the action (the filter of a bulk decision, the ids).
    public var detail: String
    /// The version the moderator saw, per comment; a comment whose version moved on is a conflict.
    public var expectedVersions: [Int64: Int]
    public var note: String?
    /// Why, for reject and spam: recorded in the event as a `moderator_decision` reason.
    public var reason: String?
    /// Decide even comments that changed since, or that the worker has not decided yet.
    public var force: Bool

    public init(
        ids: [Int64], decision: ReviewDecision, actor: String, command: String, detail: String = "{}",
        expectedVersions: [Int64: Int] = [:], note: String? = nil, reason: String? = nil, force: Bool = false
    ) {
        self.ids = ids
        self.decision = decision
        self.actor = actor
        self.command = command
        self.detail = detail
        self.expectedVersions = expectedVersions
        self.note = note
        self.reason = reason
        self.force = force
    }
}

/// What a decision did.
public struct DecisionOutcome: Sendable, Codable {
    /// Nil when nothing needed changing.
    public let actionId: Int64?
    public let changed: [ChangedComment]
    /// Already in the decided status: left as they were (deciding twice is harmless).
    public let unchanged: [Int64]
}

extension ReviewStore {
    /// Applies a decision to every comment in `request.ids`, all or nothing: unknown ids or any conflict
    /// roll everything back. Approving publishes exactly as the worker does; deciding against a
    /// published comment withdraws it.
    public static func decide(_ request: DecisionRequest, on db: PostgresConnection) async throws -> DecisionOutcome {
        let ids = Array(Set(request.ids)).sorted()
        return try await db.transaction { tx in
            if request.force {
                // Taken first, before any comment lock: a worker holding the queue row finishes its
                // batch, and only then is the comment locked here (the other order could deadlock).
                try await tx.execute("DELETE FROM moderation.queue WHERE comment_id = ANY (\(ids)::bigint[])")
            }
            let target = request.decision.status
            let locked = try await lock(ids, withBodies: target == "approved", on: tx)
            var conflicts: [(LockedComment, ReviewConflict.Problem, Int?)] = []
            var transitions: [CommentTransition] = []
            var unchanged: [Int64] = []
            for id in ids {
                guard let comment = locked[id] else { continue }
                let expected = request.expectedVersions[id]
                if let expected, expected != comment.version, !request.force {
                    conflicts.append((comment, .changed, expected))
                } else if comment.status == "pending" && !request.force {
                    conflicts.append((comment, .pending, expected))
                } else if target == "approved" && !comment.hasBody && comment.status != target {
                    conflicts.append((comment, .noBody, expected))
                } else if comment.status == target {
                    unchanged.append(id)
                } else {
                    transitions.append(CommentTransition(
                        id: id, from: comment.status, to: target, publishedAt: nil, body: comment.body))
                }
            }
            if !conflicts.isEmpty { try await refuse(conflicts, on: tx) }
            guard !transitions.isEmpty else { return DecisionOutcome(actionId: nil, changed: [], unchanged: unchanged) }
            let action = try await ModeratorActionStore.record(
                actor: request.actor, command: request.command, detail: request.detail, on: tx)
            let changed = try await apply(
                transitions, actionID: action.id, actor: request.actor,
                reasons: moderatorReasons(request), note: request.note, on: tx)
            return DecisionOutcome(actionId: action.id, changed: changed, unchanged: unchanged)
        }
    }

    /// The reason a moderator's decision records in its event: the decision itself, with their words.
    static func moderatorReasons(_ request: DecisionRequest) -> [Reason] {
        let action: Decision = switch request.decision {
        case .approve: .approve
        case .reject: .reject
        case .spam: .spam
        case .restore: .hold
        }
        let message = request.reason ?? "Decided by \(request.actor)."
        return [Reason(code: "moderator_decision", rule: request.actor, action: action, message: message)]
    }

    /// Adds a note to a comment's history. The comment itself does not change (its version neither).
    public static func addNote(
        _ note: String, to id: Int64, actor: String, on db: PostgresConnection
    ) async throws -> CommentEvent {
        try await db.transaction { tx in
            let locked = try await lock([id], withBodies: false, on: tx)
            guard let comment = locked[id] else { throw ReviewError.unknownComments([id]) }
            let action = try await ModeratorActionStore.record(
                actor: actor, command: "review note", detail: "{\"comment\":\(id)}", on: tx)
            let rows = try await tx.query("""
                INSERT INTO moderation.comment_events AS e
                    (comment_id, actor, kind, from_status, to_status, note, action_id, version)
                VALUES (\(id), \(actor), 'note', \(comment.status), \(comment.status), \(note), \(action.id),
                        \(comment.version))
                RETURNING \(CommentEvent.columns)
                """)
            return try CommentEvent(row: rows[0])
        }
    }
}
