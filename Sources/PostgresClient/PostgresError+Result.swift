import CLibPQ

extension PostgresError {
    /// The error a failed `PGresult` reports; `connectionBroken` marks it lost whatever the SQLSTATE says.
    init(failedResult result: OpaquePointer, connectionBroken: Bool, sql: String?, redacting values: [String]) {
        func field(_ code: Character) -> String? {
            guard let ascii = code.asciiValue, let value = PQresultErrorField(result, Int32(ascii)) else { return nil }
            return String(cString: value)
        }
        let state = field("C")
        let primary = field("M") ?? Self.oneLine(PQresultErrorMessage(result)) ?? "unknown error"
        var lost = connectionBroken
        if let state, state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state) {
            lost = true
        }
        self.init(
            kind: lost ? .connectionLost : .server, message: primary, sqlState: state, detail: field("D"),
            hint: field("H"), constraint: field("n"), table: field("t"), column: field("c"), schema: field("s"),
            dataType: field("d"), sql: sql, redacting: values
        )
    }

    /// An error libpq reports on the connection itself (a failed send or read).
    init(connection: OpaquePointer, sql: String?) {
        let message = Self.oneLine(PQerrorMessage(connection)) ?? "unknown libpq error"
        let lost = PQstatus(connection) != CONNECTION_OK
        self.init(kind: lost ? .connectionLost : .server, message: message, sql: sql)
    }

    static let closed = PostgresError(kind: .connectionClosed, message: "the connection was closed by close()")
}
