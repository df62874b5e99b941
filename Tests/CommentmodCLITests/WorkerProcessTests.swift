import DatabaseTestSupport
import ModerationStore
import Foundation
import PostgresClient
import Testing

/// The worker as operators run it: a separate process, signals, kill -9, a restarted server.
@Suite("commentmod worker process", .serialized)
struct WorkerProcessTests {
    /// A migrated database with `count` comments queued: distinct authors and IPs, so the trust, flood and
    /// duplicate rules leave most of them approved and published.
    private func queuedDatabase(_ name: String, count: Int, on server: PrivateCluster? = nil) async throws -> (String, PostgresConnection) {
        let conninfo: String
        if let server {
            conninfo = server.conninfo
            let connection = try await PostgresConnection.connect(conninfo)
            try await Migrator(migrations: try TestDatabase.migrations()).migrate(on: connection)
            await connection.close()
        } else {
            conninfo = try await TestDatabase.createMigratedDatabase(suite: "proc_\(name)")
        }
        let db = try await PostgresConnection.connect(conninfo)
        try await TestDatabase.addSite("blog", policy: #"{"hold_first_time_commenters": false}"#, on: db)
        try await db.execute("""
            SELECT moderation.submit_comment('blog', 'post-' || (i % 100), 'Reader ' || i, 'reader' || i || '@example.org',
                       CASE WHEN i % 10 = 0 THEN 'Visit https://a.example/1 and https://b.example/2'
                            WHEN i % 10 = 1 THEN 'not an email test'
                            ELSE 'Comment number ' || i || ' on this post.' END,
                       author_ip => ('198.18.' || (i / 256 % 256) || '.' || (i % 256))::inet)
            FROM generate_series(1, \(count)) AS i
            """)
        return (conninfo, db)
    }

    /// Every comment decided exactly once and every approved one notified exactly once.
    private func expectExactlyOnce(_ db: PostgresConnection, notifications: [PostgresNotification], count: Int) async throws {
        let rows = try await db.query("""
            SELECT (SELECT count(*) FROM moderation.comments WHERE status = 'pending'),
                   (SELECT count(*) FROM moderation.queue),
                   (SELECT count(*) FROM (SELECT comment_id FROM moderation.comment_events WHERE from_status = 'pending'
                                          GROUP BY comment_id HAVING count(*) <> 1) x),
                   (SELECT count(DISTINCT comment_id) FROM moderation.comment_events WHERE from_status = 'pending')
            """)
        #expect(try rows[0].decode(Int.self, at: 0) == 0)
        #expect(try rows[0].decode(Int.self, at: 1) == 0)
        #expect(try rows[0].decode(Int.self, at: 2) == 0, "comments with more than one decision")
        #expect(try rows[0].decode(Int.self, at: 3) == count)
        let approved = Set(try await db.query("SELECT id FROM moderation.comments WHERE status = 'approved'")
            .map { try $0.decode(Int64.self, at: 0) })
        var notified: [Int64: Int] = [:]
        for note in notifications where note.channel == "comment_published" {
            let object = try JSONSerialization.jsonObject(with: Data(note.payload.utf8)) as? [String: Any]
            if let id = (object?["id"] as? NSNumber)?.int64Value { notified[id, default: 0] += 1 }
        }
        #expect(!approved.isEmpty)
        #expect(Set(notified.keys) == approved, "published and notified sets differ")
        #expect(notified.values.allSatisfy { $0 == 1 }, "a comment was notified twice")
    }

    /// Collects notifications on its own connection until stopped.
    final class Listener: @unchecked Sendable {
        let connection: PostgresConnection
        private var task: Task<[PostgresNotification], any Error>?
        init(_ conninfo: String) async throws {
            connection = try await PostgresConnection.connect(conninfo)
            try await connection.listen("comment_published")
            let connection = self.connection
            task = Task {
                var all: [PostgresNotification] = []
                while !Task.isCancelled {
                    all += try await connection.waitForNotifications(timeout: .milliseconds(200))
                }
                return all
            }
        }
        func finish() async throws -> [PostgresNotification] {
            try await Task.sleep(for: .milliseconds(300))
            task?.cancel()
            var all = try await task?.value ?? []
            all += try await connection.waitForNotifications(timeout: .milliseconds(100))
            await connection.close()
            return all
        }
    }

    private func queueDepth(_ db: PostgresConnection) async throws -> Int {
        try await db.query("SELECT count(*) FROM moderation.queue")[0].decode(Int.self, at: 0)
    }

    private func drain(_ conninfo: String, _ db: PostgresConnection, timeout: Duration = .seconds(120)) async throws {
        let worker = try BackgroundCommentmod(["worker", "--database-url", conninfo, "--poll-interval", "0.1"])
        let deadline = ContinuousClock.now + timeout
        while try await queueDepth(db) > 0 {
            guard ContinuousClock.now < deadline else { throw CommentmodProcessError("queue did not drain:\n\(worker.stderr)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        worker.signal(SIGTERM)
        #expect(try await worker.wait(timeout: .seconds(15)) == 0)
    }

    @Test("SIGTERM: the batch commits, the worker exits 0; JSON logs are one object per line and private")
    func sigtermIsGraceful() async throws {
        let (conninfo, db) = try await queuedDatabase("sigterm", count: 3000)
        let worker = try BackgroundCommentmod(
            ["worker", "--log-format", "json", "--summary-interval", "1", "--batch-size", "100"],
            environment: ["DATABASE_URL": conninfo])
        try await worker.waitForLog("worker.start")
        try await Wait.until("some decisions") { try await queueDepth(db) < 3000 }
        worker.signal(SIGTERM)
        let status = try await worker.wait(timeout: .seconds(15))
        #expect(status == 0, "\(worker.stderr)")

        // Whatever was claimed was committed whole: no comment is both dequeued and undecided.
        let rows = try await db.query("""
            SELECT count(*) FROM moderation.comments c
            WHERE (c.status = 'pending') <> EXISTS (SELECT 1 FROM moderation.queue q WHERE q.comment_id = c.id)
            """)
        #expect(try rows[0].decode(Int.self, at: 0) == 0)

        let lines = worker.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count >= 2)
        for line in lines where !line.hasPrefix("commentmod:") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["ts"] is String && object?["level"] is String && object?["msg"] is String, "\(line)")
        }
        #expect(worker.stderr.contains(#""event":"worker.start""#))
        #expect(worker.stderr.contains(#""event":"worker.stop""#))
        for secret in ["@example.org", "198.18.", "Comment number"] {
            #expect(!worker.stderr.contains(secret))
        }
        await db.close()
    }

    @Test("kill -9 twenty times while 20,000 comments drain: each decided once, each publication notified once")
    func killNineRepeatedly() async throws {
        let count = 20_000
        let (conninfo, db) = try await queuedDatabase("kill9", count: count)
        let listener = try await Listener(conninfo)
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20 {
            let worker = try BackgroundCommentmod(["worker", "--database-url", conninfo, "--poll-interval", "0.1"])
            try await worker.waitForLog("worker starting")
            try await Task.sleep(for: .milliseconds(Int.random(in: 30...250, using: &generator)))
            worker.signal(SIGKILL)
            _ = try await worker.wait(timeout: .seconds(10))
            if try await queueDepth(db) == 0 {
                Issue.record("queue drained before kill \(round + 1); the test needs a larger backlog")
                break
            }
        }
        try await drain(conninfo, db)
        try await expectExactlyOnce(db, notifications: try await listener.finish(), count: count)
        await db.close()
    }

    /// On a cluster of its own: restarting the shared one would fail every other suite's statements.
    @Test("the server restarts mid-run: the worker reconnects and nothing is lost or decided twice",
          .enabled(if: PrivateCluster.binaryDirectory != nil, "needs PostgreSQL's server binaries"))
    func serverRestart() async throws {
        let server = try PrivateCluster()
        defer { server.stop() }
        let count = 20_000
        let (conninfo, setup) = try await queuedDatabase("restart", count: count, on: server)
        await setup.close()
        let worker = try BackgroundCommentmod(["worker", "--database-url", conninfo, "--poll-interval", "0.1", "--batch-size", "50"])
        try await worker.waitForLog("worker starting")
        try await Task.sleep(for: .milliseconds(300))
        try server.restart()
        try await worker.waitForLog("reconnect", timeout: .seconds(30))
        try await worker.waitForLog("database connection restored", timeout: .seconds(60))
        let db = try await PostgresConnection.connect(conninfo)
        try await Wait.until("the queue to drain", timeout: .seconds(120)) { try await queueDepth(db) == 0 }
        worker.signal(SIGTERM)
        #expect(try await worker.wait(timeout: .seconds(15)) == 0)
        // Notifications sent before the restart went to a listener that the restart disconnected, so this
        // test checks decisions; the kill -9 test checks notifications.
        let rows = try await db.query("""
            SELECT (SELECT count(*) FROM (SELECT comment_id FROM moderation.comment_events WHERE from_status = 'pending'
                                          GROUP BY comment_id HAVING count(*) <> 1) x),
                   (SELECT count(DISTINCT comment_id) FROM moderation.comment_events WHERE from_status = 'pending')
            """)
        #expect(try rows[0].decode(Int.self, at: 0) == 0)
        #expect(try rows[0].decode(Int.self, at: 1) == count)
        await db.close()
    }

    @Test("status shows the queue, recent decisions and the running worker; --json for scripts")
    func statusCommand() async throws {
        let (conninfo, db) = try await queuedDatabase("status", count: 500)
        let before = try await CommentmodProcess.run(["status", "--json", "--database-url", conninfo])
        #expect(before.status == 0, "\(before.stderr)")
        let queued = try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [String: Any]
        #expect(queued?["queue_depth"] as? Int == 500)
        #expect(queued?["oldest_pending_seconds"] is Double)

        let worker = try BackgroundCommentmod(["worker", "--database-url", conninfo, "--poll-interval", "0.1"])
        try await Wait.until("the queue to drain") { try await queueDepth(db) == 0 }
        let after = try await CommentmodProcess.run(["status", "--json", "--database-url", conninfo])
        let drained = try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any]
        #expect(drained?["queue_depth"] as? Int == 0)
        let minute = drained?["decided_last_minute"] as? [String: Int]
        #expect(minute?.values.reduce(0, +) == 500)
        let workers = drained?["workers"] as? [[String: Any]]
        #expect(workers?.count == 1)
        #expect((workers?.first?["id"] as? String)?.hasSuffix(":\(worker.pid)") == true)

        let text = try await CommentmodProcess.run(["status", "--database-url", conninfo])
        #expect(text.status == 0)
        #expect(text.stdout.contains("0 pending"))
        #expect(text.stdout.contains("worker:"))
        worker.signal(SIGTERM)
        #expect(try await worker.wait(timeout: .seconds(15)) == 0)
        await db.close()
    }

