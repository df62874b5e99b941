/// Marks Swift types that map to PostgreSQL arrays, so an array of them nests (`{{1,2},{3,4}}`) instead of
/// being quoted as text.
protocol PostgresArrayType {}

extension Array: PostgresArrayType {}
extension Optional: PostgresArrayType where Wrapped: PostgresArrayType {}

/// PostgreSQL's array text format (`{a,"b c",NULL,{…}}`), written and read without a server.
enum PostgresArrayLiteral {
    enum Element: Equatable {
        case null
        /// An element's value, unescaped.
        case text(String)
        /// A sub-array's own literal, braces included (multi-dimensional arrays).
        case nested(String)
    }

    /// Quotes every text element, so empty strings, `NULL`, spaces, commas, braces, quotes and backslashes
    /// all survive.
    static func encode(_ elements: [Element]) -> String {
        var out: [UInt8] = []
        // The worker encodes every comment's HTML and reasons this way: one allocation, and runs without a
        // quote or backslash copied whole rather than byte by byte.
        out.reserveCapacity(elements.reduce(2) { total, element in
            switch element {
            case .null: total + 5
            case .nested(let literal): total + literal.utf8.count + 1
            case .text(let text): total + text.utf8.count + 3
            }
        })
        out.append(UInt8(ascii: "{"))
        for (index, element) in elements.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            switch element {
            case .null:
                out.append(contentsOf: "NULL".utf8)
            case .nested(let literal):
                out.append(contentsOf: literal.utf8)
            case .text(let text):
                out.append(UInt8(ascii: "\""))
                appendEscaped(text, to: &out)
                out.append(UInt8(ascii: "\""))
            }
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` with a backslash before every quote and backslash.
    private static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var runStart = 0
            var index = 0
            while index < bytes.count {
                // Eight bytes at a time past stretches with neither byte: most HTML and JSON has none.
                if index + 8 <= bytes.count,
                   !mayNeedEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                    continue
                }
                let byte = base[index]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    out.append(UInt8(ascii: "\\"))
                    runStart = index
                }
                index += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }

    /// Whether any of the eight bytes is a quote or a backslash (a byte equal to the pattern becomes zero,
    /// and a zero byte is the one whose subtraction borrows into a clear high bit).
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* UInt64(UInt8(ascii: "\""))), backslashes = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        return ((quotes &- ones) & ~quotes | (backslashes &- ones) & ~backslashes) & highs != 0
    }

    /// The top-level elements of an array literal, or nil if `text` is not one. Accepts the server's output
    /// (including a `[lower:upper]=` dimension prefix) and the looser input syntax (spaces, unquoted escapes).
    static func parse(_ text: String) -> [Element]? {
        var scanner = Scanner(bytes: Array(text.utf8))
        return scanner.parseArray()
    }

    /// Every scalar value in a literal, sub-arrays included; nil if `text` is not an array literal.
    static func leaves(of text: String) -> [String]? {
        guard let elements = parse(text) else { return nil }
        var leaves: [String] = []
        for element in elements {
            switch element {
            case .null: break
            case .text(let value): leaves.append(value)
            case .nested(let literal): leaves += self.leaves(of: literal) ?? []
            }
        }
        return leaves
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        private static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
        private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), comma = UInt8(ascii: ",")

        private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func parseArray() -> [Element]? {
            skipSpaces()
            if current == UInt8(ascii: "[") {
                guard let equals = bytes[index...].firstIndex(of: UInt8(ascii: "=")) else { return nil }
                index = equals + 1
                skipSpaces()
            }
            guard current == Self.openBrace else { return nil }
            index += 1
            var elements: [Element] = []
            skipSpaces()
            if current == Self.closeBrace {
                index += 1
                return atEnd() ? elements : nil
            }
            while true {
                skipSpaces()
                guard let element = parseElement() else { return nil }
                elements.append(element)
                skipSpaces()
                switch current {
                case Self.comma?: index += 1
                case Self.closeBrace?:
                    index += 1
                    return atEnd() ? elements : nil
                default: return nil
                }
            }
        }

        private mutating func parseElement() -> Element? {
            switch current {
            case Self.openBrace?: return parseNested()
            case Self.quote?: return parseQuoted()
            case nil: return nil
            default: return parseUnquoted()
            }
        }

        private mutating func parseNested() -> Element? {
            let start = index
            var depth = 0
            var inQuotes = false
            while let byte = current {
                index += 1
                if byte == Self.backslash {
                    index += 1
                } else if byte == Self.quote {
                    inQuotes.toggle()
                } else if !inQuotes && byte == Self.openBrace {
                    depth += 1
                } else if !inQuotes && byte == Self.closeBrace {
                    depth -= 1
                    if depth == 0 {
                        return .nested(String(decoding: bytes[start..<index], as: UTF8.self))
                    }
                }
            }
            return nil
        }

        private mutating func parseQuoted() -> Element? {
            index += 1
            var value: [UInt8] = []
            while let byte = current {
                index += 1
                if byte == Self.backslash {
                    guard let escaped = current else { return nil }
                    value.append(escaped)
                    index += 1
                } else if byte == Self.quote {
                    return .text(String(decoding: value, as: UTF8.self))
                } else {
                    value.append(byte)
                }
            }
            return nil
        }

        private mutating func parseUnquoted() -> Element? {
            var value: [UInt8] = []
            // Trailing unescaped spaces are not part of the value; escaped ones are.
            var significantCount = 0
            var hasEscapes = false
            while let byte = current, byte != Self.comma, byte != Self.closeBrace {
                index += 1
                if byte == Self.backslash {
                    guard let escaped = current else { return nil }
                    value.append(escaped)
                    index += 1
                    significantCount = value.count
                    hasEscapes = true
                } else if byte == Self.quote || byte == Self.openBrace {
                    return nil
                } else {
                    value.append(byte)
                    if !Self.isSpace(byte) { significantCount = value.count }
                }
            }
            value.removeLast(value.count - significantCount)
            guard !value.isEmpty else { return nil }
            let text = String(decoding: value, as: UTF8.self)
            // Only an unquoted, unescaped NULL is SQL NULL; `"NULL"` and `N\ULL` are the four-letter string.
            if !hasEscapes, text.uppercased() == "NULL" {
                return .null
            }
            return .text(text)
        }

        private mutating func skipSpaces() {
            while let byte = current, Self.isSpace(byte) { index += 1 }
        }

        private mutating func atEnd() -> Bool {
            skipSpaces()
            return index == bytes.count
        }

        private static func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || (0x09...0x0D).contains(byte)
        }
    }
}
