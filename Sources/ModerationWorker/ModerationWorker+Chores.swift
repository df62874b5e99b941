import Foundation
import ModerationStore
import PostgresClient

/// When the worker last did each of its periodic chores.
struct ChoreClock: Sendable {
    var lastHeartbeat = ContinuousClock.now
    /// The decision count the last heartbeat carried.
    var reportedDecided: Int64 = 0
    var lastSummary = ContinuousClock.now
    /// The last claim from the queue's start (see `ModerationWorker.fullScanDue`).
    var lastFullScan = ContinuousClock.now - .seconds(1)
}

extension ModerationWorker {
    /// The periodic chores, done between batches: the heartbeat (which also carries the decision count,
    /// so after work it is refreshed within a second and `status` shows current figures, while an idle
    /// worker writes it only every interval) with the pruning of finished claim records, and the summary
    /// line. During a drain (`rules` and `cursor` given, on the first batch connection between its
    /// batches) also: the largest queued id is read, which tells when the backlog nears its end (see
    /// `ClaimCursor.nextClaim`); a rule change notified on that connection is loaded for every
    /// connection's next batch; and once a second the next claim starts from the queue's start.
    func doChores(_ session: Session, rules: CurrentRules?, cursor: ClaimCursor?, startedAt: Date) async throws {
        let now = ContinuousClock.now
        let decided = statistics.withLock { $0.totalDecided }
        let (beatDue, summaryDue) = chores.withLock { clock in
            (now - clock.lastHeartbeat >= configuration.heartbeatInterval
                || (decided != clock.reportedDecided && now - clock.lastHeartbeat >= .seconds(1)),
             now - clock.lastSummary >= configuration.summaryInterval)
        }
        if beatDue {
            try await WorkerRegistry.heartbeat(
                id: configuration.workerID, host: configuration.host, pid: configuration.pid, version: version,
                startedAt: startedAt, decided: decided, on: session.side)
            try await QueueStore.pruneClaims(on: session.side)
            chores.withLock { clock in
                clock.lastHeartbeat = now
                clock.reportedDecided = decided
            }
        }
        if summaryDue {
            writeSummary(queue: try await StatusStore.queueDepth(on: session.side))
        }
        guard let rules, let cursor else { return }
        cursor.learn(lastQueued: try await QueueStore.lastQueuedID(on: session.db))
        let notifications = try await session.db.waitForNotifications(timeout: .zero)
        if notifications.contains(where: { $0.channel == RulesStore.changeChannel }) {
            rules.replace(with: try await loadRules(session.db))
        }
        if fullScanDue() { cursor.sweep() }
    }

    /// Whether the next claim should start from the queue's start, at most once a second: a comment left
    /// behind below the claim cursor (a batch rolled back elsewhere, a submit committed late) then waits
    /// at most that long.
    func fullScanDue() -> Bool {
        let now = ContinuousClock.now
        return chores.withLock { clock in
            guard now - clock.lastFullScan >= .seconds(1) else { return false }
            clock.lastFullScan = now
            return true
        }
    }
}
