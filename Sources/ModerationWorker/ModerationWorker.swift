import Foundation
import Logging
import ModerationCore
import ModerationStore
import PostgresClient
import ServiceLifecycle
import Synchronization

/// The daemon: waits for submitted comments, decides them in batches, publishes, and survives lost
/// connections and server restarts. Graceful shutdown (SIGTERM/SIGINT through ServiceLifecycle) lets the
/// running batch commit, then returns.
public final class ModerationWorker: Service, Sendable {
    let configuration: WorkerConfiguration
    let logger: Logger
    private let processor: BatchProcessor
    private let lanes: BatchLanes
    let version: String
    /// This worker's counters since the last summary line, and its total, kept across reconnects.
    let statistics = Mutex(WorkerStatistics())
    /// When each periodic chore was last done (see `doChores`).
    let chores = Mutex(ChoreClock())

    private let watchdog: JudgeWatchdog

    /// - Parameters:
    ///   - judge: replaces `CommentJudge` (tests make comments fail or hang with it).
    ///   - onJudgeStall: what happens when judging a batch outlasts `configuration.judgeTimeout`; by
    ///     default the stall is logged and the process exits with status 70 (EX_SOFTWARE), for the service
    ///     manager to restart it (see `JudgeWatchdog`).
    public init(
        configuration: WorkerConfiguration, logger: Logger, version: String,
        judge: JudgeFunction? = nil, onJudgeStall: (@Sendable (Duration) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.version = version
        var logger = logger
        logger[metadataKey: "worker"] = .string(configuration.workerID)
        self.logger = logger
        let commentJudge = CommentJudge()
        watchdog = JudgeWatchdog(limit: configuration.judgeTimeout, onStall: onJudgeStall ?? { [logger] elapsed in
            logger.critical("judging a batch has not ended; exiting so that it rolls back and its comments are retried one by one", metadata: [
                "event": "worker.judge_stalled",
                "judging.s": .string(Self.format(elapsed.milliseconds / 1000)),
            ])
            exit(70)
        })
        processor = BatchProcessor(
            configuration: configuration,
            judge: judge ?? { comment, rules, facts in commentJudge.judge(comment.input, rules: rules, facts: facts) },
            watchdog: watchdog)
        lanes = BatchLanes(processor: processor, batchSize: configuration.batchSize)
    }

    /// The connections a worker holds: one for batches and LISTEN, one that commits claim records and
    /// heartbeats outside the batch's transaction, and more for batches while a backlog lasts
    /// (`WorkerConfiguration.concurrentBatches`).
    struct Session {
        let db: PostgresConnection
        let side: PostgresConnection
        var extra: [PostgresConnection] = []

        func close() async {
            await db.close()
            await side.close()
            for connection in extra { await connection.close() }
        }
    }

    public func run() async throws {
        let startedAt = Date()
        logger.info("worker starting", metadata: [
            "event": "worker.start",
            "version": .string(version),
            "db.target": .string(PostgresConnection.describeTarget(configuration.conninfo)),
            "batch.size": .stringConvertible(configuration.batchSize),
            "batch.concurrent": .stringConvertible(configuration.concurrentBatches),
            "poll.interval_ms": .stringConvertible(configuration.pollInterval.milliseconds),
            "summary.interval_s": .stringConvertible(configuration.summaryInterval.milliseconds / 1000),
            "max_attempts": .stringConvertible(configuration.maxAttempts),
            "judge.timeout_s": .stringConvertible(configuration.judgeTimeout.milliseconds / 1000),
        ])
        // The judge's lazily built tables, now rather than in the first comment's batch.
        CommentJudge().prepare()
        watchdog.start()
        defer { watchdog.stop() }
        var backoff = Backoff(initial: configuration.reconnectInitialDelay, maximum: configuration.reconnectMaxDelay)
        // Set when the database went away, so the next successful connect says it is back.
        var disconnected = false
        while !isStopping {
            let session: Session
            do {
                session = try await connect()
                if disconnected {
                    logger.notice("database connection restored", metadata: ["event": "worker.reconnected"])
                    disconnected = false
                }
                backoff.reset()
            } catch let error as PostgresError where error.kind == .malformedConnectionString {
                throw error
            } catch {
                if isStopping { break }
                disconnected = true
                let delay = backoff.next()
                logger.warning("cannot connect to the database; retrying", metadata: errorMetadata(error, event: "worker.reconnect", delay: delay))
                await sleep(delay)
                continue
            }
            do {
                try await serve(session, startedAt: startedAt)
                try? await WorkerRegistry.remove(id: configuration.workerID, on: session.side)
                await session.close()
                break
            } catch {
                await session.close()
                if isStopping { break }
                let delay = backoff.next()
                let lost = (error as? PostgresError)?.isConnectionLost ?? false
                if lost {
                    disconnected = true
                    logger.warning("database connection lost; reconnecting", metadata: errorMetadata(error, event: "worker.reconnect", delay: delay))
                } else {
                    logger.error("batch failed; retrying", metadata: errorMetadata(error, event: "worker.error", delay: delay))
                }
                await sleep(delay)
            }
        }
        writeSummary(queue: nil)
        let total = statistics.withLock { $0.totalDecided }
        logger.info("worker stopped", metadata: ["event": "worker.stop", "decided.total": .stringConvertible(total)])
    }

    var isStopping: Bool { Task.isShuttingDownGracefully || Task.isCancelled }

    private func connect() async throws -> Session {
        let options = ConnectOptions(applicationName: "commentmod \(configuration.workerID)")
        let db = try await PostgresConnection.connect(configuration.conninfo, options: options)
        do {
            let side = try await PostgresConnection.connect(configuration.conninfo, options: options)
            var session = Session(db: db, side: side)
            do {
                for _ in 1..<max(configuration.concurrentBatches, 1) {
                    session.extra.append(try await PostgresConnection.connect(configuration.conninfo, options: options))
                }
                // A hung worker must not keep its row locks: the server ends its statements and idle
                // transactions, the rollback frees the comments, and another worker claims them.
                for connection in [db, side] + session.extra {
                    try await connection.execute("""
                        SELECT set_config('statement_timeout', \(Self.milliseconds(configuration.statementTimeout)), false),
                               set_config('idle_in_transaction_session_timeout', \(Self.milliseconds(configuration.idleInTransactionTimeout)), false)
                        """)
                }
                // Claim records must outlive the worker, not the server: no need to wait for the disk.
                try await side.execute("SELECT set_config('synchronous_commit', 'off', false)")
                // The batch statements are prepared once per connection and planned once, generically: they
                // are index probes for any batch size and data, and planning them for every batch cost
                // more than running them. A generic plan is kept until the tables' statistics change, so
                // sequential scans are ruled out: one chosen while a table was still small (a fresh
                // install) would otherwise be kept while it grows. JIT compiling pays off only for long
                // analytic queries and costs a second or more the first time it triggers. Both statements
                // are planned now, not in the first batch.
                for connection in [db] + session.extra {
                    try await connection.execute("""
                        SELECT set_config('plan_cache_mode', 'force_generic_plan', false),
                               set_config('enable_seqscan', 'off', false),
                               set_config('jit', 'off', false)
                        """)
                    try await QueueStore.prepareBatchStatements(batchSize: configuration.batchSize, on: connection)
                }
                try await db.listen("comment_submitted")
                try await db.listen(RulesStore.changeChannel)
                return session
            } catch {
                await session.close()
                throw error
            }
        } catch {
            await db.close()
            throw error
        }
    }

    private static func milliseconds(_ duration: Duration) -> String {
        String(Int(duration.milliseconds.rounded(.up)))
    }

    /// Runs batches on one session until shutdown (returns) or a failure (throws).
    private func serve(_ session: Session, startedAt: Date) async throws {
        let rules = CurrentRules(try await loadRules(session.db))
        // A new session writes its heartbeat at once.
        chores.withLock { $0.lastHeartbeat = .now - configuration.heartbeatInterval }
        // Claims start where the last batches started, and from the queue's start once a second, so that a
        // comment left behind (a batch rolled back elsewhere, a submit committed late) waits at most that
        // long and a backlog's claims do not walk the dead entries of the queue's index (see QueueStore.claim).
        var claimFrom: Int64 = 0
        let everyConnection = [session.db] + session.extra
        func batches(on connections: [PostgresConnection], drain: Bool) async throws -> BatchLanes.Result {
            let result = try await lanes.run(
                on: connections, claims: session.side, rules: rules, from: claimFrom, drain: drain, onBatch: record,
                betweenBatches: { cursor in try await self.doChores(session, rules: rules, cursor: cursor, startedAt: startedAt) })
            claimFrom = result.nextFrom ?? claimFrom
            return result
        }
        // After a start or a reconnect the queue may hold a backlog: the first round drains on every
        // connection at once rather than learning it from one full batch first. Whatever was submitted
        // while this worker was away is claimed right away, not after a poll.
        var firstRound = true
        while !isStopping {
            try await doChores(session, rules: nil, cursor: nil, startedAt: startedAt)
            if fullScanDue() { claimFrom = 0 }
            // One batch on the listening connection: a trickle needs no more. A full one means a backlog,
            // drained on every batch connection at once until it ends, with the chores done between
            // batches. The first round goes straight to that.
            var result = try await batches(on: firstRound ? everyConnection : [session.db], drain: firstRound)
            if !firstRound && result.backlog && !result.needsRules && !session.extra.isEmpty {
                result = try await batches(on: everyConnection, drain: true)
            }
            firstRound = false
            if result.needsRules {
                rules.replace(with: try await loadRules(session.db))
                continue
            }
            // After a full batch, loop at once; otherwise sleep until a notification (any may mean new work)
            // or the fallback poll.
            let timeout = result.backlog ? Duration.zero : configuration.pollInterval
            let notifications = try await cancelWhenGracefulShutdown {
                try await session.db.waitForNotifications(timeout: timeout)
            }
            if notifications.contains(where: { $0.channel == RulesStore.changeChannel }) {
                rules.replace(with: try await loadRules(session.db))
            }
        }
    }

    /// Counts a batch for the summary and logs it.
    @Sendable private func record(_ batch: BatchLanes.Batch) {
        guard batch.outcome.claimed > 0 else { return }
        statistics.withLock { $0.record(batch: batch.outcome, milliseconds: batch.elapsed.milliseconds) }
        logBatch(batch.outcome, elapsed: batch.elapsed)
    }

    func loadRules(_ db: PostgresConnection) async throws -> RuleBook {
        let book = RuleBook(stored: try await RulesStore.load(on: db))
        for problem in book.problems {
            logger.error("site rules cannot be compiled; its comments are held", metadata: ["event": "worker.rules_invalid", "problem": .string(problem)])
        }
        logger.debug("rules loaded", metadata: ["event": "worker.rules", "sites": .stringConvertible(book.count)])
        return book
    }

    private func logBatch(_ outcome: BatchOutcome, elapsed: Duration) {
        var metadata: Logger.Metadata = [
            "event": "worker.batch",
            "batch.claimed": .stringConvertible(outcome.claimed),
            "batch.ms": .string(Self.format(elapsed.milliseconds)),
            "batch.published": .stringConvertible(outcome.published),
        ]
        for (decision, count) in outcome.decided { metadata["decided.\(decision.rawValue)"] = .stringConvertible(count) }
        logger.debug("batch committed", metadata: metadata)
        if elapsed > configuration.slowBatchThreshold {
            metadata["event"] = "worker.slow_batch"
            logger.warning("slow batch", metadata: metadata)
        }
        for id in outcome.quarantinedIDs {
            logger.warning("comment quarantined after repeated processing failures; held for a moderator", metadata: [
                "event": "worker.quarantine", "comment.id": .stringConvertible(id),
                "max_attempts": .stringConvertible(configuration.maxAttempts),
            ])
        }
        for failure in outcome.failed {
            logger.error("processing a comment failed; it stays queued and will be retried", metadata: [
                "event": "worker.comment_failed", "comment.id": .stringConvertible(failure.id),
                "error": .string(failure.error),
            ])
        }
    }

    /// Writes the summary line of the period since the last one, and starts a new period.
    func writeSummary(queue: (depth: Int, oldestSeconds: Double?)?) {
        let now = ContinuousClock.now
        let since = chores.withLock { clock in
            defer { clock.lastSummary = now }
            return clock.lastSummary
        }
        let seconds = max((now - since).milliseconds / 1000, 0.001)
        let statistics = statistics.withLock { statistics in
            defer { statistics.resetPeriod() }
            return statistics
        }
        var metadata: Logger.Metadata = [
            "event": "worker.summary",
            "period.s": .string(Self.format(seconds)),
            "rate.per_s": .string(Self.format(Double(statistics.decidedCount) / seconds)),
            "batches": .stringConvertible(statistics.batches),
            "published": .stringConvertible(statistics.published),
            "quarantined": .stringConvertible(statistics.quarantined),
        ]
        for decision in Decision.allCases {
            metadata["decided.\(decision.rawValue)"] = .stringConvertible(statistics.decided[decision] ?? 0)
        }
        if let p50 = statistics.percentile(50), let p99 = statistics.percentile(99) {
            metadata["batch.p50_ms"] = .string(Self.format(p50))
            metadata["batch.p99_ms"] = .string(Self.format(p99))
        }
        if let queue {
            metadata["queue.depth"] = .stringConvertible(queue.depth)
            metadata["queue.oldest_s"] = .string(queue.oldestSeconds.map(Self.format) ?? "0")
        }
        logger.info("summary", metadata: metadata)
    }

    private func errorMetadata(_ error: any Error, event: String, delay: Duration) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "event": .string(event),
            "error": .string(String(describing: error)),
            "retry.ms": .string(Self.format(delay.milliseconds)),
        ]
        if let postgres = error as? PostgresError, let state = postgres.sqlState {
            metadata["sqlstate"] = .string(state)
        }
        return metadata
    }

    private func sleep(_ duration: Duration) async {
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: duration) }
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
