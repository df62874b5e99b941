import DatabaseTestSupport
import Foundation
import ModerationCore
@testable import ModerationStore
import PostgresClient
import Testing

/// The reasons the worker stores are JSON written by hand; PostgreSQL, which stores them as jsonb, must
/// read back exactly what was written, whatever a comment made the reasons say (a word-list match or a
/// rule quotes the comment). PostgreSQL rather than Foundation: Foundation's parser drops a U+FEFF that
/// follows an escape.
@Suite struct ReasonsJSONTests {
    @Test func everyFieldRoundTripsThroughPostgreSQL() async throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/testdata/naughty/blns.json")
        let naughty = try JSONDecoder().decode([String].self, from: Data(contentsOf: path))
        var reasons: [Reason] = []
        for (index, text) in naughty.enumerated() {
            reasons.append(Reason(
                code: "word_reject", field: index.isMultiple(of: 2) ? .body : nil, match: "x" + text,
                rule: index.isMultiple(of: 3) ? nil : "reject " + text, action: .reject,
                message: "body contains \"\(text)\", listed as reject.\u{2028}\u{85}\n"))
        }
        let db = try await PostgresConnection.connect(try await TestDatabase.createMigratedDatabase(suite: "reasonsjson"))
        for batch in [[], Array(reasons.prefix(1)), reasons] {
            let json = ReasonsJSON.encode(batch)
            #expect(!json.contains("\n"), "one line")
            let rows = try await db.query("""
                SELECT r->>'code', r->>'action', r->>'field', r->>'match', r->>'rule', r->>'message',
                       (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(r) k)::text
                FROM jsonb_array_elements(\(json)::jsonb) WITH ORDINALITY AS e(r, n) ORDER BY n
                """)
            #expect(rows.count == batch.count)
            for (row, reason) in zip(rows, batch) {
                #expect(try row.decode(String.self, at: 0) == reason.code)
                #expect(try row.decode(String.self, at: 1) == reason.action.rawValue)
                #expect(try row.decode(String?.self, at: 2) == reason.field?.rawValue)
                #expect(try row.decode(String?.self, at: 3) == reason.match)
                #expect(try row.decode(String?.self, at: 4) == reason.rule)
                #expect(try row.decode(String.self, at: 5) == reason.message)
                let keys = try row.decode(String.self, at: 6)
                #expect(Set(keys.dropFirst().dropLast().split(separator: ",").map(String.init))
                    .isSubset(of: ["code", "action", "field", "match", "rule", "message"]))
            }
        }
        await db.close()
    }
}
