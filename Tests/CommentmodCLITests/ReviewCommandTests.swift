import DatabaseTestSupport
import Foundation
import PostgresClient
import Testing

/// `commentmod review …` as a moderator runs it: the real binary, a real database, the moderator role.
@Suite("review commands")
struct ReviewCommandTests {
    let admin: String
    let moderator: String

    init() async throws {
        admin = try await TestDatabase.createMigratedDatabase(suite: "reviewcli")
        moderator = try await TestDatabase.loginConninfo(inGroup: "commentmod_moderator", base: admin)
        let db = try await PostgresConnection.connect(admin)
        try await TestDatabase.addSite("blog", on: db)
        await db.close()
    }

    private func review(_ arguments: [String], as name: String = "ann", stdin: String? = nil) async throws -> CommentmodProcess.Output {
        try await CommentmodProcess.run(["review"] + arguments + ["--database-url", moderator],
                                  environment: ["USER": name, "SUDO_USER": nil, "LOGNAME": nil, "NO_COLOR": "1"], stdin: stdin)
    }

    private func reviewRead(_ arguments: [String]) async throws -> CommentmodProcess.Output {
        try await CommentmodProcess.run(["review"] + arguments + ["--database-url", moderator])
    }

    /// A held comment as the worker leaves one.
    private func held(body: String = "Buy crypto now", email: String = "ann@example.org", ip: String = "203.0.113.7",
                      name: String = "Ann") async throws -> Int64 {
        let db = try await PostgresConnection.connect(admin)
        let rows = try await db.query("""
            SELECT moderation.submit_comment(site_id => 'blog', post_id => 'p1', author_name => \(name),
                author_email => \(email), body => \(body), author_ip => \(ip)::inet)
            """)
        let id = try rows[0].decode(Int64.self, at: 0)
        try await db.execute("""
            WITH d AS (DELETE FROM moderation.queue WHERE comment_id = \(id))
            UPDATE moderation.comments SET status = 'held', version = 2, decided_at = now(),
                reasons = '[{"code":"word_hold","action":"hold","field":"body","match":"crypto","message":"Held: crypto."}]'
            WHERE id = \(id)
            """)
        await db.close()
        return id
    }

    private func snapshot() async throws -> String {
        let db = try await PostgresConnection.connect(admin)
        let rows = try await db.query("""
            SELECT (SELECT count(*) FROM moderation.moderator_actions)::text || '/' ||
                   (SELECT count(*) FROM moderation.comment_events)::text || '/' ||
                   (SELECT string_agg(id || ':' || status || ':' || version, ',' ORDER BY id) FROM moderation.comments)
            """)
        await db.close()
        return try rows[0].decode(String?.self, at: 0) ?? ""
    }

