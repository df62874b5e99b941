import Foundation
import PostgresClient
import Testing

@Suite(.database("errors")) struct ErrorTests {
    @Test func uniqueViolationNamesItsConstraintButNotTheValue() async throws {
        try await SuiteDatabase.withConnection { connection in
            try await connection.execute("""
                CREATE TABLE users (id int PRIMARY KEY, email text NOT NULL, CONSTRAINT users_email_key UNIQUE (email))
                """)
            let email = "private.person@example.com"
            #expect(try await connection.execute("INSERT INTO users VALUES (\(1), \(email))") == 1)
            let error = try await #require(throws: PostgresError.self) {
                try await connection.execute("INSERT INTO users VALUES (\(2), \(email))")
            }
            #expect(error.isUniqueViolation)
            #expect(error.sqlState == "23505")
            #expect(error.kind == .server)
            #expect(error.constraint == "users_email_key")
            #expect(error.table == "users")
            #expect(error.schema == "public")
            #expect(!error.isRetryable && !error.isConnectionLost)
            #expect(error.detail?.contains(email) == true)
            #expect(!error.description.contains(email))
            #expect(error.description.contains("users_email_key"))
            #expect(error.description.contains("[redacted]"))
            #expect(error.debugDescription.contains(email))
            // The connection is still usable.
            #expect(try await connection.query("SELECT count(*) AS n FROM users").first?.decode(Int.self, "n") == 1)
        }
    }

    @Test func serverEchoesOfBoundValuesAreRedactedFromTheDescription() async throws {
        try await SuiteDatabase.withConnection { connection in
            let secret = "s3cr3t-value"
            let queries: [PostgresQuery] = [
                "SELECT \(secret)::int",
                "SELECT \("not-an-address-\(secret)")::inet",
                "SELECT \(["1", secret])::int[]",
                "SELECT \("multi\nline \(secret)")::int",
            ]
            for query in queries {
                let error = try await #require(throws: PostgresError.self) { try await connection.query(query) }
                #expect(error.sqlState == "22P02")
                #expect(error.message.contains(secret))
                #expect(!error.description.contains(secret))
                #expect(!error.description.contains("\n"))
                #expect(error.description.hasPrefix("PostgreSQL error [22P02]: invalid input syntax"))
                #expect(error.debugDescription.contains(secret))
            }
        }
    }

    @Test func oneCharacterValuesAreNotRedacted() async throws {
        try await SuiteDatabase.withConnection { connection in
            let error = try await #require(throws: PostgresError.self) { try await connection.query("SELECT \("x")::int") }
            #expect(error.description.contains("\"x\""))
        }
    }

    @Test func aSecondStatementCannotBeSmuggledIntoAQuery() async throws {
        try await SuiteDatabase.withConnection { connection in
            let error = try await #require(throws: PostgresError.self) {
                try await connection.query("SELECT 1; SELECT 2")
            }
            #expect(error.sqlState == "42601")
            #expect(try await connection.query("SELECT 2 AS two").first?.decode(Int.self, "two") == 2)
        }
    }

    @Test func scriptsRunSeveralStatementsAndReportTheFailingOne() async throws {
        try await SuiteDatabase.withConnection { connection in
            try await connection.executeScript("""
                CREATE TABLE script_a (x int);
                -- a comment; with a semicolon
                INSERT INTO script_a VALUES (1), (2);
                CREATE FUNCTION script_f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;
                """)
            #expect(try await connection.query("SELECT sum(x) + script_f() AS s FROM script_a").first?.decode(Int.self, "s") == 4)
            let error = try await #require(throws: PostgresError.self) {
                try await connection.executeScript("INSERT INTO script_a VALUES (3); SELECT * FROM script_missing;")
            }
            #expect(error.sqlState == "42P01")
            #expect(error.sql?.contains("script_missing") == true)
            // Without BEGIN/COMMIT the script was one implicit transaction: the insert is gone too.
            #expect(try await connection.query("SELECT count(*) AS n FROM script_a").first?.decode(Int.self, "n") == 2)
        }
    }

    @Test func statementTimeoutIsAQueryCancellation() async throws {
        try await SuiteDatabase.withConnection { connection in
            try await connection.execute("SET statement_timeout = 50")
            let error = try await #require(throws: PostgresError.self) { try await connection.query("SELECT pg_sleep(5)") }
            #expect(error.isQueryCancelled)
            #expect(!error.isConnectionLost)
            try await connection.execute("RESET statement_timeout")
        }
    }

    @Test func copyIsRefusedAndLeavesTheConnectionUsable() async throws {
        try await SuiteDatabase.withConnection { connection in
            let out = try await #require(throws: PostgresError.self) {
                try await connection.query("COPY (SELECT g FROM generate_series(1, 1000) g) TO STDOUT")
            }
            #expect(out.kind == .unsupported)
            try await connection.execute("CREATE TABLE copy_target (x int)")
            let into = try await #require(throws: PostgresError.self) { try await connection.query("COPY copy_target FROM STDIN") }
            #expect(into.kind == .server)
            #expect(try await connection.query("SELECT 3 AS three").first?.decode(Int.self, "three") == 3)
        }
    }
}
