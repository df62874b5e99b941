import Foundation
import PostgresClient

/// `commentmod-bench worker [--sizes 10000,100000] [--batch-size N] [--runs N] [--trickle N]`: the worker
/// daemon measured as operators run it: the release `commentmod` binary next to this one, against the server
/// in DATABASE_URL (or libpq's defaults). For each size it loads a realistic mix of comments through
/// `submit_comment`, starts one worker, and reports comments/s from the first batch's start to the
/// last batch's commit (both by the database's clock), the worker's peak RSS, and then, with the worker
/// idle, the latency from a single submit's commit to the arrival of its `comment_published` notification (trickle mode).
///
/// Each size is drained `--runs` times (3 unless told), each on a fresh load, and the run with the median
/// comments/s is the one reported (peak RSS: the largest of all runs), with every run's figure beside it:
/// a 10k drain lasts a fifth of a second and moved by ± 10 % from run to run on a quiet machine, and single
/// 100k and 1M drains by ± 15 % on a busy one. Whether 1M is as fast as 100k is a comparison of medians;
/// until session 11 the sizes above 100k were drained once (a million comments take 1.5 minutes to load).
func runWorkerBenchmark(arguments: [String]) async {
    var sizes = [10_000, 100_000]
    var batchSize = 1000
    var trickle = 300
    var runs: Int?
    func value(_ flag: String) -> String? {
        arguments.firstIndex(of: flag).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
    }
    if let list = value("--sizes") { sizes = list.split(separator: ",").compactMap { Int($0) } }
    if let text = value("--batch-size"), let number = Int(text) { batchSize = number }
    if let text = value("--trickle"), let number = Int(text) { trickle = number }
    if let text = value("--runs"), let number = Int(text), number > 0 { runs = number }
    let server = ProcessInfo.processInfo.environment["DATABASE_URL"]
    do {
        let binary = try commentmodBinary()
        print("worker: one process, batch size \(batchSize), realistic mix (70 % returning authors, one comment every 36 s, links, bad emails, duplicates, word hits, bursts)")
        print("comments   load s   drain s   comments/s   peak RSS MB")
        var mixes: [String] = []
        var cpu: [String] = []
        var spread: [String] = []
        for size in sizes {
            var results: [WorkerBench.Throughput] = []
            for _ in 0..<(runs ?? 3) {
                results.append(try await WorkerBench(server: server, binary: binary, batchSize: batchSize).throughput(size: size))
            }
            let rates = results.map { Double(size) / $0.drainSeconds }
            if results.count > 1 {
                spread.append("\(size): " + rates.map { String(format: "%.0f", $0) }.joined(separator: " / "))
            }
            let result = results[rates.indices.sorted { rates[$0] < rates[$1] }[rates.count / 2]]
            // The memory figure is the largest of all runs, not the median's.
            let peakRSS = results.map(\.peakRSSMegabytes).max() ?? result.peakRSSMegabytes
            print(String(format: "%8d   %6.1f   %7.2f   %10.0f   %11.1f", size, result.loadSeconds, result.drainSeconds,
                         Double(size) / result.drainSeconds, peakRSS))
            mixes.append("\(size): \(result.decisions)")
            cpu.append(String(format: "%d: PostgreSQL %.1f µs, worker %.1f µs, WAL %.0f bytes", size,
                              result.serverMicroseconds, result.workerMicroseconds, result.walBytesPerComment))
        }
        if !spread.isEmpty { print("runs, comments/s (the median run is shown): " + spread.joined(separator: "; ")) }
        print("decided: " + mixes.joined(separator: "; "))
        print("per comment during the drain: " + cpu.joined(separator: "; "))
        if trickle > 0 {
            let latency = try await WorkerBench(server: server, binary: binary, batchSize: batchSize).trickle(count: trickle)
            print(String(format: "trickle: %d single submits, submit commit → comment_published: p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                         trickle, latency.p50, latency.p99, latency.max))
        }
    } catch {
        print("worker benchmark failed: \(error)")
    }
}

struct WorkerBenchError: Error, CustomStringConvertible {
    let description: String
}

/// The `commentmod` executable built beside this benchmark (same configuration).
func commentmodBinary() throws -> URL {
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    let binary = here.appendingPathComponent("commentmod")
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
        throw WorkerBenchError(description: "\(binary.path) not found: swift build -c release --product commentmod")
    }
    return binary
}

struct WorkerBench {
    let server: String?
    let binary: URL
    let batchSize: Int

    struct Throughput {
        let loadSeconds: Double
        let drainSeconds: Double
        let peakRSSMegabytes: Double
        /// The share of each decision, e.g. "approved 63 %, held 26 %, rejected 10 %".
        let decisions: String
        /// CPU time per comment during the drain: every PostgreSQL process of the machine (the worker's
        /// backends, WAL writer, checkpointer; run nothing else) and the worker process.
        let serverMicroseconds: Double
        let workerMicroseconds: Double
        /// WAL written during the drain per comment: the decision's update (and the full-page image of
        /// its page when a checkpoint came between submission and decision), the event, the queue entry.
        let walBytesPerComment: Double
    }

    /// User and system CPU ticks of a process (fields 14 and 15 of /proc/PID/stat); 0 when unreadable.
    static func cpuTicks(of pid: Int32) -> Int {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return 0 }
        // Fields after the command name, which may itself hold spaces: state is field 3, utime 14, stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return 0 }
        return user + system
    }

    /// The CPU ticks of every process whose command is `name`.
    static func cpuTicks(ofProcessesNamed name: String) -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).reduce(0) { total, pid in
            guard let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8),
                  comm.trimmingCharacters(in: .whitespacesAndNewlines) == name
            else { return total }
            return total + cpuTicks(of: pid)
        }
    }

    /// A fresh database with the schema, one site with default policy, and 200 regular authors who each
    /// have an approved comment (so returning authors are published and newcomers held, as on a real blog),
    /// older than the comments loaded next.
    private func prepare(_ name: String) async throws -> (String, PostgresConnection) {
        let admin = try await PostgresConnection.connect(server)
        try await admin.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        try await admin.executeScript("CREATE DATABASE \(name)")
        await admin.close()
        let conninfo = try PostgresConnection.conninfo(server, overriding: ["dbname": name])
        try run(["migrate", "--database-url", conninfo], quiet: true)
        let db = try await PostgresConnection.connect(conninfo)
        try await db.executeScript("""
            INSERT INTO moderation.sites (id, name) VALUES ('bench', 'Benchmark blog');
            INSERT INTO moderation.word_rules (action, pattern) VALUES
                ('reject', 'viagra'), ('hold', 'crypto giveaway'), ('hold', 'payday loan*'), ('flag', 'stupid');
            WITH regulars AS (
                INSERT INTO moderation.comments (site_id, post_id, author_name, author_email, body, author_ip,
                                                 status, body_html, decided_at, published_at, submitted_at)
                SELECT 'bench', 'post-0', 'Regular ' || r, 'regular' || r || '@example.org', 'An earlier comment ' || r,
                       ('172.16.' || (r / 250) || '.' || (r % 250 + 1))::inet, 'approved', '<p>An earlier comment</p>',
                       now() - interval '1000 days', now() - interval '1000 days', now() - interval '1000 days'
                FROM generate_series(1, 200) r
                RETURNING id)
            SELECT count(*) FROM regulars;
            """)
        return (conninfo, db)
    }

    /// The mix: mostly ordinary comments of a few hundred bytes from returning authors, some newcomers,
    /// links, an invalid email, a word-list hit, a duplicate, and bursts from one address.
    ///
    /// Comments go through `submit_comment` with the times a blog's comments have: one every 36 s, as over
    /// weeks, not the seconds the load takes (which would make every returning author a flooder and most
    /// comments rejected, a mix no blog has). One comment in 250 comes 5 s after the previous one, from the
    /// same IP address, and is caught by the flood rule.
    ///
    /// The times are set as each row is inserted, by a trigger that lives only as long as the load. Until
    /// session 9 an UPDATE set them afterwards: since `submitted_at` is in two indexes, that update wrote a
    /// second entry for every comment in every index of the table, and after the vacuum the indexes stayed
    /// 1.6 times the size that submitting alone makes them (55 against 34 MB at 100k), a state no queue of
    /// submitted comments is in, which the 1M drain's probes then paid for.
    private func load(_ db: PostgresConnection, size: Int) async throws {
        let firstID = try await db.query("SELECT coalesce(max(id), 0) + 1 FROM moderation.comments")[0]
            .decode(Int64.self, at: 0)
        // The comment numbered g (from 1, in id order) is submitted 36 s × (size − g) before now, 31 s
        // earlier still when g % 250 = 1: 5 s after its predecessor, from that one's IP address (below).
        try await db.executeScript("""
            CREATE SCHEMA commentmod_bench_load;
            CREATE FUNCTION commentmod_bench_load.submitted_at() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                g bigint := NEW.id - \(firstID) + 1;
            BEGIN
                NEW.submitted_at := now() - make_interval(secs => 36.0 * (\(size) - g)
                                                        + CASE WHEN g % 250 = 1 THEN 31 ELSE 0 END);
                RETURN NEW;
            END $$;
            CREATE TRIGGER commentmod_bench_submitted_at BEFORE INSERT ON moderation.comments
                FOR EACH ROW EXECUTE FUNCTION commentmod_bench_load.submitted_at();
            """)
        try await db.execute("""
            SELECT count(moderation.submit_comment(
                site_id => 'bench', post_id => 'post-' || (g % 500),
                author_name => CASE WHEN g % 10 < 7 THEN 'Regular ' || (g % 200 + 1) ELSE 'Reader ' || g END,
                author_email => CASE WHEN g % 50 = 7 THEN 'reader' || g || '@@example'
                                     WHEN g % 10 < 7 THEN 'regular' || (g % 200 + 1) || '@example.org'
                                     ELSE 'reader' || g || '@example.org' END,
                body => CASE WHEN g % 20 = 3 THEN 'Great deals at https://shop.example/a and https://shop.example/b today'
                             WHEN g % 50 = 9 THEN 'cheap viagra here'
                             WHEN g % 100 = 11 THEN 'This is a thoughtful comment about the article. I liked it.'
                             ELSE repeat('This is a thoughtful comment about the article number ' || g || '. ', 4 + g % 5) END,
                author_url => CASE WHEN g % 3 = 0 THEN 'https://example.org/~' || g END,
                author_ip => ('10.' || (h / 65536 % 256) || '.' || (h / 256 % 256) || '.' || (h % 256))::inet,
                user_agent => 'Mozilla/5.0 (X11; Linux x86_64)'))
            FROM generate_series(1, \(size)) AS g, LATERAL (SELECT g - (g % 250 = 1)::int AS h) burst
            """)
        try await db.executeScript("""
            DROP TRIGGER commentmod_bench_submitted_at ON moderation.comments;
            DROP SCHEMA commentmod_bench_load CASCADE;
            """)
        try await db.executeScript("VACUUM ANALYZE moderation.comments")
        try await db.executeScript("VACUUM ANALYZE moderation.queue")
    }

    func throughput(size: Int) async throws -> Throughput {
        let (conninfo, db) = try await prepare("cmbench_\(size)")
        let loadStart = ContinuousClock.now
        try await load(db, size: size)
        let loadSeconds = (ContinuousClock.now - loadStart).seconds

        let walBefore = try await db.query("SELECT pg_current_wal_lsn()::text")[0].decode(String.self, at: 0)
        let serverTicksBefore = Self.cpuTicks(ofProcessesNamed: "postgres")
        let worker = try spawn(["worker", "--database-url", conninfo, "--batch-size", String(batchSize),
                                "--log-level", "warning", "--poll-interval", "0.05"])
        var peak = 0.0
        // An index probe from the smallest id still queued last time, not EXISTS over the table: a scan
        // from the start walks every dead queue entry the worker left behind (tens of milliseconds after a
        // million decisions) and takes CPU from the worker on a small machine. Nothing is submitted while
        // the worker drains, so no comment below that id can appear.
        var lowest: Int64 = 0
        var lastSample = ContinuousClock.now
        var drained: Double
        while true {
            // The database's clock when the queue is first seen empty: the last batch's commit, give or take
            // one poll (10 ms), so the figure never leaves out the last batch's own time. Prepared: planned
            // every 10 ms, its planning was ≈ 0.5 % of the server's CPU in a drain (pg_stat_statements, 1M).
            let probe = try await db.query(prepared: """
                SELECT (SELECT comment_id FROM moderation.queue WHERE comment_id >= \(lowest) ORDER BY comment_id LIMIT 1),
                       extract(epoch FROM clock_timestamp())::float8
                """)
            guard let next = try probe[0].decode(Int64?.self, at: 0) else {
                drained = try probe[0].decode(Double.self, at: 1)
                break
            }
            lowest = next
            if ContinuousClock.now - lastSample >= .milliseconds(100) {
                peak = max(peak, peakRSSMegabytes(worker.processIdentifier))
                lastSample = .now
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        peak = max(peak, peakRSSMegabytes(worker.processIdentifier))
        let workerTicks = Self.cpuTicks(of: worker.processIdentifier)
        let serverTicks = Self.cpuTicks(ofProcessesNamed: "postgres") - serverTicksBefore
        let wal = try await db.query(
            "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), \(walBefore)::pg_lsn)::float8")[0].decode(Double.self, at: 0)
        worker.terminate()
        worker.waitUntilExit()
        // From the first batch's start (its events' time) to the queue found empty.
        let span = try await db.query("""
            SELECT extract(epoch FROM min(at))::float8, count(*)
            FROM moderation.comment_events WHERE from_status = 'pending'
            """)
        let seconds = drained - (try span[0].decode(Double.self, at: 0))
        let decided = try span[0].decode(Int.self, at: 1)
        guard decided == size else { throw WorkerBenchError(description: "decided \(decided) of \(size)") }
        let mix = try await db.query("""
            SELECT string_agg(format('%s %s %%', to_status, round(100.0 * n / \(size))), ', ' ORDER BY n DESC)
            FROM (SELECT to_status, count(*) AS n FROM moderation.comment_events WHERE from_status = 'pending'
                  GROUP BY to_status) d
            """)
        await db.close()
        let microseconds = 1e6 / Double(sysconf(Int32(_SC_CLK_TCK))) / Double(size)
        return Throughput(loadSeconds: loadSeconds, drainSeconds: seconds, peakRSSMegabytes: peak,
                          decisions: try mix[0].decode(String?.self, at: 0) ?? "",
                          serverMicroseconds: Double(serverTicks) * microseconds,
                          workerMicroseconds: Double(workerTicks) * microseconds,
                          walBytesPerComment: wal / Double(size))
    }

    struct Latency {
        let p50: Double
        let p99: Double
        let max: Double
    }

    func trickle(count: Int) async throws -> Latency {
        let (conninfo, db) = try await prepare("cmbench_trickle")
        // Every trickle comment should be published: measure the publish path, not the trust and flood rules.
        try await db.execute(#"UPDATE moderation.sites SET policy = '{"hold_first_time_commenters": false, "flood_interval_seconds": 0}'"#)
        let listener = try await PostgresConnection.connect(conninfo)
        try await listener.listen("comment_published")
        let worker = try spawn(["worker", "--database-url", conninfo, "--log-level", "warning"])
        defer {
            worker.terminate()
            worker.waitUntilExit()
        }
        // Wait until the worker listens, so the first submits measure the idle path, not startup.
        try await Task.sleep(for: .seconds(1))
        var latencies: [Double] = []
        for i in 0..<count {
            let rows = try await db.query("""
                SELECT moderation.submit_comment('bench', 'post-1', \("Reader \(i)"),
                                                 \("trickle\(i)@example.org"), \("Trickle comment \(i), fine."),
                                                 author_ip => \("172.31.\(i / 250).\(i % 250 + 1)")::inet)
                """)
            let committed = ContinuousClock.now
            let id = try rows[0].decode(Int64.self, at: 0)
            var received = false
            while !received {
                let notes = try await listener.waitForNotifications(timeout: .seconds(5))
                guard !notes.isEmpty else { throw WorkerBenchError(description: "comment \(id) was not published within 5 s") }
                received = notes.contains { $0.payload.contains("\"id\" : \(id),") || $0.payload.contains("\"id\":\(id),") }
            }
            latencies.append((ContinuousClock.now - committed).seconds * 1000)
            try await Task.sleep(for: .milliseconds(10))
        }
        await listener.close()
        await db.close()
        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)] }
        return Latency(p50: percentile(50), p99: percentile(99), max: sorted.last ?? 0)
    }

    private func spawn(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func run(_ arguments: [String], quiet: Bool) throws {
        let process = try spawn(arguments)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw WorkerBenchError(description: "commentmod \(arguments.first ?? "") failed")
        }
    }

    /// VmHWM: the most resident memory the process has had.
    private func peakRSSMegabytes(_ pid: Int32) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }
}

extension Duration {
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
