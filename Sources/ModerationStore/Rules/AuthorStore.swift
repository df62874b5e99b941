import Foundation
import PostgresClient

/// An author's history across sites, read in three queries: counts per site and status, the newest
/// comments, and the blocks that match.
public enum AuthorStore {
    public static func history(
        of author: AuthorKey, recent limit: Int, on db: PostgresConnection
    ) async throws -> AuthorHistory {
        let match = condition(author)
        let groups = try await db.query("""
            SELECT c.site_id, c.status, count(*), min(c.submitted_at), max(c.submitted_at)
            FROM moderation.comments c
            WHERE c.site_id IN (SELECT s.id FROM moderation.sites s) AND \(match)
            GROUP BY c.site_id, c.status
            ORDER BY c.site_id, c.status
            """)
        var sites: [String: AuthorHistory.Site] = [:]
        var order: [String] = []
        for row in groups {
            let site = try row.decode(String.self, at: 0)
            let status = try row.decode(String.self, at: 1)
            let count = try row.decode(Int.self, at: 2)
            let first = try row.decode(Date.self, at: 3)
            let last = try row.decode(Date.self, at: 4)
            var entry = sites[site] ?? AuthorHistory.Site(
                siteID: site, counts: zeroCounts(), total: 0, firstSeen: first, lastSeen: last)
            if sites[site] == nil { order.append(site) }
            entry.counts[status, default: 0] += count
            entry.total += count
            entry.firstSeen = min(entry.firstSeen, first)
            entry.lastSeen = max(entry.lastSeen, last)
            sites[site] = entry
        }
        let perSite = order.compactMap { sites[$0] }
        var counts = zeroCounts()
        for site in perSite {
            for (status, count) in site.counts { counts[status, default: 0] += count }
        }
        let total = perSite.reduce(0) { $0 + $1.total }
        let decided = (counts["approved"] ?? 0) + (counts["rejected"] ?? 0) + (counts["spam"] ?? 0)
        let recent = try await db.query("""
            SELECT c.id, c.site_id, c.post_id, c.status, c.submitted_at, c.author_name, c.author_email,
                   host(c.author_ip), c.body
            FROM moderation.comments c
            WHERE c.site_id IN (SELECT s.id FROM moderation.sites s) AND \(match)
            ORDER BY c.id DESC
            LIMIT \(limit)
            """).map { row in
            AuthorHistory.Comment(
                id: try row.decode(Int64.self, at: 0), siteID: try row.decode(String.self, at: 1),
                postID: try row.decode(String?.self, at: 2), status: try row.decode(String.self, at: 3),
                submittedAt: try row.decode(Date.self, at: 4), authorName: try row.decode(String?.self, at: 5),
                authorEmail: try row.decode(String?.self, at: 6), authorIP: try row.decode(String?.self, at: 7),
                body: try row.decode(String?.self, at: 8))
        }
        return AuthorHistory(
            counts: counts, total: total, firstSeen: perSite.map(\.firstSeen).min(),
            lastSeen: perSite.map(\.lastSeen).max(),
            approvalRate: decided > 0 ? Double(counts["approved"] ?? 0) / Double(decided) : nil,
            sites: perSite, recent: recent, blocks: try await BlockStore.matching(author, on: db))
    }

    /// Written so the address indexes (`lower(author_email)` in byte order, `author_ip`; the site last, sql/0012)
    /// serve it.
    private static func condition(_ author: AuthorKey) -> PostgresQuery {
        switch author {
        case .email(let email): "lower(c.author_email) COLLATE \"C\" = lower(\(email))"
        case .network(let network): "c.author_ip <<= \(network)::inet"
        }
    }

    private static func zeroCounts() -> [String: Int] {
        Dictionary(uniqueKeysWithValues: AuthorHistory.statuses.map { ($0, 0) })
    }
}
