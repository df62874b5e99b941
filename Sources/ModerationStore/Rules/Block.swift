import Foundation
import ModerationCore
import PostgresClient

/// One row of `moderation.blocks`.
public struct Block: Sendable, Hashable, Codable {
    public let id: Int64
    /// Nil: the block applies to every site.
    public let siteID: String?
    public let kind: BlockFact.Kind
    /// `203.0.113.7`, `203.0.113.0/24`, `spammer@example.net`, `spam.example`.
    public let value: String
    public let reason: String?
    public let expiresAt: Date?
    public let createdAt: Date
    public let createdBy: String
    /// Not expired: the worker applies it.
    public let active: Bool

    public var target: BlockTarget { BlockTarget(kind: kind, value: value) }
    public var scope: RuleScope { RuleScope(siteID: siteID) }

    /// The columns `init(row:)` reads, from `moderation.blocks k`. Values print as the worker's facts
    /// print them, so a reason's `match` and a listing agree.
    static let columns: PostgresQuery = """
        k.id, k.site_id, k.kind,
        coalesce(k.value, host(k.network) || CASE WHEN k.kind = 'cidr' THEN '/' || masklen(k.network) ELSE '' END),
        k.reason, k.expires_at, k.created_at, k.created_by, (k.expires_at IS NULL OR k.expires_at > now())
        """

    enum CodingKeys: String, CodingKey {
        case id, siteID, kind, value, reason, expiresAt, createdAt, createdBy, active
    }

    /// Every key, nulls included: scripts read one shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(siteID, forKey: .siteID)
        try container.encode(kind, forKey: .kind)
        try container.encode(value, forKey: .value)
        try container.encode(reason, forKey: .reason)
        try container.encode(expiresAt, forKey: .expiresAt)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(createdBy, forKey: .createdBy)
        try container.encode(active, forKey: .active)
    }

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, at: 0)
        siteID = try row.decode(String?.self, at: 1)
        let kindName = try row.decode(String.self, at: 2)
        guard let kind = BlockFact.Kind(rawValue: kindName) else {
            throw RuleStoreError.notFound("block \(id) has an unknown kind '\(kindName)'")
        }
        self.kind = kind
        value = try row.decode(String.self, at: 3)
        reason = try row.decode(String?.self, at: 4)
        expiresAt = try row.decode(Date?.self, at: 5)
        createdAt = try row.decode(Date.self, at: 6)
        createdBy = try row.decode(String.self, at: 7)
        active = try row.decode(Bool.self, at: 8)
    }
}

/// How `BlockStore.remove` picks blocks.
public enum BlockSelector: Sendable, Hashable {
    /// These ids, active or expired; every one must exist.
    case ids([Int64])
    /// The active blocks on exactly this target, in one scope, or in any scope when nil.
    case target(BlockTarget, scope: RuleScope?)
}
