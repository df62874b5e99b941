import DatabaseTestSupport
import Foundation
import PostgresClient
import Testing

/// The blog-facing SQL interface: moderation.submit_comment, the published view and the blog role.
@Suite("submit_comment and the blog interface")
struct SubmitCommentTests {
    let conninfo: String

    init() async throws {
        conninfo = try await TestDatabase.createMigratedDatabase(suite: "submit")
    }

    private func connect() async throws -> PostgresConnection {
        let connection = try await PostgresConnection.connect(conninfo)
        try await connection.execute("""
            INSERT INTO moderation.sites (id, name) VALUES ('blog', 'Blog') ON CONFLICT DO NOTHING
            """)
        return connection
    }

    @Test("named arguments; the comment, its queue row and its event are written together")
    func submitWritesCommentQueueAndEvent() async throws {
        let db = try await connect()
        let rows = try await db.query("""
            SELECT moderation.submit_comment(
                site_id => 'blog', post_id => 'hello-world', author_name => \("Zoë 🌍"),
                author_email => \("zoe@example.org"), body => \("First! <b>"),
                author_url => \("https://zoe.example"), author_ip => \("203.0.113.9")::inet,
                user_agent => \("Mozilla/5.0"), referrer => \("https://blog.example/p/1"))
            """)
        let id = try rows[0].decode(Int64.self, at: 0)
        let stored = try await db.query("""
            SELECT c.status, c.author_name, c.body, host(c.author_ip), c.version,
                   (SELECT count(*) FROM moderation.queue q WHERE q.comment_id = c.id),
                   (SELECT count(*) FROM moderation.comment_events e WHERE e.comment_id = c.id AND e.to_status = 'pending')
            FROM moderation.comments c WHERE c.id = \(id)
            """)
        let row = try #require(stored.first)
        #expect(try row.decode(String.self, at: 0) == "pending")
        #expect(try row.decode(String.self, at: 1) == "Zoë 🌍")
        #expect(try row.decode(String.self, at: 2) == "First! <b>")
        #expect(try row.decode(String.self, at: 3) == "203.0.113.9")
        #expect(try row.decode(Int.self, at: 4) == 1)
        #expect(try row.decode(Int.self, at: 5) == 1)
        #expect(try row.decode(Int.self, at: 6) == 1)
        await db.close()
    }

    @Test("whatever the form posted is recorded, empty and malformed fields included")
    func recordsEmptyAndMalformedFields() async throws {
        let db = try await connect()
        let rows = try await db.query("""
            SELECT moderation.submit_comment('blog', \(""), \(""), \("not an email"), \("   "), author_url => \("javascript:alert(1)"))
            """)
        let id = try rows[0].decode(Int64.self, at: 0)
        let stored = try await db.query("SELECT author_email, body, author_url FROM moderation.comments WHERE id = \(id)")
        #expect(try stored[0].decode(String.self, at: 0) == "not an email")
        #expect(try stored[0].decode(String.self, at: 1) == "   ")
        #expect(try stored[0].decode(String.self, at: 2) == "javascript:alert(1)")

        let nulls = try await db.query("SELECT moderation.submit_comment('blog', NULL, NULL, NULL, NULL)")
        #expect(try nulls[0].decode(Int64.self, at: 0) > id)
        await db.close()
    }

