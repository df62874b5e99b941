/// Finds the `$n` parameter placeholders in SQL text the way PostgreSQL's lexer does: not inside string
/// literals (`'…'`, `E'…'`), quoted identifiers, dollar-quoted bodies or comments, and not as part of an
/// identifier such as `a$1`.
enum SQLPlaceholders {
    /// `sql` with every placeholder `$n` replaced by `$(n + offset)`.
    static func renumber(_ sql: String, offset: Int) -> String {
        guard offset != 0, sql.utf8.contains(UInt8(ascii: "$")) else { return sql }
        let bytes = Array(sql.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            var end = index + 1
            switch byte {
            case UInt8(ascii: "'"):
                let escapes = index > 0 && (bytes[index - 1] | 0x20) == UInt8(ascii: "e")
                    && (index < 2 || !isIdentifierByte(bytes[index - 2]))
                end = endOfQuoted(bytes, from: index, quote: byte, backslashEscapes: escapes)
            case UInt8(ascii: "\""):
                end = endOfQuoted(bytes, from: index, quote: byte, backslashEscapes: false)
            case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
                end = bytes[index...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                end = endOfBlockComment(bytes, from: index)
            case UInt8(ascii: "$") where index == 0 || !isIdentifierByte(bytes[index - 1]):
                if isDigit(next) {
                    end = index + 1
                    var number = 0
                    while end < bytes.count, isDigit(bytes[end]) {
                        number = number &* 10 &+ Int(bytes[end] - UInt8(ascii: "0"))
                        end += 1
                    }
                    out.append(UInt8(ascii: "$"))
                    out.append(contentsOf: String(number + offset).utf8)
                    index = end
                    continue
                }
                end = endOfDollarQuoted(bytes, from: index)
            default:
                if isIdentifierByte(byte) {
                    // Consume the whole identifier so a `$` inside it is never read as a placeholder.
                    while end < bytes.count, isIdentifierByte(bytes[end]) || bytes[end] == UInt8(ascii: "$") {
                        end += 1
                    }
                }
            }
            out.append(contentsOf: bytes[index..<end])
            index = end
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Letters, digits, `_` and any non-ASCII byte (PostgreSQL treats those as identifier characters).
    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || isDigit(byte) || byte == UInt8(ascii: "_")
            || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    /// Index just past the closing quote; a doubled quote is an escaped quote.
    private static func endOfQuoted(_ bytes: [UInt8], from start: Int, quote: UInt8, backslashEscapes: Bool) -> Int {
        var index = start + 1
        while index < bytes.count {
            if backslashEscapes && bytes[index] == UInt8(ascii: "\\") {
                index += 2
            } else if bytes[index] == quote {
                if index + 1 < bytes.count && bytes[index + 1] == quote {
                    index += 2
                } else {
                    return index + 1
                }
            } else {
                index += 1
            }
        }
        return bytes.count
    }

    /// Block comments nest in PostgreSQL.
    private static func endOfBlockComment(_ bytes: [UInt8], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "/") && bytes[index + 1] == UInt8(ascii: "*") {
                depth += 1
                index += 2
            } else if bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/") {
                depth -= 1
                index += 2
                if depth == 0 { return index }
            } else {
                index += 1
            }
        }
        return bytes.count
    }

    /// For `$tag$ … $tag$` (tag possibly empty), the index past the closing delimiter; for a lone `$`, the
    /// next index.
    private static func endOfDollarQuoted(_ bytes: [UInt8], from start: Int) -> Int {
        var tagEnd = start + 1
        while tagEnd < bytes.count, isIdentifierByte(bytes[tagEnd]) { tagEnd += 1 }
        guard tagEnd < bytes.count, bytes[tagEnd] == UInt8(ascii: "$"), tagEnd == start + 1 || !isDigit(bytes[start + 1])
        else { return start + 1 }
        let delimiter = bytes[start...tagEnd]
        var index = tagEnd + 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "$"), bytes[index...].starts(with: delimiter) {
                return index + delimiter.count
            }
            index += 1
        }
        return bytes.count
    }
}
