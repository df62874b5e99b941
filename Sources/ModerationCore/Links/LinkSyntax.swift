/// Where a link written in plain text starts and ends, decided over UTF-8 bytes. The link counter and the
/// HTML renderer both use it, so the links a moderator is told about are the links readers can click.
///
/// The rules follow GitHub-flavoured Markdown's extended autolinks: a link runs until whitespace, a control
/// character, `<`, `>`, `"` or a backtick (plus typographic quotes and CJK punctuation, which cannot stand
/// unencoded in a URL but often follow one in running text); then trailing `.,:;!?'*_~`, `’`, `…` and
/// unbalanced closing brackets are given back to the sentence, so "see https://x.org/a." and
/// "(https://x.org/a)" end where a reader expects.
enum LinkSyntax {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The end (exclusive) of an `http://` or `https://` URL starting at `start`, if one starts there.
    static func schemeURLEnd(in bytes: Bytes, at start: Int) -> Int? {
        guard isWordStart(bytes, start) else { return nil }
        var index = start
        guard matchesIgnoringCase(bytes, at: index, "http") else { return nil }
        index += 4
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "s") { index += 1 }
        guard matchesIgnoringCase(bytes, at: index, "://") else { return nil }
        let hostStart = index + 3
        guard startsHost(bytes, hostStart) || (hostStart < bytes.count && bytes[hostStart] == UInt8(ascii: "[")) else {
            return nil
        }
        let end = trimmedEnd(bytes, start: start, end: extentEnd(bytes, from: hostStart))
        return end > hostStart ? end : nil
    }

    /// The end (exclusive) of a `www.` link starting at `start`, if one starts there.
    static func wwwEnd(in bytes: Bytes, at start: Int) -> Int? {
        guard isWordStart(bytes, start), start == 0 || !isPartOfName(bytes[start - 1]),
            matchesIgnoringCase(bytes, at: start, "www."),
            startsHost(bytes, start + 4)
        else { return nil }
        let end = trimmedEnd(bytes, start: start, end: extentEnd(bytes, from: start + 4))
        return end > start + 4 ? end : nil
    }

    /// Where a link starting at `from` runs into a terminator (before any trailing punctuation is trimmed).
    static func extentEnd(_ bytes: Bytes, from: Int) -> Int {
        var index = from
        while index < bytes.count {
            // Most of a link is ASCII that goes on: it is stepped over sixteen bytes at a time, and only an
            // ASCII terminator or a non-ASCII character is looked at.
            index = firstPossibleTerminator(bytes, from: index)
            guard index < bytes.count else { break }
            let length = terminatorLength(bytes, at: index)
            if length > 0 { return index }
            index += max(1, -length)
        }
        return index
    }

    /// The first index from `from` of an ASCII byte that ends a link (see ``terminatorLength(_:at:)``) or of
    /// a non-ASCII byte, which may; the end of `bytes` when there is none.
    @inline(__always)
    private static func firstPossibleTerminator(_ bytes: Bytes, from: Int) -> Int {
        BlockScan.firstIndex(
            in: bytes, from..<bytes.count,
            block: { base, index in
                let block = BlockScan.load(base, at: index)
                // `<` and `>` (0x3C, 0x3E) are the bytes equal to `>` once bit 1 is set; DEL and the
                // non-ASCII bytes are one range.
                return BlockScan.inRange(block, 0x00, 0x20) .| BlockScan.inRange(block, 0x7F, 0xFF)
                    .| BlockScan.equal(block | BlockScan.splat(0x02), UInt8(ascii: ">"))
                    .| BlockScan.equal(block, UInt8(ascii: "\"")) .| BlockScan.equal(block, UInt8(ascii: "`"))
            },
            matches: { index in
                let byte = bytes[index]
                return byte >= 0x7F || terminatorLength(bytes, at: index) > 0
            })
    }

    /// `end` moved back over punctuation that belongs to the sentence rather than the link.
    static func trimmedEnd(_ bytes: Bytes, start: Int, end: Int) -> Int {
        var end = end
        // Opened minus closed, per bracket kind: ( [ {. Most links have none: the bytes before the first
        // are stepped over sixteen at a time.
        var open = (0, 0, 0)
        let firstBracket = BlockScan.firstIndex(
            in: bytes, start..<end,
            block: { base, index in
                let block = BlockScan.load(base, at: index)
                // `(` and `)` are the bytes equal to `)` once bit 0 is set; `[`, `]`, `{` and `}` those equal
                // to `{` or `}` once bit 5 is.
                let folded = block | BlockScan.splat(0x20)
                return BlockScan.equal(block | BlockScan.splat(0x01), UInt8(ascii: ")"))
                    .| BlockScan.equal(folded, UInt8(ascii: "{")) .| BlockScan.equal(folded, UInt8(ascii: "}"))
            },
            matches: { index in
                switch bytes[index] {
                case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                    UInt8(ascii: "}"):
                    true
                default: false
                }
            })
        for index in firstBracket..<end {
            switch bytes[index] {
            case UInt8(ascii: "("): open.0 += 1
            case UInt8(ascii: ")"): open.0 -= 1
            case UInt8(ascii: "["): open.1 += 1
            case UInt8(ascii: "]"): open.1 -= 1
            case UInt8(ascii: "{"): open.2 += 1
            case UInt8(ascii: "}"): open.2 -= 1
            default: break
            }
        }
        while end > start {
            let last = bytes[end - 1]
            switch last {
            case UInt8(ascii: ")"):
                guard open.0 < 0 else { return end }
                open.0 += 1
                end -= 1
            case UInt8(ascii: "]"):
                guard open.1 < 0 else { return end }
                open.1 += 1
                end -= 1
            case UInt8(ascii: "}"):
                guard open.2 < 0 else { return end }
                open.2 += 1
                end -= 1
            case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "!"),
                UInt8(ascii: "?"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                end -= 1
            case _ where (last == 0x99 || last == 0xA6) && end - start >= 3 && bytes[end - 3] == 0xE2
                && bytes[end - 2] == 0x80:
                end -= 3  // U+2019 ’ and U+2026 …
            default:
                return end
            }
        }
        return end
    }

    /// Whether a link may begin at `index`: not glued to a preceding ASCII letter or digit ("xhttp://" is
    /// not a URL). Any non-ASCII character may precede one, as Chinese or Japanese text has no spaces.
    static func isWordStart(_ bytes: Bytes, _ index: Int) -> Bool {
        index == 0 || !isASCIIAlphanumeric(bytes[index - 1])
    }

    /// Whether a host name can start at `index`: an ASCII letter or digit, or a non-ASCII character that
    /// does not end a link.
    static func startsHost(_ bytes: Bytes, _ index: Int) -> Bool {
        guard index < bytes.count else { return false }
        let byte = bytes[index]
        if byte < 0x80 { return isASCIIAlphanumeric(byte) }
        return terminatorLength(bytes, at: index) < 0
    }

    /// For the character at `index`: its byte length when it ends a link, or minus its byte length when
    /// it does not.
    static func terminatorLength(_ bytes: Bytes, at index: Int) -> Int {
        let byte = bytes[index]
        if byte < 0x80 {
            let ends = byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "`")
            return ends ? 1 : -1
        }
        let (scalar, length) = decodeScalar(bytes, at: index)
        return endsLink(scalar) ? length : -length
    }

    /// Kept out of line: looking up Unicode properties makes the caller fetch type metadata on every
    /// call, ASCII included.
    @inline(never)
    private static func endsLink(_ scalar: Unicode.Scalar) -> Bool {
        let properties = ScalarPropertyCache.shared.properties(of: scalar)
        if properties.isWhitespace || isNonASCIITerminator(scalar.value) { return true }
        switch properties.category {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// The scalar whose UTF-8 encoding starts at `index` and its length in bytes. The bytes come from a
    /// Swift `String`, so they are valid UTF-8; a stray continuation byte still decodes to U+FFFD.
    static func decodeScalar(_ bytes: Bytes, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        // Each length spelled out: a loop over the continuation bytes costs more than the decoding.
        let value: UInt32
        let length: Int
        if lead < 0xC0 {
            return ("\u{FFFD}", 1)
        } else if lead < 0xE0 {
            guard index &+ 2 <= bytes.count else { return ("\u{FFFD}", 1) }
            value = UInt32(lead & 0x1F) &<< 6 | UInt32(bytes[index &+ 1] & 0x3F)
            length = 2
        } else if lead < 0xF0 {
            guard index &+ 3 <= bytes.count else { return ("\u{FFFD}", 1) }
            value = UInt32(lead & 0x0F) &<< 12 | UInt32(bytes[index &+ 1] & 0x3F) &<< 6 | UInt32(bytes[index &+ 2] & 0x3F)
            length = 3
        } else {
            guard index &+ 4 <= bytes.count else { return ("\u{FFFD}", 1) }
            value = UInt32(lead & 0x07) &<< 18 | UInt32(bytes[index &+ 1] & 0x3F) &<< 12
                | UInt32(bytes[index &+ 2] & 0x3F) &<< 6 | UInt32(bytes[index &+ 3] & 0x3F)
            length = 4
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// The length in bytes of the scalar at `index`, as ``decodeScalar(_:at:)`` gives it, read from its
    /// lead byte alone: stepping over a character needs no decoding.
    @inline(__always)
    static func scalarLength(_ bytes: Bytes, at index: Int) -> Int {
        let lead = bytes[index]
        let length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        return index &+ length <= bytes.count ? length : 1
    }

    static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }

    /// Whether `bytes` at `index` spell the lower-case ASCII `word`, ignoring ASCII case.
    static func matchesIgnoringCase(_ bytes: Bytes, at index: Int, _ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard index >= 0, index + length <= bytes.count else { return false }
        let letters = word.utf8Start
        for offset in 0..<length {
            var byte = bytes[index + offset]
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if byte != letters[offset] { return false }
        }
        return true
    }

    /// Characters that glue a `www.` to a longer name or address: "a.www.x.org", "me@www.x.org".
    private static func isPartOfName(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "@"), UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "_"),
            UInt8(ascii: "-"):
            true
        default: false
        }
    }

    /// Typographic quotes and CJK punctuation: a URL holds them only percent-encoded. A switch rather than
    /// a set: no hashing per look-up, and nothing to build on first use.
    private static func isNonASCIITerminator(_ value: UInt32) -> Bool {
        switch value {
        case 0x00AB, 0x00BB, 0x201C, 0x201D, 0x201E, 0x2039, 0x203A,  // « » “ ” „ ‹ ›
            0x3001, 0x3002, 0x3008, 0x3009, 0x300A, 0x300B, 0x300C, 0x300D, 0x300E, 0x300F, 0x3010, 0x3011,  // 、。〈〉《》「」『』【】
            0xFF01, 0xFF08, 0xFF09, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF1F:  // ！（），：；？
            true
        default:
            false
        }
    }
}
