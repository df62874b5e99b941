import PostgresClient

public enum Wait {
    /// Polls `condition` every 20 ms until it holds or `timeout` passes; tests fail with a message then.
    public static func until(
        _ what: String, timeout: Duration = .seconds(30), _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        // Once more past the deadline: a waiter that was not scheduled for a while must not miss a
        // condition that came true meanwhile.
        if try await condition() { return }
        throw WaitTimeout(what: what)
    }

    public struct WaitTimeout: Error, CustomStringConvertible {
        let what: String
        public var description: String { "timed out waiting for \(what)" }
    }

    public static func queueEmpty(_ db: PostgresConnection, timeout: Duration = .seconds(60)) async throws {
        try await until("the queue to drain", timeout: timeout) {
            try await db.query("SELECT count(*) FROM moderation.queue")[0].decode(Int.self, at: 0) == 0
        }
    }
}