    @Test("bad worker options: one line, exit 2, nothing started")
    func badOptions() async throws {
        for arguments in [["--batch-size", "0"], ["--poll-interval", "-1"], ["--log-format", "xml"], ["--log-level", "loud"],
                          ["--concurrent-batches", "0"], ["--concurrent-batches", "9"], ["--concurrent-batches", "two"],
                          ["--judge-timeout", "0"], ["--judge-timeout", "nan"], ["--judge-timeout", "4000"],
                          ["--judge-timeout", ""], ["--judge-timeout", "1e400"], ["--judge-timeout", "<script>alert(1)</script>"]] {
            let output = try await CommentmodProcess.run(["worker"] + arguments, environment: ["DATABASE_URL": "host=/nonexistent"])
            #expect(output.status == 2, "\(arguments): \(output.stderr)")
            #expect(output.stderr.split(separator: "\n").count == 1, "\(arguments): \(output.stderr)")
        }
        let lanes = try await CommentmodProcess.run(["worker"], environment: ["DATABASE_URL": "host=/nonexistent", "COMMENTMOD_CONCURRENT_BATCHES": "-3"])
        #expect(lanes.status == 2 && lanes.stderr.contains("concurrent batches"))
        let judge = try await CommentmodProcess.run(["worker"], environment: ["DATABASE_URL": "host=/nonexistent", "COMMENTMOD_JUDGE_TIMEOUT": "0.5"])
        #expect(judge.status == 2 && judge.stderr.contains("judge timeout"))
        let env = try await CommentmodProcess.run(["worker"], environment: ["DATABASE_URL": "host=/nonexistent", "COMMENTMOD_BATCH_SIZE": "lots"])
        #expect(env.status == 2)
        #expect(env.stderr.contains("COMMENTMOD_BATCH_SIZE"))
        #expect(env.stderr.split(separator: "\n").count == 1)
    }
}

