import DatabaseTestSupport
import Foundation
import ModerationStore
import PostgresClient
import Testing

/// `moderation.personal_data_pattern` (sql/0016) writes each kind of address's boundaries once and its
/// addresses as a tree of their shared beginnings; it must find exactly what sql/0006's pattern, with one
/// constrained branch per address, found.
@Suite("personal data pattern: one group per kind of address, the same matches")
struct MentionPatternTests {
    /// sql/0006's function, taken from the migration itself and created as pg_temp.personal_data_pattern_0006.
    private static func createOriginal(on db: PostgresConnection) async throws {
        let sql = try #require(try TestDatabase.migrations().first { $0.version == 6 }?.sql)
        let start = try #require(sql.range(of: "CREATE FUNCTION moderation.personal_data_pattern("))
        let end = try #require(sql.range(of: "\n$$;", range: start.upperBound..<sql.endIndex))
        let original = String(sql[start.lowerBound..<end.upperBound])
            .replacingOccurrences(of: "CREATE FUNCTION moderation.personal_data_pattern(",
                                  with: "CREATE FUNCTION pg_temp.personal_data_pattern_0006(")
        try await db.executeScript(original)
    }

    @Test("the same matches and the same redactions as sql/0006's pattern, on near misses and the naughty strings")
    func sameAsOriginal() async throws {
        let conninfo = try await TestDatabase.createMigratedDatabase(suite: "mention_pattern")
        let db = try await PostgresConnection.connect(conninfo)
        try await Self.createOriginal(on: db)
        // As long as submit_comment takes (1,000 bytes), with characters that JSON and HTML escape: the
        // pattern's helper must not recurse once per character.
        let long = String(repeating: "a\"&<", count: 246) + "@example.com"
        let people: [(String?, [String])] = [
            (long, ["10.0.0.1"]),
            ("Émile😀@exämple.com", ["::ffff:10.0.0.1", "10.0.0.1", "10.0.0.1", "2001:db8::1", "2001:DB8::10"]),
            ("ann@example.com", ["10.0.0.1", "10.0.0.12", "192.0.2.7", "2001:db8::1", "2001:db8::10"]),
            ("o'brien&co@example.org", []),
            ("a\"b@example.net", ["198.51.100.1"]),
            (nil, ["203.0.113.9"]),
            ("solo@example.com", []),
        ]
        let nearMisses = [
            "mail ann@example.com now", "joann@example.com", "ann@example.com.au", "ANN@EXAMPLE.COM!",
            "<ann@example.com>", "x.ann@example.com", "ann@example.com-x", "ann@example.com.",
            "from 10.0.0.1", "from 10.0.0.12", "from 10.0.0.123", "10.0.0.1.5", "110.0.0.1", "10.0.0.1:80",
            "2001:db8::1", "2001:db8::10", "2001:db8::1f", "[2001:db8::1]:443", "192.0.2.7/24",
            "o&#39;brien&amp;co@example.org", "o'brien&co@example.org", #"a\"b@example.net"#, "a&quot;b@example.net",
            "198.51.100.1 and 203.0.113.9", "{\"ip\": \"192.0.2.7\"}",
            "see \(long) there", "x\(long)",
            "from ::ffff:10.0.0.1", "::ffff:10.0.0.10", "ÉMILE😀@EXÄMPLE.COM", "émile😀@exämple.com.", "xÉmile😀@exämple.com",
        ]
        let texts = try nearMisses + (TestCorpora.naughtyStrings() + TestCorpora.xssPayloads()).filter { !$0.contains("\u{0}") }
        for (email, ips) in people {
            let rows = try await db.query("""
                WITH p AS (SELECT moderation.personal_data_pattern(\(email), \(ips)::text[]) AS now,
                                  pg_temp.personal_data_pattern_0006(\(email), \(ips)::text[]) AS before)
                SELECT count(*) FILTER (WHERE t ~* p.now),
                       count(*) FILTER (WHERE (t ~* p.now) IS DISTINCT FROM (t ~* p.before)
                                           OR moderation.redact_text(t, p.now) IS DISTINCT FROM moderation.redact_text(t, p.before))
                FROM p, unnest(\(texts)::text[]) AS t
                """)
            let matched = try rows[0].decode(Int.self, at: 0)
            #expect(try rows[0].decode(Int.self, at: 1) == 0, "\(email ?? "no email") \(ips)")
            // The near misses hold real mentions for every person but the one with no mention in them.
            #expect(email == "solo@example.com" ? matched == 0 : matched > 0, "\(email ?? "no email")")
        }
        // Nothing to look for gives no pattern, as before: redact_text then leaves text alone.
        let empty = try await db.query("""
            SELECT moderation.personal_data_pattern(NULL, '{}') IS NULL,
                   pg_temp.personal_data_pattern_0006(NULL, '{}') IS NULL
            """)
        #expect(try empty[0].decode(Bool.self, at: 0))
        #expect(try empty[0].decode(Bool.self, at: 1))
        await db.close()
    }

