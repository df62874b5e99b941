#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-dimensional array parameter sent in PostgreSQL's binary array format rather than as a text literal.
///
/// The server reads a text literal (`{"<p>…</p>","…"}`) character by character to find quotes, backslashes
/// and commas before it copies each element; in the binary format every element comes with its length, so
/// the server copies it whole. That matters for large arrays of long texts, such as the HTML of a batch
/// of comments. The statement must give the parameter its array type with a cast (`\(html)::text[]`),
/// because binary data carries no type the server could infer; a cast to another array type fails with
/// "binary data has array element type 25 (text) instead of expected 20 (bigint)".
public struct PostgresBinaryArray: PostgresEncodable {
    enum Elements: Sendable {
        case boolean([Bool])
        case bigint([Int64])
        case text([String?])
        case jsonb([String?])
    }

    let elements: Elements

    /// A `boolean[]`.
    public static func boolean(_ values: [Bool]) -> PostgresBinaryArray {
        PostgresBinaryArray(elements: .boolean(values))
    }

    /// A `bigint[]`.
    public static func bigint(_ values: [Int64]) -> PostgresBinaryArray {
        PostgresBinaryArray(elements: .bigint(values))
    }

    /// A `text[]` (nil elements are NULL).
    public static func text(_ values: [String?]) -> PostgresBinaryArray {
        PostgresBinaryArray(elements: .text(values))
    }

    /// A `jsonb[]` of JSON texts (nil elements are NULL); the server parses and checks each one.
    public static func jsonb(_ values: [String?]) -> PostgresBinaryArray {
        PostgresBinaryArray(elements: .jsonb(values))
    }

    /// The same array as a text literal.
    public func postgresText() throws -> String? {
        switch elements {
        case .boolean(let values): try values.postgresText()
        case .bigint(let values): try values.postgresText()
        case .text(let values), .jsonb(let values): try values.postgresText()
        }
    }

    public func postgresBinary() throws -> [UInt8]? {
        switch elements {
        case .boolean(let values):
            var out = Self.header(count: values.count, hasNull: false, elementType: 16, capacity: values.count * 5)
            for value in values {
                Self.append(Int32(1), to: &out)
                out.append(value ? 1 : 0)
            }
            return out
        case .bigint(let values):
            var out = Self.header(count: values.count, hasNull: false, elementType: 20, capacity: values.count * 12)
            for value in values {
                Self.append(Int32(8), to: &out)
                Self.append(UInt64(bitPattern: value), to: &out)
            }
            return out
        case .text(let values):
            return try Self.encode(values, elementType: 25, versionByte: nil)
        case .jsonb(let values):
            // jsonb's binary form is a format version (1) followed by the JSON text.
            return try Self.encode(values, elementType: 3802, versionByte: 1)
        }
    }

    /// Every element as text, for hiding values from error messages.
    var leaves: [String] {
        switch elements {
        case .boolean: []
        case .bigint(let values): values.map { String($0) }
        case .text(let values), .jsonb(let values): values.compactMap { $0 }
        }
    }

    private static func encode(_ values: [String?], elementType: UInt32, versionByte: UInt8?) throws -> [UInt8] {
        let extra = versionByte == nil ? 0 : 1
        var capacity = 0
        var hasNull = false
        for value in values {
            capacity += 4 + (value?.utf8.count ?? 0) + extra
            hasNull = hasNull || value == nil
        }
        var out = header(count: values.count, hasNull: hasNull, elementType: elementType, capacity: capacity)
        for (index, value) in values.enumerated() {
            guard var value else {
                append(Int32(-1), to: &out)
                continue
            }
            let added: Bool = value.withUTF8 { bytes in
                // Text cannot hold NUL: refused here with the element's position, not by the server.
                if let base = bytes.baseAddress, memchr(base, 0, bytes.count) != nil { return false }
                guard let length = Int32(exactly: bytes.count + extra) else { return false }
                append(length, to: &out)
                if let versionByte { out.append(versionByte) }
                out.append(contentsOf: bytes)
                return true
            }
            guard added else {
                throw PostgresError(
                    kind: .encoding,
                    message: "array element \(index + 1) contains a NUL byte (U+0000), which PostgreSQL text cannot store")
            }
        }
        return out
    }

    /// Dimensions, NULL flag and element type; an empty array has no dimension.
    private static func header(count: Int, hasNull: Bool, elementType: UInt32, capacity: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(20 + capacity)
        append(Int32(count == 0 ? 0 : 1), to: &out)
        append(Int32(hasNull ? 1 : 0), to: &out)
        append(elementType, to: &out)
        if count > 0 {
            append(Int32(clamping: count), to: &out)
            append(Int32(1), to: &out)  // lower bound
        }
        return out
    }

    private static func append(_ value: some FixedWidthInteger, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { out.append(contentsOf: $0) }
    }
}
