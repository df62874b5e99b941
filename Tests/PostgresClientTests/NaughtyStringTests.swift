import Foundation
import PostgresClient
import Testing

@Suite(.database("naughty")) struct NaughtyStringTests {
    static func naughtyStrings() throws -> [String] {
        let data = try Data(contentsOf: try SharedTestData.url("naughty/blns.json"))
        return try JSONDecoder().decode([String].self, from: data)
    }

    @Test func everyNaughtyStringRoundTripsAsText() async throws {
        let strings = try Self.naughtyStrings()
        #expect(strings.count > 500)
        try await SuiteDatabase.withConnection { connection in
            for string in strings {
                let row = try #require(try await connection.query("SELECT \(string)::text AS v, octet_length(\(string)) AS n").first)
                #expect(try row.decode(String.self, "v") == string)
                #expect(try row.decode(Int.self, "n") == string.utf8.count)
            }
        }
    }

    @Test func naughtyStringsRoundTripAsOneTextArray() async throws {
        let strings = try Self.naughtyStrings()
        try await SuiteDatabase.withConnection { connection in
            let row = try #require(try await connection.query("SELECT \(strings)::text[] AS a, cardinality(\(strings)::text[]) AS n").first)
            #expect(try row.decode([String].self, "a") == strings)
            #expect(try row.decode(Int.self, "n") == strings.count)
            let rows = try await connection.query("SELECT x FROM unnest(\(strings)::text[]) WITH ORDINALITY AS u(x, i) ORDER BY i")
            #expect(try rows.map { try $0.decode(String.self, "x") } == strings)
        }
    }

    @Test func naughtyStringsAreStoredVerbatim() async throws {
        let strings = try Self.naughtyStrings()
        try await SuiteDatabase.withConnection { connection in
            try await connection.execute("CREATE TABLE naughty (id int PRIMARY KEY, body text NOT NULL)")
            try await connection.execute("""
                INSERT INTO naughty SELECT i, x FROM unnest(\(strings)::text[]) WITH ORDINALITY AS u(x, i)
                """)
            let rows = try await connection.query("SELECT body FROM naughty ORDER BY id")
            #expect(try rows.map { try $0.decode(String.self, "body") } == strings)
        }
    }

    @Test func nulBytesCannotBeStoredAndSayWhy() async throws {
        try await SuiteDatabase.withConnection { connection in
            for value in ["a\u{0}b", "\u{0}"] {
                let error = try await #require(throws: PostgresError.self) {
                    try await connection.query("SELECT \(value)::text")
                }
                #expect(error.kind == .encoding)
                #expect(error.description.contains("NUL"))
                #expect(error.description.contains("$1"))
                let arrayError = try await #require(throws: PostgresError.self) {
                    try await connection.query("SELECT \(["ok", value])::text[]")
                }
                #expect(arrayError.kind == .encoding)
            }
            // The connection is still usable afterwards.
            #expect(try await connection.query("SELECT 1 AS one").first?.decode(Int.self, "one") == 1)
        }
    }
}
