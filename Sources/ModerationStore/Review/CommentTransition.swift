import Foundation
import ModerationCore
import PostgresClient

/// One comment moving from one status to another under a moderator's action.
struct CommentTransition: Sendable {
    let id: Int64
    let from: String
    let to: String
    /// The publication time when `to` is approved: now for an approval, the original time for an undo
    /// that republishes (a restored comment goes back to its place in the thread).
    let publishedAt: Date?
    let body: String?
}

/// A comment a moderator's action changed.
public struct ChangedComment: Sendable, Equatable, Codable {
    public let id: Int64
    public let fromStatus: String
    public let toStatus: String
    /// The comment's version after the change.
    public let version: Int
    /// The event recording the change: what `review undo` takes.
    public let eventId: Int64
}

/// The comment row as a change found it, locked.
struct LockedComment: Sendable {
    let id: Int64
    let status: String
    let version: Int
    /// Nil unless read (see `lock`).
    let body: String?
    let hasBody: Bool
}

extension ReviewStore {
    /// Locks the comments in id order (two moderators' bulk actions then cannot deadlock) and fails
    /// when an id does not exist. Bodies are read only when something may be published: a bulk
    /// rejection of thousands has no use for them.
    static func lock(_ ids: [Int64], withBodies: Bool, on tx: PostgresConnection) async throws -> [Int64: LockedComment] {
        let rows = try await tx.query("""
            SELECT c.id, c.status, c.version, CASE WHEN \(withBodies) THEN c.body END, c.body IS NOT NULL
            FROM moderation.comments c
            WHERE c.id = ANY (\(ids)::bigint[])
            ORDER BY c.id
            FOR UPDATE
            """)
        var locked: [Int64: LockedComment] = [:]
        for row in rows {
            let comment = LockedComment(
                id: try row.decode(Int64.self, at: 0), status: try row.decode(String.self, at: 1),
                version: try row.decode(Int.self, at: 2), body: try row.decode(String?.self, at: 3),
                hasBody: try row.decode(Bool.self, at: 4))
            locked[comment.id] = comment
        }
        let missing = Set(ids).subtracting(locked.keys).sorted()
        if !missing.isEmpty { throw ReviewError.unknownComments(missing) }
        return locked
    }

    /// The last event of each comment, for conflict messages.
    static func lastChanges(of ids: [Int64], on tx: PostgresConnection) async throws -> [Int64: ReviewConflict.LastChange] {
        let rows = try await tx.query("""
            SELECT DISTINCT ON (e.comment_id) e.comment_id, e.actor, e.kind, e.from_status, e.to_status,
                   extract(epoch FROM now() - e.at)::float8
            FROM moderation.comment_events e
            WHERE e.comment_id = ANY (\(ids)::bigint[])
            ORDER BY e.comment_id, e.id DESC
            """)
        var changes: [Int64: ReviewConflict.LastChange] = [:]
        for row in rows {
            changes[try row.decode(Int64.self, at: 0)] = ReviewConflict.LastChange(
                actor: try row.decode(String.self, at: 1), kind: try row.decode(String.self, at: 2),
                fromStatus: try row.decode(String?.self, at: 3), toStatus: try row.decode(String.self, at: 4),
                secondsAgo: try row.decode(Double.self, at: 5))
        }
        return changes
    }

    /// Builds the conflict list (with each comment's last change) and throws it.
    static func refuse(_ conflicts: [(LockedComment, ReviewConflict.Problem, Int?)], on tx: PostgresConnection) async throws -> Never {
        let changes = try await lastChanges(of: conflicts.map(\.0.id), on: tx)
        throw ReviewError.conflicts(conflicts.map { comment, problem, expected in
            ReviewConflict(id: comment.id, problem: problem, status: comment.status, version: comment.version,
                           expectedVersion: expected, lastChange: changes[comment.id])
        })
    }

