/// JSON string literals (RFC 8259) for the places that write JSON by hand: log lines, stored reasons,
/// policy documents. Quote, backslash and controls (C0, DEL, C1) are escaped, and so are U+2028/U+2029,
/// so an output line stays one line for every reader; everything else is written as UTF-8.
public enum JSONText {
    public static func quoted(_ text: String) -> String {
        var out = ""
        appendQuoted(text, to: &out)
        return out
    }

    public static func appendQuoted(_ text: String, to out: inout String) {
        out += "\""
        let scalars = text.unicodeScalars
        var plainStart = scalars.startIndex
        var index = plainStart
        // Runs that need no escape are copied whole: most text has nothing to escape.
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if let escape = escape(scalar) {
                out.unicodeScalars.append(contentsOf: scalars[plainStart..<index])
                out += escape
                plainStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        out.unicodeScalars.append(contentsOf: scalars[plainStart..<scalars.endIndex])
        out += "\""
    }

    @inline(__always)
    private static func escape(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x22: return "\\\""
        case 0x5C: return "\\\\"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: return nil
        }
    }
}
