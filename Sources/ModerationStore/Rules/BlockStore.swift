import Foundation
import ModerationCore
import PostgresClient

/// Blocks in `moderation.blocks`: on an IP address, a network, an email address or an email domain (with
/// its subdomains). Expired blocks are kept as history; the worker ignores them. Every change commits in
/// one transaction with its `moderator_actions` row.
public enum BlockStore {
    /// Adds a block unless an active one on the same target and scope exists, which is returned with
    /// `added` false (nothing is recorded). `command` is what the action log shows (`rules block add`,
    /// `author ban`).
    public static func add(
        _ target: BlockTarget, scope: RuleScope, expiresAt: Date?, reason: String?, actor: String, command: String,
        on db: PostgresConnection
    ) async throws -> (block: Block, added: Bool) {
        try await db.transaction { tx in
            try await SitePolicyStore.requireSite(scope, on: tx)
            // Serializes adds, so two moderators blocking the same address at once make one block.
            try await tx.execute("SELECT pg_advisory_xact_lock(\(lockKey))")
            let existing = try await tx.query("""
                SELECT \(Block.columns) FROM moderation.blocks k
                WHERE \(target.sameTarget) AND k.site_id IS NOT DISTINCT FROM \(scope.siteID)
                  AND (k.expires_at IS NULL OR k.expires_at > now())
                ORDER BY k.id LIMIT 1
                """)
            if let row = existing.first { return (try Block(row: row), false) }
            let network: String? = target.isNetwork ? target.value : nil
            let value: String? = target.isNetwork ? nil : target.value
            let rows = try await tx.query("""
                INSERT INTO moderation.blocks AS k (site_id, kind, network, value, reason, expires_at, created_by)
                VALUES (\(scope.siteID), \(target.kind.rawValue), \(network)::cidr, \(value), \(reason), \(expiresAt), \(actor))
                RETURNING \(Block.columns)
                """)
            let block = try Block(row: rows[0])
            let detail = try await details([block], on: tx)
            _ = try await ModeratorActionStore.record(
                actor: actor, command: command, detail: try RuleActionDetail.encode(["added": detail]), on: tx)
            return (block, true)
        }
    }

    /// Blocks by scope; expired ones only with `includeExpired`. Newest first within a scope.
    public static func list(
        _ listing: RuleListing, includeExpired: Bool, on db: PostgresConnection
    ) async throws -> [Block] {
        let scope: PostgresQuery = switch listing {
        case .all: "true"
        case .scope(let scope): "k.site_id IS NOT DISTINCT FROM \(scope.siteID)"
        case .applyingTo(let site): "(k.site_id IS NULL OR k.site_id = \(site))"
        }
        let rows = try await db.query("""
            SELECT \(Block.columns) FROM moderation.blocks k
            WHERE \(scope) AND (\(includeExpired) OR k.expires_at IS NULL OR k.expires_at > now())
            ORDER BY k.site_id NULLS FIRST, k.id
            """)
        return try rows.map(Block.init(row:))
    }

    /// The blocks `selector` names, without removing them (for `rules test`). Throws `notFound` when
    /// nothing matches or an id is unknown.
    public static func find(_ selector: BlockSelector, on db: PostgresConnection) async throws -> [Block] {
        let rows = try await db.query("SELECT \(Block.columns) FROM moderation.blocks k WHERE \(match(selector)) ORDER BY k.id")
        let blocks = try rows.map(Block.init(row:))
        try expectMatches(blocks, selector)
        return blocks
    }

    /// Removes the blocks `selector` names; all or nothing.
    public static func remove(
        _ selector: BlockSelector, actor: String, command: String, on db: PostgresConnection
    ) async throws -> [Block] {
        try await db.transaction { tx in
            let rows = try await tx.query("DELETE FROM moderation.blocks k WHERE \(match(selector)) RETURNING \(Block.columns)")
            let removed = try rows.map(Block.init(row:)).sorted { $0.id < $1.id }
            try expectMatches(removed, selector)
            let detail = try await details(removed, on: tx)
            _ = try await ModeratorActionStore.record(
                actor: actor, command: command, detail: try RuleActionDetail.encode(["removed": detail]), on: tx)
            return removed
        }
    }

    /// The active blocks that apply to an author: for an email address, blocks on it and on its domain or a
    /// parent domain; for an address or network, blocks on addresses and networks that overlap it.
    public static func matching(_ author: AuthorKey, on db: PostgresConnection) async throws -> [Block] {
        let condition: PostgresQuery = switch author {
        case .email(let email):
            """
            ((k.kind = 'email' AND k.value = \(email))
             OR (k.kind = 'domain' AND k.value = ANY (moderation.email_domain_suffixes(\(email)))))
            """
        case .network(let network):
            "k.network && \(network)::inet"
        }
        let rows = try await db.query("""
            SELECT \(Block.columns) FROM moderation.blocks k
            WHERE \(condition) AND (k.expires_at IS NULL OR k.expires_at > now())
            ORDER BY k.id
            """)
        return try rows.map(Block.init(row:))
    }

    /// Arbitrary but fixed: the advisory lock that serializes block adds.
    private static let lockKey: Int64 = 0x636D_626C_6F63_6B73

    private static func match(_ selector: BlockSelector) -> PostgresQuery {
        switch selector {
        case .ids(let ids):
            return "k.id = ANY (\(ids)::bigint[])"
        case .target(let target, let scope):
            let inScope: PostgresQuery = scope.map { "k.site_id IS NOT DISTINCT FROM \($0.siteID)" } ?? "true"
            return "\(target.sameTarget) AND \(inScope) AND (k.expires_at IS NULL OR k.expires_at > now())"
        }
    }

    private static func expectMatches(_ found: [Block], _ selector: BlockSelector) throws {
        switch selector {
        case .ids(let ids):
            let missing = Set(ids).subtracting(found.map(\.id)).sorted()
            if !missing.isEmpty {
                throw RuleStoreError.notFound("no block with id \(missing.map(String.init).joined(separator: ", "))")
            }
        case .target(let target, let scope):
            if found.isEmpty {
                let where_ = scope.map { " \($0.described)" } ?? ""
                throw RuleStoreError.notFound("no active \(target.kind.rawValue) block on \(target.value)\(where_)")
            }
        }
    }

    /// What the action log keeps of a block: personal values (IP addresses, email addresses) only as a
    /// SHA-256 digest, which PostgreSQL computes.
    struct Detail: Encodable {
        let id: Int64
        let siteID: String?
        let kind: BlockFact.Kind
        let value: String?
        let valueSHA256: String?
        let reason: String?
        let expiresAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, siteID, kind, value, reason, expiresAt
            case valueSHA256 = "valueSha256"
        }
    }

    static func details(_ blocks: [Block], on db: PostgresConnection) async throws -> [Detail] {
        let values = blocks.map(\.value)
        let digests = try await db.query("""
            SELECT encode(sha256(convert_to(v, 'UTF8')), 'hex') FROM unnest(\(values)::text[]) WITH ORDINALITY AS u(v, n) ORDER BY n
            """).map { try $0.decode(String.self, at: 0) }
        return zip(blocks, digests).map { block, digest in
            let personal = block.target.isPersonal
            return Detail(
                id: block.id, siteID: block.siteID, kind: block.kind, value: personal ? nil : block.value,
                valueSHA256: personal ? digest : nil, reason: block.reason, expiresAt: block.expiresAt)
        }
    }
}
