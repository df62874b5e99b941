import DatabaseTestSupport
import Foundation
import ModerationStore
import PostgresClient
import Testing

/// A constructed history around one person (Ann) for the privacy commands: her comments in several
/// states, other people's comments (one mentions her, one shares her IP, one replies to her), notes,
/// blocks, word rules, moderator actions and a worker error that name her, and unrelated rows that must
/// survive untouched.
struct PrivacyFixture {
    static let email = "Ann.Lee@Example.com"
    static let sharedIP = "203.0.113.7"
    static let ownIP = "2001:db8::7"

    let conninfo: String
    /// commands run as a login in commentmod_moderator, so the grants are what is tested
    let moderator: String
    var ann: [Int64] = []
    var annPublished: Int64 = 0
    var bobSharingIP: Int64 = 0
    var bobMentioning: Int64 = 0
    var bobReply: Int64 = 0
    var carol: [Int64] = []

    static func make(suite: String, neighbours: Bool = false) async throws -> PrivacyFixture {
        let conninfo = try await TestDatabase.createMigratedDatabase(suite: suite)
        let moderator = try await TestDatabase.loginConninfo(inGroup: "commentmod_moderator", base: conninfo)
        var fixture = PrivacyFixture(conninfo: conninfo, moderator: moderator)
        let db = try await PostgresConnection.connect(conninfo)
        try await fixture.seed(db, neighbours: neighbours)
        await db.close()
        return fixture
    }

    private mutating func seed(_ db: PostgresConnection, neighbours: Bool) async throws {
        try await TestDatabase.addSite("blog", on: db)
        try await TestDatabase.addSite("news", on: db)
        let blockedEmail = #"[{"action":"spam","code":"blocked_email","field":"author_email","match":"ann.lee@example.com","message":"The email address ann.lee@example.com is blocked.","rule":"block:1"}]"#
        let nameWord = #"[{"action":"hold","code":"word_hold","field":"author_name","match":"Lee","message":"author_name contains \"Lee\", listed as hold.","rule":"lee"}]"#
        annPublished = try await Self.comment(db, site: "blog", name: "Ann Lee", email: " \(Self.email) ", body: "Hello from Ann",
                                              ip: Self.sharedIP, status: "approved", reasons: "[]")
        let held = try await Self.comment(db, site: "blog", name: "Ann Lee", email: "ann.lee@example.com", body: "Held one",
                                          ip: Self.ownIP, status: "held", reasons: nameWord)
        let spam = try await Self.comment(db, site: "news", name: "Ann", email: "ANN.LEE@EXAMPLE.COM", body: "Buy now",
                                          ip: Self.ownIP, status: "spam", reasons: blockedEmail)
        let pending = try await Self.comment(db, site: "news", name: "Ann", email: "ann.lee@example.com", body: "Still queued",
                                             ip: nil, status: "pending", reasons: "[]")
        ann = [annPublished, held, spam, pending]
        bobSharingIP = try await Self.comment(db, site: "blog", name: "Bob", email: "bob@example.net", body: "Same café wifi",
                                              ip: Self.sharedIP, status: "approved", reasons: "[]")
        bobMentioning = try await Self.comment(db, site: "blog", name: "Bob", email: "bob@example.net",
                                               body: "Write to ANN.LEE@example.com, she knows", ip: "198.51.100.2",
                                               status: "approved", reasons: "[]")
        bobReply = try await Self.comment(db, site: "blog", name: "Bob", email: "bob@example.net", body: "Replying to Ann",
                                          ip: "198.51.100.2", status: "approved", reasons: "[]", parent: annPublished)
        carol = [
            try await Self.comment(db, site: "blog", name: "Carol", email: "carol@example.org", body: "Unrelated",
                                   ip: "192.0.2.44", status: "approved", reasons: "[]"),
            try await Self.comment(db, site: "news", name: "Carol", email: "carol@example.org", body: "Also unrelated",
                                   ip: "192.0.2.44", status: "held", reasons: nameWord),
        ]
        if neighbours {
            // Addresses that contain Ann's as a substring but are someone else's.
            carol.append(try await Self.comment(db, site: "blog", name: "Jo", email: "joann.lee@example.com",
                                                body: "I am joann.lee@example.com.au too, from 203.0.113.70", ip: "203.0.113.70",
                                                status: "held", reasons: "[]"))
            try await db.execute("INSERT INTO moderation.blocks (kind, value) VALUES ('email', 'joann.lee@example.com')")
        }
        try await db.execute("""
            INSERT INTO moderation.comment_events (comment_id, actor, from_status, to_status, kind, note) VALUES
                (\(held), 'moderator:mo', 'held', 'held', 'note', \("Ann.Lee@example.com phoned from \(Self.ownIP)")),
                (\(carol[0]), 'moderator:mo', 'approved', 'approved', 'note', 'nice one')
            """)
        try await db.execute("""
            INSERT INTO moderation.blocks (kind, value, reason) VALUES ('email', 'ann.lee@example.com', 'spam run'),
                ('domain', 'spam.example', 'known spam host')
            """)
        try await db.execute("""
            INSERT INTO moderation.blocks (kind, network, reason) VALUES ('ip', \(Self.ownIP)::cidr, 'Ann again'),
                ('cidr', '203.0.113.0/24', \("café network; see ann.lee@example.com"))
            """)
        try await db.execute("INSERT INTO moderation.word_rules (action, pattern) VALUES ('reject', 'ann.lee@example.com'), ('hold', 'lee')")
        try await db.execute("""
            INSERT INTO moderation.moderator_actions (actor, command, detail) VALUES
                ('moderator:mo', 'author ban', \(#"{"email": "Ann.Lee@example.com", "ips": ["2001:db8::7"]}"#)::jsonb),
                ('moderator:mo', 'rules words add', '{"pattern": "lee", "action": "hold"}')
            """)
        try await db.execute("""
            INSERT INTO moderation.queue_claims (worker, comment_ids, error)
            VALUES ('worker:h:1', ARRAY[\(pending)]::bigint[], 'judging ann.lee@example.com failed')
            """)
    }

