import Foundation
import ModerationCore
import PostgresClient

/// What to undo: the action an event belongs to, or the moderator's own last one.
public enum UndoTarget: Sendable, Equatable {
    case event(Int64)
    /// The newest action of this actor that changed comments, is not itself an undo, and is not undone.
    case lastBy(String)
}

/// What an undo did.
public struct UndoOutcome: Sendable, Codable {
    public let actionId: Int64
    public let undoneActionId: Int64
    public let undoneCommand: String
    public let changed: [ChangedComment]
    /// Comments already back where the undone action found them.
    public let unchanged: [Int64]
}

extension ReviewStore {
    /// Reverts every comment an action changed (a bulk action as one unit) to the status it had
    /// before, republishing at the original publication time where it had been published. All or
    /// nothing: a comment changed since the action is a conflict unless `force`.
    public static func undo(
        _ target: UndoTarget, actor: String, note: String? = nil, force: Bool = false, on db: PostgresConnection
    ) async throws -> UndoOutcome {
        try await db.transaction { tx in
            let undone = try await resolve(target, on: tx)
            let earlier = try await tx.query("""
                SELECT actor FROM moderation.moderator_actions WHERE undoes = \(undone.id)
                """)
            if let row = earlier.first {
                throw ReviewError.alreadyUndone(actionID: undone.id, by: try row.decode(String.self, at: 0))
            }
            let action: ModeratorAction
            do {
                // First: a concurrent undo of the same action waits here on the unique key, then fails.
                action = try await ModeratorActionStore.record(
                    actor: actor, command: "review undo",
                    detail: "{\"undone_command\":\(JSONText.quoted(undone.command))}", undoes: undone.id, on: tx)
            } catch let error as PostgresError where error.sqlState == "23505" {
                // Another undo of the same action committed after the check above.
                throw ReviewError.alreadyUndone(actionID: undone.id, by: "another moderator, at the same time")
            }
            let events = try await tx.query("""
                SELECT e.id, e.comment_id, e.from_status, e.to_status, e.version,
                       (SELECT max(p.at) FROM moderation.comment_events p
                        WHERE p.comment_id = e.comment_id AND p.id < e.id AND p.to_status = 'approved'
                          AND p.kind = 'decision')
                FROM moderation.comment_events e
                WHERE e.action_id = \(undone.id) AND e.kind = 'decision'
                ORDER BY e.comment_id
                """)
            guard !events.isEmpty else {
                throw ReviewError.notUndoable("action \(undone.id) (\(undone.command)) changed no comment")
            }
            let republishing = try events.contains { try $0.decode(String?.self, at: 2) == "approved" }
            let locked = try await lock(try events.map { try $0.decode(Int64.self, at: 1) }, withBodies: republishing, on: tx)
            var conflicts: [(LockedComment, ReviewConflict.Problem, Int?)] = []
            var transitions: [CommentTransition] = []
            var unchanged: [Int64] = []
            for event in events {
                let id = try event.decode(Int64.self, at: 1)
                guard let comment = locked[id], let before = try event.decode(String?.self, at: 2) else { continue }
                let after = try event.decode(String.self, at: 3)
                let version = try event.decode(Int?.self, at: 4)
                if comment.status == before {
                    unchanged.append(id)
                } else if (comment.status != after || comment.version != version) && !force {
                    conflicts.append((comment, .changed, version))
                } else if before == "approved" && !comment.hasBody {
                    conflicts.append((comment, .noBody, version))
                } else {
                    transitions.append(CommentTransition(
                        id: id, from: comment.status, to: before,
                        publishedAt: try event.decode(Date?.self, at: 5), body: comment.body))
                }
            }
            if !conflicts.isEmpty { try await refuse(conflicts, on: tx) }
            let changed = try await apply(
                transitions, actionID: action.id, actor: actor, reasons: [],
                note: note ?? "undo of action \(undone.id) (\(undone.command))", on: tx)
            return UndoOutcome(
                actionId: action.id, undoneActionId: undone.id, undoneCommand: undone.command,
                changed: changed, unchanged: unchanged)
        }
    }

    private static func resolve(_ target: UndoTarget, on tx: PostgresConnection) async throws -> ModeratorAction {
        switch target {
        case .event(let eventID):
            let rows = try await tx.query("""
                SELECT e.kind, e.action_id, e.actor FROM moderation.comment_events e WHERE e.id = \(eventID)
                """)
            guard let row = rows.first else { throw ReviewError.unknownEvent(eventID) }
            let kind = try row.decode(String.self, at: 0)
            guard let actionID = try row.decode(Int64?.self, at: 1) else {
                let actor = try row.decode(String.self, at: 2)
                throw ReviewError.notUndoable(
                    "event \(eventID) was recorded by \(actor), not by a moderator's action; decide the comment instead")
            }
            guard kind == "decision" else {
                let what = kind == "note" ? "a note" : kind == "erasure" ? "an erasure of personal data" : kind
                throw ReviewError.notUndoable("event \(eventID) is \(what), which stays in the history")
            }
            guard let action = try await ModeratorActionStore.find(id: actionID, on: tx) else {
                throw ReviewError.inconsistent("event \(eventID) names action \(actionID), which does not exist")
            }
            return action
        case .lastBy(let actor):
            let rows = try await tx.query("""
                SELECT a.id FROM moderation.moderator_actions a
                WHERE a.actor = \(actor) AND a.undoes IS NULL
                  AND EXISTS (SELECT 1 FROM moderation.comment_events e WHERE e.action_id = a.id AND e.kind = 'decision')
                  AND NOT EXISTS (SELECT 1 FROM moderation.moderator_actions u WHERE u.undoes = a.id)
                ORDER BY a.id DESC
                LIMIT 1
                """)
            guard let row = rows.first,
                  let action = try await ModeratorActionStore.find(id: try row.decode(Int64.self, at: 0), on: tx)
            else { throw ReviewError.nothingToUndo(actor: actor) }
            return action
        }
    }
}
