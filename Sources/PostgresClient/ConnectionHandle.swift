import CLibPQ

/// Owns a `PGconn`, so it is freed exactly once: by `close()` or, failing that, when the connection goes away.
final class ConnectionHandle {
    private(set) var pointer: OpaquePointer?

    init() {}

    deinit {
        finish()
    }

    func adopt(_ connection: OpaquePointer) {
        finish()
        pointer = connection
    }

    func finish() {
        if let pointer { PQfinish(pointer) }
        pointer = nil
    }
}