    /// Submits a comment, then gives it `status` as the worker would have (event, queue row, publication).
    static func comment(
        _ db: PostgresConnection, site: String, name: String, email: String, body: String, ip: String?,
        status: String, reasons: String, parent: Int64? = nil
    ) async throws -> Int64 {
        let id = try await db.query("""
            SELECT moderation.submit_comment(\(site), 'post-1', \(name), \(email), \(body), \("https://\(name.lowercased().filter(\.isLetter)).example"),
                                             \(parent), \(ip)::inet, 'Mozilla/5.0 (X11)', 'https://ref.example/')
            """)[0].decode(Int64.self, at: 0)
        guard status != "pending" else { return id }
        try await db.execute("""
            WITH c AS (
                UPDATE moderation.comments SET status = \(status), reasons = \(reasons)::jsonb, decided_at = now(),
                    published_at = CASE WHEN \(status) = 'approved' THEN now() END,
                    body_html = CASE WHEN \(status) = 'approved' THEN '<p>' || body || '</p>' END, version = version + 1
                WHERE id = \(id) RETURNING id
            ), q AS (DELETE FROM moderation.queue WHERE comment_id = \(id))
            INSERT INTO moderation.comment_events (comment_id, actor, from_status, to_status, reasons)
            SELECT id, 'worker:h:1', 'pending', \(status), \(reasons)::jsonb FROM c
            """)
        return id
    }

    /// Every row of every table of the schema whose text contains `needle` (any case), as "table: row":
    /// tables are found in the catalogue, so one added by a later migration is scanned too.
    func rowsContaining(_ needle: String) async throws -> [String] {
        let db = try await PostgresConnection.connect(conninfo)
        let tables = try await db.query("""
            SELECT tablename FROM pg_tables WHERE schemaname = 'moderation' ORDER BY tablename
            """).map { try $0.decode(String.self, at: 0) }
        var hits: [String] = []
        for table in tables {
            let rows = try await db.query("""
                SELECT t::text FROM moderation.\(identifier: table) t WHERE strpos(lower(t::text), lower(\(needle))) > 0
                """)
            hits += try rows.map { "\(table): \(try $0.decode(String.self, at: 0))" }
        }
        await db.close()
        #expect(tables.contains("comments") && tables.contains("comment_events") && tables.count >= 8)
        return hits
    }

    /// The rows that must survive an erasure unchanged, as text.
    func untouchedRows() async throws -> [String] {
        let db = try await PostgresConnection.connect(conninfo)
        let ids = carol + [bobSharingIP, bobReply]
        let rows = try await db.query("""
            SELECT t::text FROM (
                SELECT t::text, 1 AS k, t.id FROM moderation.comments t WHERE t.id = ANY(\(ids))
                UNION ALL SELECT t::text, 2, t.id FROM moderation.comment_events t WHERE t.comment_id = ANY(\(ids))
                UNION ALL SELECT t::text, 3, t.id FROM moderation.word_rules t WHERE t.pattern = 'lee'
                UNION ALL SELECT t::text, 4, t.id FROM moderation.blocks t WHERE t.kind = 'domain' OR t.value LIKE 'joann%'
                UNION ALL SELECT t::text, 5, t.id FROM moderation.moderator_actions t WHERE t.command = 'rules words add'
            ) t ORDER BY k, id
            """)
        await db.close()
        return try rows.map { try $0.decode(String.self, at: 0) }
    }

