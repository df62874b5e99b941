import DatabaseTestSupport
import Foundation
import PostgresClient
import Testing

/// A migrated database with sites `blog` and `news`, and the `commentmod` binary run as a login of the
/// `commentmod_moderator` group, so every rules and author test proves the group's grants suffice.
/// (A fixture for the Rules*/Author* suites; the tests are in those files.)
struct RulesFixture {
    let conninfo: String
    let moderator: String
    let db: PostgresConnection

    static func make(_ name: String, policy: String = #"{"hold_first_time_commenters": false, "flood_interval_seconds": 0}"#) async throws -> RulesFixture {
        let conninfo = try await TestDatabase.createMigratedDatabase(suite: "rules_\(name)")
        let db = try await PostgresConnection.connect(conninfo)
        for site in ["blog", "news"] { try await TestDatabase.addSite(site, policy: policy, on: db) }
        let moderator = try await TestDatabase.loginConninfo(inGroup: "commentmod_moderator", base: conninfo)
        return RulesFixture(conninfo: conninfo, moderator: moderator, db: db)
    }

    /// `commentmod ARGUMENTS` as the moderator login, acting as `tester`.
    func run(_ arguments: [String], stdin: String? = nil, acting: Bool = true) async throws -> CommentmodProcess.Output {
        var arguments = arguments
        // Before a `--`, after which everything is an argument.
        if acting { arguments.insert(contentsOf: ["--as", "tester"], at: arguments.firstIndex(of: "--") ?? arguments.endIndex) }
        return try await CommentmodProcess.run(arguments, environment: ["DATABASE_URL": moderator, "NO_COLOR": "1"], stdin: stdin)
    }

    /// A listing or read-only command (no `--as`).
    func read(_ arguments: [String]) async throws -> CommentmodProcess.Output {
        try await run(arguments, acting: false)
    }

    /// Everything the rules and author commands may change, as one comparable text.
    func snapshot() async throws -> String {
        try await db.query("""
            SELECT concat_ws(' | ',
                (SELECT coalesce(jsonb_agg(to_jsonb(w) ORDER BY w.id), '[]') FROM moderation.word_rules w)::text,
                (SELECT coalesce(jsonb_agg(to_jsonb(b) ORDER BY b.id), '[]') FROM moderation.blocks b)::text,
                (SELECT jsonb_agg(jsonb_build_array(s.id, s.policy) ORDER BY s.id) FROM moderation.sites s)::text,
                (SELECT count(*) FROM moderation.moderator_actions)::text,
                (SELECT coalesce(jsonb_agg(jsonb_build_array(c.id, c.status, c.version) ORDER BY c.id), '[]')
                 FROM moderation.comments c)::text)
            """)[0].decode(String.self, at: 0)
    }

    /// Bad input: exit 2, one line on stderr, nothing on stdout, and nothing changed.
    func expectRefused(_ arguments: [String], stdin: String? = nil, mentioning text: String? = nil, acting: Bool = true,
                       sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let before = try await snapshot()
        let output = try await run(arguments, stdin: stdin, acting: acting)
        #expect(output.status == 2, "\(arguments): \(output.stderr)", sourceLocation: sourceLocation)
        #expect(output.stderr.hasPrefix("commentmod: "), "\(arguments): \(output.stderr)", sourceLocation: sourceLocation)
        #expect(output.stderr.split(separator: "\n").count == 1, "\(arguments): \(output.stderr)", sourceLocation: sourceLocation)
        #expect(output.stdout.isEmpty, "\(arguments): \(output.stdout)", sourceLocation: sourceLocation)
        if let text { #expect(output.stderr.contains(text), "\(arguments): \(output.stderr)", sourceLocation: sourceLocation) }
        #expect(try await snapshot() == before, "\(arguments) changed something", sourceLocation: sourceLocation)
    }

    /// Exit 1 (nothing matched), one line, nothing changed.
    func expectNothingMatched(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let before = try await snapshot()
        let output = try await run(arguments)
        #expect(output.status == 1, "\(arguments): \(output.stderr)", sourceLocation: sourceLocation)
        #expect(output.stderr.split(separator: "\n").count == 1, "\(arguments): \(output.stderr)", sourceLocation: sourceLocation)
        #expect(try await snapshot() == before, "\(arguments) changed something", sourceLocation: sourceLocation)
    }

    /// The last action row: command, actor and detail.
    func lastAction() async throws -> (command: String, actor: String, detail: [String: Any])? {
        guard let row = try await db.query(
            "SELECT command, actor, detail::text FROM moderation.moderator_actions ORDER BY id DESC LIMIT 1").first
        else { return nil }
        let detail = try JSONSerialization.jsonObject(with: Data(try row.decode(String.self, at: 2).utf8)) as? [String: Any]
        return (try row.decode(String.self, at: 0), try row.decode(String.self, at: 1), detail ?? [:])
    }

    func count(_ sql: String) async throws -> Int {
        try await db.query(PostgresQuery(unsafeSQL: sql))[0].decode(Int.self, at: 0)
    }

    /// Submits a comment and gives it `status` as a decision would (approved ones published).
    @discardableResult
    func comment(
        site: String = "blog", post: String = "p1", name: String = "Reader", email: String, body: String,
        ip: String? = nil, status: String = "approved", daysAgo: Int = 0
    ) async throws -> Int64 {
        let id = try await db.query("""
            SELECT moderation.submit_comment(\(site), \(post), \(name), \(email), \(body), author_ip => \(ip)::inet)
            """)[0].decode(Int64.self, at: 0)
        try await db.execute("DELETE FROM moderation.queue WHERE comment_id = \(id)")
        try await db.execute("""
            UPDATE moderation.comments
            SET status = \(status), decided_at = now(), version = version + 1,
                published_at = CASE WHEN \(status) = 'approved' THEN now() END,
                body_html = CASE WHEN \(status) = 'approved' THEN '<p>x</p>' END,
                submitted_at = now() - make_interval(days => \(daysAgo))
            WHERE id = \(id)
            """)
        return id
    }

    func close() async {
        await db.close()
    }

    /// The Big List of Naughty Strings.
    static func naughtyStrings() throws -> [String] {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory.deleteLastPathComponent()
        }
        let file = directory.appendingPathComponent("../shared/testdata/naughty/blns.json")
        return try JSONDecoder().decode([String].self, from: Data(contentsOf: file))
    }

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }
}
