import Foundation
import PostgresClient

/// What moderators read and decide. Reading is plain queries; every change is one transaction holding
/// its action row, the comments' new state and their events (see ReviewStore+Decide, ReviewStore+Undo).
public enum ReviewStore {
    /// Comments matching `filter`, oldest first: in id order, which is submission order, and which the
    /// held queue's primary key delivers without sorting the whole queue.
    public static func list(_ filter: CommentFilter, on db: PostgresConnection) async throws -> [ReviewComment] {
        let rows = try await db.query("""
            SELECT \(ReviewComment.columns) FROM moderation.comments c
            WHERE \(filter.condition)
            ORDER BY c.id
            LIMIT \(filter.limit.map(Int64.init))
            """)
        return try rows.map(ReviewComment.init(row:))
    }

    /// Ids and versions of every comment matching `filter`, oldest first: what a bulk decision is
    /// previewed on and then applied to, so a comment changed in between is a conflict, not a surprise.
    public static func matching(_ filter: CommentFilter, on db: PostgresConnection) async throws -> [CommentVersion] {
        let rows = try await db.query("""
            SELECT c.id, c.version FROM moderation.comments c
            WHERE \(filter.condition)
            ORDER BY c.id
            LIMIT \(filter.limit.map(Int64.init))
            """)
        return try rows.map { CommentVersion(id: try $0.decode(Int64.self, at: 0), version: try $0.decode(Int.self, at: 1)) }
    }

    /// One comment with its full history and its author's other recent comments; nil when no such id.
    public static func show(id: Int64, relatedLimit: Int = 10, on db: PostgresConnection) async throws -> ReviewDetail? {
        let rows = try await db.query("SELECT \(ReviewComment.columns) FROM moderation.comments c WHERE c.id = \(id)")
        guard let row = rows.first else { return nil }
        let comment = try ReviewComment(row: row)
        let events = try await db.query("""
            SELECT \(CommentEvent.columns) FROM moderation.comment_events e
            WHERE e.comment_id = \(id) ORDER BY e.id
            """).map(CommentEvent.init(row:))
        // Same site only, the last column of the email and IP indexes (sql/0012), checked on their entries.
        let related = try await db.query("""
            SELECT r.id, r.status, r.post_id, r.author_name, r.body, r.submitted_at,
                   coalesce(lower(r.author_email) = lower(c.author_email), false),
                   coalesce(r.author_ip = c.author_ip, false)
            FROM moderation.comments c
            CROSS JOIN LATERAL (
                (SELECT r.* FROM moderation.comments r
                 WHERE r.site_id = c.site_id AND lower(r.author_email) COLLATE "C" = lower(c.author_email) AND r.id <> c.id
                 ORDER BY r.id DESC LIMIT \(Int64(relatedLimit)))
                UNION
                (SELECT r.* FROM moderation.comments r
                 WHERE r.site_id = c.site_id AND r.author_ip = c.author_ip AND r.id <> c.id
                 ORDER BY r.author_ip, r.id DESC LIMIT \(Int64(relatedLimit)))
            ) r
            WHERE c.id = \(id)
            ORDER BY r.id DESC
            LIMIT \(Int64(relatedLimit))
            """).map { row in
                RelatedComment(
                    id: try row.decode(Int64.self, at: 0), status: try row.decode(String.self, at: 1),
                    postId: try row.decode(String?.self, at: 2), authorName: try row.decode(String?.self, at: 3),
                    body: try row.decode(String?.self, at: 4), submittedAt: try row.decode(Date.self, at: 5),
                    sameEmail: try row.decode(Bool.self, at: 6), sameIp: try row.decode(Bool.self, at: 7))
            }
        return ReviewDetail(comment: comment, events: events, related: related)
    }
}

/// A comment id and the version a moderator saw.
public struct CommentVersion: Sendable, Equatable, Hashable, Codable {
    public let id: Int64
    public let version: Int

    public init(id: Int64, version: Int) {
        self.id = id
        self.version = version
    }
}
