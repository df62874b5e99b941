import Foundation
import PostgresClient
import Testing

@Suite(.database("prepared")) struct PreparedStatementTests {
    private func preparedCount(_ connection: PostgresConnection) async throws -> Int {
        try await connection.query("SELECT count(*) FROM pg_prepared_statements")[0].decode(Int.self, at: 0)
    }

    @Test func preparedStatementsAnswerLikeUnpreparedOnesAndArePreparedOnce() async throws {
        try await SuiteDatabase.withConnection { connection in
            for (number, text) in [(1, "one"), (2, "two, with \"quotes\""), (-7, "ünïcödé")] {
                let sql: (Int, String) -> PostgresQuery = { "SELECT \($0) + 1, upper(\($1)), \([$0, $0 * 2])::int[]" }
                let prepared = try await connection.query(prepared: sql(number, text))
                let plain = try await connection.query(sql(number, text))
                #expect(try prepared[0].decode(Int.self, at: 0) == number + 1)
                #expect(try prepared[0].decode(String.self, at: 1) == text.uppercased())
                #expect(try prepared[0].decode([Int].self, at: 2) == [number, number * 2])
                #expect(try plain[0].decode(String.self, at: 1) == prepared[0].decode(String.self, at: 1))
            }
            #expect(try await preparedCount(connection) == 1)
            // Another text is another statement.
            _ = try await connection.query(prepared: "SELECT \(1) AS other")
            #expect(try await preparedCount(connection) == 2)
        }
    }

    @Test func executeCountsRowsAndWorksInsideATransaction() async throws {
        try await SuiteDatabase.withConnection { connection in
            try await connection.execute("CREATE TEMP TABLE prepared_rows (id int PRIMARY KEY)")
            let inserted = try await connection.transaction { tx in
                try await tx.execute(prepared: "INSERT INTO prepared_rows SELECT generate_series(1, \(3))")
                    + tx.execute(prepared: "INSERT INTO prepared_rows SELECT generate_series(4, \(5))")
            }
            #expect(inserted == 5)
            let error = try await #require(throws: PostgresError.self) {
                try await connection.transaction { tx in
                    try await tx.execute(prepared: "INSERT INTO prepared_rows VALUES (\(6))")
                    try await tx.execute(prepared: "INSERT INTO prepared_rows VALUES (\(6))")
                }
            }
            #expect(error.isUniqueViolation)
            #expect(try await connection.query("SELECT count(*) FROM prepared_rows")[0].decode(Int.self, at: 0) == 5)
        }
    }

    @Test func errorsNameTheStatementButNotTheBoundValues() async throws {
        try await SuiteDatabase.withConnection { connection in
            let secret = "s3cr3t-prepared"
            let error = try await #require(throws: PostgresError.self) {
                try await connection.query(prepared: "SELECT \(secret)::int")
            }
            #expect(error.sqlState == "22P02")
            #expect(error.message.contains(secret))
            #expect(!error.description.contains(secret))
            // A statement that fails to prepare is not remembered: fixing nothing, it fails the same way again.
            for _ in 0..<2 {
                let syntax = try await #require(throws: PostgresError.self) {
                    try await connection.query(prepared: "SELEC \(1)")
                }
                #expect(syntax.sqlState == "42601")
            }
            #expect(try await connection.query(prepared: "SELECT \(41) + 1")[0].decode(Int.self, at: 0) == 42)
        }
    }
}
