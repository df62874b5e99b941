import Foundation

/// A Swift type that can be read from a column in PostgreSQL's text output format.
public protocol PostgresDecodable {
    /// Reads the server's text output; nil when the text is not a value of this type.
    init?(postgresText text: String)
    /// The value SQL NULL decodes to, or nil when this type cannot represent NULL (the default).
    static var postgresNull: Self? { get }
}

extension PostgresDecodable {
    public static var postgresNull: Self? { nil }
}

extension String: PostgresDecodable {
    /// Any column's text: `text`, `varchar`, and also `inet`, `cidr`, `numeric`, `interval`, enums, JSON.
    @inlinable
    public init?(postgresText text: String) { self = text }
}

extension Int: PostgresDecodable {
    public init?(postgresText text: String) { self.init(text) }
}

extension Int64: PostgresDecodable {
    public init?(postgresText text: String) { self.init(text) }
}

extension Int32: PostgresDecodable {
    public init?(postgresText text: String) { self.init(text) }
}

extension Int16: PostgresDecodable {
    public init?(postgresText text: String) { self.init(text) }
}

extension Bool: PostgresDecodable {
    public init?(postgresText text: String) {
        switch text {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
}

extension Double: PostgresDecodable {
    /// Also reads `numeric`, and `NaN`/`Infinity`/`-Infinity`.
    public init?(postgresText text: String) { self.init(text) }
}

extension Date: PostgresDecodable {
    /// `timestamptz`, `timestamp` (as UTC) and `date` (midnight UTC), to the microsecond.
    public init?(postgresText text: String) {
        guard let date = PostgresTimestamp.parse(text) else { return nil }
        self = date
    }
}

extension UUID: PostgresDecodable {
    public init?(postgresText text: String) { self.init(uuidString: text) }
}

extension Data: PostgresDecodable {
    /// `bytea` in hex format (the default, and what connections request) or the older escape format.
    public init?(postgresText text: String) {
        let bytes = Array(text.utf8)
        if bytes.starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "x")]) {
            guard let data = Self.fromHex(bytes.dropFirst(2)) else { return nil }
            self = data
        } else {
            guard let data = Self.fromEscapeFormat(bytes) else { return nil }
            self = data
        }
    }

    private static func fromHex(_ digits: ArraySlice<UInt8>) -> Data? {
        guard digits.count % 2 == 0 else { return nil }
        var data = Data(capacity: digits.count / 2)
        var index = digits.startIndex
        while index < digits.endIndex {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            data.append(high << 4 | low)
            index += 2
        }
        return data
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `\\` is a backslash and `\ooo` an octal byte; everything else stands for itself.
    private static func fromEscapeFormat(_ bytes: [UInt8]) -> Data? {
        var data = Data(capacity: bytes.count)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\\") else {
                data.append(bytes[index])
                index += 1
                continue
            }
            if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\") {
                data.append(UInt8(ascii: "\\"))
                index += 2
                continue
            }
            guard index + 3 < bytes.count else { return nil }
            var value: UInt16 = 0
            for offset in 1...3 {
                let digit = bytes[index + offset]
                guard (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(digit) else { return nil }
                value = value * 8 + UInt16(digit - UInt8(ascii: "0"))
            }
            guard value <= 0xFF else { return nil }
            data.append(UInt8(value))
            index += 4
        }
        return data
    }
}

// Inlinable, so a caller's `decode(String?.self, …)` is specialized where it is written. Called through the
// generic conformance instead, every decoded nullable column instantiated Optional's metadata at run time:
// 5.5 % of the worker's own CPU in a 300k drain, for the claim's seven nullable columns per comment.
extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    @inlinable
    public init?(postgresText text: String) {
        guard let value = Wrapped(postgresText: text) else { return nil }
        self = .some(value)
    }

    @inlinable
    public static var postgresNull: Self? { .some(.none) }
}

extension Array: PostgresDecodable where Element: PostgresDecodable {
    /// A one- or multi-dimensional array (`[[Int]]`); NULL elements need an Optional element type.
    public init?(postgresText text: String) {
        guard let elements = PostgresArrayLiteral.parse(text) else { return nil }
        let nested = Element.self is any PostgresArrayType.Type
        var values: [Element] = []
        values.reserveCapacity(elements.count)
        for element in elements {
            let value: Element?
            switch element {
            case .null: value = Element.postgresNull
            case .text(let text): value = nested ? nil : Element(postgresText: text)
            case .nested(let literal): value = nested ? Element(postgresText: literal) : nil
            }
            guard let value else { return nil }
            values.append(value)
        }
        self = values
    }
}
