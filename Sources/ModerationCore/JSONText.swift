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
        var text = text
        // Most text has nothing to escape and is appended whole.
        guard text.withUTF8({ nextEscape(in: $0, from: 0) }) != nil else {
            out += "\""
            out += text
            out += "\""
            return
        }
        var bytes: [UInt8] = []
        appendQuoted(text, to: &bytes)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// The same, as UTF-8 bytes, for writers that build a whole document before making it a String.
    /// Working on UTF-8 rather than on scalars matters: the worker quotes every reason of every comment,
    /// and the scalar view's generic append once cost more than judging the comment.
    public static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        var text = text
        text.withUTF8 { bytes in
            var plainStart = 0
            while let (index, length) = nextEscape(in: bytes, from: plainStart) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<index]))
                appendEscape(of: bytes, at: index, length: length, to: &out)
                plainStart = index + length
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart...]))
        }
        out.append(0x22)
    }

    /// The first character from `start` on that must be escaped: its offset and UTF-8 length.
    private static func nextEscape(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int, Int)? {
        var index = start
        while index < bytes.count {
            if let length = escapedLength(bytes, at: index) { return (index, length) }
            index += 1
        }
        return nil
    }

    /// The UTF-8 length of the character at `index` when it must be escaped: quote, backslash, C0, DEL,
    /// C1 (U+0080–U+009F, C2 80–C2 9F) and U+2028/U+2029 (E2 80 A8/A9). Nil for everything else.
    @inline(__always)
    private static func escapedLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let byte = bytes[index]
        switch byte {
        case 0..<0x20, 0x22, 0x5C, 0x7F:
            return 1
        case 0xC2:
            return index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1]) ? 2 : nil
        case 0xE2:
            return index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)
                ? 3 : nil
        default:
            return nil
        }
    }

    private static func appendEscape(of bytes: UnsafeBufferPointer<UInt8>, at index: Int, length: Int, to out: inout [UInt8]) {
        let value: UInt32
        switch length {
        case 1: value = UInt32(bytes[index])
        case 2: value = UInt32(bytes[index + 1])  // C2 xx is U+00xx
        default: value = 0x2000 | UInt32(bytes[index + 2] & 0x3F)  // E2 80 A8/A9 is U+2028/U+2029
        }
        switch value {
        case 0x22: out.append(contentsOf: [0x5C, 0x22])
        case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
        case 0x0D: out.append(contentsOf: [0x5C, 0x72])
        case 0x09: out.append(contentsOf: [0x5C, 0x74])
        default:
            // \uXXXX with upper-case hex digits.
            out.append(contentsOf: [0x5C, 0x75])
            for shift in stride(from: 12, through: 0, by: -4) {
                let digit = UInt8((value >> UInt32(shift)) & 0xF)
                out.append(digit < 10 ? 0x30 + digit : 0x37 + digit)
            }
        }
    }
}
