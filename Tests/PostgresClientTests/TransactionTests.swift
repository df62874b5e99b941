import Foundation
import PostgresClient
import Synchronization
import Testing

@Suite(.database("transactions")) struct TransactionTests {
    struct Planned: Error {}

    /// A table of its own per test, so parallel tests never share rows.
    private func makeTable(_ connection: PostgresConnection) async throws -> String {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await connection.execute("CREATE TABLE \(identifier: name) (id int PRIMARY KEY, note text)")
        return name
    }

    private func ids(in table: String, _ connection: PostgresConnection) async throws -> [Int] {
        try await connection.query("SELECT id FROM \(identifier: table) ORDER BY id").map { try $0.decode(Int.self, "id") }
    }

    @Test func committedRowsAreVisibleToOtherConnections() async throws {
        try await SuiteDatabase.withConnection { connection in
            let table = try await makeTable(connection)
            let inserted = try await connection.transaction { tx in
                try await tx.execute("INSERT INTO \(identifier: table) VALUES (\(1), \("a")), (\(2), \("b"))")
            }
            #expect(inserted == 2)
            let other = try await SuiteDatabase.withConnection { try await ids(in: table, $0) }
            #expect(other == [1, 2])
        }
    }

    @Test func aThrownErrorRollsBackAndTheConnectionStaysUsable() async throws {
        try await SuiteDatabase.withConnection { connection in
            let table = try await makeTable(connection)
            await #expect(throws: Planned.self) {
                try await connection.transaction { tx in
                    try await tx.execute("INSERT INTO \(identifier: table) VALUES (\(1), \("gone"))")
                    throw Planned()
                }
            }
            let error = try await #require(throws: PostgresError.self) {
                try await connection.transaction { tx in
                    try await tx.execute("INSERT INTO \(identifier: table) VALUES (\(2), \("gone"))")
                    try await tx.execute("INSERT INTO \(identifier: table) VALUES (\(2), \("duplicate"))")
                }
            }
            #expect(error.isUniqueViolation)
            #expect(try await ids(in: table, connection) == [])
            try await connection.execute("INSERT INTO \(identifier: table) VALUES (\(3), \("kept"))")
            #expect(try await ids(in: table, connection) == [3])
        }
    }

    @Test func aSwallowedStatementErrorMakesCommitFail() async throws {
        try await SuiteDatabase.withConnection { connection in
            let table = try await makeTable(connection)
            let error = try await #require(throws: PostgresError.self) {
                try await connection.transaction { tx in
                    try await tx.execute("INSERT INTO \(identifier: table) VALUES (\(1), \("gone"))")
                    _ = try? await tx.execute("SELECT 1/0")
                }
            }
            #expect(error.kind == .transactionRolledBack)
            #expect(try await ids(in: table, connection) == [])
        }
    }

    @Test func nestedTransactionsAreSavepoints() async throws {
        try await SuiteDatabase.withConnection { connection in
            let table = try await makeTable(connection)
            try await connection.transaction { tx in
                try await tx.execute("INSERT INTO \(identifier: table) VALUES (\(1), \("outer"))")
                await #expect(throws: Planned.self) {
                    try await tx.transaction { inner in
                        try await inner.execute("INSERT INTO \(identifier: table) VALUES (\(2), \("inner"))")
                        throw Planned()
                    }
                }
                try await tx.transaction { inner in
                    try await inner.execute("INSERT INTO \(identifier: table) VALUES (\(3), \("inner kept"))")
                }
            }
            #expect(try await ids(in: table, connection) == [1, 3])
        }
    }

    @Test func otherTasksWaitUntilTheTransactionEnds() async throws {
        try await SuiteDatabase.withConnection { connection in
            let table = try await makeTable(connection)
            let bodyStarted = AsyncStream<Void>.makeStream()
            let transaction = Task {
                try await connection.transaction { tx in
                    try await tx.execute("INSERT INTO \(identifier: table) VALUES (\(1), \("rolled back"))")
                    bodyStarted.continuation.yield()
                    try await Task.sleep(for: .milliseconds(300))
                    // Had the other task's insert run inside this transaction, it would be rolled back too.
                    throw Planned()
                }
            }
            for await _ in bodyStarted.stream { break }
            try await connection.execute("INSERT INTO \(identifier: table) VALUES (\(2), \("outside"))")
            await #expect(throws: Planned.self) { try await transaction.value }
            #expect(try await ids(in: table, connection) == [2])
        }
    }

    @Test func cancellingTheTaskRollsBack() async throws {
        try await SuiteDatabase.withConnection { connection in
            let table = try await makeTable(connection)
            let pid = await connection.backendPID
            let task = Task {
                try await connection.transaction { tx in
                    try await tx.execute("INSERT INTO \(identifier: table) VALUES (\(1), \("gone"))")
                    try await tx.execute("SELECT pg_sleep(10)")
                }
            }
            // Cancel while the sleep runs on the server (a fixed delay raced the INSERT on a loaded machine).
            try await SuiteDatabase.waitUntilRunning("SELECT pg_sleep(10)", pid: pid)
            task.cancel()
            let error = await #expect(throws: PostgresError.self) { try await task.value }
            #expect(error?.isQueryCancelled == true)
            #expect(try await ids(in: table, connection) == [])
        }
    }

    @Test func skipLockedClaimsNeverHandTheSameRowToTwoConnections() async throws {
        let rowCount = 400
        try await SuiteDatabase.withConnection { setup in
            try await setup.execute("CREATE TABLE queue (id int PRIMARY KEY)")
            try await setup.execute("INSERT INTO queue SELECT generate_series(1, \(rowCount))")
        }
        let claims = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<2 {
                group.addTask {
                    try await SuiteDatabase.withConnection { connection in
                        var claimed: [Int] = []
                        while true {
                            let batch = try await connection.transaction { tx in
                                let ids = try await tx.query("""
                                    SELECT id FROM queue ORDER BY id LIMIT \(5) FOR UPDATE SKIP LOCKED
                                    """).map { try $0.decode(Int.self, "id") }
                                // Hold the locks a moment so the other worker runs into them.
                                try await tx.execute("SELECT pg_sleep(0.001)")
                                let deleted = try await tx.execute("DELETE FROM queue WHERE id = ANY(\(ids)::int[])")
                                #expect(deleted == ids.count)
                                return ids
                            }
                            if batch.isEmpty { return claimed }
                            claimed += batch
                        }
                    }
                }
            }
            var all: [[Int]] = []
            for try await claim in group { all.append(claim) }
            return all
        }
        let everything = claims.flatMap { $0 }
        #expect(everything.count == rowCount)
        #expect(Set(everything).count == rowCount)
        #expect(claims.allSatisfy { !$0.isEmpty }, "both workers should have claimed rows")
    }
}