    func run(_ arguments: [String], stdin: String? = nil) async throws -> CommentmodProcess.Output {
        try await CommentmodProcess.run(arguments, environment: ["DATABASE_URL": moderator, "NO_COLOR": "1"], stdin: stdin)
    }

    func query(_ sql: PostgresQuery) async throws -> [PostgresRow] {
        let db = try await PostgresConnection.connect(conninfo)
        let rows = try await db.query(sql)
        await db.close()
        return rows
    }

    func drop() async {
        try? await TestDatabase.dropDatabase(conninfo)
    }
}

@Suite("commentmod privacy erase")
struct PrivacyEraseTests {
    @Test("erase leaves the address and the person's own IP in no row of any table; the rest is untouched")
    func eraseLeavesNoTrace() async throws {
        let fixture = try await PrivacyFixture.make(suite: "privacy_erase")
        let untouched = try await fixture.untouchedRows()
        #expect(try await !fixture.rowsContaining("ann.lee@example.com").isEmpty)

        let erase = try await fixture.run(["privacy", "erase", "--email", "  ann.lee@EXAMPLE.com", "--yes", "--as", "dpo", "--json"])
        #expect(erase.status == 0, "\(erase.stderr)")
        let counts = try #require(try JSONSerialization.jsonObject(with: Data(erase.stdout.utf8)) as? [String: Int])
        #expect(counts["comments"] == 4)
        #expect(counts["ip_addresses"] == 2)
        #expect(counts["shared_ip_comments"] == 1)
        #expect(counts["mentioning_comments"] == 1)
        #expect(counts["blocks_removed"] == 2)
        #expect(counts["word_rules_removed"] == 1)
        #expect(counts["actions_redacted"] == 1)
        #expect(counts["withdrawn"] == 0)

        #expect(try await fixture.rowsContaining("ann.lee@example.com") == [])
        #expect(try await fixture.rowsContaining(PrivacyFixture.ownIP) == [])
        // The shared address stays only where it is someone else's: Bob's comment.
        let shared = try await fixture.rowsContaining(PrivacyFixture.sharedIP)
        #expect(shared.count == 1 && shared.allSatisfy { $0.hasPrefix("comments: (\(fixture.bobSharingIP),") }, "\(shared)")
        #expect(try await fixture.untouchedRows() == untouched)

        let published = try await fixture.query("""
            SELECT author_name, author_url, body_html FROM moderation.published_comments WHERE id = \(fixture.annPublished)
            """)
        #expect(try published.first?.decode(String.self, at: 0) == "Anonymous")
        #expect(try published.first?.decode(String?.self, at: 1) == nil)
        #expect(try published.first?.decode(String.self, at: 2) == "<p>Hello from Ann</p>")
        let mention = try await fixture.query("SELECT body, version FROM moderation.comments WHERE id = \(fixture.bobMentioning)")
        #expect(try mention[0].decode(String.self, at: 0) == "Write to [erased], she knows")
        #expect(try mention[0].decode(Int.self, at: 1) == 3)

        let log = try await fixture.query("""
            SELECT e.comment_id, e.kind, e.actor, e.from_status, e.to_status, e.version = c.version, a.command, a.detail::text
            FROM moderation.comment_events e JOIN moderation.comments c ON c.id = e.comment_id
            JOIN moderation.moderator_actions a ON a.id = e.action_id
            WHERE e.kind = 'erasure' ORDER BY e.comment_id
            """)
        #expect(try log.map { try $0.decode(Int64.self, at: 0) } == (fixture.ann + [fixture.bobMentioning]).sorted())
        for row in log {
            #expect(try row.decode(String.self, at: 2) == "moderator:dpo")
            #expect(try row.decode(String.self, at: 3) == row.decode(String.self, at: 4))
            #expect(try row.decode(Bool.self, at: 5))
            #expect(try row.decode(String.self, at: 6) == "privacy erase")
        }
        let own = try await fixture.query("""
            SELECT count(*) FROM moderation.comments WHERE id = ANY(\(fixture.ann)) AND author_name = 'Anonymous'
              AND author_email IS NULL AND author_url IS NULL AND author_ip IS NULL AND user_agent IS NULL
              AND referrer IS NULL AND body IS NOT NULL AND version = CASE status WHEN 'pending' THEN 2 ELSE 3 END
            """)
        #expect(try own[0].decode(Int.self, at: 0) == 4)

        let again = try await fixture.run(["privacy", "erase", "--email", PrivacyFixture.email, "--yes", "--as", "dpo"])
        #expect(again.status == 1)
        #expect(again.stderr.split(separator: "\n").count == 1, "\(again.stderr)")
        #expect(again.stderr.contains("nothing to erase"))
        let actions = try await fixture.query("SELECT count(*) FROM moderation.moderator_actions WHERE command = 'privacy erase'")
        #expect(try actions[0].decode(Int.self, at: 0) == 1)
        await fixture.drop()
    }

