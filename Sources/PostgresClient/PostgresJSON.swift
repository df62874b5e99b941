import Foundation

/// Binds an `Encodable` value as JSON text: `"INSERT … VALUES (\(PostgresJSON(facts))::jsonb)"`.
/// Read JSON columns back with `PostgresRow.decodeJSON(_:at:)`.
public struct PostgresJSON<Value: Encodable & Sendable>: PostgresEncodable {
    /// The value sent as JSON.
    public var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    public func postgresText() throws -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(value)
        } catch let error as EncodingError {
            let path: [any CodingKey]
            switch error {
            case .invalidValue(_, let context): path = context.codingPath
            @unknown default: path = []
            }
            throw PostgresError(
                kind: .encoding,
                message: "cannot encode \(Value.self) as JSON at \(PostgresJSONPath.describe(path))"
            )
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Names a position in a JSON document by its keys only, never by the values found there.
enum PostgresJSONPath {
    static func describe(_ path: [any CodingKey]) -> String {
        guard !path.isEmpty else { return "the top level" }
        return path.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
    }
}
