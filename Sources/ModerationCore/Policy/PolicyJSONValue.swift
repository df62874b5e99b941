import Foundation

/// A JSON document as the policy reader sees it. The policy is read through this tree rather than
/// straight into typed properties so that an error can quote the offending value and name its key,
/// and written through it so keys come out in the documented order, which `JSONEncoder` does not promise.
/// Public so that tools can show a stored policy document, valid or not, exactly as it is.
public enum PolicyJSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([PolicyJSONValue])
    /// Ordered, so serialization follows the key table.
    case object([(String, PolicyJSONValue)])

    public static func == (lhs: PolicyJSONValue, rhs: PolicyJSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        default: false
        }
    }

    /// The value as an integer when it is a number without a fractional part that fits in `Int`.
    var integer: Int? {
        guard case let .number(number) = self else { return nil }
        return Int(exactly: number)
    }
}

extension PolicyJSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([PolicyJSONValue].self) {
            self = .array(array)
        } else {
            let object: [String: PolicyJSONValue]
            do {
                object = try container.decode([String: PolicyJSONValue].self)
            } catch let error as DecodingError where PolicyError.codingPath(of: error).count > decoder.codingPath.count {
                // An object whose member failed: keep the member's path so the error can name its key.
                throw error
            } catch {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "a value that cannot be read (a number out of range?)")
            }
            // A decoded dictionary has no order; sorting keeps error reporting deterministic.
            self = .object(object.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case let .bool(bool):
            var container = encoder.singleValueContainer()
            try container.encode(bool)
        case let .number(number):
            var container = encoder.singleValueContainer()
            if let integer = Int(exactly: number) { try container.encode(integer) } else { try container.encode(number) }
        case let .string(string):
            var container = encoder.singleValueContainer()
            try container.encode(string)
        case let .array(array):
            var container = encoder.unkeyedContainer()
            for element in array { try container.encode(element) }
        case let .object(members):
            var container = encoder.container(keyedBy: PolicyCodingKey.self)
            for (key, value) in members { try container.encode(value, forKey: PolicyCodingKey(key)) }
        }
    }
}

/// A coding key for any string, since policy keys are checked against the table, not a closed enum.
struct PolicyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension PolicyJSONValue {
    /// Parses one JSON value (top-level scalars included).
    static func parse(_ data: Data) throws(PolicyError) -> PolicyJSONValue {
        do {
            return try JSONDecoder().decode(PolicyJSONValue.self, from: data)
        } catch let error as DecodingError {
            throw PolicyError(decoding: error)
        } catch {
            throw .invalidJSON(detail: "\(error)")
        }
    }

    /// The member called `key` of an object; nil for a missing key or a value that is not an object.
    public subscript(key key: String) -> PolicyJSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// Compact JSON, or pretty with two-space indentation and one object member per line.
    /// Arrays stay on one line: policy lists are short and read better that way.
    public func serialized(pretty: Bool = false, indent: String = "") -> String {
        switch self {
        case .null: return "null"
        case let .bool(bool): return bool ? "true" : "false"
        case let .number(number): return Self.format(number)
        case let .string(string): return Self.quote(string)
        case let .array(array):
            let separator = pretty ? ", " : ","
            return "[" + array.map { $0.serialized() }.joined(separator: separator) + "]"
        case let .object(members):
            guard pretty else {
                return "{" + members.map { Self.quote($0.0) + ":" + $0.1.serialized() }.joined(separator: ",") + "}"
            }
            if members.isEmpty { return "{}" }
            let inner = indent + "  "
            let lines = members.map { inner + Self.quote($0.0) + ": " + $0.1.serialized(pretty: true, indent: inner) }
            return "{\n" + lines.joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    /// A short rendering of a value for an error message: one line, long strings cut.
    var excerpt: String {
        let text = serialized()
        let limit = 60
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "…"
    }

    private static func format(_ number: Double) -> String {
        if let integer = Int(exactly: number), abs(integer) < 1 << 53 { return String(integer) }
        // Swift prints the shortest round-tripping form, which is valid JSON for finite values.
        return number.isFinite ? "\(number)" : "null"
    }

    private static func quote(_ string: String) -> String { JSONText.quoted(string) }
}
