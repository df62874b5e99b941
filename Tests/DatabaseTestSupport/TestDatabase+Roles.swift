import Foundation
import PostgresClient

extension TestDatabase {
    /// A login role of its own in `group` (e.g. `commentmod_moderator`), so a test runs commands with
    /// exactly the privileges an installation grants that group; returns a conninfo that connects as it.
    /// Roles are cluster-wide: the name is random, and the role owns nothing, so it is simply left behind
    /// with the throwaway cluster.
    public static func loginConninfo(inGroup group: String, base conninfo: String) async throws -> String {
        let login = "cm_\(group.replacingOccurrences(of: "commentmod_", with: ""))_\(UInt32.random(in: 0...UInt32.max))"
        let connection = try await PostgresConnection.connect(conninfo)
        // Identifiers cannot be bound; both parts are ours (a fixed group name and generated digits).
        do {
            try await connection.executeScript("CREATE ROLE \(login) LOGIN IN ROLE \(group)")
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
        return try PostgresConnection.conninfo(conninfo, overriding: ["user": login])
    }
}
