import Foundation
import ModerationCore
import PostgresClient

/// The reads behind `rules test`: stored comments in id order, and the blocks each would match if a block
/// were added or removed. Nothing here writes.
enum RuleBacktestStore {
    /// Up to `limit` comments submitted at or after `since`, with ids above `after`, of `sites` (nil: all).
    static func comments(
        since: Date, sites: [String]?, after: Int64, limit: Int, on db: PostgresConnection
    ) async throws -> [RuleBacktestComment] {
        let rows = try await db.query("""
            SELECT c.id, c.site_id, c.post_id, c.parent_id, c.author_name, c.author_email, c.author_url,
                   c.body, host(c.author_ip), c.user_agent, c.submitted_at, c.status
            FROM moderation.comments c
            WHERE c.id > \(after) AND c.submitted_at >= \(since)
              AND (\(sites)::text[] IS NULL OR c.site_id = ANY (\(sites)::text[]))
            ORDER BY c.id
            LIMIT \(limit)
            """)
        return try rows.map { row in
            let site = try row.decode(String.self, at: 1)
            return RuleBacktestComment(
                id: try row.decode(Int64.self, at: 0), siteID: site, status: try row.decode(String.self, at: 11),
                submittedAt: try row.decode(Date.self, at: 10),
                input: CommentInput(
                    siteID: site, postID: try row.decode(String?.self, at: 2),
                    parentID: try row.decode(Int64?.self, at: 3), authorName: try row.decode(String?.self, at: 4),
                    authorEmail: try row.decode(String?.self, at: 5), authorURL: try row.decode(String?.self, at: 6),
                    body: try row.decode(String?.self, at: 7), authorIP: try row.decode(String?.self, at: 8),
                    userAgent: try row.decode(String?.self, at: 9)))
        }
    }

    /// The active blocks each comment would match with `adding` in the table and `removing` gone, matched
    /// as the worker's facts query matches them (`QueueStore.facts`). Comments matching none are absent.
    static func blocks(
        for ids: [Int64], adding: (target: BlockTarget, scope: RuleScope, reason: String?)?, removing: [Int64],
        on db: PostgresConnection
    ) async throws -> [Int64: [BlockFact]] {
        let network: String? = adding.flatMap { $0.target.isNetwork ? $0.target.value : nil }
        let value: String? = adding.flatMap { $0.target.isNetwork ? nil : $0.target.value }
        let rows = try await db.query("""
            WITH proposed AS (
                SELECT k.id, k.site_id, k.kind, k.network, k.value, k.reason
                FROM moderation.blocks k
                WHERE k.id <> ALL (\(removing)::bigint[]) AND (k.expires_at IS NULL OR k.expires_at > now())
                UNION ALL
                SELECT NULL::bigint, \(adding?.scope.siteID)::text, \(adding?.target.kind.rawValue)::text,
                       \(network)::cidr, \(value)::text, \(adding?.reason)::text
                WHERE \(adding != nil)
            )
            SELECT b.id, jsonb_agg(jsonb_build_object(
                       'kind', k.kind, 'value', coalesce(k.value, host(k.network) ||
                           CASE WHEN k.kind = 'cidr' THEN '/' || masklen(k.network) ELSE '' END),
                       'id', k.id, 'reason', k.reason) ORDER BY k.id)
            FROM moderation.comments b
            JOIN proposed k ON (k.site_id IS NULL OR k.site_id = b.site_id)
                AND ((k.network IS NOT NULL AND k.network >>= b.author_ip)
                     OR (k.kind = 'email' AND k.value = lower(btrim(b.author_email)))
                     OR (k.kind = 'domain' AND k.value = ANY (moderation.email_domain_suffixes(b.author_email))))
            WHERE b.id = ANY (\(ids)::bigint[])
            GROUP BY b.id
            """)
        var blocks: [Int64: [BlockFact]] = [:]
        for row in rows {
            blocks[try row.decode(Int64.self, at: 0)] = try row.decodeJSON([BlockFact].self, at: 1)
        }
        return blocks
    }
}
