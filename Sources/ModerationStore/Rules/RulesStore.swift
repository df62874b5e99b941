import ModerationCore
import PostgresClient

/// A site's rules as stored: the policy document and its word-list entries (the site's own plus those
/// for every site). Compiling them (parsing the policy, building the automaton) is the caller's business.
public struct StoredSiteRules: Sendable, Equatable {
    public let siteID: String
    public let policyJSON: String
    public let words: [WordListEntry]
}

public enum RulesStore {
    /// Channel the rule tables' triggers notify on any change.
    public static let changeChannel = "commentmod_rules_changed"

    /// Every site with its policy and word list, in one round trip.
    public static func load(on db: PostgresConnection) async throws -> [StoredSiteRules] {
        let rows = try await db.query("""
            SELECT s.id, s.policy::text,
                   coalesce(array_agg(w.action ORDER BY w.id) FILTER (WHERE w.id IS NOT NULL), '{}'),
                   coalesce(array_agg(w.pattern ORDER BY w.id) FILTER (WHERE w.id IS NOT NULL), '{}')
            FROM moderation.sites s
            LEFT JOIN moderation.word_rules w ON w.site_id = s.id OR w.site_id IS NULL
            GROUP BY s.id, s.policy
            ORDER BY s.id
            """)
        return try rows.map { row in
            let actions = try row.decode([String].self, at: 2)
            let patterns = try row.decode([String].self, at: 3)
            // The table's CHECK constraint admits only the four actions.
            let words = zip(actions, patterns).compactMap { action, pattern in
                WordAction(rawValue: action).map { WordListEntry(action: $0, pattern: pattern) }
            }
            return StoredSiteRules(
                siteID: try row.decode(String.self, at: 0), policyJSON: try row.decode(String.self, at: 1), words: words)
        }
    }
}
