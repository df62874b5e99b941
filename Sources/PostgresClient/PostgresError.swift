import Foundation

/// Every error PostgresClient throws.
///
/// `description` is one line and safe for logs: the server may echo input (`invalid input syntax for type
/// inet: "…"`, `Key (email)=(…) already exists.`), so values bound to the failing statement are redacted from
/// it. `debugDescription` is complete and is meant for a developer's eyes only.
public struct PostgresError: Error, CustomStringConvertible, CustomDebugStringConvertible, Sendable {
    /// The broad class of an error.
    public enum Kind: String, Sendable, Hashable {
        /// The server rejected a statement; `sqlState` says why.
        case server
        /// No connection could be established.
        case connectionFailed
        /// The connection broke while in use (server shutdown, terminated backend, network).
        case connectionLost
        /// The connection was used after `close()`.
        case connectionClosed
        /// The connection string cannot be parsed, or an option name is unknown to libpq.
        case malformedConnectionString
        /// A bound value cannot be sent (e.g. text with a NUL byte, a non-finite date).
        case encoding
        /// A column cannot be decoded as the requested Swift type.
        case decoding
        /// `COMMIT` found the transaction already aborted by an earlier, swallowed error.
        case transactionRolledBack
        /// The statement needs a protocol feature this client does not offer (COPY).
        case unsupported
    }

    /// What went wrong, broadly; `sqlState` says precisely for server errors.
    public let kind: Kind
    /// The five-character SQLSTATE, when the server reported one.
    public let sqlState: String?
    /// The primary message (for connection failures: the target and libpq's reason, joined into one line).
    public let message: String
    /// The server's detail line (may quote values, e.g. the duplicate key; redacted in `description`).
    public let detail: String?
    /// The server's suggestion, if any.
    public let hint: String?
    /// The constraint that failed (unique, foreign key, check, exclusion, not-null has none).
    public let constraint: String?
    /// The table the error concerns, when the server names one.
    public let table: String?
    /// The column the error concerns (for decoding errors: the column being decoded).
    public let column: String?
    /// The schema of `table`, when the server names one.
    public let schema: String?
    /// The data type name the error concerns, when the server names one.
    public let dataType: String?
    /// The statement's SQL text (placeholders only, never values), for `debugDescription`.
    public let sql: String?
    /// Bound values to hide from `description`, longest first.
    let redactions: [String]

    init(
        kind: Kind, message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil,
        constraint: String? = nil, table: String? = nil, column: String? = nil, schema: String? = nil,
        dataType: String? = nil, sql: String? = nil, redacting values: [String] = []
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
        self.schema = schema
        self.dataType = dataType
        self.sql = sql
        redactions = Set(values.filter { $0.count >= 2 }).sorted { $0.count > $1.count }
    }

    /// 23505: a unique or primary-key constraint rejected the row; `constraint` names it.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// 40001: a serializable or repeatable-read transaction lost a conflict; run it again.
    public var isSerializationFailure: Bool { sqlState == "40001" }
    /// 40P01: the server broke a deadlock by aborting this transaction; run it again.
    public var isDeadlock: Bool { sqlState == "40P01" }
    /// 57014: the statement was cancelled (cancel request, task cancellation or `statement_timeout`).
    public var isQueryCancelled: Bool { sqlState == "57014" }
    /// The connection is gone: reconnect before retrying.
    public var isConnectionLost: Bool {
        if kind == .connectionLost { return true }
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }
    /// Running the whole transaction again (on a new connection if the old one is lost) may succeed.
    public var isRetryable: Bool {
        isSerializationFailure || isDeadlock || isConnectionLost || kind == .connectionFailed
    }

    /// One line for logs: kind, SQLSTATE, message, detail and hint, with bound values redacted.
    public var description: String {
        var line = label
        if let sqlState { line += " [\(sqlState)]" }
        line += ": " + redacted(message)
        if let detail { line += " (detail: \(redacted(detail)))" }
        if let hint { line += " (hint: \(redacted(hint)))" }
        return line
    }

    /// Every field, unredacted, plus the SQL text: for a developer, not for logs.
    public var debugDescription: String {
        var fields = ["kind: \(kind.rawValue)", "message: \(message)"]
        let optional: [(String, String?)] = [
            ("sqlState", sqlState), ("detail", detail), ("hint", hint), ("schema", schema), ("table", table),
            ("column", column), ("constraint", constraint), ("dataType", dataType), ("sql", sql),
        ]
        for case let (name, value?) in optional {
            fields.append("\(name): \(value)")
        }
        return "PostgresError(" + fields.joined(separator: ", ") + ")"
    }

    private var label: String {
        switch kind {
        case .server: "PostgreSQL error"
        case .connectionFailed: "cannot connect to PostgreSQL"
        case .connectionLost: "PostgreSQL connection lost"
        case .connectionClosed: "PostgreSQL connection closed"
        case .malformedConnectionString: "malformed connection string"
        case .encoding: "cannot encode a PostgreSQL parameter"
        case .decoding: "cannot decode a PostgreSQL value"
        case .transactionRolledBack: "PostgreSQL transaction rolled back"
        case .unsupported: "unsupported by PostgresClient"
        }
    }

    private func redacted(_ text: String) -> String {
        var text = text
        for value in redactions where text.contains(value) {
            text = text.replacingOccurrences(of: value, with: "[redacted]")
        }
        return Self.oneLine(text)
    }

    /// Joins a multi-line message (libpq's connection errors, or a value with line breaks) into one line.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: "; ")
    }

    static func oneLine(_ text: UnsafePointer<CChar>?) -> String? {
        guard let text else { return nil }
        let line = oneLine(String(cString: text))
        return line.isEmpty ? nil : line
    }
}
