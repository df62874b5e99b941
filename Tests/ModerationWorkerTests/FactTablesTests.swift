import DatabaseTestSupport
import Foundation
import ModerationCore
import ModerationStore
import PostgresClient
import Testing

/// The derived tables and checks of sql/0003 and sql/0009 (approved_authors, held_comments, the event checks)
/// and the facts the
/// claim reads from them, written to by plain SQL as moderator commands and DBAs do.
@Suite("fact tables", .serialized)
struct FactTablesTests {
    private func database(_ name: String) async throws -> (String, PostgresConnection, Blog) {
        let conninfo = try await TestDatabase.createMigratedDatabase(suite: "facts_\(name)")
        let db = try await PostgresConnection.connect(conninfo)
        try await TestDatabase.addSite("blog", on: db)
        return (conninfo, db, Blog(db: db, site: "blog"))
    }

    private func drift(_ db: PostgresConnection) async throws -> (approvals: Int, held: Int) {
        try await TestDatabase.derivedTableDrift(on: db)
    }

    @Test("approved_authors and held_comments follow the worker, moderator updates, erasure and direct inserts")
    func derivedTablesFollowComments() async throws {
        let (conninfo, db, blog) = try await database("derived")
        let first = try await blog.submit(name: "Ann", email: "Ann@Example.org", body: "First", ip: "192.0.2.1")
        let second = try await blog.submit(name: "Bob", email: "bob@example.org", body: "Second", ip: "192.0.2.2")
        let third = try await blog.submit(name: "Cy", email: nil, body: "Third", ip: "192.0.2.3")
        let worker = RunningWorker(conninfo: conninfo)
        try await Wait.queueEmpty(db)
        try await worker.stop()
        // Default policy: first-time commenters are held.
        #expect(try await blog.status(first) == "held")
        #expect(try await blog.status(second) == "held")
        #expect(try await db.query("SELECT count(*) FROM moderation.held_comments")[0].decode(Int.self, at: 0) >= 2)
        #expect(try await drift(db) == (0, 0))

        // A moderator approves two comments in one statement (one held, one without an address), then
        // unpublishes one.
        try await db.execute("""
            UPDATE moderation.comments SET status = 'approved', published_at = now(), body_html = '<p>x</p>'
            WHERE id = ANY (\([first, third])::bigint[])
            """)
        #expect(try await drift(db) == (0, 0))
        #expect(try await db.query("SELECT email_key FROM moderation.approved_authors")[0].decode(String.self, at: 0) == "ann@example.org")
        try await db.execute("""
            UPDATE moderation.comments SET status = 'held', published_at = NULL WHERE id = \(first)
            """)
        #expect(try await drift(db) == (0, 0))
        try await db.execute("""
            UPDATE moderation.comments SET status = 'approved', published_at = now(), body_html = '<p>x</p>'
            WHERE id = \(first)
            """)
        // Privacy erasure blanks the address of an approved comment; an edit that changes neither status nor
        // address leaves both tables as they are.
        try await db.execute("UPDATE moderation.comments SET author_email = NULL WHERE id = \(first)")
        try await db.execute("UPDATE moderation.comments SET reasons = '[]' WHERE id = \(second)")
        #expect(try await drift(db) == (0, 0))
        #expect(try await db.query("SELECT count(*) FROM moderation.approved_authors")[0].decode(Int.self, at: 0) == 0)

        // Rows inserted with a decided status (imports) count too.
        try await db.execute("""
            INSERT INTO moderation.comments (site_id, post_id, author_name, author_email, body, status, body_html, published_at)
            VALUES ('blog', 'p', 'Old', 'old@example.org', 'Imported', 'approved', '<p>Imported</p>', now()),
                   ('blog', 'p', 'Older', 'older@example.org', 'Imported', 'held', NULL, NULL)
            """)
        #expect(try await drift(db) == (0, 0))

        // An author keeps their row while any comment of theirs is approved (the address compared without
        // case), and loses it with the last one, whether unpublished or deleted.
        let again = try await blog.submit(name: "Old", email: "OLD@example.org", body: "Again", ip: "192.0.2.4")
        try await db.execute("""
            UPDATE moderation.comments SET status = 'approved', published_at = now(), body_html = '<p>x</p>'
            WHERE id = \(again)
            """)
        // A backtest of an approved comment asks about the author's other approved comments.
        #expect(try await QueueStore.facts(for: [again], on: db)[again]?.previouslyApprovedCount == 1)
        try await db.execute("DELETE FROM moderation.comments WHERE body = 'Imported' AND status = 'approved'")
        #expect(try await drift(db) == (0, 0))
        #expect(try await QueueStore.facts(for: [again], on: db)[again]?.previouslyApprovedCount == 0)
        #expect(try await db.query("SELECT count(*) FROM moderation.approved_authors")[0].decode(Int.self, at: 0) == 1)
        try await db.execute("UPDATE moderation.comments SET status = 'held', published_at = NULL WHERE id = \(again)")
        #expect(try await drift(db) == (0, 0))
        #expect(try await db.query("SELECT count(*) FROM moderation.approved_authors")[0].decode(Int.self, at: 0) == 0)
        await db.close()
    }

