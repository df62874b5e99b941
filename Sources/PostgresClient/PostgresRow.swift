import Foundation

/// One row of a result, decoded on demand from the server's text format. Decoding errors name the column
/// and the requested type, never the value.
public struct PostgresRow: Sendable {
    // Usable from inlinable code: `decode` is inlined into its callers so that it is specialized for the
    // decoded type there, instead of looking up generic metadata and witness tables for every value.
    @usableFromInline let result: QueryResult
    @usableFromInline let row: Int32

    /// How many columns the result has.
    public var columnCount: Int { result.columnNames.count }
    /// The result's column names, in order (duplicates possible, e.g. from a join).
    public var columnNames: [String] { result.columnNames }

    /// The index of the first column called `name` (exact, case-sensitive match).
    public func columnIndex(_ name: String) -> Int? {
        result.columnIndexes[name]
    }

    /// The value of the column at `index` (0-based) as `T`; use an Optional `T` where the column may be NULL.
    @inlinable
    public func decode<T: PostgresDecodable>(_ type: T.Type, at index: Int) throws -> T {
        try decodeText(type, column: try checked(index))
    }

    /// The value of the first column called `name` as `T`; use an Optional `T` where it may be NULL.
    @inlinable
    public func decode<T: PostgresDecodable>(_ type: T.Type, _ name: String) throws -> T {
        try decodeText(type, column: try index(of: name))
    }

    /// The column's text, or nil for NULL or a column that does not exist.
    public subscript(_ name: String) -> String? {
        columnIndex(name).flatMap { result.text(row: row, column: $0) }
    }

    /// The column's text, or nil for NULL or an index out of range.
    public subscript(_ index: Int) -> String? {
        (0..<columnCount).contains(index) ? result.text(row: row, column: index) : nil
    }

    /// Whether the column at `index` is NULL; throws if there is no such column.
    public func isNull(_ index: Int) throws -> Bool {
        result.isNull(row: row, column: try checked(index))
    }

    /// Whether the column called `name` is NULL; throws if there is no such column.
    public func isNull(_ name: String) throws -> Bool {
        result.isNull(row: row, column: try index(of: name))
    }

    /// Decodes a `json`/`jsonb` (or text) column with `JSONDecoder`; SQL NULL decodes as JSON `null`, so an
    /// Optional type reads it as nil.
    public func decodeJSON<T: Decodable>(_ type: T.Type, at index: Int, decoder: JSONDecoder = JSONDecoder()) throws -> T {
        try decodeJSONText(type, column: try checked(index), decoder: decoder)
    }

    /// Decodes the JSON column called `name`, as `decodeJSON(_:at:decoder:)` does.
    public func decodeJSON<T: Decodable>(_ type: T.Type, _ name: String, decoder: JSONDecoder = JSONDecoder()) throws -> T {
        try decodeJSONText(type, column: try index(of: name), decoder: decoder)
    }

    @inlinable
    func decodeText<T: PostgresDecodable>(_ type: T.Type, column: Int) throws(PostgresError) -> T {
        guard let text = result.text(row: row, column: column) else {
            guard let null = T.postgresNull else {
                throw failure(column, "is NULL; decode it as Optional<\(T.self)> to accept NULL")
            }
            return null
        }
        guard let value = T(postgresText: text) else {
            throw failure(column, "cannot be decoded as \(T.self)")
        }
        return value
    }

    private func decodeJSONText<T: Decodable>(_ type: T.Type, column: Int, decoder: JSONDecoder) throws(PostgresError) -> T {
        let text = result.text(row: row, column: column)
        do {
            return try decoder.decode(T.self, from: Data((text ?? "null").utf8))
        } catch let error as DecodingError {
            if text == nil { throw failure(column, "is NULL; decode it as Optional<\(T.self)> to accept NULL") }
            throw failure(column, "cannot be decoded as JSON \(T.self): \(Self.describe(error))")
        } catch {
            throw failure(column, "cannot be decoded as JSON \(T.self)")
        }
    }

    /// The shape of the mismatch (path, expected type, missing key), never the offending value.
    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let expected, let context):
            "expected \(expected) at \(PostgresJSONPath.describe(context.codingPath))"
        case .valueNotFound(let expected, let context):
            "null where \(expected) was expected at \(PostgresJSONPath.describe(context.codingPath))"
        case .keyNotFound(let key, let context):
            "missing key \"\(key.stringValue)\" at \(PostgresJSONPath.describe(context.codingPath))"
        case .dataCorrupted(let context):
            context.codingPath.isEmpty ? "not valid JSON" : "invalid value at \(PostgresJSONPath.describe(context.codingPath))"
        @unknown default:
            "unexpected JSON"
        }
    }

    @usableFromInline
    func checked(_ index: Int) throws(PostgresError) -> Int {
        guard (0..<columnCount).contains(index) else {
            throw PostgresError(kind: .decoding, message: "no column at index \(index): the result has \(columnCount) columns")
        }
        return index
    }

    @usableFromInline
    func index(of name: String) throws(PostgresError) -> Int {
        guard let index = columnIndex(name) else {
            let available = columnNames.map { "\"\($0)\"" }.joined(separator: ", ")
            throw PostgresError(kind: .decoding, message: "no column named \"\(name)\"; the result has \(available)")
        }
        return index
    }

    @usableFromInline
    func failure(_ column: Int, _ problem: String) -> PostgresError {
        let name = result.columnNames[column]
        return PostgresError(
            kind: .decoding,
            message: "column \"\(name)\" (index \(column), type OID \(result.typeOID(column: column))) \(problem)",
            column: name
        )
    }
}