    /// Writes the transitions in one statement: each comment's status (guarded by the status it was
    /// locked in), publication state and version, its event, the queue row when it goes back to
    /// pending, and the notifications: `comment_published` for each comment now published (the
    /// worker's payload) and `comment_unpublished` for each one withdrawn, so blogs that cache
    /// published comments can drop it.
    ///
    /// Like the worker's write, the action keeps held_comments and approved_authors in step itself,
    /// set-based, and the row-level triggers that would do it one row at a time stand aside (sql/0013:
    /// a bulk rejection of 16,000 comments took 1.3 s through them against 0.5 s before). The statement
    /// keeps the held rows; a second one adds and drops authors through the functions the triggers use
    /// (sql/0009), after the change, which is what shows whether an author has any approved comment
    /// left, and ends the standing aside for the rest of the transaction.
    static func apply(
        _ transitions: [CommentTransition], actionID: Int64, actor: String, reasons: [Reason], note: String?,
        on tx: PostgresConnection
    ) async throws -> [ChangedComment] {
        guard !transitions.isEmpty else { return [] }
        let html = transitions.map { $0.to == "approved" ? HTMLRenderer.render($0.body ?? "") : nil }
        let rows = try await tx.query("""
            WITH v AS (
                SELECT * FROM unnest(\(transitions.map(\.id))::bigint[], \(transitions.map(\.from))::text[],
                                     \(transitions.map(\.to))::text[], \(html)::text[],
                                     \(transitions.map(\.publishedAt))::timestamptz[])
                    AS v(id, from_status, to_status, html, published_at)
                -- A one-time filter, run before any row changes (see sql/0011).
                WHERE (SELECT set_config('commentmod.derived_tables', 'kept_by_statement', true)) IS NOT NULL
            ), changed AS (
                UPDATE moderation.comments c
                SET status = v.to_status, body_html = v.html,
                    published_at = CASE WHEN v.to_status = 'approved' THEN coalesce(v.published_at, now()) END,
                    decided_at = CASE WHEN v.to_status = 'pending' THEN NULL ELSE now() END,
                    version = c.version + 1
                FROM v
                WHERE c.id = v.id AND c.status = v.from_status
                RETURNING c.id, c.site_id, c.post_id, v.from_status, c.status, c.version
            ), held_gone AS (
                DELETE FROM moderation.held_comments h USING changed
                WHERE h.comment_id = changed.id AND changed.from_status = 'held' AND changed.status <> 'held'
            ), held_added AS (
                INSERT INTO moderation.held_comments (comment_id, site_id)
                SELECT id, site_id FROM changed WHERE status = 'held' AND from_status <> 'held' ORDER BY id
                ON CONFLICT DO NOTHING
            ), events AS (
                INSERT INTO moderation.comment_events
                    (comment_id, actor, kind, from_status, to_status, reasons, note, action_id, version)
                SELECT id, \(actor), 'decision', from_status, status, \(ReasonsJSON.encode(reasons))::jsonb,
                       \(note), \(actionID), version
                FROM changed
                RETURNING id, comment_id
            ), requeued AS (
                INSERT INTO moderation.queue (comment_id) SELECT id FROM changed WHERE status = 'pending'
            ), published AS (
                SELECT pg_notify('comment_published',
                                 moderation.comment_notice(id, site_id, post_id))
                FROM changed WHERE status = 'approved'
            ), unpublished AS (
                SELECT pg_notify('comment_unpublished',
                                 moderation.comment_notice(id, site_id, post_id))
                FROM changed WHERE from_status = 'approved' AND status <> 'approved'
            )
            SELECT c.id, c.from_status, c.status, c.version, e.id,
                   (SELECT count(*) FROM published) + (SELECT count(*) FROM unpublished)
            FROM changed c JOIN events e ON e.comment_id = c.id
            ORDER BY c.id
            """)
        // Every comment is locked in the status the transition starts from, so a shortfall is a bug;
        // throwing rolls the whole action back rather than recording half of it.
        guard rows.count == transitions.count else {
            throw ReviewError.inconsistent("only \(rows.count) of \(transitions.count) comments could be changed; nothing was")
        }
        let approved = transitions.filter { $0.to == "approved" && $0.from != "approved" }.map(\.id)
        let unapproved = transitions.filter { $0.from == "approved" && $0.to != "approved" }.map(\.id)
        _ = try await tx.query("""
            SELECT moderation.add_approved_authors(
                       coalesce(array_agg(c.site_id) FILTER (WHERE c.id = ANY (\(approved)::bigint[])), '{}'),
                       coalesce(array_agg(c.author_email) FILTER (WHERE c.id = ANY (\(approved)::bigint[])), '{}')),
                   moderation.drop_unapproved_authors(
                       coalesce(array_agg(c.site_id) FILTER (WHERE c.id = ANY (\(unapproved)::bigint[])), '{}'),
                       coalesce(array_agg(c.author_email) FILTER (WHERE c.id = ANY (\(unapproved)::bigint[])), '{}')),
                   set_config('commentmod.derived_tables', '', true)
            FROM moderation.comments c WHERE c.id = ANY (\(approved + unapproved)::bigint[])
            """)
        return try rows.map { row in
            ChangedComment(
                id: try row.decode(Int64.self, at: 0), fromStatus: try row.decode(String.self, at: 1),
                toStatus: try row.decode(String.self, at: 2), version: try row.decode(Int.self, at: 3),
                eventId: try row.decode(Int64.self, at: 4))
        }
    }
}
