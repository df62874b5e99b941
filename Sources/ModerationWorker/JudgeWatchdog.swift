import Foundation
import ModerationStore
import Synchronization

/// Notices a batch whose judging never ends. Judging is synchronous code without I/O, so a comment that
/// sends it into an endless loop (a bug, not a rule) would otherwise hold its batch's rows and one of the
/// task pool's threads for good, and the worker would stop deciding without failing. Past the limit the
/// worker reports it and exits (see `ModerationWorker`): the batch rolls back, and the claim record
/// committed before judging counts the attempt against its comments, so after the restart each of them is
/// judged alone and the one that hangs is held with `processing_error` after `max_attempts`.
final class JudgeWatchdog: Sendable {
    private struct State {
        var nextToken = 0
        /// When each batch being judged began, by token.
        var judging: [Int: ContinuousClock.Instant] = [:]
        var stopped = false
    }

    private let state = Mutex(State())
    private let limit: Duration
    private let onStall: @Sendable (Duration) -> Void

    /// `onStall` is called once, on the watchdog's own thread, with how long the oldest batch has been judged.
    init(limit: Duration, onStall: @escaping @Sendable (Duration) -> Void) {
        self.limit = limit
        self.onStall = onStall
    }

    /// Starts watching on a thread of its own: the task pool's threads may be the ones that are stuck.
    func start() {
        // Checked a few times per limit, so a stall is reported at most a quarter of the limit late.
        let interval = max(limit / 4, .milliseconds(10))
        Thread.detachNewThread { [self] in
            while true {
                Thread.sleep(forTimeInterval: interval.milliseconds / 1000)
                let now = ContinuousClock.now
                let oldest: Duration? = state.withLock { state in
                    guard !state.stopped else { return nil }
                    return state.judging.values.min().map { now - $0 } ?? .zero
                }
                guard let oldest else { return }
                if oldest > limit {
                    onStall(oldest)
                    return
                }
            }
        }
    }

    /// Ends the watching thread at its next check.
    func stop() {
        state.withLock { $0.stopped = true }
    }

    /// A batch starts judging; pass the token to `end`.
    func begin() -> Int {
        let now = ContinuousClock.now
        return state.withLock { state in
            let token = state.nextToken
            state.nextToken &+= 1
            state.judging[token] = now
            return token
        }
    }

    func end(_ token: Int) {
        _ = state.withLock { $0.judging.removeValue(forKey: token) }
    }
}
