import ModerationStore
import PostgresClient
import ServiceLifecycle
import Synchronization

/// Runs batches back to back on one or more connections at once.
///
/// A batch is a chain of round trips in which the database and the worker take turns: the server claims and
/// loads facts while the worker waits, the worker judges while the server waits, then the server writes. With
/// a second connection, one batch's judging overlaps another's statements, so on a machine shared by the
/// worker and PostgreSQL both processes stay busy while a backlog lasts. Each connection's batch is still
/// one transaction; `FOR UPDATE SKIP LOCKED` hands every comment to exactly one of them, as it does between
/// worker processes.
///
/// A backlog is drained without pauses: the worker's periodic chores run on the first connection between
/// its own batches while the other connections go on. Stopping every connection each second for them
/// left some of them idle at each stop (they finish their batches at different times, then start together
/// again): in a 100k drain the connections were busy ≈ 86 % of the time.
struct BatchLanes: Sendable {
    let processor: BatchProcessor
    let batchSize: Int

    struct Batch: Sendable {
        let outcome: BatchOutcome
        let elapsed: Duration

        /// A full batch (or one that left failed comments queued, or took only its share) means more work
        /// may be waiting.
        func isFull(batchSize: Int) -> Bool {
            outcome.claimed >= batchSize || outcome.leftQueued || outcome.narrowed
        }
    }

    struct Result: Sendable {
        /// A comment of a site registered since the rules were loaded: reload, then claim again.
        var needsRules = false
        /// Some connection's last batch was full: claim again at once.
        var backlog = false
        /// Where the next claim may start (the shared cursor's position after the last batches).
        var nextFrom: Int64?
    }

    /// Set when one connection's batches end in a way that should end all of them (see `run`).
    private final class StopSignal: Sendable {
        private let stopped = Atomic<Bool>(false)
        var isSet: Bool { stopped.load(ordering: .relaxed) }
        func set() { stopped.store(true, ordering: .relaxed) }
    }

    /// With `drain` false, runs one batch on each connection. With `drain` true, runs batches on each
    /// connection until one is not full, and after each full batch of the first connection calls
    /// `betweenBatches` (the worker's chores, on that connection while it holds no transaction); when
    /// the first connection's batches end, or one needs new rules, the others end after the batch they
    /// are running, so the chores are never left undone for longer than a batch. Every batch is reported
    /// to `onBatch` as it ends. The connections share one claim cursor, starting at `firstID` (see
    /// `QueueStore.claim`): each claim starts past the comments the others have taken, so no claim walks the
    /// rows another connection holds locked or the dead queue entries its own earlier batches left. A
    /// failure on one connection cancels the others, whose open transactions roll back.
    func run(
        on connections: [PostgresConnection], claims: PostgresConnection, rules: CurrentRules,
        from firstID: Int64, drain: Bool, onBatch: @escaping @Sendable (Batch) -> Void,
        betweenBatches: @escaping @Sendable (ClaimCursor) async throws -> Void
    ) async throws -> Result {
        // From the queue's start (a worker's first round, a sweep) the connections' first claims would all
        // start at 0, where the cursor reserves nothing, and race through the same rows: a 10k drain's four
        // first claims of 1,000 each scanned 3,000–4,000 queue rows (auto_explain). Starting at the first
        // queued id, they take successive ranges; whatever is queued below it later waits for a sweep.
        var start = firstID
        if firstID == 0, connections.count > 1 {
            start = try await QueueStore.firstQueuedID(on: connections[0]) ?? 0
        }
        let cursor = ClaimCursor(start, connections: connections.count)
        let stop = StopSignal()
        return try await withThrowingTaskGroup(of: Result.self) { group in
            for (index, connection) in connections.enumerated() {
                group.addTask {
                    var result = Result()
                    repeat {
                        let start = ContinuousClock.now
                        do {
                            let outcome = try await processor.run(
                                db: connection, claims: claims, rules: rules.value, cursor: cursor)
                            let batch = Batch(outcome: outcome, elapsed: ContinuousClock.now - start)
                            onBatch(batch)
                            result.backlog = batch.isFull(batchSize: batchSize)
                        } catch is BatchNeedsRules {
                            result.needsRules = true
                            stop.set()
                            return result
                        }
                        guard drain, result.backlog, !stop.isSet, !Task.isShuttingDownGracefully, !Task.isCancelled
                        else { break }
                        if index == 0 { try await betweenBatches(cursor) }
                    } while true
                    if index == 0 { stop.set() }
                    return result
                }
            }
            var combined = Result()
            for try await lane in group {
                combined.needsRules = combined.needsRules || lane.needsRules
                combined.backlog = combined.backlog || lane.backlog
            }
            combined.nextFrom = cursor.position
            return combined
        }
    }
}
