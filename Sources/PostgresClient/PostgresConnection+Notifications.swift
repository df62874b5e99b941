import CLibPQ

extension PostgresConnection {
    /// `LISTEN` on `channel`; the name is quoted by libpq (`PQescapeIdentifier`), so any text is safe.
    public func listen(_ channel: String) async throws {
        await awaitTurn()
        _ = try perform(.simple("LISTEN " + (try escapedIdentifier(channel))), cancellable: false)
    }

    /// `UNLISTEN` on `channel`, quoted like `listen`.
    public func unlisten(_ channel: String) async throws {
        await awaitTurn()
        _ = try perform(.simple("UNLISTEN " + (try escapedIdentifier(channel))), cancellable: false)
    }

    /// `UNLISTEN *`: stops listening on every channel.
    public func unlistenAll() async throws {
        await awaitTurn()
        _ = try perform(.simple("UNLISTEN *"), cancellable: false)
    }

    /// Waits up to `timeout` for notifications on the channels this connection listens to, and returns every
    /// one received, as soon as there is at least one; `[]` on timeout.
    ///
    /// It blocks in `poll()` on the server socket (never a sleep loop); cancelling the task wakes it at once,
    /// and it then returns what it has (usually `[]`) rather than throwing. Notifications that arrived while
    /// other statements ran are returned first. Use a dedicated connection: other statements wait meanwhile.
    ///
    /// - Throws: `PostgresError` with `isConnectionLost` when the server goes away.
    public func waitForNotifications(timeout: Duration) async throws -> [PostgresNotification] {
        await awaitTurn()
        let deadline = ContinuousClock.now + timeout
        return try await cancellingOnTaskCancel { connection throws(PostgresError) in
            try connection.receiveNotifications(until: deadline)
        }
    }

    func receiveNotifications(until deadline: ContinuousClock.Instant) throws(PostgresError) -> [PostgresNotification] {
        assert(executor.isCurrent, "a blocking libpq call must run on the connection's own thread")
        guard let connection = handle.pointer else { throw PostgresError.closed }
        var received: [PostgresNotification] = []
        while true {
            guard PQconsumeInput(connection) == 1 else { throw PostgresError(connection: connection, sql: nil) }
            while let notification = PQnotifies(connection) {
                received.append(PostgresNotification(
                    channel: String(cString: notification.pointee.relname),
                    payload: String(cString: notification.pointee.extra),
                    backendPID: notification.pointee.be_pid
                ))
                PQfreemem(notification)
            }
            let remaining = deadline - ContinuousClock.now
            guard received.isEmpty, !Task.isCancelled, remaining > .zero else { return received }
            let socket = PQsocket(connection)
            guard socket >= 0 else { throw PostgresError(connection: connection, sql: nil) }
            _ = waitForInput(on: socket, timeoutMilliseconds: Self.milliseconds(remaining))
        }
    }

    /// Rounded up, so a wait never ends just before its deadline and spins.
    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let millis = seconds.multipliedReportingOverflow(by: 1000)
        guard !millis.overflow else { return Int32.max }
        let total = millis.partialValue + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: max(total, 0))
    }

    private func escapedIdentifier(_ name: String) throws(PostgresError) -> String {
        guard let connection = handle.pointer else { throw PostgresError.closed }
        guard !name.containsNUL else {
            throw PostgresError(kind: .encoding, message: "a channel name cannot contain a NUL byte")
        }
        guard let escaped = PQescapeIdentifier(connection, name, name.utf8.count) else {
            throw PostgresError(connection: connection, sql: nil)
        }
        defer { PQfreemem(escaped) }
        return String(cString: escaped)
    }
}
