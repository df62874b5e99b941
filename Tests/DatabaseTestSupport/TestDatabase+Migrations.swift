import Foundation
import ModerationStore
import PostgresClient

extension TestDatabase {
    /// The repository's own migrations, as the tests apply them.
    public static func migrations() throws -> [Migration] {
        try Migration.load(from: Migration.sourceCheckoutDirectory)
    }

    /// A fresh database of its own for `suite`, with every migration applied; returns its conninfo.
    public static func createMigratedDatabase(suite: String) async throws -> String {
        let conninfo = try await createDatabase(suite: suite)
        let connection = try await PostgresConnection.connect(conninfo)
        try await Migrator(migrations: try migrations()).migrate(on: connection)
        await connection.close()
        return conninfo
    }

    /// Registers a site so submit_comment accepts comments for it.
    public static func addSite(_ id: String, policy: String = "{}", on connection: PostgresConnection) async throws {
        try await connection.execute(
            "INSERT INTO moderation.sites (id, name, policy) VALUES (\(id), \(id), \(policy)::jsonb)")
    }
}
