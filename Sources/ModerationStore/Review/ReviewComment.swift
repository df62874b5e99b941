import Foundation
import PostgresClient

/// A stored comment as a moderator sees it: every field, personal data included.
public struct ReviewComment: Sendable, Equatable, Codable {
    public let id: Int64
    public let status: String
    public let siteId: String
    public let postId: String?
    public let parentId: Int64?
    public let authorName: String?
    public let authorEmail: String?
    public let authorUrl: String?
    public let authorIp: String?
    public let userAgent: String?
    public let referrer: String?
    public let body: String?
    public let reasons: [StoredReason]
    /// Bumped by every change; `--expect-version` passes it back.
    public let version: Int
    public let submittedAt: Date
    public let decidedAt: Date?
    public let publishedAt: Date?

    /// The columns `init(row:)` reads, in order, over `moderation.comments c`.
    static let columns: PostgresQuery = """
        c.id, c.status, c.site_id, c.post_id, c.parent_id, c.author_name, c.author_email, c.author_url,
        host(c.author_ip), c.user_agent, c.referrer, c.body, c.reasons::text, c.version, c.submitted_at,
        c.decided_at, c.published_at
        """

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, at: 0)
        status = try row.decode(String.self, at: 1)
        siteId = try row.decode(String.self, at: 2)
        postId = try row.decode(String?.self, at: 3)
        parentId = try row.decode(Int64?.self, at: 4)
        authorName = try row.decode(String?.self, at: 5)
        authorEmail = try row.decode(String?.self, at: 6)
        authorUrl = try row.decode(String?.self, at: 7)
        authorIp = try row.decode(String?.self, at: 8)
        userAgent = try row.decode(String?.self, at: 9)
        referrer = try row.decode(String?.self, at: 10)
        body = try row.decode(String?.self, at: 11)
        reasons = StoredReason.decodeList(try row.decode(String.self, at: 12))
        version = try row.decode(Int.self, at: 13)
        submittedAt = try row.decode(Date.self, at: 14)
        decidedAt = try row.decode(Date?.self, at: 15)
        publishedAt = try row.decode(Date?.self, at: 16)
    }
}

/// A reason as stored in `reasons` columns. Lenient on purpose: rows written by older versions, or
/// redacted by an erasure, still show instead of failing the whole listing.
public struct StoredReason: Sendable, Equatable, Codable {
    public let code: String
    public let action: String?
    public let field: String?
    public let match: String?
    public let rule: String?
    public let message: String?

    static func decodeList(_ json: String) -> [StoredReason] {
        (try? JSONDecoder().decode([StoredReason].self, from: Data(json.utf8))) ?? []
    }
}

/// One row of a comment's history.
public struct CommentEvent: Sendable, Equatable, Codable {
    public let id: Int64
    public let at: Date
    public let actor: String
    public let kind: String
    public let fromStatus: String?
    public let toStatus: String
    public let reasons: [StoredReason]
    public let note: String?
    public let actionId: Int64?
    public let version: Int?

    static let columns: PostgresQuery = """
        e.id, e.at, e.actor, e.kind, e.from_status, e.to_status, e.reasons::text, e.note, e.action_id, e.version
        """

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, at: 0)
        at = try row.decode(Date.self, at: 1)
        actor = try row.decode(String.self, at: 2)
        kind = try row.decode(String.self, at: 3)
        fromStatus = try row.decode(String?.self, at: 4)
        toStatus = try row.decode(String.self, at: 5)
        reasons = StoredReason.decodeList(try row.decode(String.self, at: 6))
        note = try row.decode(String?.self, at: 7)
        actionId = try row.decode(Int64?.self, at: 8)
        version = try row.decode(Int?.self, at: 9)
    }
}

/// Everything `review show` prints about one comment.
public struct ReviewDetail: Sendable, Equatable, Codable {
    public let comment: ReviewComment
    public let events: [CommentEvent]
    /// Other recent comments on the same site from the same email or IP, newest first.
    public let related: [RelatedComment]
}

public struct RelatedComment: Sendable, Equatable, Codable {
    public let id: Int64
    public let status: String
    public let postId: String?
    public let authorName: String?
    public let body: String?
    public let submittedAt: Date
    public let sameEmail: Bool
    public let sameIp: Bool
}
