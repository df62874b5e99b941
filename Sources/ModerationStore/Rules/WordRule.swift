import Foundation
import ModerationCore
import PostgresClient

/// One row of `moderation.word_rules`.
public struct WordRule: Sendable, Hashable, Codable {
    public let id: Int64
    /// Nil: the entry applies to every site.
    public let siteID: String?
    public let action: WordAction
    public let pattern: String
    public let createdAt: Date
    /// Who added it: `moderator:NAME` for entries added by the commands, else the database login.
    public let createdBy: String

    public var entry: WordListEntry { WordListEntry(action: action, pattern: pattern) }
    public var scope: RuleScope { RuleScope(siteID: siteID) }

    /// The columns `init(row:)` reads, in order.
    static let columns: PostgresQuery = "w.id, w.site_id, w.action, w.pattern, w.created_at, w.created_by"

    enum CodingKeys: String, CodingKey {
        case id, siteID, action, pattern, createdAt, createdBy
    }

    /// Every key, `site_id` null included: scripts read one shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(siteID, forKey: .siteID)
        try container.encode(action, forKey: .action)
        try container.encode(pattern, forKey: .pattern)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(createdBy, forKey: .createdBy)
    }

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, at: 0)
        siteID = try row.decode(String?.self, at: 1)
        let actionName = try row.decode(String.self, at: 2)
        // The table's CHECK admits only the four actions; anything else means a schema this code predates.
        guard let action = WordAction(rawValue: actionName) else {
            throw RuleStoreError.notFound("word rule \(id) has an unknown action '\(actionName)'")
        }
        self.action = action
        pattern = try row.decode(String.self, at: 3)
        createdAt = try row.decode(Date.self, at: 4)
        createdBy = try row.decode(String.self, at: 5)
    }
}

/// How `remove` picks word rules.
public enum WordRuleSelector: Sendable, Hashable {
    /// These ids; every one must exist.
    case ids([Int64])
    /// The entries of one scope with this pattern (as stored: trimmed), of one action or of any.
    case pattern(String, action: WordAction?, scope: RuleScope)
}