@Suite("log lines under systemd's journal")
struct JournalPrefixTests {
    /// Runs a worker against an unreachable database for a second, stderr into a file, and returns its
    /// lines: it logs a start line (info) and a retry (warning) at once. `journal` sets JOURNAL_STREAM to
    /// the file's own device and inode, as systemd does for its journal stream, or to another one.
    private func workerLines(journal: Bool) async throws -> [Substring] {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        var info = stat()
        #expect(fstat(handle.fileDescriptor, &info) == 0)
        let process = Process()
        process.executableURL = try CommentmodProcess.executableURL
        process.arguments = ["worker", "--log-format", "json", "--database-url", "host=/nonexistent/cm-journal-test"]
        var environment = ProcessInfo.processInfo.environment
        environment["JOURNAL_STREAM"] = journal ? "\(UInt64(info.st_dev)):\(UInt64(info.st_ino))" : "1:2"
        process.environment = environment
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        try await Task.sleep(for: .seconds(1))
        process.terminate()
        try await OffPool.run { [process] in process.waitUntilExit() }
        try handle.close()
        return try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
    }

    @Test("with JOURNAL_STREAM naming stderr, each line starts with its syslog priority; otherwise it does not")
    func priorityPrefix() async throws {
        let journal = try await workerLines(journal: true)
        #expect(journal.contains { $0.hasPrefix("<6>{") && $0.contains("worker.start") })
        #expect(journal.contains { $0.hasPrefix("<4>{") && $0.contains("worker.reconnect") })
        let elsewhere = try await workerLines(journal: false)
        #expect(elsewhere.contains { $0.contains("worker.start") })
        #expect(elsewhere.allSatisfy { $0.hasPrefix("{") })
    }
}
