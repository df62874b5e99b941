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
final class ClaimCursor: Sendable {
    private let value: Mutex<Int64>

    init(_ start: Int64) {
        value = Mutex(start)
    }

    var position: Int64 { value.withLock { $0 } }

    /// A claim took comments up to `lastID`: later claims start past them.
    func advance(past lastID: Int64) {
        value.withLock { position in
            position = max(position, lastID &+ 1)
        }
    }

    /// Comments from `id` on may be queued again (a batch rolled back, or left some queued).
    func rewind(to id: Int64) {
        value.withLock { position in
            position = min(position, id)
        }
    }
}
