import ModerationCore
import PostgresClient

/// Site policies in `moderation.sites.policy`. A stored document keeps only the keys a moderator set, so
/// the others follow the defaults, including defaults a later version changes.
public enum SitePolicyStore {
    /// Every site's policy, or one site's (throws `unknownSite` when it is not registered).
    public static func load(site: String? = nil, on db: PostgresConnection) async throws -> [SitePolicy] {
        let rows = try await db.query("""
            SELECT s.id, s.policy::text, ARRAY(SELECT k FROM jsonb_object_keys(s.policy) AS k ORDER BY k)
            FROM moderation.sites s
            WHERE \(site)::text IS NULL OR s.id = \(site)
            ORDER BY s.id
            """)
        let policies = try rows.map(policy(from:))
        if let site, policies.isEmpty { throw RuleStoreError.unknownSite(site) }
        return policies
    }

    /// The registered site ids, sorted.
    public static func siteIDs(on db: PostgresConnection) async throws -> [String] {
        try await db.query("SELECT id FROM moderation.sites ORDER BY id").map { try $0.decode(String.self, at: 0) }
    }

    /// Throws `unknownSite` unless the scope is every site or a registered site.
    public static func requireSite(_ scope: RuleScope, on db: PostgresConnection) async throws {
        guard let site = scope.siteID else { return }
        let rows = try await db.query("SELECT 1 FROM moderation.sites WHERE id = \(site)")
        if rows.isEmpty { throw RuleStoreError.unknownSite(site) }
    }

    /// The same for a listing: throws `unknownSite` when it names a site that does not exist.
    public static func requireSite(of listing: RuleListing, on db: PostgresConnection) async throws {
        switch listing {
        case .all: return
        case .scope(let scope): try await requireSite(scope, on: db)
        case .applyingTo(let site): try await requireSite(.site(site), on: db)
        }
    }

    /// The site's policy now, and the document it would have with `settings` set and `unset` removed,
    /// validated by the policy reader and with each value written as the policy writes it (`1.0` → `1`).
    /// Changes nothing. Throws `invalidPolicy` naming the key when the result cannot be read.
    public static func proposal(
        site: String, setting settings: [PolicySetting], unsetting unset: [String], on db: PostgresConnection
    ) async throws -> (current: SitePolicy, proposed: SitePolicy) {
        try await proposal(site: site, setting: settings, unsetting: unset, lock: false, on: db)
    }

    /// Sets and unsets keys of a site's policy in one transaction with its action row (`command`, e.g.
    /// `rules policy set`). Returns the policy before and after; when nothing changed nothing is written
    /// or recorded.
    public static func update(
        site: String, setting settings: [PolicySetting], unsetting unset: [String], actor: String, command: String,
        on db: PostgresConnection
    ) async throws -> (before: SitePolicy, after: SitePolicy) {
        try await db.transaction { tx in
            let (before, after) = try await proposal(site: site, setting: settings, unsetting: unset, lock: true, on: tx)
            let changed = try await tx.query("""
                SELECT \(before.document)::jsonb IS DISTINCT FROM \(after.document)::jsonb
                """)[0].decode(Bool.self, at: 0)
            guard changed else { return (before, before) }
            let updated = try await tx.query("""
                UPDATE moderation.sites s SET policy = \(after.document)::jsonb WHERE s.id = \(site)
                RETURNING s.id, s.policy::text, ARRAY(SELECT k FROM jsonb_object_keys(s.policy) AS k ORDER BY k)
                """)
            let stored = try policy(from: updated[0])
            // The documents are JSON already; only the site id needs quoting.
            let detail = "{\"site_id\":\(JSONText.quoted(site)),\"before\":\(before.document),\"after\":\(stored.document)}"
            _ = try await ModeratorActionStore.record(actor: actor, command: command, detail: detail, on: tx)
            return (before, stored)
        }
    }

    private static func proposal(
        site: String, setting settings: [PolicySetting], unsetting unset: [String], lock: Bool,
        on db: PostgresConnection
    ) async throws -> (current: SitePolicy, proposed: SitePolicy) {
        let patch = "{" + settings.map { JSONText.quoted($0.key) + ":" + $0.json }.joined(separator: ",") + "}"
        let locking: PostgresQuery = lock ? "FOR UPDATE" : ""
        let rows = try await db.query("""
            SELECT s.id, s.policy::text, ARRAY(SELECT k FROM jsonb_object_keys(s.policy) AS k ORDER BY k),
                   ((s.policy || \(patch)::jsonb) - \(unset)::text[])::text
            FROM moderation.sites s WHERE s.id = \(site)
            \(locking)
            """)
        guard let row = rows.first else { throw RuleStoreError.unknownSite(site) }
        let current = try policy(from: row)
        let merged = try row.decode(String.self, at: 3)
        let policy: Policy
        do {
            policy = try Policy.fromJSON(merged)
        } catch {
            throw RuleStoreError.invalidPolicy(site: site, error)
        }
        // Keep the keys that are set, each with the value as the policy writes it.
        let canonical = try await db.query("""
            SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}')::text,
                   coalesce(array_agg(e.key ORDER BY e.key), '{}')
            FROM jsonb_each(\(policy.toJSON())::jsonb) AS e
            WHERE e.key IN (SELECT jsonb_object_keys(\(merged)::jsonb))
            """)
        let proposed = SitePolicy(
            siteID: site, document: try canonical[0].decode(String.self, at: 0),
            setKeys: try canonical[0].decode([String].self, at: 1))
        return (current, proposed)
    }

    private static func policy(from row: PostgresRow) throws -> SitePolicy {
        SitePolicy(
            siteID: try row.decode(String.self, at: 0), document: try row.decode(String.self, at: 1),
            setKeys: try row.decode([String].self, at: 2))
    }
}
