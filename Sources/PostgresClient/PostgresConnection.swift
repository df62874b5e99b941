import CLibPQ

/// One libpq connection.
///
/// An actor whose executor is a dedicated thread, so the blocking libpq calls made for it never run on
/// Swift's cooperative pool. Statements from different tasks run one at a time; while a `transaction` is
/// open, only the task running its body (and that task's child tasks) can use the connection, and other
/// callers wait until it ends.
public actor PostgresConnection {
    let executor: ConnectionExecutor
    let handle = ConnectionHandle()
    let canceller = CancelHandle()
    let wakeup: WakeupPipe

    /// True once `close()` has run (a connection the server dropped is not closed until then).
    public private(set) var isClosed = false
    /// The server's version as an integer, e.g. 150018 for 15.18.
    public private(set) var serverVersion = 0
    /// The server host (or socket directory) connected to, for logs; never includes the password.
    public private(set) var host = ""
    /// The server process serving this connection (`pg_backend_pid()`).
    public private(set) var backendPID: Int32 = 0

    // Transaction ownership: see `PostgresConnection+Transaction.swift`.
    var transactionOwner: UInt64?
    var transactionCounter: UInt64 = 0
    var savepointDepth = 0
    var turnWaiters: [CheckedContinuation<Void, Never>] = []
    /// Statements prepared on this connection by `query(prepared:)`: SQL text → server-side name.
    var preparedStatements: [String: String] = [:]

    /// The connection's own thread (see `ConnectionExecutor`).
    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    private init() throws(PostgresError) {
        wakeup = try WakeupPipe()
        executor = ConnectionExecutor()
    }

    deinit {
        // The handle frees the PGconn as it goes; the thread must be told to end.
        executor.shutdown()
    }

    /// Connects, then sets the session to `DateStyle ISO`, `TimeZone UTC` and UTF-8, which decoding relies on.
    ///
    /// - Parameter conninfo: a libpq URI or keyword string passed on verbatim (`expand_dbname`), or nil/empty
    ///   for libpq's own defaults (`PGHOST`, `PGUSER`, `PGPASSWORD`, `PGSSLMODE`, `~/.pgpass`, service files).
    /// - Throws: `PostgresError` of kind `.malformedConnectionString` or `.connectionFailed`, one line, naming
    ///   the target but never the password.
    public static func connect(_ conninfo: String?, options: ConnectOptions = .init()) async throws -> PostgresConnection {
        let parameters = try ConnectionParameters(conninfo: conninfo, options: options)
        let connection = try PostgresConnection()
        try await connection.open(parameters)
        return connection
    }

    private func open(_ parameters: ConnectionParameters) throws(PostgresError) {
        let connected = withExtendedLifetime(parameters) {
            PQconnectdbParams(parameters.keywords.pointers, parameters.values.pointers, 1)
        }
        guard let connected else {
            throw PostgresError(kind: .connectionFailed, message: "\(parameters.target): libpq is out of memory")
        }
        guard PQstatus(connected) == CONNECTION_OK else {
            let reason = PostgresError.oneLine(PQerrorMessage(connected)) ?? "unknown reason"
            PQfinish(connected)
            // libpq checks option values (port, sslmode, …) only when connecting, before any network
            // traffic; such a failure is a malformed connection string, not an unreachable server.
            let malformed = reason.contains("for connection option") || reason.hasPrefix("invalid ")
            throw PostgresError(
                kind: malformed ? .malformedConnectionString : .connectionFailed,
                message: "\(parameters.target): \(reason)")
        }
        handle.adopt(connected)
        // libpq prints notices (e.g. "there is no transaction in progress") to stderr by default.
        PQsetNoticeProcessor(connected, { _, _ in }, nil)
        canceller.install(from: connected)
        backendPID = PQbackendPID(connected)
        serverVersion = Int(PQserverVersion(connected))
        host = PQhost(connected).map { String(cString: $0) } ?? ""
        do {
            _ = try perform(.simple(Self.sessionSetup), cancellable: false)
        } catch {
            close()
            throw PostgresError(kind: .connectionFailed, message: "\(parameters.target): session setup failed: \(error.message)")
        }
    }

    /// Fixes the text formats decoding relies on, whatever the server's or role's defaults say.
    private static let sessionSetup = """
        SET DateStyle = 'ISO, MDY'; SET TimeZone = 'UTC'; SET bytea_output = 'hex'; SET extra_float_digits = 3
        """

    /// Closes the connection. Calling it again does nothing; a connection that is never closed is closed
    /// when it is freed. It waits for a running statement or `waitForNotifications` to end: cancel that
    /// task (or call `cancelCurrentQuery()`) first for a prompt shutdown.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        canceller.invalidate()
        handle.finish()
    }

    /// Whether libpq still considers the connection usable (it learns of a drop only when it next reads).
    public var isConnected: Bool {
        guard let connection = handle.pointer else { return false }
        return PQstatus(connection) == CONNECTION_OK
    }

    /// Asks the server to cancel the statement running on this connection, from any task or thread (for
    /// shutdown or timeouts). The statement then fails with `isQueryCancelled`. Does nothing when idle.
    @discardableResult
    public nonisolated func cancelCurrentQuery() -> Bool {
        canceller.send()
    }
}