    @Test("--delete-comments: tombstones keep replies' references, published ones leave the published view")
    func deleteCommentsLeavesTombstones() async throws {
        let fixture = try await PrivacyFixture.make(suite: "privacy_tombstone")
        let listener = try await PostgresConnection.connect(fixture.conninfo)
        try await listener.listen("comment_unpublished")
        let erase = try await fixture.run(["privacy", "erase", "--email=\(PrivacyFixture.email)", "--delete-comments", "--yes", "--as", "dpo"])
        #expect(erase.status == 0, "\(erase.stderr)")
        // The withdrawn comment is announced once, so blogs drop it from their caches.
        let withdrawn = try await listener.waitForNotifications(timeout: .seconds(5)).map(\.payload)
        await listener.close()
        #expect(withdrawn.count == 1 && withdrawn.first?.contains("\(fixture.annPublished)") == true, "\(withdrawn)")
        #expect(erase.stdout.contains("4 comments"))
        #expect(erase.stdout.contains("1 withdrawn from publication"))
        #expect(erase.stdout.contains("2 blocks"))

        let rows = try await fixture.query("""
            SELECT id, status, body IS NULL AND body_html IS NULL AND published_at IS NULL, reasons @> '[{"code": "author_erased"}]',
                   (SELECT count(*) FROM moderation.queue q WHERE q.comment_id = c.id)
            FROM moderation.comments c WHERE id = ANY(\(fixture.ann)) ORDER BY id
            """)
        #expect(try rows.map { try $0.decode(String.self, at: 1) } == ["rejected", "rejected", "spam", "rejected"])
        for row in rows {
            #expect(try row.decode(Bool.self, at: 2))
            #expect(try row.decode(Bool.self, at: 3))
            #expect(try row.decode(Int.self, at: 4) == 0)
        }
        let view = try await fixture.query("SELECT count(*) FROM moderation.published_comments WHERE id = ANY(\(fixture.ann))")
        #expect(try view[0].decode(Int.self, at: 0) == 0)
        let reply = try await fixture.query("SELECT parent_id FROM moderation.published_comments WHERE id = \(fixture.bobReply)")
        #expect(try reply[0].decode(Int64?.self, at: 0) == fixture.annPublished)
        let events = try await fixture.query("""
            SELECT from_status, to_status FROM moderation.comment_events WHERE comment_id = \(fixture.annPublished) AND kind = 'erasure'
            """)
        #expect(try events.map { "\(try $0.decode(String.self, at: 0))→\(try $0.decode(String.self, at: 1))" } == ["approved→rejected"])
        #expect(try await fixture.rowsContaining("ann.lee@example.com") == [])
        #expect(try await fixture.rowsContaining(PrivacyFixture.ownIP) == [])
        await fixture.drop()
    }

    @Test("neighbouring addresses and IPs that contain the person's are someone else's and stay")
    func neighboursStay() async throws {
        let fixture = try await PrivacyFixture.make(suite: "privacy_neighbours", neighbours: true)
        let untouched = try await fixture.untouchedRows()
        let erase = try await fixture.run(["privacy", "erase", "--email", PrivacyFixture.email, "--yes", "--as", "dpo"])
        #expect(erase.status == 0, "\(erase.stderr)")
        #expect(try await fixture.untouchedRows() == untouched)
        let jo = try await fixture.query("SELECT body, author_email FROM moderation.comments WHERE author_name = 'Jo'")
        #expect(try jo[0].decode(String.self, at: 0) == "I am joann.lee@example.com.au too, from 203.0.113.70")
        await fixture.drop()
    }