    @Test("row by row, the upkeep sees what the whole statement left: approvals swapped, a held comment moved")
    func upkeepSeesTheStatementsResult() async throws {
        let (_, db, blog) = try await database("swap")
        try await TestDatabase.addSite("other", on: db)
        let first = try await blog.submit(name: "Fay", email: "fay@example.org", body: "One")
        let second = try await blog.submit(name: "Fay", email: "FAY@example.org", body: "Two")
        try await db.execute("""
            UPDATE moderation.comments
            SET status = CASE WHEN id = \(first) THEN 'approved' ELSE 'held' END,
                published_at = CASE WHEN id = \(first) THEN now() END, body_html = '<p>x</p>'
            WHERE id = ANY (\([first, second])::bigint[])
            """)
        #expect(try await drift(db) == (0, 0))
        // One statement takes the author's approval from one comment and gives it to the other, in both
        // directions: whichever row changes first, the author keeps their row.
        for (approved, held) in [(second, first), (first, second)] {
            try await db.execute("""
                UPDATE moderation.comments
                SET status = CASE WHEN id = \(approved) THEN 'approved' ELSE 'held' END,
                    published_at = CASE WHEN id = \(approved) THEN now() END
                WHERE id = ANY (\([first, second])::bigint[])
                """)
            #expect(try await blog.status(approved) == "approved")
            #expect(try await blog.status(held) == "held")
            #expect(try await drift(db) == (0, 0))
            #expect(try await db.query("SELECT count(*) FROM moderation.approved_authors")[0].decode(Int.self, at: 0) == 1)
        }
        // A held comment moved to another site, and an approved one: the derived tables move with them.
        try await db.execute("UPDATE moderation.comments SET site_id = 'other' WHERE id = ANY (\([first, second])::bigint[])")
        #expect(try await drift(db) == (0, 0))
        #expect(try await db.query("SELECT site_id FROM moderation.held_comments")[0].decode(String.self, at: 0) == "other")
        #expect(try await db.query("SELECT site_id FROM moderation.approved_authors")[0].decode(String.self, at: 0) == "other")
        await db.close()
    }

