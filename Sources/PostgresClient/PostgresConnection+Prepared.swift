extension PostgresConnection {
    /// Runs one statement as a prepared statement of this connection and returns its rows.
    ///
    /// The first call with a given SQL text prepares it (`PQprepare`, one extra round trip); later calls
    /// send only the parameters, so the server skips parsing and, once it settles on a generic plan (or
    /// with `plan_cache_mode = force_generic_plan`), planning too. Worth it for statements a session runs
    /// many times with different values; the statement lives as long as the connection. Cancellation and
    /// errors behave as in `query(_:)`.
    public func query(prepared query: PostgresQuery) async throws -> [PostgresRow] {
        try await run(query, prepared: true).rows
    }

    /// `execute(_:)` as a prepared statement (see `query(prepared:)`): returns the rows affected.
    @discardableResult
    public func execute(prepared query: PostgresQuery) async throws -> Int {
        try await run(query, prepared: true).affectedRows
    }

    /// The server-side name of `sql`'s prepared statement, preparing it on first use.
    func preparedStatementName(for sql: String, parameterCount: Int) throws(PostgresError) -> String {
        if let name = preparedStatements[sql] { return name }
        let name = "postgresclient_\(preparedStatements.count + 1)"
        _ = try perform(.prepare(name, sql, parameterCount: parameterCount), cancellable: true)
        preparedStatements[sql] = name
        return name
    }
}
