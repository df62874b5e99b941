/// Any JSON value, read only to explain a line that failed to decode: what was found at the failing path.
enum CheckJSONShape: Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([CheckJSONShape])
    case object([String: CheckJSONShape])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([CheckJSONShape].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: CheckJSONShape].self))
        }
    }

    /// The value a decoding error's coding path points at.
    func value(at path: [any CodingKey]) -> CheckJSONShape? {
        var current = self
        for key in path {
            switch current {
            case let .object(members):
                guard let next = members[key.stringValue] else { return nil }
                current = next
            case let .array(elements):
                guard let index = key.intValue, elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The path and value of the first number, depth first, for which `matches(key, value)` holds, `key`
    /// being the name of the object member holding it.
    func firstNumber(where matches: (String, Double) -> Bool) -> ([any CodingKey], CheckJSONShape)? {
        var stack: [([any CodingKey], CheckJSONShape)] = [([], self)]
        while let (path, value) = stack.popLast() {
            switch value {
            case let .object(members):
                for (key, member) in members.sorted(by: { $0.key > $1.key }) {
                    if case let .number(number) = member, matches(key, number) { return (path + [CheckCodingKey(key)], member) }
                    stack.append((path + [CheckCodingKey(key)], member))
                }
            case let .array(elements):
                for (index, element) in elements.enumerated().reversed() {
                    stack.append((path + [CheckCodingKey(index)], element))
                }
            default:
                break
            }
        }
        return nil
    }

    /// `null`, `true`, `an array`, `an object`, or a number or string quoted back (shortened when long).
    var summary: String {
        switch self {
        case .null: "null"
        case let .bool(bool): String(bool)
        case let .number(number):
            "a number (\(number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)))"
        case let .string(string): "a string (\(Self.excerpt(string)))"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// What a Swift type means in JSON terms, for "expected …".
    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is [Any].Type: "an array"
        case is [String: Any].Type: "an object"
        default: "a value of type \(type)"
        }
    }

    private static func excerpt(_ text: String) -> String {
        let limit = 40
        var quoted = ""
        for scalar in text.unicodeScalars.prefix(limit) {
            quoted += scalar.escaped(asASCII: false)
        }
        return "\"" + quoted + (text.unicodeScalars.count > limit ? "…" : "") + "\""
    }
}

/// A coding key built from a name or an index, for paths found by walking a `CheckJSONShape`.
struct CheckCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(_ name: String) {
        stringValue = name
        intValue = nil
    }

    init(_ index: Int) {
        stringValue = String(index)
        intValue = index
    }

    init?(stringValue: String) { self.init(stringValue) }

    init?(intValue: Int) { self.init(intValue) }
}
