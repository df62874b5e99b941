import Foundation
import PostgresClient
import Testing

@Suite(.database("types")) struct TypeRoundTripTests {
    /// Sends `value` as a parameter cast to `sqlType` and decodes what the server sends back.
    private func roundTrip<T: PostgresEncodable & PostgresDecodable>(_ value: T, _ sqlType: String) async throws -> T {
        try await SuiteDatabase.withConnection { connection in
            let rows = try await connection.query("SELECT \(value)::\(PostgresQuery(unsafeSQL: sqlType)) AS v")
            return try #require(rows.first).decode(T.self, "v")
        }
    }

    static let strings = [
        "", "plain", "naïve café", "emoji 👍🏽 👨‍👩‍👧 🏳️‍🌈", "RTL: עברית العربية \u{202E}reversed", "zero\u{200B}width",
        #"quotes ' and " and \ backslash"#, "{braces}, commas, (parens)", "line\nbreak\ttab\r\n", "\u{FEFF}bom",
        "NULL", "null", " padded ", "ᄀᄀᄀ 각 ᆨ", "𝕳𝖊𝖑𝖑𝖔", String(repeating: "長い", count: 5000),
    ]

    @Test(arguments: strings)
    func textRoundTrips(value: String) async throws {
        #expect(try await roundTrip(value, "text") == value)
    }

    @Test func substringsBindAsText() async throws {
        let source = "xx-middle-xx"
        let middle = source.dropFirst(3).dropLast(3)
        #expect(try await roundTrip(String(middle), "text") == "middle")
        try await SuiteDatabase.withConnection { connection in
            let row = try #require(try await connection.query("SELECT \(middle)::text AS v").first)
            #expect(try row.decode(String.self, "v") == "middle")
        }
    }

    @Test func integersRoundTripAtTheirLimits() async throws {
        for value in [Int64.min, -1, 0, 1, Int64.max] {
            #expect(try await roundTrip(value, "bigint") == value)
        }
        for value in [Int.min, 0, Int.max] {
            #expect(try await roundTrip(value, "bigint") == value)
        }
        for value in [Int32.min, Int32.max] {
            #expect(try await roundTrip(value, "integer") == value)
        }
        for value in [Int16.min, Int16.max] {
            #expect(try await roundTrip(value, "smallint") == value)
        }
    }

    @Test func integerOverflowIsADecodingErrorNamingTheColumn() async throws {
        try await SuiteDatabase.withConnection { connection in
            let row = try #require(try await connection.query("SELECT 40000::integer AS wide").first)
            let error = try #require(throws: PostgresError.self) { try row.decode(Int16.self, "wide") }
            #expect(error.kind == .decoding)
            #expect(error.description.contains("\"wide\""))
            #expect(error.description.contains("Int16"))
            #expect(!error.description.contains("40000"))
        }
    }

    @Test func booleansAndDoublesRoundTrip() async throws {
        #expect(try await roundTrip(true, "boolean") == true)
        #expect(try await roundTrip(false, "boolean") == false)
        let doubles: [Double] = [
            0, -0.0, 0.1, -1.5, .pi, 1e-300, 1e300, .greatestFiniteMagnitude, .leastNormalMagnitude,
            .leastNonzeroMagnitude, .infinity, -.infinity,
        ]
        for value in doubles {
            let back = try await roundTrip(value, "double precision")
            #expect(back == value && back.sign == value.sign, "\(value)")
        }
        #expect(try await roundTrip(Double.nan, "double precision").isNaN)
        try await SuiteDatabase.withConnection { connection in
            let row = try #require(try await connection.query("SELECT 12.50::numeric AS n").first)
            #expect(try row.decode(Double.self, "n") == 12.5)
            #expect(row["n"] == "12.50")
        }
    }

    @Test func datesRoundTripToTheMicrosecond() async throws {
        let dates = [
            Date(timeIntervalSince1970: 1_700_000_000.123456), Date(timeIntervalSince1970: -0.000001),
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -62_135_596_801.5),
            Date(timeIntervalSince1970: 253_402_300_800.000001), Date(timeIntervalSinceReferenceDate: 0),
        ]
        for date in dates {
            let back = try await roundTrip(date, "timestamptz")
            #expect(try back.postgresText() == date.postgresText())
            #expect(abs(back.timeIntervalSince(date)) < 0.000_000_5)
        }
        try await SuiteDatabase.withConnection { connection in
            let date = Date(timeIntervalSince1970: 1_700_000_000.123456)
            let row = try #require(try await connection.query("""
                SELECT \(date)::timestamptz = '2023-11-14 22:13:20.123456+00' AS same,
                       '2024-02-29 18:04:56.789012+05:30'::timestamptz AS zoned,
                       '2024-03-01'::date AS day, '2024-03-01 10:00:00.5'::timestamp AS naive
                """).first)
            #expect(try row.decode(Bool.self, "same"))
            #expect(try row.decode(Date.self, "zoned").postgresText() == "2024-02-29 12:34:56.789012+00")
            #expect(try row.decode(Date.self, "day").postgresText() == "2024-03-01 00:00:00.000000+00")
            #expect(try row.decode(Date.self, "naive").postgresText() == "2024-03-01 10:00:00.500000+00")
        }
    }

    @Test func datesDecodeTheSameWhateverTheServerDateStyleDefault() async throws {
        try await SuiteDatabase.withConnection { connection in
            // A role or database default must not change what decoding sees: connect resets it.
            let database = try #require(try await connection.query("SELECT current_database() AS d").first)["d"]
            try await connection.execute(PostgresQuery(unsafeSQL:
                "ALTER DATABASE \(PostgresQuery.quoteIdentifier(database ?? "")) SET DateStyle = 'SQL, DMY'"))
            try await connection.execute(PostgresQuery(unsafeSQL:
                "ALTER DATABASE \(PostgresQuery.quoteIdentifier(database ?? "")) SET TimeZone = 'America/Los_Angeles'"))
        }
        try await SuiteDatabase.withConnection { connection in
            let row = try #require(try await connection.query("SELECT '2024-07-01 12:00:00+02'::timestamptz AS t").first)
            #expect(try row.decode(Date.self, "t").postgresText() == "2024-07-01 10:00:00.000000+00")
        }
    }

    @Test func uuidsByteaAndInetRoundTrip() async throws {
        let uuid = UUID()
        #expect(try await roundTrip(uuid, "uuid") == uuid)
        let bytes = Data((0...255).map { UInt8($0) } + [0, 0])
        #expect(try await roundTrip(bytes, "bytea") == bytes)
        #expect(try await roundTrip(Data(), "bytea") == Data())
        for (input, output) in [
            ("192.168.0.1", "192.168.0.1"), ("10.0.0.0/8", "10.0.0.0/8"), ("2001:DB8::1", "2001:db8::1"),
            ("::ffff:1.2.3.4", "::ffff:1.2.3.4"), ("fe80::1/64", "fe80::1/64"),
        ] {
            #expect(try await roundTrip(input, "inet") == output)
        }
    }

    struct Facts: Codable, Equatable, Sendable {
        var name: String
        var count: Int
        var tags: [String]
        var scores: [String: Double]
        var note: String?
    }

    @Test func jsonRoundTripsThroughJsonAndJsonb() async throws {
        let facts = Facts(name: "Zoë \"quoted\" ✓", count: 3, tags: ["a", "", "ü"], scores: ["x": 0.5], note: nil)
        try await SuiteDatabase.withConnection { connection in
            let row = try #require(try await connection.query("""
                SELECT \(PostgresJSON(facts))::jsonb AS b, \(PostgresJSON(facts))::json AS j,
                       \(PostgresJSON(["k": 1, "n": 2]))::jsonb AS dict, NULL::jsonb AS missing,
                       (\(PostgresJSON(facts))::jsonb ->> 'name') AS name
                """).first)
            #expect(try row.decodeJSON(Facts.self, "b") == facts)
            #expect(try row.decodeJSON(Facts.self, at: 1) == facts)
            #expect(try row.decodeJSON([String: Int].self, "dict") == ["k": 1, "n": 2])
            #expect(try row.decodeJSON(Facts?.self, "missing") == nil)
            #expect(try row.decode(String.self, "name") == facts.name)
            let missing = try #require(throws: PostgresError.self) { try row.decodeJSON(Facts.self, "missing") }
            #expect(missing.description.contains("NULL"))
            let wrongShape = try #require(throws: PostgresError.self) { try row.decodeJSON([Int].self, "b") }
            #expect(wrongShape.kind == .decoding)
            #expect(!wrongShape.description.contains("Zoë"))
        }
    }

    static let awkwardElements: [String?] = [
        "", "NULL", "null", nil, "a,b", "{x}", "}", "{", #""q""#, #"back\slash"#, #"\\"#, " spaced ", "tab\there",
        "new\nline", "emoji 🎉", "ünïcödé", "עברית", "'single'",
    ]

    @Test func textArraysRoundTripAwkwardElements() async throws {
        let values = Self.awkwardElements
        #expect(try await roundTrip(values, "text[]") == values)
        try await SuiteDatabase.withConnection { connection in
            // Element by element through unnest, so the server's reading is checked, not just our parser.
            let rows = try await connection.query("SELECT x FROM unnest(\(values)::text[]) WITH ORDINALITY AS u(x, i) ORDER BY i")
            #expect(try rows.map { try $0.decode(String?.self, "x") } == values)
            let server = try #require(try await connection.query(#"""
                SELECT ARRAY['a"b', 'c\d', NULL, '', 'NULL', ' ', '{,}']::text[] AS a
                """#).first)
            #expect(try server.decode([String?].self, "a") == [#"a"b"#, #"c\d"#, nil, "", "NULL", " ", "{,}"])
        }
    }

    @Test func otherArraysRoundTrip() async throws {
        #expect(try await roundTrip([Int64.min, 0, Int64.max], "bigint[]") == [Int64.min, 0, Int64.max])
        #expect(try await roundTrip([Int?](), "integer[]") == [])
        #expect(try await roundTrip([1, nil, 3] as [Int?], "integer[]") == [1, nil, 3])
        #expect(try await roundTrip([[1, 2], [3, 4]], "integer[]") == [[1, 2], [3, 4]])
        #expect(try await roundTrip([true, false], "boolean[]") == [true, false])
        #expect(try await roundTrip([0.5, -.infinity], "double precision[]") == [0.5, -.infinity])
        let uuids = [UUID(), UUID()]
        #expect(try await roundTrip(uuids, "uuid[]") == uuids)
        let dates = [Date(timeIntervalSince1970: 1.000001), Date(timeIntervalSince1970: 2_000_000_000.5)]
        #expect(try await roundTrip(dates, "timestamptz[]").map { try $0.postgresText() } == dates.map { try $0.postgresText() })
        #expect(try await roundTrip(["10.0.0.1", "::1"], "inet[]") == ["10.0.0.1", "::1"])
        try await SuiteDatabase.withConnection { connection in
            let row = try #require(try await connection.query("SELECT '[0:1]={7,8}'::int[] AS shifted, \(["x"]) AS untyped").first)
            #expect(try row.decode([Int].self, "shifted") == [7, 8])
            #expect(try row.decode(String.self, "untyped") == #"{"x"}"#)
        }
    }

    @Test func nullsDecodeOnlyIntoOptionals() async throws {
        try await SuiteDatabase.withConnection { connection in
            let missing: String? = nil
            let row = try #require(try await connection.query("SELECT \(missing)::text AS a, \(missing)::text IS NULL AS b").first)
            #expect(try row.isNull("a"))
            #expect(try row.isNull(0))
            #expect(!(try row.isNull("b")))
            #expect(try row.decode(String?.self, "a") == nil)
            #expect(row["a"] == nil)
            #expect(try row.decode(Bool.self, "b"))
            let error = try #require(throws: PostgresError.self) { try row.decode(String.self, "a") }
            #expect(error.description.contains("\"a\"") && error.description.contains("NULL"))
            #expect(throws: PostgresError.self) { try row.decode(String.self, "nope") }
            #expect(throws: PostgresError.self) { try row.decode(String.self, at: 9) }
            #expect(throws: PostgresError.self) { try row.isNull("nope") }
        }
    }
}
