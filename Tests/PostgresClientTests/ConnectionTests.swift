import DatabaseTestSupport
import Foundation
import PostgresClient
import Testing

@Suite(.database("connection")) struct ConnectionTests {
    @Test func connectSetsUpTheSession() async throws {
        try await SuiteDatabase.withConnection { connection in
            let row = try #require(try await connection.query("""
                SELECT current_setting('DateStyle') AS datestyle, current_setting('TimeZone') AS zone,
                       current_setting('client_encoding') AS encoding, current_setting('application_name') AS app,
                       pg_backend_pid() AS pid, current_setting('server_version_num')::int AS version
                """).first)
            #expect(try row.decode(String.self, "datestyle") == "ISO, MDY")
            #expect(try row.decode(String.self, "zone") == "UTC")
            #expect(try row.decode(String.self, "encoding") == "UTF8")
            #expect(try row.decode(String.self, "app") == "PostgresClientTests")
            #expect(try row.decode(Int32.self, "pid") == (await connection.backendPID))
            #expect(try row.decode(Int.self, "version") == (await connection.serverVersion))
            #expect(!(await connection.host).isEmpty)
            #expect(await connection.isConnected)
        }
    }

    @Test func theConninfoOverridesOurDefaults() async throws {
        let conninfo = try #require(SuiteDatabase.conninfo)
        let custom = try PostgresConnection.conninfo(conninfo, overriding: ["application_name": "from conninfo"])
        let connection = try await PostgresConnection.connect(custom, options: .init(applicationName: "fallback"))
        let app = try await connection.query("SELECT current_setting('application_name') AS a").first?.decode(String.self, "a")
        #expect(app == "from conninfo")
        await connection.close()
    }

    @Test func closingTwiceIsHarmlessAndLaterUseFailsClearly() async throws {
        let connection = try await SuiteDatabase.connect()
        await connection.close()
        await connection.close()
        #expect(await connection.isClosed)
        #expect(!(await connection.isConnected))
        let error = try await #require(throws: PostgresError.self) { try await connection.query("SELECT 1") }
        #expect(error.kind == .connectionClosed)
        await #expect(throws: PostgresError.self) { try await connection.waitForNotifications(timeout: .seconds(1)) }
        #expect(!connection.cancelCurrentQuery())
    }

    static let password = "hunter2-password"

    @Test(arguments: [
        "postgresql://someone:\(password)@/postgres?host=/nonexistent/socket-dir",
        "host=/nonexistent/socket-dir user=someone password=\(password) dbname=postgres",
        "host=127.0.0.1 port=1 user=someone password=\(password) connect_timeout=5",
        "postgresql://someone:\(password)@127.0.0.1:1/postgres",
    ])
    func failedConnectsAreOneLineWithoutThePassword(conninfo: String) async throws {
        let started = ContinuousClock.now
        let error = try await #require(throws: PostgresError.self) { try await PostgresConnection.connect(conninfo) }
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(error.kind == .connectionFailed)
        #expect(error.isRetryable)
        #expect(!error.description.contains(Self.password))
        #expect(!error.description.contains("\n"))
        #expect(error.description.contains("nonexistent/socket-dir") || error.description.contains("127.0.0.1"))
    }

    @Test func aBadPortOnTheRealServerFailsPromptly() async throws {
        let conninfo = try #require(SuiteDatabase.conninfo)
        let wrongPort = try PostgresConnection.conninfo(conninfo, overriding: ["port": "1", "password": Self.password])
        let started = ContinuousClock.now
        let error = try await #require(throws: PostgresError.self) { try await PostgresConnection.connect(wrongPort) }
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(error.kind == .connectionFailed)
        #expect(error.description.contains("port=1"))
        #expect(!error.description.contains(Self.password))
    }

    @Test(arguments: [
        "postgresql://someone:\(password)@[::1/postgres",
        "postgresql://someone:\(password)@localhost/postgres?bogus_option=1",
        "host=localhost password \(password)",
        "host=localhost password='\(password)",
        "hots=localhost password=\(password)",
        "postgresql://someone:\(password)@localhost/postgres?sslmode=%zz",
    ])
    func malformedConnectionStringsAreRejectedWithoutThePassword(conninfo: String) async throws {
        let error = try await #require(throws: PostgresError.self) { try await PostgresConnection.connect(conninfo) }
        #expect(error.kind == .malformedConnectionString)
        #expect(error.description.hasPrefix("malformed connection string: "))
        #expect(!error.description.contains(Self.password))
        #expect(!error.description.contains("\n"))
        #expect(PostgresConnection.describeTarget(conninfo) == "malformed connection string")
    }

    @Test(arguments: [
        ("hots=localhost password=\(password)", #"invalid connection option "hots""#),
        ("host=localhost password \(password)", #"missing "=" after "password""#),
        ("postgresql://u:\(password)@[::1/db", #"matching "]" in IPv6 host address in URI: "…""#),
    ])
    func optionNamesAndSyntaxStayVisibleInMalformedMessages(conninfo: String, expected: String) async throws {
        let error = try await #require(throws: PostgresError.self) { try await PostgresConnection.connect(conninfo) }
        #expect(error.description.contains(expected))
    }

    @Test func targetsAreDescribedWithoutPasswords() throws {
        let uri = "postgresql://alice:\(Self.password)@db.example:6543/comments?sslmode=require"
        #expect(PostgresConnection.describeTarget(uri) == "host=db.example port=6543 dbname=comments user=alice")
        let keywords = "host=/run/postgresql dbname='my db' user=bob password=\(Self.password)"
        #expect(PostgresConnection.describeTarget(keywords).hasPrefix("host=/run/postgresql "))
        #expect(PostgresConnection.describeTarget(keywords).contains("dbname='my db' user=bob"))
        #expect(PostgresConnection.describeTarget("plaindb").contains("dbname=plaindb"))
        #expect(!PostgresConnection.describeTarget(nil).isEmpty)
    }

    @Test func conninfosAreRebuiltWithOverrides() async throws {
        let uri = "postgresql://alice:p%40ss@db.example:6543/comments?sslmode=require"
        let rebuilt = try PostgresConnection.conninfo(uri, overriding: ["dbname": "other db"])
        let options = try PostgresConnection.conninfoOptions(rebuilt)
        #expect(options == ["host": "db.example", "port": "6543", "dbname": "other db", "user": "alice", "password": "p@ss", "sslmode": "require"])
        #expect(throws: PostgresError.self) { try PostgresConnection.conninfo(uri, overriding: ["no_such_option": "x"]) }
        #expect(try PostgresConnection.conninfoOptions("justaname") == ["dbname": "justaname"])

        // Both forms of the real server's conninfo reach the database named in the override.
        let server = try TestDatabase.serverConninfo()
        let suiteConninfo = try #require(SuiteDatabase.conninfo)
        let database = try #require(try PostgresConnection.conninfoOptions(suiteConninfo)["dbname"])
        for base in [server, try PostgresConnection.conninfo(server, overriding: [:])] {
            let connection = try await PostgresConnection.connect(try PostgresConnection.conninfo(base, overriding: ["dbname": database]))
            #expect(try await connection.query("SELECT current_database() AS d").first?.decode(String.self, "d") == database)
            await connection.close()
        }
    }

    @Test func cancellingTheTaskCancelsTheStatementPromptly() async throws {
        try await SuiteDatabase.withConnection { connection in
            let pid = await connection.backendPID
            let task = Task { try await connection.query("SELECT pg_sleep(10)") }
            try await SuiteDatabase.waitUntilRunning("SELECT pg_sleep(10)", pid: pid)
            let cancelled = ContinuousClock.now
            task.cancel()
            let error = await #expect(throws: PostgresError.self) { try await task.value }
            #expect(ContinuousClock.now - cancelled < .seconds(5))  // well under the 10 s sleep, with room for a busy CI machine
            #expect(error?.isQueryCancelled == true)
            #expect(try await connection.query("SELECT 1 AS one").first?.decode(Int.self, "one") == 1)
            // A task cancelled before it calls does not send the statement at all.
            let early = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await connection.query("SELECT pg_sleep(10)")
            }
            await #expect(throws: CancellationError.self) { try await early.value }
        }
    }

    @Test func cancelCurrentQueryStopsTheRunningStatement() async throws {
        try await SuiteDatabase.withConnection { connection in
            let pid = await connection.backendPID
            let task = Task { try await connection.query("SELECT pg_sleep(10)") }
            try await SuiteDatabase.waitUntilRunning("SELECT pg_sleep(10)", pid: pid)
            let started = ContinuousClock.now
            #expect(connection.cancelCurrentQuery())
            let error = await #expect(throws: PostgresError.self) { try await task.value }
            #expect(ContinuousClock.now - started < .seconds(5))  // well under the 10 s sleep, with room for a busy CI machine
            #expect(error?.isQueryCancelled == true)
        }
    }

    @Test func aTerminatedBackendIsAConnectionLoss() async throws {
        let victim = try await SuiteDatabase.connect()
        let pid = await victim.backendPID
        let sleeping = Task { try await victim.query("SELECT pg_sleep(10)") }
        try await Task.sleep(for: .milliseconds(200))
        try await SuiteDatabase.withConnection { killer in
            let row = try #require(try await killer.query("SELECT pg_terminate_backend(\(pid)) AS done").first)
            #expect(try row.decode(Bool.self, "done"))
        }
        let error = await #expect(throws: PostgresError.self) { try await sleeping.value }
        #expect(error?.isConnectionLost == true)
        #expect(error?.isRetryable == true)
        let after = try await #require(throws: PostgresError.self) { try await victim.query("SELECT 1") }
        #expect(after.isConnectionLost)
        #expect(!(await victim.isConnected))
        await victim.close()
    }

    @Test func anIdleConnectionKilledBetweenStatementsReportsConnectionLost() async throws {
        let victim = try await SuiteDatabase.connect()
        let pid = await victim.backendPID
        try await SuiteDatabase.withConnection { killer in
            try await killer.execute("SELECT pg_terminate_backend(\(pid), 5000)")
        }
        let error = try await #require(throws: PostgresError.self) { try await victim.query("SELECT 1") }
        #expect(error.isConnectionLost)
        await victim.close()
    }

    /// The kernel's id of the thread `connection` runs on: a function with an isolated parameter runs on
    /// the actor's own executor, so `/proc/thread-self` there names the connection's thread.
    private static func threadID(of connection: isolated PostgresConnection) throws -> String {
        let path = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")
        return String(path.split(separator: "/").last ?? "")
    }

    /// Which of `threadIDs` still run in this process. Other suites run connections of their own meanwhile,
    /// so the check follows these threads by id rather than counting every connection thread.
    private static func running(_ threadIDs: Set<String>) -> Set<String> {
        threadIDs.filter { FileManager.default.fileExists(atPath: "/proc/self/task/\($0)") }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/thread-self")))
    func connectionsFreeTheirThreadAndBackend() async throws {
        let conninfo: String = try #require(SuiteDatabase.conninfo)
        var threadIDs: Set<String> = []
        do {
            let held = try await (0..<20).asyncMap { _ in
                try await PostgresConnection.connect(conninfo, options: .init(applicationName: "leak-check"))
            }
            for connection in held { threadIDs.insert(try await Self.threadID(of: connection)) }
            #expect(threadIDs.count == held.count, "each connection runs on a thread of its own")
            #expect(Self.running(threadIDs) == threadIDs)
            // Closed, then freed when `held` goes out of scope.
            for connection in held { await connection.close() }
        }

        for round in 0..<60 {
            let connection = try await PostgresConnection.connect(conninfo, options: .init(applicationName: "leak-check"))
            #expect(try await connection.query("SELECT \(round) AS r").first?.decode(Int.self, "r") == round)
            threadIDs.insert(try await Self.threadID(of: connection))
            // Half are closed explicitly, half only dropped.
            if round.isMultiple(of: 2) { await connection.close() }
        }
        #expect(threadIDs.count == 80)
        // Threads and backends end asynchronously once their connection is gone; a loaded machine is slow.
        let deadline = ContinuousClock.now + .seconds(30)
        while !Self.running(threadIDs).isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(Self.running(threadIDs).isEmpty)
        try await SuiteDatabase.withConnection { connection in
            var remaining = -1
            while remaining != 0, ContinuousClock.now < deadline {
                remaining = try await connection.query("""
                    SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'leak-check'
                    """).first?.decode(Int.self, "n") ?? -1
                if remaining != 0 { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(remaining == 0)
        }
    }

    @Test func thousandsOfStatementsInARowOnOneConnection() async throws {
        try await SuiteDatabase.withConnection { connection in
            var sum = 0
            for value in 0..<2_000 {
                sum += try await connection.query("SELECT \(value) AS v").first?.decode(Int.self, "v") ?? 0
            }
            #expect(sum == (0..<2_000).reduce(0, +))
        }
    }
}

extension Sequence {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
