import Synchronization

/// Where the next claim of a backlog starts, shared by the connections of one worker.
///
/// Each claim reserves the ids it is about to take: the cursor moves a batch's worth of ids past the claim's
/// start when the claim is handed out, and past the largest id it took when it returns. So the next
/// connection's claim starts beyond the rows this batch holds locked instead of stepping over each of them
/// (`SKIP LOCKED` still has to fetch a locked row and try its lock to skip it). Moving the cursor only when a
/// claim returned was not enough: a claim runs for milliseconds (it loads the facts too), and the other
/// connections' claims that started meanwhile began at the same place. In a 100k drain's logged plans three
/// of five claims of 1,000 comments stepped over 2,000–3,000 locked rows, with 5.9–7.9 buffer reads per
/// comment for the locking alone; with the reservation, 2.0. Ids are dense in a backlog, so the reservation
/// is the claim's range; where they are not, the claim takes ids past it, and a neighbour's claim skips those
/// few rows.
///
/// A batch that rolled back or left comments queued moves the cursor back to them, so they are claimed
/// again at once. Anything else below the cursor that is still queued (a batch of another process rolled
/// back, a submit committed late) is found by one claim from the queue's start, at least once a second
/// (`sweep`), while the other connections go on from the cursor.
///
/// Near a backlog's end the claims are narrowed so that the connections finish together: with full
/// batches the last ones ended up to a batch's time apart, and the connections that had finished stood
/// idle meanwhile (≈ 10 % of a 10k drain). Once the queued ids left (up to the largest one, learnt between
/// batches) would not fill a batch per connection, each claim takes only its share of them.
final class ClaimCursor: Sendable {
    private struct State {
        var position: Int64
        var lastQueued: Int64?
        /// The next claim starts from the queue's start.
        var sweepDue = false
    }

    private let state: Mutex<State>
    private let connections: Int

    init(_ start: Int64, connections: Int = 1) {
        state = Mutex(State(position: start))
        self.connections = max(connections, 1)
    }

    var position: Int64 { state.withLock { $0.position } }

    /// A claim from `from` (narrowed to stop before `before`, or not) returned, having taken comments up to
    /// `lastID` (nil: none), a whole batch or not. Later claims start past what it took. A claim that was
    /// not narrowed and took less than a batch found nothing more to take past its last comment (but rows
    /// other batches hold), so its reservation is given back: the next claim starts right after what it
    /// took, or where it started when it took nothing. Otherwise an idle worker's claims would each start a
    /// batch further on, past the comments submitted since.
    func claimReturned(from: Int64, before: Int64?, lastID: Int64?, full: Bool) {
        state.withLock { state in
            if let before {
                state.position = max(state.position, before)
            } else if !full, let stop = lastID.map({ $0 &+ 1 }) ?? (from > 0 ? from : nil) {
                state.position = min(state.position, stop)
            }
            if let lastID { state.position = max(state.position, lastID &+ 1) }
        }
    }

    /// Comments from `id` on may be queued again (a batch rolled back, or left some queued).
    func rewind(to id: Int64) {
        state.withLock { state in
            state.position = min(state.position, id)
        }
    }

    /// The next claim (one only) starts from the queue's start; the others go on from the cursor.
    func sweep() {
        state.withLock { $0.sweepDue = true }
    }

    /// The largest id queued when last looked (`QueueStore.lastQueuedID`).
    func learn(lastQueued: Int64?) {
        state.withLock { $0.lastQueued = lastQueued }
    }

    /// Where the next claim starts, and the id it stops before when it should take only its share of what
    /// is left (nil: as many as a batch holds). Ids are dense in a backlog, so the span between the cursor
    /// and the largest queued id is what is left; where they are not, the span only overestimates it and
    /// the claims stay whole. A claim from the queue's start (the sweep for stragglers) is never narrowed.
    /// The cursor then moves past the ids the claim is expected to take (see above). From 0 (a start,
    /// a sweep) it stays: where the queue starts is not known, and the claim's return moves it.
    func nextClaim(batchSize: Int) -> (from: Int64, before: Int64?) {
        state.withLock { state in
            if state.sweepDue {
                state.sweepDue = false
                return (0, nil)
            }
            let from = state.position
            guard from > 0 else { return (0, nil) }
            let batch = Int64(max(batchSize, 1))
            var before: Int64?
            if connections > 1, let last = state.lastQueued, last >= from {
                let left = last - from + 1
                let share = (left + Int64(connections) - 1) / Int64(connections)
                // Very small batches cost more per comment than the idle time they save.
                if share < batch { before = from + max(share, max(batch / 8, 1)) }
            }
            let (reserved, overflow) = from.addingReportingOverflow(batch)
            state.position = before ?? (overflow ? Int64.max : reserved)
            return (from, before)
        }
    }
}