    @Test("the tree holds every string whatever collation the caller's strings carry")
    func callersCollation() async throws {
        let conninfo = try await TestDatabase.createMigratedDatabase(suite: "mention_collation")
        let db = try await PostgresConnection.connect(conninfo)
        // An ICU collation that passes over punctuation when sorting ('1:1:a::' between '1:1::a' and
        // '1:1::b'), and a case-insensitive one, under which 'A' and 'a' are equal.
        try await db.executeScript("""
            CREATE COLLATION shifted (provider = icu, locale = 'und-u-ka-shifted');
            CREATE COLLATION caseless (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
            """)
        for (collation, strings) in [("shifted", ["1:1::a", "1:1::b", "1:1:a::", "1:1::"]), ("caseless", ["A", "a", "b", "Ab"])] {
            // The collation's name is this test's own constant; SQL takes no parameter there.
            let name = PostgresQuery(unsafeSQL: collation)
            let rows = try await db.query("""
                WITH t AS (SELECT moderation.literal_alternatives(array_agg(s COLLATE \(name))) AS tree
                           FROM unnest(\(strings)::text[]) AS s)
                SELECT s, s COLLATE "C" ~ ('^(?:' || t.tree || ')$') FROM t, unnest(\(strings)::text[]) AS s
                """)
            for row in rows {
                let string = try row.decode(String.self, at: 0)
                #expect(try row.decode(Bool.self, at: 1), "\(collation): \(string)")
            }
            #expect(rows.count == strings.count)
        }
        await db.close()
    }

    @Test("a person with 2,000 addresses: each address is found, its near misses are not")
    func manyAddresses() async throws {
        let conninfo = try await TestDatabase.createMigratedDatabase(suite: "mention_many")
        let db = try await PostgresConnection.connect(conninfo)
        let rows = try await db.query("""
            WITH ips AS (SELECT '10.' || (g / 256) || '.' || (g % 256) || '.7' AS ip FROM generate_series(1, 2000) g),
                 p AS (SELECT moderation.personal_data_pattern('ann@example.com', array_agg(ip)) AS re FROM ips)
            SELECT count(*) FILTER (WHERE ('seen at ' || ip || ', again') ~* p.re),
                   count(*) FILTER (WHERE ('seen at ' || ip || '1, again') ~* p.re OR ('seen at 1' || ip) ~* p.re),
                   count(*) FILTER (WHERE moderation.redact_text('from ' || ip || '.', p.re) = 'from [erased].')
            FROM p, ips
            """)
        #expect(try rows[0].decode(Int.self, at: 0) == 2000)
        #expect(try rows[0].decode(Int.self, at: 1) == 0)
        #expect(try rows[0].decode(Int.self, at: 2) == 2000)
        await db.close()
    }
}
