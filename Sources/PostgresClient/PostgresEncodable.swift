import Foundation

/// A Swift value that can be bound to a `$n` parameter: it is sent in PostgreSQL's text input format with type
/// OID 0, so the server infers the type from context (add a cast such as `\(ids)::bigint[]` where it cannot).
public protocol PostgresEncodable: Sendable {
    /// The value in PostgreSQL's text input format, or nil for SQL NULL.
    func postgresText() throws -> String?

    /// The value in PostgreSQL's binary format, for the few values whose text form would cost the server a
    /// long parse (see `PostgresBinaryArray`); nil, the default, sends `postgresText()`.
    func postgresBinary() throws -> [UInt8]?
}

extension PostgresEncodable {
    public func postgresBinary() throws -> [UInt8]? { nil }
}

extension String: PostgresEncodable {
    public func postgresText() -> String? { self }
}

extension Substring: PostgresEncodable {
    public func postgresText() -> String? { String(self) }
}

extension Int: PostgresEncodable {
    public func postgresText() -> String? { String(self) }
}

extension Int64: PostgresEncodable {
    public func postgresText() -> String? { String(self) }
}

extension Int32: PostgresEncodable {
    public func postgresText() -> String? { String(self) }
}

extension Int16: PostgresEncodable {
    public func postgresText() -> String? { String(self) }
}

extension Bool: PostgresEncodable {
    public func postgresText() -> String? { self ? "true" : "false" }
}

extension Double: PostgresEncodable {
    /// Swift's shortest round-trip form, which `float8` reads back exactly; non-finite values use the
    /// spellings PostgreSQL documents.
    public func postgresText() -> String? {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return String(self)
    }
}

extension Date: PostgresEncodable {
    /// ISO 8601 in UTC with microseconds, e.g. `2024-05-01 12:30:00.123456+00`.
    public func postgresText() throws -> String? {
        try PostgresTimestamp.format(self)
    }
}

extension UUID: PostgresEncodable {
    public func postgresText() -> String? { uuidString }
}

extension Data: PostgresEncodable {
    /// `bytea` hex format: `\x` followed by two hex digits per byte.
    public func postgresText() -> String? {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        text.reserveCapacity(2 + count * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public func postgresText() throws -> String? {
        try self?.postgresText() ?? nil
    }
}

extension Array: PostgresEncodable where Element: PostgresEncodable {
    /// A one- or multi-dimensional array literal: every element quoted and escaped, nil as `NULL`.
    public func postgresText() throws -> String? {
        let nested = Element.self is any PostgresArrayType.Type
        var elements: [PostgresArrayLiteral.Element] = []
        elements.reserveCapacity(count)
        for element in self {
            switch try element.postgresText() {
            case nil: elements.append(.null)
            case let text?: elements.append(nested ? .nested(text) : .text(text))
            }
        }
        return PostgresArrayLiteral.encode(elements)
    }
}
