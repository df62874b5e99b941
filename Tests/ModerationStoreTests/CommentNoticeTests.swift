import DatabaseTestSupport
import PostgresClient
import Testing

/// `moderation.comment_notice` (sql/0014) writes the notifications' payload as json_build_object did,
/// byte for byte, so no listener sees a change.
@Suite("comment notice payload")
struct CommentNoticeTests {
    @Test("the same text as json_build_object for every naughty string and XSS payload, and a NULL post")
    func sameAsJSONBuildObject() async throws {
        let conninfo = try await TestDatabase.createMigratedDatabase(suite: "notice")
        let db = try await PostgresConnection.connect(conninfo)
        // PostgreSQL's text holds no NUL.
        let strings = try (TestCorpora.naughtyStrings() + TestCorpora.xssPayloads()).filter { !$0.contains("\u{0}") }
        #expect(strings.count > 500)
        let posts: [String?] = strings.reversed() + [nil]
        let sites = strings + ["blog"]
        let rows = try await db.query("""
            SELECT count(*),
                   count(*) FILTER (WHERE moderation.comment_notice(n, s, p)
                                          IS DISTINCT FROM json_build_object('id', n, 'site_id', s, 'post_id', p)::text),
                   moderation.comment_notice(-9223372036854775808, 'a"b', NULL)
            FROM unnest(\(sites)::text[], \(posts)::text[]) WITH ORDINALITY AS x(s, p, n)
            """)
        #expect(try rows[0].decode(Int.self, at: 0) == strings.count + 1)
        #expect(try rows[0].decode(Int.self, at: 1) == 0)
        #expect(try rows[0].decode(String.self, at: 2) == #"{"id" : -9223372036854775808, "site_id" : "a\"b", "post_id" : null}"#)
        await db.close()
    }
}