    @Test("without --yes and without a terminal: exit 2, one line, nothing changed")
    func confirmationRefused() async throws {
        let fixture = try await PrivacyFixture.make(suite: "privacy_confirm")
        let before = try await fixture.rowsContaining("ann.lee@example.com")
        let refused = try await fixture.run(["privacy", "erase", "--email", PrivacyFixture.email, "--as", "dpo"], stdin: "y\n")
        #expect(refused.status == 2)
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("--yes"))
        #expect(try await fixture.rowsContaining("ann.lee@example.com") == before)
        let actions = try await fixture.query("SELECT count(*) FROM moderation.moderator_actions WHERE command = 'privacy erase'")
        #expect(try actions[0].decode(Int.self, at: 0) == 0)

        let unknown = try await fixture.run(["privacy", "erase", "--email", "nobody@example.com", "--as", "dpo"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.split(separator: "\n").count == 1, "\(unknown.stderr)")
        await fixture.drop()
    }

    @Test("the preview counts exactly what the erasure then does, and changes nothing")
    func previewMatchesErasure() async throws {
        let fixture = try await PrivacyFixture.make(suite: "privacy_preview")
        let before = try await fixture.rowsContaining("ann.lee@example.com")
        let db = try await PostgresConnection.connect(fixture.moderator)
        let preview = try await PrivacyStore.previewErasure(
            email: PrivacyFixture.email, deleteComments: true, actor: "moderator:dpo", on: db)
        #expect(try await fixture.rowsContaining("ann.lee@example.com") == before)
        let erased = try await PrivacyStore.erase(email: PrivacyFixture.email, deleteComments: true, actor: "moderator:dpo", on: db)
        #expect(preview == erased)
        #expect(erased.withdrawn == 1 && erased.deletedComments == 4 && !erased.isEmpty)
        let again = try await PrivacyStore.erase(email: PrivacyFixture.email, deleteComments: true, actor: "moderator:dpo", on: db)
        #expect(again.isEmpty && again == ErasureCounts())
        await db.close()
        await fixture.drop()
    }

    @Test("a table or column added later is erased from too")
    func laterTablesAndColumns() async throws {
        let fixture = try await PrivacyFixture.make(suite: "privacy_later")
        let db = try await PostgresConnection.connect(fixture.conninfo)
        try await db.execute("CREATE TABLE moderation.later_notes (id int PRIMARY KEY, note text, data jsonb)")
        try await db.execute("""
            INSERT INTO moderation.later_notes VALUES (1, 'mail ann.lee@example.com', '{"who": ["ann.lee@example.com"]}'),
                (2, 'unrelated', '{"who": "carol@example.org"}')
            """)
        try await db.execute("ALTER TABLE moderation.comments ADD COLUMN signature text")
        try await db.execute("UPDATE moderation.comments SET signature = 'Ann (ann.lee@example.com)' WHERE id = \(fixture.annPublished)")
        await db.close()

        let erase = try await fixture.run(["privacy", "erase", "--email", PrivacyFixture.email, "--yes", "--as", "dpo", "--json"])
        #expect(erase.status == 0, "\(erase.stderr)")
        #expect(try await fixture.rowsContaining("ann.lee@example.com") == [])
        let later = try await fixture.query("SELECT t::text FROM moderation.later_notes t ORDER BY id")
        #expect(try later.map { try $0.decode(String.self, at: 0) } == [
            #"(1,"mail [erased]","{""who"": [""[erased]""]}")"#, #"(2,unrelated,"{""who"": ""carol@example.org""}")"#,
        ])
        await fixture.drop()
    }

    @Test("the log stays append-only for moderators, with or without the erasing switch")
    func logStaysAppendOnly() async throws {
        let fixture = try await PrivacyFixture.make(suite: "privacy_append_only")
        let moderator = try await PostgresConnection.connect(fixture.moderator)
        for statement: PostgresQuery in [
            "UPDATE moderation.comment_events SET note = 'rewritten'",
            "UPDATE moderation.moderator_actions SET detail = '{}'",
        ] {
            await #expect(throws: PostgresError.self) {
                try await moderator.transaction { tx in
                    try await tx.execute("SELECT set_config('commentmod.erasing', 'on', true)")
                    try await tx.execute(statement)
                }
            }
        }
        await moderator.close()
        // Even the owner, switch on, may change only what an erasure changes.
        let owner = try await PostgresConnection.connect(fixture.conninfo)
        await #expect(throws: PostgresError.self) {
            try await owner.transaction { tx in
                try await tx.execute("SELECT set_config('commentmod.erasing', 'on', true)")
                try await tx.execute("UPDATE moderation.comment_events SET actor = 'moderator:forger'")
            }
        }
        await #expect(throws: PostgresError.self) {
            try await owner.execute("UPDATE moderation.comment_events SET note = 'no switch'")
        }
        await owner.close()
        await fixture.drop()
    }
}
