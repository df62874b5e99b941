import Foundation
import PostgresClient

/// One row of `moderation.moderator_actions`: a command a moderator ran that changed something.
public struct ModeratorAction: Sendable, Equatable, Codable {
    public let id: Int64
    public let at: Date
    public let actor: String
    public let command: String
    /// The JSON object the command recorded (filter, rule, counts).
    public let detail: String
    public let undoes: Int64?
}

/// The action log. Every command that changes comments or rules records its action in the same
/// transaction as the change, so the log and the data can never disagree.
public enum ModeratorActionStore {
    /// Records an action; `detail` must be a JSON object (the column's CHECK refuses anything else).
    public static func record(
        actor: String, command: String, detail: String = "{}", undoes: Int64? = nil, on db: PostgresConnection
    ) async throws -> ModeratorAction {
        let rows = try await db.query("""
            INSERT INTO moderation.moderator_actions (actor, command, detail, undoes)
            VALUES (\(actor), \(command), \(detail)::jsonb, \(undoes))
            RETURNING id, at, actor, command, detail::text, undoes
            """)
        return try action(from: rows[0])
    }

    public static func find(id: Int64, on db: PostgresConnection) async throws -> ModeratorAction? {
        let rows = try await db.query("""
            SELECT id, at, actor, command, detail::text, undoes FROM moderation.moderator_actions WHERE id = \(id)
            """)
        return try rows.first.map(action(from:))
    }

    static func action(from row: PostgresRow) throws -> ModeratorAction {
        ModeratorAction(
            id: try row.decode(Int64.self, at: 0), at: try row.decode(Date.self, at: 1),
            actor: try row.decode(String.self, at: 2), command: try row.decode(String.self, at: 3),
            detail: try row.decode(String.self, at: 4), undoes: try row.decode(Int64?.self, at: 5))
    }
}
