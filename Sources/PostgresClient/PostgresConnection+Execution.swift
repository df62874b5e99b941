import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PostgresConnection {
    /// Runs one statement and returns its rows.
    ///
    /// Cancelling the calling task sends the server a cancel request, so a long statement ends promptly with
    /// an error whose `isQueryCancelled` is true; a task cancelled before the call throws `CancellationError`.
    public func query(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await run(query).rows
    }

    /// Runs one statement and returns the number of rows it inserted, updated or deleted (0 for statements
    /// that report none).
    @discardableResult
    public func execute(_ query: PostgresQuery) async throws -> Int {
        try await run(query).affectedRows
    }

    /// Runs trusted SQL that may hold several statements (a migration file), with the simple query protocol.
    /// Never for user values: it has no parameters. Without explicit `BEGIN`/`COMMIT`, PostgreSQL runs the
    /// statements as one implicit transaction.
    public func executeScript(_ sql: String) async throws {
        await awaitTurn()
        try Task.checkCancellation()
        _ = try await cancellingOnTaskCancel { connection throws(PostgresError) in
            try connection.perform(.simple(sql), cancellable: true)
        }
    }

    func run(_ query: PostgresQuery, prepared: Bool = false) async throws -> QueryResult {
        await awaitTurn()
        try Task.checkCancellation()
        let sql = query.sql
        return try await cancellingOnTaskCancel { connection throws(PostgresError) in
            // Encoded here and handed over whole, so `perform` can free the bytes once they are sent.
            let binds = try EncodedBinds(query.binds)
            guard prepared else { return try connection.perform(.extended(sql, consume binds), cancellable: true) }
            let name = try connection.preparedStatementName(for: sql, parameterCount: binds.count)
            return try connection.perform(.prepared(name, sql, consume binds), cancellable: true)
        }
    }

    /// Runs `body` on this connection's thread with a cancellation handler that wakes its `poll()`.
    ///
    /// `body` takes the connection as an `isolated` parameter so the compiler proves where it runs: an
    /// operation closure that does not capture `self` is not isolated to the actor, and a synchronous closure
    /// called from it was seen running libpq on the cooperative pool.
    func cancellingOnTaskCancel<T>(_ body: (isolated PostgresConnection) throws(PostgresError) -> T) async throws -> T {
        try await withTaskCancellationHandler {
            try body(self)
        } onCancel: { [wakeup] in
            wakeup.signal()
        }
    }

    enum Statement {
        /// One statement with `$n` parameters (extended protocol: a second statement is a syntax error).
        case extended(String, EncodedBinds)
        /// Any number of statements, no parameters.
        case simple(String)
        /// A statement prepared on this connection under a name (the SQL is kept for error messages).
        case prepared(String, String, EncodedBinds)
        /// Prepares the SQL under a name.
        case prepare(String, String, parameterCount: Int)
    }

    /// Sends a statement and waits for its results, blocking this connection's thread (never the pool's).
    func perform(_ statement: consuming Statement, cancellable: Bool) throws(PostgresError) -> QueryResult {
        assert(executor.isCurrent, "a blocking libpq call must run on the connection's own thread")
        guard let connection = handle.pointer else { throw PostgresError.closed }
        let sql: String
        let sent: Int32
        switch statement {
        case .simple(let text):
            sql = text
            try Self.rejectNUL(in: sql)
            sent = PQsendQuery(connection, sql)
        case .extended(let text, let binds):
            sql = text
            try Self.rejectNUL(in: sql)
            sent = binds.withParameterArrays { pointers, lengths, formats in
                PQsendQueryParams(connection, sql, Int32(binds.count), nil, pointers, lengths, formats, 0)
            }
        case .prepared(let name, let text, let binds):
            sql = text
            sent = binds.withParameterArrays { pointers, lengths, formats in
                PQsendQueryPrepared(connection, name, Int32(binds.count), pointers, lengths, formats, 0)
            }
        case .prepare(let name, let text, let parameterCount):
            sql = text
            try Self.rejectNUL(in: sql)
            sent = PQsendPrepare(connection, name, sql, Int32(parameterCount), nil)
        }
        guard sent == 1 else { throw PostgresError(connection: connection, sql: sql) }
        // libpq holds its own copy of the parameters now: only what error messages must hide is kept while
        // the server works. The strings are worked out only when the statement fails: finding every
        // element of every array parameter costs as much as encoding it.
        let redactions: BindRedactions? = switch statement {
        case .extended(_, let binds), .prepared(_, _, let binds): binds.redactions
        case .simple, .prepare: nil
        }
        _ = consume statement
        let redacted = { redactions?.strings ?? [] }
        guard let result = try collectResults(connection, sql: sql, redactions: redacted, cancellable: cancellable) else {
            throw PostgresError(kind: .server, message: "the server returned no result", sql: sql)
        }
        return result
    }

    private static func rejectNUL(in sql: String) throws(PostgresError) {
        guard !sql.containsNUL else {
            throw PostgresError(kind: .encoding, message: "SQL text contains a NUL byte (U+0000)")
        }
    }

    /// Reads every result of the statement; returns the last successful one and throws the first error.
    private func collectResults(
        _ connection: OpaquePointer, sql: String, redactions: () -> [String], cancellable: Bool
    ) throws(PostgresError) -> QueryResult? {
        var cancelSent = false
        var outcome: QueryResult?
        var failure: PostgresError?
        while true {
            waitUntilResultReady(connection, cancellable: cancellable, cancelSent: &cancelSent)
            guard let result = PQgetResult(connection) else { break }
            switch PQresultStatus(result) {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
                outcome = QueryResult(taking: result)
            case PGRES_COPY_IN:
                PQclear(result)
                // The server answers with an error result carrying this message.
                _ = PQputCopyEnd(connection, "COPY FROM STDIN is not supported by PostgresClient")
            case PGRES_COPY_OUT:
                PQclear(result)
                Self.discardCopyData(connection)
                failure = failure ?? PostgresError(kind: .unsupported, message: "COPY TO STDOUT is not supported", sql: sql)
            default:
                if failure == nil {
                    let broken = PQstatus(connection) != CONNECTION_OK
                    failure = PostgresError(failedResult: result, connectionBroken: broken, sql: sql, redacting: redactions())
                }
                PQclear(result)
            }
        }
        if let failure { throw failure }
        return outcome
    }

    private static func discardCopyData(_ connection: OpaquePointer) {
        var buffer: UnsafeMutablePointer<CChar>?
        while PQgetCopyData(connection, &buffer, 0) > 0 {
            PQfreemem(buffer)
        }
    }

    /// Waits until `PQgetResult` will not block, sending one cancel request if the task is cancelled meanwhile.
    private func waitUntilResultReady(_ connection: OpaquePointer, cancellable: Bool, cancelSent: inout Bool) {
        while PQisBusy(connection) != 0 {
            if cancellable && !cancelSent && Task.isCancelled {
                cancelSent = true
                canceller.send()
            }
            let socket = PQsocket(connection)
            // A dropped socket, or a failed read: PQgetResult now reports the failure without blocking.
            guard socket >= 0 else { return }
            _ = waitForInput(on: socket, timeoutMilliseconds: -1)
            guard PQconsumeInput(connection) == 1 else { return }
        }
    }

    /// `poll()`s the server socket and the wakeup pipe. Returns false on timeout; an interrupted `poll()`
    /// counts as a wakeup, since every caller re-checks its condition in a loop.
    func waitForInput(on socket: Int32, timeoutMilliseconds: Int32) -> Bool {
        var descriptors = [
            pollfd(fd: socket, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeup.readDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        let ready = poll(&descriptors, nfds_t(descriptors.count), timeoutMilliseconds)
        if descriptors[1].revents != 0 {
            wakeup.drain()
        }
        return ready != 0
    }
}
