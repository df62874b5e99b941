import DatabaseTestSupport
import Foundation
import ModerationStore
import PostgresClient
import Testing

/// `commentmod stats` on a history with chosen times, so every figure, the medians included, is known.
@Suite("commentmod stats")
struct StatsCommandTests {
    /// One event of a constructed history: seconds after the start of the first day, and the change.
    struct Step {
        let at: Double
        let from: String?
        let to: String
        var actor = "worker:h:1"
        var kind = "decision"
    }

    static let hour = 3600.0
    static let day = 86_400.0

    /// Day one starts three UTC days before today; day two follows it.
    static let dayOne: Date = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        return calendar.date(byAdding: .day, value: -3, to: calendar.startOfDay(for: Date())) ?? Date()
    }()

    static func dayText(_ offset: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withDashSeparatorInDate]
        return formatter.string(from: dayOne.addingTimeInterval(offset))
    }

    /// A comment whose whole life is `steps`, starting with its submission.
    static func comment(_ db: PostgresConnection, site: String, status: String, _ steps: [Step]) async throws {
        let submitted = dayOne.addingTimeInterval(steps[0].at)
        let published = status == "approved" ? submitted : nil
        let id = try await db.query("""
            INSERT INTO moderation.comments (site_id, post_id, author_name, author_email, body, status, submitted_at,
                                             published_at, body_html)
            VALUES (\(site), 'p', 'A', 'a@example.com', 'text', \(status), \(submitted), \(published),
                    CASE WHEN \(status) = 'approved' THEN '<p>text</p>' END)
            RETURNING id
            """)[0].decode(Int64.self, at: 0)
        for step in steps {
            try await db.execute("""
                INSERT INTO moderation.comment_events (comment_id, at, actor, from_status, to_status, kind)
                VALUES (\(id), \(dayOne.addingTimeInterval(step.at)), \(step.actor), \(step.from), \(step.to), \(step.kind))
                """)
        }
    }

    static func submit(_ at: Double) -> Step { Step(at: at, from: nil, to: "pending") }
    static func worker(_ at: Double, _ to: String) -> Step { Step(at: at, from: "pending", to: to) }
    static func moderator(_ at: Double, _ from: String, _ to: String) -> Step {
        Step(at: at, from: from, to: to, actor: "moderator:mo")
    }

    static func seed(_ conninfo: String) async throws {
        let db = try await PostgresConnection.connect(conninfo)
        try await TestDatabase.addSite("blog", on: db)
        try await TestDatabase.addSite("news", on: db)
        let (h, d) = (hour, day)
        // Day one on blog: 6 submitted; held 3 (one still held), approved 2, rejected 1, spam 1; one wait of 1 h.
        try await comment(db, site: "blog", status: "approved", [submit(8 * h), worker(8 * h + 1, "held"), moderator(9 * h + 1, "held", "approved")])
        try await comment(db, site: "blog", status: "approved", [submit(8 * h), worker(8 * h, "held"), moderator(d + 8 * h, "held", "approved")])
        try await comment(db, site: "blog", status: "rejected", [submit(10 * h), worker(10 * h + 1, "rejected")])
        try await comment(db, site: "blog", status: "spam", [submit(11 * h), worker(11 * h + 1, "spam")])
        try await comment(db, site: "blog", status: "approved", [submit(12 * h), worker(12 * h + 1, "approved")])
        try await comment(db, site: "blog", status: "held", [submit(13 * h), worker(13 * h, "held")])
        // Day two on blog: waits 24 h (from day one), 40 min, 2 h, 10 min, 30 min (after an undo put the
        // comment back), 20 min: median (30 min + 40 min) / 2 = 35 min.
        try await comment(db, site: "blog", status: "rejected", [submit(d + 7 * h), worker(d + 7 * h, "held"), moderator(d + 7 * h + 2400, "held", "rejected")])
        try await comment(db, site: "blog", status: "spam", [submit(d + 7 * h), worker(d + 7 * h, "held"), moderator(d + 9 * h, "held", "spam")])
        try await comment(db, site: "blog", status: "rejected", [
            submit(d + 10 * h), worker(d + 10 * h, "held"), moderator(d + 10 * h + 600, "held", "approved"),
            moderator(d + 11 * h, "approved", "held"), moderator(d + 11 * h + 1800, "held", "rejected"),
        ])
        try await comment(db, site: "blog", status: "approved", [submit(d + 12 * h), worker(d + 12 * h, "held"), moderator(d + 12 * h + 1200, "held", "approved")])
        // news, day one: notes and erasures are not decisions.
        try await comment(db, site: "news", status: "approved", [
            submit(9 * h), worker(9 * h + 1, "approved"),
            Step(at: 9 * h + 5, from: "approved", to: "approved", actor: "moderator:mo", kind: "note"),
            Step(at: 9 * h + 6, from: "approved", to: "approved", actor: "moderator:mo", kind: "erasure"),
        ])
        // Forty days before day one: outside the default 30 days.
        try await comment(db, site: "blog", status: "approved", [submit(-40 * d), worker(-40 * d + 1, "approved")])
        await db.close()
    }

    static func row(_ site: String, _ day: Double, _ counts: [Int], median: Double?, heldDecided: Int, stillHeld: Int) -> DailyStats {
        DailyStats(
            siteId: site, day: dayText(day), submitted: counts[0], approved: counts[1], held: counts[2],
            rejected: counts[3], spam: counts[4], medianHeldSeconds: median, heldDecided: heldDecided, stillHeld: stillHeld)
    }

    static func rows(_ output: CommentmodProcess.Output) throws -> [DailyStats] {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode([DailyStats].self, from: Data(output.stdout.utf8))
    }

    @Test("per site and day: exact counts, the median held wait, still-held comments apart")
    func figures() async throws {
        try await TestDatabase.withDatabase(suite: "stats") { base in
            let connection = try await PostgresConnection.connect(base)
            try await Migrator(migrations: try TestDatabase.migrations()).migrate(on: connection)
            await connection.close()
            try await Self.seed(base)
            let moderator = try await TestDatabase.loginConninfo(inGroup: "commentmod_moderator", base: base)
            let env: [String: String?] = ["DATABASE_URL": moderator, "NO_COLOR": "1"]

            let all = try await CommentmodProcess.run(["stats", "--json"], environment: env)
            #expect(all.status == 0, "\(all.stderr)")
            let dayOne = Self.row("blog", 0, [6, 2, 3, 1, 1], median: 3600, heldDecided: 1, stillHeld: 1)
            let dayTwo = Self.row("blog", Self.day, [4, 3, 5, 2, 1], median: 2100, heldDecided: 6, stillHeld: 0)
            let news = Self.row("news", 0, [1, 1, 0, 0, 0], median: nil, heldDecided: 0, stillHeld: 0)
            #expect(try Self.rows(all) == [dayOne, dayTwo, news])

            let site = try await CommentmodProcess.run(["stats", "--site", "news", "--json"], environment: env)
            #expect(try Self.rows(site) == [news])
            #expect(site.stdout.contains(#""median_held_seconds":null"#))
            let since = try await CommentmodProcess.run(["stats", "--since", Self.dayText(Self.day), "--json"], environment: env)
            #expect(try Self.rows(since) == [dayTwo])
            let longer = try await CommentmodProcess.run(["stats", "--since", "60d", "--json"], environment: env)
            #expect(try Self.rows(longer).count == 4)

            let table = try await CommentmodProcess.run(["stats"], environment: env)
            #expect(table.status == 0)
            let lines = table.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 4)
            #expect(lines[0].hasPrefix("site"))
            #expect(lines[2].contains("35 min") && lines[1].contains("1 h"), "\(table.stdout)")

            let empty = try await CommentmodProcess.run(["stats", "--since", "0d", "--json"], environment: env)
            #expect(empty.status == 0 && empty.stdout == "[]\n", "\(empty.stdout)")
        }
    }

    @Test("a bad --since exits 2 and an unknown site 1, each with one line")
    func badInput() async throws {
        try await TestDatabase.withDatabase(suite: "stats_bad") { base in
            let connection = try await PostgresConnection.connect(base)
            try await Migrator(migrations: try TestDatabase.migrations()).migrate(on: connection)
            await connection.close()
            let env: [String: String?] = ["DATABASE_URL": base]
            for bad in ["yesterday", "-3d", "30x", "", "2026-13-45", "\u{1B}[31m1d"] {
                let output = try await CommentmodProcess.run(["stats"] + optionArguments("--since", bad), environment: env)
                #expect(output.status == 2, "\(bad.debugDescription): \(output.stderr)")
                #expect(output.stderr.split(separator: "\n").count == 1, "\(bad.debugDescription): \(output.stderr)")
                #expect(!output.stderr.contains("\u{1B}"))
            }
            let unknown = try await CommentmodProcess.run(["stats", "--site", "nope"], environment: env)
            #expect(unknown.status == 1)
            #expect(unknown.stderr == "commentmod: no site nope\n")
        }
    }
}
