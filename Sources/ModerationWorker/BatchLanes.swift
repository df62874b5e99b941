import PostgresClient
import ServiceLifecycle

/// Runs batches back to back on one or more connections at once.
///
/// A batch is a chain of round trips in which the database and the worker take turns: the server claims and
/// loads facts while the worker waits, the worker judges while the server waits, then the server writes. With
/// a second connection, one batch's judging overlaps another's statements, so on a machine shared by the
/// worker and PostgreSQL both processes stay busy while a backlog lasts. Each connection's batch is still
/// one transaction; `FOR UPDATE SKIP LOCKED` hands every comment to exactly one of them, as it does between
/// worker processes.
struct BatchLanes: Sendable {
    let processor: BatchProcessor
    let batchSize: Int

    struct Batch: Sendable {
        let outcome: BatchOutcome
        let elapsed: Duration

        /// A full batch (or one that left failed comments queued) means more work may be waiting.
        func isFull(batchSize: Int) -> Bool {
            outcome.claimed >= batchSize || outcome.leftQueued
        }
    }

    struct Result: Sendable {
        var batches: [Batch] = []
        /// A comment of a site registered since the rules were loaded: reload, then claim again.
        var needsRules = false
        /// Some connection's last batch was full: claim again at once.
        var backlog = false
        /// Where the next claim may start (the shared cursor's position after the last batches).
        var nextFrom: Int64?
    }

    /// On each connection, runs batches until one is not full, `deadline` passes (at least one batch
    /// runs) or the worker is stopping. The connections share one claim cursor, starting at `firstID`
    /// (see `QueueStore.claim`): each claim starts past the comments the others have taken, so no claim
    /// walks the rows another connection holds locked or the dead queue entries its own earlier batches
    /// left. A failure on one connection cancels the others, whose open transactions roll back.
    func run(
        on connections: [PostgresConnection], claims: PostgresConnection, rules: RuleBook,
        from firstID: Int64, until deadline: ContinuousClock.Instant
    ) async throws -> Result {
        let cursor = ClaimCursor(firstID)
        return try await withThrowingTaskGroup(of: Result.self) { group in
            for connection in connections {
                group.addTask {
                    try await runLane(connection, claims: claims, rules: rules, cursor: cursor, until: deadline)
                }
            }
            var combined = Result()
            for try await lane in group {
                combined.batches += lane.batches
                combined.needsRules = combined.needsRules || lane.needsRules
                combined.backlog = combined.backlog || lane.backlog
            }
            combined.nextFrom = cursor.position
            return combined
        }
    }

    private func runLane(
        _ db: PostgresConnection, claims: PostgresConnection, rules: RuleBook, cursor: ClaimCursor,
        until deadline: ContinuousClock.Instant
    ) async throws -> Result {
        var result = Result()
        repeat {
            let start = ContinuousClock.now
            do {
                let outcome = try await processor.run(db: db, claims: claims, rules: rules, cursor: cursor)
                result.batches.append(Batch(outcome: outcome, elapsed: ContinuousClock.now - start))
            } catch is BatchNeedsRules {
                result.needsRules = true
                return result
            }
            result.backlog = result.batches.last?.isFull(batchSize: batchSize) ?? false
        } while result.backlog && ContinuousClock.now < deadline
            && !Task.isShuttingDownGracefully && !Task.isCancelled
        return result
    }
}
