import DatabaseTestSupport
import Foundation
import ModerationCore
import ModerationStore
import PostgresClient
import Testing

/// Every lookup of comments by address goes through `comments_email_idx` or `comments_ip_idx` (sql/0012:
/// the address first, the site last, the email compared in byte order). A query that compares the email
/// in the database's collation cannot use its index, and one whose condition no longer fits an index's
/// columns falls back to reading the whole table: nothing else would notice, the answers are the same.
/// Each test counts an index's scans inside one transaction (`pg_stat_get_xact_numscans`) around one call
/// of the real store code.
@Suite("address lookups use the address indexes")
struct AddressIndexUseTests {
    let admin: String

    init() async throws {
        admin = try await TestDatabase.createMigratedDatabase(suite: "addressindex")
        let db = try await PostgresConnection.connect(admin)
        try await TestDatabase.addSite("blog", on: db)
        // 3,000 comments (ids 1...3,000) from 1,000 addresses in mixed case, so that a probe of one address
        // is far cheaper than a scan. A third of them approved (the triggers give their authors
        // approved_authors rows): one of each author's three, and all three of Reader9's.
        try await db.execute("""
            SELECT count(moderation.submit_comment(
                site_id => 'blog', post_id => 'p' || (g % 50), author_name => 'Reader ' || g,
                author_email => 'Reader' || (g % 1000) || '@Example.org', body => 'Comment number ' || g,
                author_ip => ('198.51.' || (g / 250) || '.' || (g % 250))::inet))
            FROM generate_series(1, 3000) AS g
            """)
        try await db.execute("""
            WITH d AS (DELETE FROM moderation.queue q USING moderation.comments c
                       WHERE q.comment_id = c.id AND (c.id % 3 = 0 OR c.author_email = 'Reader9@Example.org'))
            UPDATE moderation.comments SET status = 'approved', decided_at = now(), published_at = now(),
                                           body_html = '<p>published</p>', version = 2
            WHERE id % 3 = 0 OR author_email = 'Reader9@Example.org'
            """)
        try await db.execute("ANALYZE moderation.comments")
        await db.close()
    }

    enum AddressIndex: String {
        case email = "moderation.comments_email_idx"
        case ip = "moderation.comments_ip_idx"
    }

    /// How many scans of `index` `body` starts, counted in one transaction that is rolled back.
    private func scans(
        of index: AddressIndex, during body: (PostgresConnection) async throws -> Void
    ) async throws -> Int {
        let db = try await PostgresConnection.connect(admin)
        let scans = "SELECT pg_stat_get_xact_numscans('\(index.rawValue)'::regclass)"
        try await db.execute("BEGIN")
        let before = try await db.query(PostgresQuery(unsafeSQL: scans))[0].decode(Int.self, at: 0)
        try await body(db)
        let after = try await db.query(PostgresQuery(unsafeSQL: scans))[0].decode(Int.self, at: 0)
        try await db.execute("ROLLBACK")
        await db.close()
        return after - before
    }

    private func commentID(_ status: String, email: String) async throws -> Int64 {
        let db = try await PostgresConnection.connect(admin)
        let rows = try await db.query("""
            SELECT min(id) FROM moderation.comments WHERE status = \(status) AND author_email = \(email)
            """)
        await db.close()
        return try #require(try rows[0].decode(Int64?.self, at: 0))
    }

    @Test("the worker's facts: both flood probes, and whether an approved author has another approval")
    func workerFacts() async throws {
        let pending = try await commentID("pending", email: "Reader7@Example.org")
        let approved = try await commentID("approved", email: "Reader9@Example.org")
        var facts: [Int64: CommentFacts] = [:]
        let pendingScans = try await scans(of: .email) { facts = try await QueueStore.facts(for: [pending], on: $0) }
        #expect(pendingScans >= 1)
        #expect(facts[pending]?.previouslyApprovedCount == 1)
        let ipScans = try await scans(of: .ip) { facts = try await QueueStore.facts(for: [pending], on: $0) }
        #expect(ipScans >= 1)
        // An approved comment (a backtest) asks the index whether the author has another approved comment.
        let approvedScans = try await scans(of: .email) { facts = try await QueueStore.facts(for: [approved], on: $0) }
        #expect(approvedScans >= 2)
        #expect(facts[approved]?.previouslyApprovedCount == 1)
    }

    @Test("an author's history by email, in any case, and by network")
    func authorHistory() async throws {
        var history: AuthorHistory?
        let emailScans = try await scans(of: .email) {
            history = try await AuthorStore.history(of: .email("READER7@example.ORG"), recent: 5, on: $0)
        }
        #expect(emailScans >= 1)
        #expect(history?.total == 3)
        // 198.51.0.0/28: the comments numbered 1 to 15 (198.51.0.1 to .15).
        let ipScans = try await scans(of: .ip) {
            history = try await AuthorStore.history(of: .network("198.51.0.0/28"), recent: 5, on: $0)
        }
        #expect(ipScans >= 1)
        #expect(history?.total == 15)
    }

    @Test("the review filter by email, trimmed and in any case, and by network")
    func reviewFilter() async throws {
        var listed: [ReviewComment] = []
        let emailScans = try await scans(of: .email) {
            listed = try await ReviewStore.list(CommentFilter(siteID: "blog", email: " reader7@EXAMPLE.org "), on: $0)
        }
        #expect(emailScans >= 1)
        #expect(listed.count == 3)
        let ipScans = try await scans(of: .ip) {
            listed = try await ReviewStore.list(CommentFilter(siteID: "blog", network: "198.51.0.0/28"), on: $0)
        }
        #expect(ipScans >= 1)
        #expect(listed.count == 15)
    }

    @Test("a comment's related comments by the same email and the same IP")
    func relatedComments() async throws {
        let id = try await commentID("pending", email: "Reader7@Example.org")
        var detail: ReviewDetail?
        let emailScans = try await scans(of: .email) { detail = try await ReviewStore.show(id: id, on: $0) }
        #expect(emailScans >= 1)
        #expect(detail?.related.filter(\.sameEmail).count == 2)
        let ipScans = try await scans(of: .ip) { detail = try await ReviewStore.show(id: id, on: $0) }
        #expect(ipScans >= 1)
    }

    @Test("an author loses the approved_authors row only with the last approval, found through the index")
    func dropUnapprovedAuthors() async throws {
        let db = try await PostgresConnection.connect(admin)
        let authorRows = "SELECT count(*) FROM moderation.approved_authors WHERE email_key = 'reader9@example.org'"
        #expect(try await db.query(PostgresQuery(unsafeSQL: authorRows))[0].decode(Int.self, at: 0) == 1)
        await db.close()
        var left = -1
        let emailScans = try await scans(of: .email) { tx in
            try await tx.execute("""
                SELECT moderation.drop_unapproved_authors(ARRAY['blog'], ARRAY['READER9@example.org'])
                """)
            // Reader9 still has approved comments: the row stays.
            left = try await tx.query(PostgresQuery(unsafeSQL: authorRows))[0].decode(Int.self, at: 0)
        }
        #expect(emailScans >= 1)
        #expect(left == 1)
    }
}
