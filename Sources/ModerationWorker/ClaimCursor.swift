import Synchronization

/// Where the next claim of a backlog starts, shared by the connections of one worker.
///
/// A claim moves the cursor past the largest id it took as soon as it returns, before its batch is judged,
/// so the next connection's claim starts beyond the rows this batch holds locked instead of stepping over
/// each of them (`SKIP LOCKED` still has to look at a locked row to skip it: with four batches in flight a
/// claim that started at the oldest batch's ids stepped over 1,500 locked rows). A batch that rolled back
/// or left comments queued moves the cursor back to them, so they are claimed again at once. Anything else
/// below the cursor that is still queued (a batch of another process rolled back, a submit committed late)
/// is found by the worker's claim from the queue's start, at least once a second.
///
/// Near a backlog's end the claims are narrowed so that the connections finish together: with full
/// batches the last ones ended up to a batch's time apart, and the connections that had finished stood
/// idle meanwhile (≈ 10 % of a 10k drain). Once the queued ids left (up to the largest one, learnt between
/// batches) would not fill a batch per connection, each claim takes only its share of them.
final class ClaimCursor: Sendable {
    private struct State {
        var position: Int64
        var lastQueued: Int64?
    }

    private let state: Mutex<State>
    private let connections: Int

    init(_ start: Int64, connections: Int = 1) {
        state = Mutex(State(position: start))
        self.connections = max(connections, 1)
    }

    var position: Int64 { state.withLock { $0.position } }

    /// A claim took comments up to `lastID`: later claims start past them.
    func advance(past lastID: Int64) {
        state.withLock { state in
            state.position = max(state.position, lastID &+ 1)
        }
    }

    /// Comments from `id` on may be queued again (a batch rolled back, or left some queued).
    func rewind(to id: Int64) {
        state.withLock { state in
            state.position = min(state.position, id)
        }
    }

    /// The largest id queued when last looked (`QueueStore.lastQueuedID`).
    func learn(lastQueued: Int64?) {
        state.withLock { $0.lastQueued = lastQueued }
    }

    /// Where the next claim starts, and the id it stops before when it should take only its share of what
    /// is left (nil: as many as a batch holds). Ids are dense in a backlog, so the span between the cursor
    /// and the largest queued id is what is left; where they are not, the span only overestimates it and
    /// the claims stay whole. A claim from the queue's start (the sweep for stragglers) is never narrowed.
    func nextClaim(batchSize: Int) -> (from: Int64, before: Int64?) {
        state.withLock { state in
            guard connections > 1, state.position > 0, let last = state.lastQueued, last >= state.position
            else { return (state.position, nil) }
            let left = last - state.position + 1
            let share = (left + Int64(connections) - 1) / Int64(connections)
            guard share < Int64(batchSize) else { return (state.position, nil) }
            // Very small batches cost more per comment than the idle time they save.
            let span = max(share, Int64(max(batchSize / 8, 1)))
            return (state.position, state.position + span)
        }
    }
}
