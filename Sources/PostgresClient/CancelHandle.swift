import CLibPQ
import Synchronization

/// libpq's `PGcancel` for one connection, usable from any thread while the connection's own thread is busy
/// (blocked in `poll()` or a query), which is the whole point of a cancel request.
final class CancelHandle: Sendable {
    /// libpq documents `PQcancel` as safe from other threads; the mutex keeps it from racing `PQfreeCancel`.
    private struct Pointer: @unchecked Sendable {
        let raw: OpaquePointer
    }

    private let cancel = Mutex<Pointer?>(nil)

    deinit {
        invalidate()
    }

    func install(from connection: OpaquePointer) {
        let fresh = PQgetCancel(connection).map(Pointer.init)
        cancel.withLock { current in
            if let current { PQfreeCancel(current.raw) }
            current = fresh
        }
    }

    /// Asks the server to cancel whatever the connection is running; returns false if it could not be sent
    /// (already closed, or the server unreachable).
    @discardableResult
    func send() -> Bool {
        cancel.withLock { current in
            guard let current else { return false }
            var errorBuffer = [CChar](repeating: 0, count: 256)
            return PQcancel(current.raw, &errorBuffer, Int32(errorBuffer.count)) == 1
        }
    }

    func invalidate() {
        cancel.withLock { current in
            if let current { PQfreeCancel(current.raw) }
            current = nil
        }
    }
}
