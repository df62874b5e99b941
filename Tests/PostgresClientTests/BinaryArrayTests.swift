import Foundation
import PostgresClient
import Testing

/// `PostgresBinaryArray`: what the server reads from the binary format is exactly what the text literal gave.
@Suite(.database("binary_arrays")) struct BinaryArrayTests {
    @Test func everyNaughtyStringArrivesIntactInOneArray() async throws {
        let strings = try NaughtyStringTests.naughtyStrings() + TypeRoundTripTests.strings
        try await SuiteDatabase.withConnection { connection in
            let rows = try await connection.query("""
                SELECT x, octet_length(x) AS n FROM unnest(\(PostgresBinaryArray.text(strings))::text[]) WITH ORDINALITY AS u(x, i)
                ORDER BY i
                """)
            #expect(try rows.map { try $0.decode(String.self, "x") } == strings)
            #expect(try rows.map { try $0.decode(Int.self, "n") } == strings.map(\.utf8.count))
        }
    }

    @Test func nullElementsEmptyStringsAndEmptyArrays() async throws {
        try await SuiteDatabase.withConnection { connection in
            let values: [String?] = [nil, "", "NULL", nil, "x"]
            let row = try #require(try await connection.query("""
                SELECT \(PostgresBinaryArray.text(values))::text[] AS a,
                       array_position(\(PostgresBinaryArray.text(values))::text[], NULL) AS first_null,
                       cardinality(\(PostgresBinaryArray.text([]))::text[]) AS empty_text,
                       cardinality(\(PostgresBinaryArray.bigint([]))::bigint[]) AS empty_ids,
                       cardinality(\(PostgresBinaryArray.jsonb([]))::jsonb[]) AS empty_json
                """).first)
            #expect(try row.decode([String?].self, "a") == values)
            #expect(try row.decode(Int.self, "first_null") == 1)
            #expect(try row.decode(Int.self, "empty_text") == 0)
            #expect(try row.decode(Int.self, "empty_ids") == 0)
            #expect(try row.decode(Int.self, "empty_json") == 0)
        }
    }

    @Test func bigintsKeepTheirLimitsAndOrder() async throws {
        let values: [Int64] = [Int64.min, -1, 0, 1, 255, 256, 65_536, Int64.max]
        try await SuiteDatabase.withConnection { connection in
            let row = try #require(try await connection.query("""
                SELECT \(PostgresBinaryArray.bigint(values))::bigint[] AS a,
                       (\(PostgresBinaryArray.bigint(values))::bigint[])[8] = 9223372036854775807 AS last_is_max
                """).first)
            #expect(try row.decode([Int64].self, "a") == values)
            #expect(try row.decode(Bool.self, "last_is_max"))
        }
    }

    @Test func booleansKeepTheirOrder() async throws {
        let values = [true, false, false, true, true]
        try await SuiteDatabase.withConnection { connection in
            let row = try #require(try await connection.query("""
                SELECT \(PostgresBinaryArray.boolean(values))::boolean[] AS a,
                       (SELECT count(*) FROM unnest(\(PostgresBinaryArray.boolean(values))::boolean[]) b WHERE b) AS trues
                """).first)
            #expect(try row.decode([Bool].self, "a") == values)
            #expect(try row.decode(Int.self, "trues") == 3)
        }
    }

    @Test func jsonbElementsAreParsedAndCheckedByTheServer() async throws {
        let documents: [String?] = [#"[{"code":"too_long","match":"ü \" \\ <b>"}]"#, "[]", nil, #"{"a":1}"#]
        try await SuiteDatabase.withConnection { connection in
            let rows = try await connection.query("""
                SELECT x::text AS t, jsonb_typeof(x) AS kind FROM unnest(\(PostgresBinaryArray.jsonb(documents))::jsonb[])
                WITH ORDINALITY AS u(x, i) ORDER BY i
                """)
            let expected = try await connection.query("""
                SELECT x::text AS t, jsonb_typeof(x) AS kind FROM unnest(\(documents)::jsonb[]) WITH ORDINALITY AS u(x, i) ORDER BY i
                """)
            #expect(try rows.map { try $0.decode(String?.self, "t") } == expected.map { try $0.decode(String?.self, "t") })
            #expect(try rows.map { try $0.decode(String?.self, "kind") } == ["array", "array", nil, "object"])

            // Not JSON: the server refuses it, and the description does not echo the element.
            let secret = "not json s3cr3t"
            let error = try await #require(throws: PostgresError.self) {
                try await connection.query("SELECT \(PostgresBinaryArray.jsonb(["[]", secret]))::jsonb[]")
            }
            #expect(error.kind == .server)
            #expect(!error.description.contains(secret))
            #expect(try await connection.query("SELECT 1 AS one").first?.decode(Int.self, "one") == 1)
        }
    }

    @Test func aCastToAnotherElementTypeFailsClearly() async throws {
        try await SuiteDatabase.withConnection { connection in
            let error = try await #require(throws: PostgresError.self) {
                try await connection.query("SELECT \(PostgresBinaryArray.text(["1", "2"]))::bigint[]")
            }
            #expect(error.kind == .server)
            #expect(error.message.contains("element type 25 (text) instead of expected 20 (bigint)"))
        }
    }

    @Test func nulBytesAreRefusedBeforeSendingNamingParameterAndElement() async throws {
        try await SuiteDatabase.withConnection { connection in
            for array in [PostgresBinaryArray.text(["ok", nil, "a\u{0}b"]), PostgresBinaryArray.jsonb(["[]", nil, "\"\u{0}\""])] {
                let error = try await #require(throws: PostgresError.self) {
                    try await connection.query("SELECT \(1), \(array)::text[]")
                }
                #expect(error.kind == .encoding)
                #expect(error.description.contains("$2"))
                #expect(error.description.contains("element 3"))
                #expect(error.description.contains("NUL"))
            }
            #expect(try await connection.query("SELECT 1 AS one").first?.decode(Int.self, "one") == 1)
        }
    }

    @Test func preparedStatementsTakeBinaryAndTextParametersTogether() async throws {
        try await SuiteDatabase.withConnection { connection in
            try await connection.execute("CREATE TABLE mixed (id bigint PRIMARY KEY, body text, note text)")
            for round in 0..<3 {
                let ids = (0..<50).map { Int64(round * 100 + $0) }
                let bodies = ids.map { "<p>body \($0) \"quoted\" {braces}, \\ back</p>" }
                let inserted = try await connection.execute(prepared: """
                    INSERT INTO mixed SELECT i, b, \("text parameter")
                    FROM unnest(\(PostgresBinaryArray.bigint(ids))::bigint[], \(PostgresBinaryArray.text(bodies))::text[]) AS u(i, b)
                    """)
                #expect(inserted == 50)
                let rows = try await connection.query("SELECT body FROM mixed WHERE id >= \(ids[0]) ORDER BY id")
                #expect(try rows.map { try $0.decode(String.self, "body") } == bodies)
            }
        }
    }
    /// Text, NULL and binary parameters interleaved: each reaches the server in its own place, whichever
    /// kinds come before it (libpq gets every value where it lies, one nested access per parameter).
    @Test func textNullAndBinaryParametersKeepTheirPlaces() async throws {
        try await SuiteDatabase.withConnection { connection in
            let missing: String? = nil
            let query: PostgresQuery = """
                SELECT \("first")::text AS a, \(missing)::text AS b, \(PostgresBinaryArray.bigint([7, -7]))::bigint[] AS c,
                       \("Ünïcode ✓ 'quoted'")::text AS d, \(missing)::text AS e,
                       \(PostgresBinaryArray.text(["x", nil]))::text[] AS f, \("")::text AS g
                """
            for prepared in [false, true] {
                let rows = prepared ? try await connection.query(prepared: query) : try await connection.query(query)
                let row = try #require(rows.first)
                #expect(try row.decode(String.self, "a") == "first")
                #expect(try row.decode(String?.self, "b") == nil)
                #expect(try row.decode([Int64].self, "c") == [7, -7])
                #expect(try row.decode(String.self, "d") == "Ünïcode ✓ 'quoted'")
                #expect(try row.decode(String?.self, "e") == nil)
                #expect(try row.decode([String?].self, "f") == ["x", nil])
                #expect(try row.decode(String.self, "g") == "")
            }
        }
    }
}