    @Test("the same submission key returns the first id and inserts nothing, even when calls race")
    func idempotentUnderRace() async throws {
        let conninfo = self.conninfo
        _ = try await connect()
        let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    let db = try await PostgresConnection.connect(conninfo)
                    // Hold the insert open a moment so the racers really overlap on the unique key.
                    let id = try await db.transaction { tx in
                        let rows = try await tx.query("""
                            SELECT moderation.submit_comment('blog', 'race', \("racer \(worker)"), 'r@example.com',
                                                             'same post', submission_key => 'form-123')
                            """)
                        _ = try await tx.query("SELECT pg_sleep(0.05)")
                        return try rows[0].decode(Int64.self, at: 0)
                    }
                    await db.close()
                    return id
                }
            }
            var all: [Int64] = []
            for try await id in group { all.append(id) }
            return all
        }
        #expect(Set(ids).count == 1)
        let db = try await connect()
        let counts = try await db.query("""
            SELECT (SELECT count(*) FROM moderation.comments WHERE submission_key = 'form-123'),
                   (SELECT count(*) FROM moderation.queue q JOIN moderation.comments c ON c.id = q.comment_id
                     WHERE c.submission_key = 'form-123'),
                   (SELECT count(*) FROM moderation.comment_events e JOIN moderation.comments c ON c.id = e.comment_id
                     WHERE c.submission_key = 'form-123')
            """)
        #expect(try counts[0].decode(Int.self, at: 0) == 1)
        #expect(try counts[0].decode(Int.self, at: 1) == 1)
        #expect(try counts[0].decode(Int.self, at: 2) == 1)
        // An empty key is no key: two posts, two comments.
        let a = try await db.query("SELECT moderation.submit_comment('blog', 'p', 'a', 'a@example.com', 'x', submission_key => '')")
        let b = try await db.query("SELECT moderation.submit_comment('blog', 'p', 'a', 'a@example.com', 'x', submission_key => '')")
        #expect(try a[0].decode(Int64.self, at: 0) != b[0].decode(Int64.self, at: 0))
        await db.close()
    }

    @Test("an unregistered site, an unknown parent or a parent on another post is refused clearly")
    func refusesWhatCannotBeStored() async throws {
        let db = try await connect()
        let site = await #expect(throws: PostgresError.self) {
            try await db.query("SELECT moderation.submit_comment(\("no-such-site"), 'p', 'a', 'a@example.com', 'x')")
        }
        #expect(site?.sqlState == "23503")
        #expect(site?.message.contains("not registered") == true)

        let parent = try await db.query("SELECT moderation.submit_comment('blog', 'post-a', 'a', 'a@example.com', 'x')")
        let parentID = try parent[0].decode(Int64.self, at: 0)
        let otherPost = await #expect(throws: PostgresError.self) {
            try await db.query("SELECT moderation.submit_comment('blog', 'post-b', 'a', 'a@example.com', 'x', parent_id => \(parentID))")
        }
        #expect(otherPost?.sqlState == "23503")
        await #expect(throws: PostgresError.self) {
            try await db.query("SELECT moderation.submit_comment('blog', 'post-a', 'a', 'a@example.com', 'x', parent_id => 987654321)")
        }
        let reply = try await db.query("SELECT moderation.submit_comment('blog', 'post-a', 'b', 'b@example.com', 'y', parent_id => \(parentID))")
        #expect(try reply[0].decode(Int64.self, at: 0) > parentID)

        let nul = await #expect(throws: PostgresError.self) {
            try await db.query("SELECT moderation.submit_comment('blog', 'p', 'a', 'a@example.com', \("null\u{0}byte"))")
        }
        #expect(nul != nil)
        // Nothing was stored by the refused calls.
        let count = try await db.query("SELECT count(*) FROM moderation.comments WHERE post_id IN ('p', 'post-b') AND body LIKE 'null%'")
        #expect(try count[0].decode(Int.self, at: 0) == 0)
        await db.close()
    }

    @Test("a post id, email or submission key over 1,000 bytes is refused with 22001; other fields take any size")
    func refusesOverlongIndexedValues() async throws {
        let db = try await connect()
        // Incompressible, so the old failure (the index's row limit, 54000) would have come at ≈2.7 kB.
        var generator = SystemRandomNumberGenerator()
        let noise = { (count: Int) in
            String((0..<count).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789".randomElement(using: &generator)! })
        }
        let cases: [(field: String, value: String, call: PostgresQuery)] = [
            noise(1_001 - "@example.org".count) + "@example.org", noise(5_000) + "@example.org",
            String(repeating: "é", count: 501),
        ].map { email in
            ("author_email", email, "SELECT moderation.submit_comment('blog', 'long', 'a', \(email), 'x')")
        } + [noise(1_001), noise(5_000)].map { post in
            ("post_id", post, "SELECT moderation.submit_comment('blog', \(post), 'a', 'a@example.org', 'x')")
        } + [noise(1_001), noise(5_000)].map { key in
            ("submission_key", key, "SELECT moderation.submit_comment('blog', 'long', 'a', 'a@example.org', 'x', submission_key => \(key))")
        }
        for (field, value, call) in cases {
            let error = await #expect(throws: PostgresError.self) { try await db.query(call) }
            #expect(error?.sqlState == "22001")
            #expect(error?.message == "\(field) is \(value.utf8.count) bytes long; at most 1000 are accepted")
        }
        let count = try await db.query("SELECT count(*) FROM moderation.comments WHERE post_id = 'long' OR length(post_id) > 1000")
        #expect(try count[0].decode(Int.self, at: 0) == 0)

        // At the limit, and with every other field far past any policy: recorded for the worker to judge.
        let (post, email, key) = (noise(1_000), noise(1_000 - "@example.org".count) + "@example.org", noise(1_000))
        let huge = noise(100_000)
        let rows = try await db.query("""
            SELECT moderation.submit_comment('blog', \(post), \(huge), \(email), \(huge), author_url => \(huge),
                                             user_agent => \(huge), referrer => \(huge), submission_key => \(key))
            """)
        let id = try rows[0].decode(Int64.self, at: 0)
        let stored = try await db.query("SELECT post_id, author_email, body FROM moderation.comments WHERE id = \(id)")
        #expect(try stored[0].decode(String.self, at: 0) == post)
        #expect(try stored[0].decode(String.self, at: 1) == email)
        #expect(try stored[0].decode(String.self, at: 2) == huge)
        await db.close()
    }

    @Test("submit notifies the worker's channel in the caller's transaction")
    func submitNotifies() async throws {
        let listener = try await connect()
        try await listener.listen("comment_submitted")
        let db = try await connect()
        try await db.transaction { tx in
            _ = try await tx.query("SELECT moderation.submit_comment('blog', 'p', 'a', 'a@example.com', 'x')")
            // Not delivered before commit.
        }
        let notes = try await listener.waitForNotifications(timeout: .seconds(5))
        #expect(notes.contains { $0.channel == "comment_submitted" })
        await listener.close()
        await db.close()
    }

    @Test("the blog role may submit and read the published view, and nothing else")
    func blogRoleIsLeastPrivilege() async throws {
        let db = try await connect()
        let login = "blog_app_\(UInt32.random(in: 0...UInt32.max))"
        // A login role granted the group, as a blog backend would connect.
        try await db.executeScript("CREATE ROLE \(login) LOGIN IN ROLE commentmod_blog")
        try await db.executeScript("SET ROLE \(login)")

        let id = try await db.query("SELECT moderation.submit_comment('blog', 'p', 'a', 'secret@example.com', 'hi')")
        #expect(try id[0].decode(Int64.self, at: 0) > 0)
        _ = try await db.query("SELECT id, site_id, post_id, parent_id, author_name, author_url, body_html, published_at FROM moderation.published_comments")

        for forbidden in [
            "SELECT author_email FROM moderation.comments",
            "SELECT * FROM moderation.comments",
            "SELECT * FROM moderation.queue",
            "SELECT * FROM moderation.comment_events",
            "UPDATE moderation.comments SET status = 'approved'",
            "DELETE FROM moderation.queue",
            "INSERT INTO moderation.sites (id) VALUES ('mine')",
        ] {
            let error = await #expect(throws: PostgresError.self, "\(forbidden)") {
                try await db.executeScript(forbidden)
            }
            #expect(error?.sqlState == "42501", "\(forbidden)")
        }
        try await db.executeScript("RESET ROLE")
        try await db.executeScript("DROP OWNED BY \(login); DROP ROLE \(login)")
        await db.close()
    }

    @Test("the published view has no email, IP, user agent or referrer column")
    func publishedViewHidesPersonalData() async throws {
        let db = try await connect()
        let columns = try await db.query("""
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = 'moderation' AND table_name = 'published_comments' ORDER BY ordinal_position
            """).map { try $0.decode(String.self, at: 0) }
        #expect(columns == ["id", "site_id", "post_id", "parent_id", "author_name", "author_url", "body_html", "published_at"])
        await db.close()
    }

    @Test("the event log is append-only")
    func eventsAppendOnly() async throws {
        let db = try await connect()
        _ = try await db.query("SELECT moderation.submit_comment('blog', 'p', 'a', 'a@example.com', 'x')")
        await #expect(throws: PostgresError.self) {
            try await db.execute("UPDATE moderation.comment_events SET note = 'rewritten'")
        }
        await #expect(throws: PostgresError.self) {
            try await db.execute("DELETE FROM moderation.comment_events")
        }
        await db.close()
    }
}
