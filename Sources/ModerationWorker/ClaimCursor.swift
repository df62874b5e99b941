import Synchronization

/// Where the next claim of a backlog starts, shared by the connections of one worker.
///
/// A batch that decided everything it claimed moves the cursor past its largest id (never back, since a
/// connection that claimed later took larger ids); one that left comments queued moves it back to the
/// first of them, so they are claimed again at once. Anything else below the cursor that is still queued
/// (a batch of another process rolled back, a submit committed late) is found by the worker's claim from
/// the queue's start, at least once a second.
final class ClaimCursor: Sendable {
    private let value: Mutex<Int64>

    init(_ start: Int64) {
        value = Mutex(start)
    }

    var position: Int64 { value.withLock { $0 } }

    /// After a batch: `resume` is its `BatchOutcome.resumeID`; `leftQueued` whether it left comments queued.
    func moved(to resume: Int64, leftQueued: Bool) {
        value.withLock { position in
            position = leftQueued ? min(position, resume) : max(position, resume)
        }
    }
}
