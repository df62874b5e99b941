import Foundation

/// The `detail` object of a rules or author action, encoded as the action log stores it: snake_case keys,
/// sorted, ISO 8601 dates, so two equal changes are recorded identically.
enum RuleActionDetail {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
