import Foundation
import PostgresClient

/// Which comments a listing or a bulk decision is about. Every criterion narrows; none means all.
public struct CommentFilter: Sendable, Equatable {
    /// Empty: every status.
    public var statuses: [String]
    public var siteID: String?
    public var postID: String?
    /// A case-insensitive part of the author's name.
    public var authorName: String?
    /// The author's email, compared case-insensitively and without surrounding white space.
    public var email: String?
    /// An address (`203.0.113.7`) or a network (`203.0.113.0/24`) the author's IP lies in.
    public var network: String?
    /// A reason code the comment carries (`word_hold`, `too_many_links`, …).
    public var reasonCode: String?
    /// Submitted at or after.
    public var since: Date?
    /// Submitted before.
    public var before: Date?
    public var limit: Int?

    public init(
        statuses: [String] = [], siteID: String? = nil, postID: String? = nil, authorName: String? = nil,
        email: String? = nil, network: String? = nil, reasonCode: String? = nil, since: Date? = nil,
        before: Date? = nil, limit: Int? = nil
    ) {
        self.statuses = statuses
        self.siteID = siteID
        self.postID = postID
        self.authorName = authorName
        self.email = email
        self.network = network
        self.reasonCode = reasonCode
        self.since = since
        self.before = before
        self.limit = limit
    }

    /// The WHERE condition over `moderation.comments c`, every value a bind parameter.
    var condition: PostgresQuery {
        var query: PostgresQuery = "TRUE"
        if statuses == ["held"] {
            // No index on comments mentions status (it would cost the worker's updates their HOT path,
            // sql/0003): the held queue is its own small table, kept in step by triggers.
            query.append(" AND c.status = 'held' AND c.id IN (SELECT h.comment_id FROM moderation.held_comments h)")
        } else if statuses == ["pending"] {
            query.append(" AND c.status = 'pending' AND c.id IN (SELECT q.comment_id FROM moderation.queue q)")
        } else if !statuses.isEmpty {
            query.append(" AND c.status = ANY (\(statuses)::text[])")
        }
        if let siteID { query.append(" AND c.site_id = \(siteID)") }
        if let postID { query.append(" AND c.post_id = \(postID)") }
        // strpos, not LIKE: a name holding % or _ means itself.
        if let authorName { query.append(" AND strpos(lower(c.author_name), lower(\(authorName))) > 0") }
        if let email {
            // The expression and byte order of comments_email_idx (sql/0012), so a site-scoped lookup is an
            // index scan.
            query.append(" AND lower(c.author_email) COLLATE \"C\" = lower(btrim(\(email)))")
        }
        if let network { query.append(" AND c.author_ip <<= \(network)::inet") }
        if let reasonCode {
            query.append(" AND c.reasons @> jsonb_build_array(jsonb_build_object('code', \(reasonCode)::text))")
        }
        if let since { query.append(" AND c.submitted_at >= \(since)") }
        if let before { query.append(" AND c.submitted_at < \(before)") }
        return query
    }

    /// The filter as a JSON object, for the action log of a bulk decision.
    public var detailJSON: [String: String] {
        var detail: [String: String] = [:]
        if !statuses.isEmpty { detail["status"] = statuses.joined(separator: ",") }
        detail["site"] = siteID
        detail["post"] = postID
        detail["author"] = authorName
        detail["email"] = email
        detail["ip"] = network
        detail["reason"] = reasonCode
        let formatter = ISO8601DateFormatter()
        detail["since"] = since.map(formatter.string(from:))
        detail["before"] = before.map(formatter.string(from:))
        return detail
    }
}
