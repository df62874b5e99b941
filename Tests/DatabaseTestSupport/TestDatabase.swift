import Foundation
import PostgresClient

/// Gives each test suite a database of its own on the test server, so suites and concurrent runs never see
/// each other's rows.
public enum TestDatabase {
    /// Why database tests cannot run.
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    /// Databases created here start with this prefix; `dropDatabase` refuses any other name.
    public static let namePrefix = "cmtest_"

    /// The server to test against: `DATABASE_URL`.
    public static func serverConninfo() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["DATABASE_URL"], url.contains(where: { !$0.isWhitespace }) else {
            throw Unavailable(description: """
                DATABASE_URL is not set, so there is no PostgreSQL to test against: run the tests through \
                `deploy/throwaway-postgres.sh swift test` (as Tests/run.sh does), which starts a private server
                """)
        }
        return url
    }

    /// Creates a fresh, uniquely named database (`cmtest_<suite>_<random>`) on the test server and returns a
    /// conninfo for it: the server's conninfo with `dbname` replaced.
    public static func createDatabase(suite: String) async throws -> String {
        let server = try serverConninfo()
        let name = databaseName(suite: suite)
        try await withConnection(server) { connection in
            try await connection.execute("CREATE DATABASE \(identifier: name)")
        }
        return try PostgresConnection.conninfo(server, overriding: ["dbname": name])
    }

    /// Drops a database made by `createDatabase`, disconnecting its sessions (`WITH (FORCE)`).
    public static func dropDatabase(_ conninfo: String) async throws {
        guard let name = try PostgresConnection.conninfoOptions(conninfo)["dbname"], name.hasPrefix(namePrefix) else {
            throw Unavailable(description: "refusing to drop a database not created by TestDatabase (its name must start with \(namePrefix))")
        }
        let maintenance = try (try? serverConninfo()) ?? PostgresConnection.conninfo(conninfo, overriding: ["dbname": "postgres"])
        try await withConnection(maintenance) { connection in
            try await connection.execute("DROP DATABASE IF EXISTS \(identifier: name) WITH (FORCE)")
        }
    }

    /// Runs `body` with a fresh database's conninfo, and drops the database afterwards (also when `body` throws).
    public static func withDatabase<T: Sendable>(suite: String, _ body: (String) async throws -> T) async throws -> T {
        let conninfo = try await createDatabase(suite: suite)
        do {
            let value = try await body(conninfo)
            try? await dropDatabase(conninfo)
            return value
        } catch {
            try? await dropDatabase(conninfo)
            throw error
        }
    }

    /// `cmtest_<suite, lowercased, letters digits and _ only>_<random>`, within PostgreSQL's 63-byte limit.
    static func databaseName(suite: String) -> String {
        let cleaned = suite.lowercased().unicodeScalars.map { scalar -> Character in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) ? Character(scalar) : "_"
        }
        let random = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        return namePrefix + String(cleaned.prefix(32)) + "_" + random
    }

    private static func withConnection(_ conninfo: String, _ body: (PostgresConnection) async throws -> Void) async throws {
        let connection = try await PostgresConnection.connect(conninfo, options: .init(applicationName: "commentmod-tests"))
        do {
            try await body(connection)
            await connection.close()
        } catch {
            await connection.close()
            throw error
        }
    }
}
