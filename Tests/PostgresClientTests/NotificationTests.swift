import Foundation
import PostgresClient
import Testing

@Suite(.database("notifications")) struct NotificationTests {
    /// Waits until `count` notifications have arrived or `timeout` has passed.
    private func receive(_ count: Int, on connection: PostgresConnection, timeout: Duration = .seconds(5)) async throws -> [PostgresNotification] {
        let deadline = ContinuousClock.now + timeout
        var received: [PostgresNotification] = []
        while received.count < count, ContinuousClock.now < deadline {
            received += try await connection.waitForNotifications(timeout: deadline - ContinuousClock.now)
        }
        return received
    }

    @Test func notifyReachesTheListenerWithItsPayload() async throws {
        let listener = try await SuiteDatabase.connect()
        let channel = #"comment "published" ✓"#
        try await listener.listen(channel)
        try await SuiteDatabase.withConnection { sender in
            let payload = #"{"id": 1, "quote": "it's \"here\"", "text": "Zoë 👍 עברית"}"#
            // NOTIFY takes no parameters: a literal in SQL for the statement form, a bound value for pg_notify.
            let literal = "'" + payload.replacingOccurrences(of: "'", with: "''") + "'"
            try await sender.execute(PostgresQuery(unsafeSQL: "NOTIFY \(PostgresQuery.quoteIdentifier(channel)), \(literal)"))
            try await sender.execute("SELECT pg_notify(\(channel), \(payload + " (bound)"))")
            let senderPID = await sender.backendPID
            let received = try await receive(2, on: listener)
            #expect(received == [
                PostgresNotification(channel: channel, payload: payload, backendPID: senderPID),
                PostgresNotification(channel: channel, payload: payload + " (bound)", backendPID: senderPID),
            ])
        }
        await listener.close()
    }

    @Test func notificationsSentInATransactionArriveAtCommit() async throws {
        let listener = try await SuiteDatabase.connect()
        try await listener.listen("batch")
        try await SuiteDatabase.withConnection { sender in
            try await sender.transaction { tx in
                for index in 1...3 {
                    try await tx.execute("SELECT pg_notify('batch', \(String(index)))")
                }
                #expect(try await listener.waitForNotifications(timeout: .milliseconds(100)) == [])
            }
        }
        #expect(try await receive(3, on: listener).map(\.payload) == ["1", "2", "3"])
        await listener.close()
    }

    @Test func notificationsArrivingDuringOtherStatementsAreKept() async throws {
        let listener = try await SuiteDatabase.connect()
        try await listener.listen("meanwhile")
        try await SuiteDatabase.withConnection { sender in
            try await sender.execute("SELECT pg_notify('meanwhile', 'early')")
        }
        // This statement reads the notification off the socket before anyone waits for it.
        try await listener.execute("SELECT pg_sleep(0.2)")
        let started = ContinuousClock.now
        // Returned at once, not after the timeout (bounds generous for a loaded machine).
        #expect(try await listener.waitForNotifications(timeout: .seconds(60)).map(\.payload) == ["early"])
        #expect(ContinuousClock.now - started < .seconds(10))
        await listener.close()
    }

    @Test func waitingTimesOutWithNothing() async throws {
        try await SuiteDatabase.withConnection { listener in
            try await listener.listen("quiet")
            let started = ContinuousClock.now
            #expect(try await listener.waitForNotifications(timeout: .milliseconds(300)) == [])
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .milliseconds(290) && elapsed < .seconds(10))
        }
    }

    @Test func cancellationEndsTheWaitPromptly() async throws {
        let listener = try await SuiteDatabase.connect()
        try await listener.listen("never")
        let waiting = Task { try await listener.waitForNotifications(timeout: .seconds(60)) }
        try await Task.sleep(for: .milliseconds(200))
        let cancelled = ContinuousClock.now
        waiting.cancel()
        #expect(try await waiting.value == [])
        #expect(ContinuousClock.now - cancelled < .seconds(10))
        // The connection stays usable.
        #expect(try await listener.query("SELECT 1 AS one").first?.decode(Int.self, "one") == 1)
        await listener.close()
    }

    @Test func unlistenStopsDelivery() async throws {
        let listener = try await SuiteDatabase.connect()
        try await listener.listen("toggle")
        try await listener.listen("other")
        try await listener.listen("*")
        try await listener.unlisten("toggle")
        try await SuiteDatabase.withConnection { sender in
            try await sender.execute("SELECT pg_notify('toggle', 'unheard')")
            try await sender.execute("SELECT pg_notify('*', 'star')")
        }
        // "*" is an ordinary channel name here, not a wildcard.
        #expect(try await receive(1, on: listener).map(\.payload) == ["star"])
        try await listener.unlistenAll()
        try await SuiteDatabase.withConnection { sender in
            try await sender.execute("SELECT pg_notify('other', 'unheard')")
        }
        #expect(try await listener.waitForNotifications(timeout: .milliseconds(300)) == [])
        await listener.close()
    }

    @Test func aKilledListenerReportsConnectionLost() async throws {
        let listener = try await SuiteDatabase.connect()
        try await listener.listen("doomed")
        let pid = await listener.backendPID
        let waiting = Task { try await listener.waitForNotifications(timeout: .seconds(60)) }
        try await Task.sleep(for: .milliseconds(200))
        let killed = ContinuousClock.now
        try await SuiteDatabase.withConnection { killer in
            try await killer.execute("SELECT pg_terminate_backend(\(pid))")
        }
        let error = await #expect(throws: PostgresError.self) { try await waiting.value }
        #expect(error?.isConnectionLost == true)
        #expect(ContinuousClock.now - killed < .seconds(10))
        await listener.close()
    }
}