    @Test("list and show: held comments oldest first, JSON for scripts, a comment's whole story for people")
    func listAndShow() async throws {
        let first = try await held(body: "Evil \u{1B}[2J body\nsecond line")
        let second = try await held(email: "bob@example.org", ip: "203.0.113.7", name: "Bob")
        let list = try await reviewRead(["list", "--json"])
        #expect(list.status == 0, "\(list.stderr)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["id"] as? Int } == [Int(first), Int(second)])
        for key in ["id", "status", "site_id", "post_id", "author_name", "reasons", "submitted_at", "version"] {
            #expect(array[0][key] != nil, "\(key)")
        }
        let table = try await reviewRead(["list"])
        #expect(table.status == 0)
        #expect(table.stdout.split(separator: "\n").count == 3)
        #expect(!table.stdout.contains("\u{1B}"), "a comment must not reach the terminal raw")

        let show = try await reviewRead(["show", String(first)])
        #expect(show.status == 0, "\(show.stderr)")
        for expected in ["comment \(first)", "held", "version 2", "ann@example.org", "203.0.113.7", "word_hold", "\"crypto\"",
                         "history", "submit:", "other recent comments", "Bob"] {
            #expect(show.stdout.contains(expected), "\(expected)")
        }
        #expect(!show.stdout.contains("\u{1B}"))
        let json = try await reviewRead(["show", String(first), "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["events"] as? [Any])?.count == 1 && (object["related"] as? [Any])?.count == 1)

        let missing = try await reviewRead(["show", "987654"])
        #expect(missing.status == 1 && missing.stderr == "commentmod: no comment has id 987654\n")
    }

    @Test("a decision by id; a second moderator with a stale version gets who changed it and how; --force overrides")
    func decisionsAndConflicts() async throws {
        let id = try await held()
        let approve = try await review(["approve", String(id), "--expect-version", "2", "--note", "fine"], as: "ann")
        #expect(approve.status == 0, "\(approve.stderr)")
        #expect(approve.stdout.contains("approved: 1 comment") && approve.stdout.contains("review undo"))
        let db = try await PostgresConnection.connect(admin)
        #expect(try await db.query("SELECT count(*) FROM moderation.published_comments WHERE id = \(id)")[0].decode(Int.self, at: 0) == 1)

        let stale = try await review(["spam", String(id), "--expect-version", "2"], as: "bob")
        #expect(stale.status == 1)
        #expect(stale.stderr.split(separator: "\n").count == 1)
        #expect(stale.stderr.contains("moderator:ann") && stale.stderr.contains("held → approved") && stale.stderr.contains("version 3"))
        #expect(try await db.query("SELECT status FROM moderation.comments WHERE id = \(id)")[0].decode(String.self, at: 0) == "approved")

        let forced = try await review(["spam", String(id), "--expect-version", "2", "--force", "--reason", "link farm", "--json"], as: "bob")
        #expect(forced.status == 0, "\(forced.stderr)")
        let outcome = try #require(try JSONSerialization.jsonObject(with: Data(forced.stdout.utf8)) as? [String: Any])
        #expect((outcome["changed"] as? [[String: Any]])?.first?["to_status"] as? String == "spam")
        let actors = try await db.query("""
            SELECT actor FROM moderation.comment_events WHERE comment_id = \(id) AND actor LIKE 'moderator:%' ORDER BY id
            """).map { try $0.decode(String.self, at: 0) }
        #expect(actors == ["moderator:ann", "moderator:bob"])
        await db.close()

        let unknown = try await review(["approve", "987654"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no comment has id 987654"))
    }

    @Test("bulk: a preview, a refusal without a terminal or --yes, a dry run that changes nothing, then undo as one unit")
    func bulkAndUndo() async throws {
        let wave = [try await held(ip: "198.51.100.10"), try await held(ip: "198.51.100.11"), try await held(ip: "198.51.100.12")]
        let bystander = try await held(ip: "192.0.2.1")
        let before = try await snapshot()

        let dry = try await review(["reject", "--ip", "198.51.100.0/24", "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains("would reject 3 comments"))
        let refused = try await review(["reject", "--ip", "198.51.100.0/24"], stdin: "y\n")
        #expect(refused.status == 2 && refused.stderr.contains("--yes"))
        let dryJSON = try await review(["reject", "--ip", "198.51.100.0/24", "--dry-run", "--json"])
        let preview = try #require(try JSONSerialization.jsonObject(with: Data(dryJSON.stdout.utf8)) as? [String: Any])
        #expect(preview["count"] as? Int == 3 && (preview["ids"] as? [Int])?.map(Int64.init) == wave)
        #expect(try await snapshot() == before)

        let done = try await review(["reject", "--ip", "198.51.100.0/24", "--since", "1h", "--yes", "--reason", "spam wave"])
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stdout.contains("rejected: 3 comments"))
        let db = try await PostgresConnection.connect(admin)
        let statuses = try await db.query("SELECT id, status FROM moderation.comments ORDER BY id")
            .map { (try $0.decode(Int64.self, at: 0), try $0.decode(String.self, at: 1)) }
        #expect(statuses.filter { wave.contains($0.0) }.allSatisfy { $0.1 == "rejected" })
        #expect(statuses.first { $0.0 == bystander }?.1 == "held")
        let detail = try await db.query("SELECT detail->'filter'->>'ip', (detail->>'count')::int FROM moderation.moderator_actions")
        #expect(try detail[0].decode(String.self, at: 0) == "198.51.100.0/24" && detail[0].decode(Int.self, at: 1) == 3)

        let undo = try await review(["undo", "--last"])
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(undo.stdout.contains("3 comments reverted"))
        let restored = try await db.query("SELECT count(*) FROM moderation.comments WHERE status = 'held'")
        #expect(try restored[0].decode(Int.self, at: 0) == 4)
        let again = try await review(["undo", "--last"])
        #expect(again.status == 1 && again.stderr.contains("nothing to undo"))
        let other = try await review(["undo", "--last"], as: "bob")
        #expect(other.status == 1)
        await db.close()

        let none = try await review(["approve", "--ip", "10.0.0.0/8", "--yes"])
        #expect(none.status == 1 && none.stderr.contains("no comments match"))
    }

    @Test("notes are recorded with the moderator's name and shown in the history")
    func notes() async throws {
        let id = try await held()
        let note = try await review(["note", String(id), "Asked the author by mail"], as: "carol")
        #expect(note.status == 0, "\(note.stderr)")
        let show = try await reviewRead(["show", String(id)])
        #expect(show.stdout.contains("moderator:carol  note: Asked the author by mail"))
        let viaAs = try await CommentmodProcess.run(["review", "note", String(id), "second", "--as", "Dana", "--database-url", moderator])
        #expect(viaAs.status == 0)
        await #expect(try reviewRead(["show", String(id)]).stdout.contains("moderator:Dana  note: second"))
    }

    @Test("bad input: one line, exit 2 (1 for a missing id), nothing changed")
    func badInput() async throws {
        let id = try await held()
        let before = try await snapshot()
        let usage: [[String]] = [
            ["approve"], ["approve", String(id), "--site", "blog"], ["approve", "0"], ["approve", "-5"], ["approve", "x"],
            ["approve", String(id), String(id + 1), "--expect-version", "2"], ["approve", "--ip", "300.1.1.1"],
            ["approve", "--ip", "10.0.0.1/8"], ["approve", "--since", "yesterday"], ["approve", "--email", "not an email"],
            ["approve", "--status", "bogus"], ["approve", "--status", "all", "--status", "held", "--yes"],
            ["approve", "--since", "1h", "--before", "2h"], ["approve", String(id), "--dry-run"],
            ["approve", "--site", "blog", "--dry-run", "--yes"], ["reject", String(id), "--reason", "  "],
            ["approve", String(id), "--note", "a\u{7}b"], ["list", "--limit", "0"], ["list", "--reason", "Not A Code"],
            ["undo"], ["undo", "5", "--last"], ["show", "abc"], ["approve", String(id), "--as", ""],
            ["note", String(id), ""],
        ]
        for arguments in usage {
            let output = try await review(arguments)
            #expect(output.status == 2, "\(arguments): \(output.status) \(output.stderr)")
            #expect(output.stderr.split(separator: "\n").count == 1 && output.stderr.hasPrefix("commentmod: "), "\(arguments): \(output.stderr)")
            #expect(output.stdout.isEmpty, "\(arguments)")
        }
        for arguments in [["approve", "999999"], ["undo", "999999"], ["note", "999999", "hello"]] {
            let output = try await review(arguments)
            #expect(output.status == 1, "\(arguments): \(output.stderr)")
            #expect(output.stderr.split(separator: "\n").count == 1, "\(arguments)")
        }
        #expect(try await snapshot() == before)
    }

    @Test("naughty strings and XSS payloads as notes, names and filters: stored exactly or refused in one line, never a crash")
    func naughtyStrings() async throws {
        let id = try await held()
        let strings = try TestCorpora.commandLineSample(limit: 45)
        for text in strings {
            for arguments in [["note", String(id), text, "--as", text], ["list", "--author", text, "--json"],
                              ["list", "--site", text, "--json"], ["list", "--email", text, "--json"]] {
                let output = try await review(arguments)
                #expect([0, 2].contains(output.status), "\(arguments.prefix(2)) \(output.status): \(output.stderr)")
                if output.status == 2 { #expect(output.stderr.split(separator: "\n").count == 1) }
            }
        }
        // Every note that was accepted is stored byte for byte.
        let db = try await PostgresConnection.connect(admin)
        let notes = Set(try await db.query("SELECT note FROM moderation.comment_events WHERE kind = 'note'").map { try $0.decode(String.self, at: 0) })
        await db.close()
        #expect(!notes.isEmpty)
        #expect(notes.isSubset(of: Set(strings)))
        let show = try await reviewRead(["show", String(id)])
        #expect(show.status == 0 && !show.stdout.contains("\u{1B}"))
    }
}
