import DatabaseTestSupport
import Foundation
import PostgresClient
import Testing

/// Runs a suite in a database of its own (created before its first test, dropped after its last).
struct SuiteDatabaseTrait: SuiteTrait, TestScoping {
    let suite: String

    var isRecursive: Bool { false }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await TestDatabase.withDatabase(suite: suite) { conninfo in
            try await SuiteDatabase.$conninfo.withValue(conninfo) {
                try await function()
            }
        }
    }
}

extension Trait where Self == SuiteDatabaseTrait {
    /// The suite's tests get `SuiteDatabase.conninfo`, a database nobody else uses.
    static func database(_ suite: String) -> Self {
        SuiteDatabaseTrait(suite: suite)
    }
}

enum SuiteDatabase {
    @TaskLocal static var conninfo: String?

    /// Waits until the backend `pid` runs exactly `sql`. Tests that cancel a running statement wait for
    /// this instead of a fixed delay, which a loaded machine outlasts. Their own backend only: other tests
    /// of the run send the same statements, and seeing theirs would let a test act before its own
    /// statement started. Read the pid before the statement is sent (the connection is busy after).
    static func waitUntilRunning(_ sql: String, pid: Int32) async throws {
        let observer = try await connect()
        do {
            try await Wait.until("\(sql) to run", timeout: .seconds(30)) {
                let rows = try await observer.query("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE state = 'active' AND query = \(sql) AND pid = \(pid)
                    """)
                return try rows[0].decode(Int.self, at: 0) > 0
            }
        } catch {
            await observer.close()
            throw error
        }
        await observer.close()
    }

    static func connect() async throws -> PostgresConnection {
        guard let conninfo else {
            throw TestDatabase.Unavailable(description: "the suite lacks the .database(…) trait")
        }
        return try await PostgresConnection.connect(conninfo, options: .init(applicationName: "PostgresClientTests"))
    }

    /// Runs `body` on a fresh connection, closed afterwards whatever happens.
    @discardableResult
    static func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await connect()
        do {
            let value = try await body(connection)
            await connection.close()
            return value
        } catch {
            await connection.close()
            throw error
        }
    }
}

/// Test data shared with the other projects' checks: `<package root>/../shared/testdata`.
enum SharedTestData {
    static func url(_ relativePath: String) throws -> URL {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            let parent = directory.deletingLastPathComponent()
            guard parent.path != directory.path else {
                throw TestDatabase.Unavailable(description: "no Package.swift above \(#filePath)")
            }
            directory = parent
        }
        return directory.deletingLastPathComponent().appendingPathComponent("shared/testdata/\(relativePath)")
    }
}
