import ModerationCore

/// Counters between two summary lines, and the batch latencies for their percentiles.
struct WorkerStatistics: Sendable {
    private(set) var decided: [Decision: Int] = [:]
    private(set) var published = 0
    private(set) var quarantined = 0
    private(set) var batches = 0
    private(set) var latenciesMilliseconds: [Double] = []
    /// Every decision since the worker started, for the heartbeat.
    private(set) var totalDecided: Int64 = 0

    mutating func record(batch: BatchOutcome, milliseconds: Double) {
        batches += 1
        latenciesMilliseconds.append(milliseconds)
        for (decision, count) in batch.decided { decided[decision, default: 0] += count }
        published += batch.published
        quarantined += batch.quarantined
        totalDecided += Int64(batch.decided.values.reduce(0, +))
    }

    var decidedCount: Int { decided.values.reduce(0, +) }

    /// Nearest-rank percentile of this period's batch latencies; nil without batches.
    func percentile(_ p: Double) -> Double? {
        guard !latenciesMilliseconds.isEmpty else { return nil }
        let sorted = latenciesMilliseconds.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// Starts a new period; the running total is kept.
    mutating func resetPeriod() {
        decided = [:]
        published = 0
        quarantined = 0
        batches = 0
        latenciesMilliseconds.removeAll(keepingCapacity: true)
    }
}