    @Test("an event must name an existing comment, and a comment with events cannot be deleted")
    func eventIntegrity() async throws {
        let (_, db, blog) = try await database("events")
        let id = try await blog.submit(body: "Kept with its history")
        let orphan = try await #require(throws: PostgresError.self) {
            try await db.execute("""
                INSERT INTO moderation.comment_events (comment_id, actor, to_status)
                VALUES (\(id), 'test', 'held'), (\(id + 1000), 'test', 'held')
                """)
        }
        #expect(orphan.sqlState == "23503")
        let noAction = try await #require(throws: PostgresError.self) {
            try await db.execute("INSERT INTO moderation.comment_events (comment_id, actor, to_status, action_id) VALUES (\(id), 'test', 'held', 424242)")
        }
        #expect(noAction.sqlState == "23503")
        #expect(noAction.message.contains("moderator action 424242"))
        try await db.execute("INSERT INTO moderation.comment_events (comment_id, actor, to_status) VALUES (\(id), 'test', 'held')")
        let delete = try await #require(throws: PostgresError.self) {
            try await db.execute("DELETE FROM moderation.comments WHERE id = \(id)")
        }
        #expect(delete.sqlState == "23503")
        #expect(try await db.query("SELECT count(*) FROM moderation.comment_events WHERE comment_id = \(id)")[0].decode(Int.self, at: 0) == 2)
        await db.close()
    }

    @Test("the worker's statement keeps the derived tables itself only within its own transaction")
    func workerSettingEndsWithItsTransaction() async throws {
        let (conninfo, db, blog) = try await database("setting")
        // Newcomers approved at once, so the worker's statement adds authors; one comment is held.
        try await db.execute("""
            UPDATE moderation.sites SET policy = policy || '{"hold_first_time_commenters": false}' WHERE id = 'blog'
            """)
        let kept = try await blog.submit(name: "Dee", email: "Dee@Example.org", body: "Welcome", ip: "192.0.2.9")
        let held = try await blog.submit(name: "Eve", email: "eve@example.org", body: "cheap viagra", ip: "192.0.2.10")
        try await db.execute("INSERT INTO moderation.word_rules (action, pattern) VALUES ('hold', 'viagra')")
        let worker = RunningWorker(conninfo: conninfo)
        try await Wait.queueEmpty(db)
        try await worker.stop()
        #expect(try await blog.status(kept) == "approved")
        #expect(try await blog.status(held) == "held")
        #expect(try await drift(db) == (0, 0))
        #expect(try await db.query("SELECT email_key FROM moderation.approved_authors")[0].decode(String.self, at: 0) == "dee@example.org")

        // The setting the worker's statement makes lasts until its transaction ends: afterwards, on the same
        // connection, the triggers keep the tables and check events again.
        try await db.transaction { tx in
            _ = try await tx.query("SELECT set_config('commentmod.derived_tables', 'kept_by_statement', true)")
        }
        try await db.execute("UPDATE moderation.comments SET status = 'rejected' WHERE id = \(held)")
        try await db.execute("UPDATE moderation.comments SET status = 'held', published_at = NULL WHERE id = \(kept)")
        #expect(try await drift(db) == (0, 0))
        #expect(try await db.query("SELECT count(*) FROM moderation.approved_authors")[0].decode(Int.self, at: 0) == 0)
        let orphan = try await #require(throws: PostgresError.self) {
            try await db.execute("INSERT INTO moderation.comment_events (comment_id, actor, to_status) VALUES (\(kept + 1000), 'test', 'held')")
        }
        #expect(orphan.sqlState == "23503")
        await db.close()
    }

    @Test("duplicates are found among many identical comments on a post, by address or by name")
    func duplicateFacts() async throws {
        let (_, db, blog) = try await database("duplicates")
        // Many readers say the same thing on one post; none of them repeats themselves.
        try await db.execute("""
            SELECT moderation.submit_comment('blog', 'popular', 'Reader ' || i, 'reader' || i || '@example.org', 'Thanks!')
            FROM generate_series(1, 300) AS i
            """)
        let byAddress = try await blog.submit(post: "popular", name: "Someone else", email: "READER7@example.org", body: "Thanks!")
        let byName = try await blog.submit(post: "popular", name: "Reader 8", email: "new@example.org", body: "Thanks!")
        let stranger = try await blog.submit(post: "popular", name: "Stranger", email: "stranger@example.org", body: "Thanks!")
        let otherPost = try await blog.submit(post: "quiet", name: "Reader 9", email: "reader9@example.org", body: "Thanks!")
        let otherBody = try await blog.submit(post: "popular", name: "Reader 10", email: "reader10@example.org", body: "Thanks!!")
        let claimed = try await db.transaction { tx in try await QueueStore.claim(limit: 1000, on: tx) }
        let facts = Dictionary(uniqueKeysWithValues: claimed.map { ($0.id, $0.facts) })
        #expect(claimed.count == 305)
        #expect(facts[byAddress]?.duplicateOnPost == true)
        #expect(facts[byName]?.duplicateOnPost == true)
        #expect(facts[stranger]?.duplicateOnPost == false)
        #expect(facts[otherPost]?.duplicateOnPost == false)
        #expect(facts[otherBody]?.duplicateOnPost == false)
        // The first of the identical comments has no earlier one; the readers' own are not duplicates.
        let duplicates = claimed.filter { $0.facts.duplicateOnPost == true }.map(\.id)
        #expect(Set(duplicates) == [byAddress, byName])
        // Nobody was approved yet; the address fact is case-insensitive.
        #expect(facts[byAddress]?.previouslyApprovedCount == 0)
        try await db.execute("""
            UPDATE moderation.comments SET status = 'approved', published_at = now(), body_html = '<p>Thanks!</p>'
            WHERE author_email = 'reader7@example.org'
            """)
        let again = try await db.transaction { tx in try await QueueStore.claim(limit: 1000, on: tx) }
        #expect(again.first { $0.id == byAddress }?.facts.previouslyApprovedCount == 1)
        #expect(again.first { $0.id == stranger }?.facts.previouslyApprovedCount == 0)
        await db.close()
    }

    @Test("flood facts: the previous comment by submission time, from the IP and the email, within a day")
    func floodFacts() async throws {
        let (_, db, blog) = try await database("flood")
        // An address's history: many comments long ago, one an hour ago, and one submitted later than the
        // comment judged (an earlier id committed late must not count either way).
        try await db.execute("""
            SELECT moderation.submit_comment('blog', 'p', 'Busy', 'busy@example.org', 'Old comment ' || i,
                                             author_ip => '192.0.2.7')
            FROM generate_series(1, 300) AS i
            """)
        try await db.execute("""
            UPDATE moderation.comments SET submitted_at = now() - interval '3 days' + id * interval '1 s'
            WHERE author_email = 'busy@example.org'
            """)
        let recent = try await blog.submit(name: "Busy", email: "BUSY@example.org", body: "An hour ago", ip: "192.0.2.7")
        let judged = try await blog.submit(name: "Busy", email: "busy@example.org", body: "Now", ip: "192.0.2.7")
        let later = try await blog.submit(name: "Busy", email: "busy@example.org", body: "Later", ip: "192.0.2.7")
        try await db.execute("""
            UPDATE moderation.comments SET submitted_at = now() - interval '1 hour' WHERE id = \(recent);
            """)
        try await db.execute("UPDATE moderation.comments SET submitted_at = now() - interval '10 s' WHERE id = \(judged)")
        try await db.execute("UPDATE moderation.comments SET submitted_at = now() - interval '20 s' WHERE id = \(later)")
        var facts = try await QueueStore.facts(for: [judged, recent], on: db)
        #expect(try #require(facts[judged]?.secondsSinceLastFromIP).rounded() == 3_590)
        #expect(try #require(facts[judged]?.secondsSinceLastFromEmail).rounded() == 3_590)
        // Beyond a day, no rule can fire: the gap is unknown rather than looked for among old comments.
        #expect(facts[recent]?.secondsSinceLastFromIP == nil)
        #expect(facts[recent]?.secondsSinceLastFromEmail == nil)
        try await db.execute("UPDATE moderation.comments SET submitted_at = now() - interval '2 days' WHERE id = \(recent)")
        facts = try await QueueStore.facts(for: [judged], on: db)
        #expect(facts[judged]?.secondsSinceLastFromIP == nil)
        #expect(facts[judged]?.secondsSinceLastFromEmail == nil)
        await db.close()
    }
}
