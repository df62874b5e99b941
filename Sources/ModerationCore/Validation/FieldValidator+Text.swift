import ByteMasks

extension FieldValidator {
    // Every field, the 64 KB body included, is read here before anything else looks at it, so these read
    // UTF-8 bytes: looking up a scalar's Unicode properties costs a table search, and ASCII, where nearly
    // all the bytes of a comment are, needs none.

    /// `text` without leading and trailing Unicode white space; the same string when there is none.
    static func trimmed(_ text: String) -> String {
        TrimmedField(text, multiline: false).string(of: text)
    }

    /// Whether `text` is empty once white space and default-ignorable characters are left out.
    static func isBlank(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isBlank($0) }
    }

    /// The first control character (general category Cc) that a field may not hold: anything but tab, and
    /// in a `multiline` field line feed and a carriage return starting a CRLF. A lone or trailing CR is
    /// reported as CR.
    static func refusedControlCharacter(in text: String, multiline: Bool) -> Unicode.Scalar? {
        var text = text
        return text.withUTF8 { refusedControlCharacter(in: $0, multiline: multiline) }
    }

    /// The number of Unicode scalars in `text`.
    static func scalarCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { scalarCount($0) }
    }

    /// The bytes of `bytes` (valid UTF-8) left once leading and trailing Unicode white space is trimmed;
    /// nil when nothing is left.
    static func trimmedRange(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        // Most fields start and end with a printable ASCII character, which is never white space.
        if let first = bytes.first, let last = bytes.last, first &- 0x21 < 0x5F, last &- 0x21 < 0x5F {
            return 0..<bytes.count
        }
        var start = 0
        while start < bytes.count {
            let (isSpace, length) = whiteSpace(bytes, at: start)
            guard isSpace else { break }
            start += length
        }
        guard start < bytes.count else { return nil }
        var end = bytes.count
        while end > start {
            var lead = end - 1
            while bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
            guard whiteSpace(bytes, at: lead).0 else { break }
            end = lead
        }
        return start..<end
    }

    /// Whether `bytes` are printable ASCII and spaces, neither starting nor ending with a space: a one-line
    /// value with nothing to trim, not blank, and without a control character.
    @inline(__always)
    static func isPrintableASCIILine(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard count > 0, let base = UnsafeRawPointer(bytes.baseAddress), bytes[0] &- 0x21 < 0x5E,
              bytes[count &- 1] &- 0x21 < 0x5E
        else { return false }
        guard count >= 8 else {
            guard count >= 4 else { return bytes.allSatisfy { $0 &- 0x20 < 0x5F } }
            // Two words of four bytes, the first and the last.
            let words = UInt64(base.loadUnaligned(as: UInt32.self))
                | UInt64(base.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)) &<< 32
            return outsidePrintable(words) == 0
        }
        // Eight bytes a word, the last word ending with the value (its first bytes seen twice).
        var outside: UInt64 = 0
        var offset = 0
        while offset &+ 8 < count {
            outside |= outsidePrintable(base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset &+= 8
        }
        outside |= outsidePrintable(base.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
        return outside == 0
    }

    /// Non-zero when a byte of `word` lies outside 0x20...0x7E: one below 0x20 borrows into its top bit,
    /// 0x7F carries into it, and 0x80 and above have it. A borrow or carry passed to the next byte comes
    /// only from such a byte, which is flagged itself.
    @inline(__always)
    private static func outsidePrintable(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        return ((word &- ones &* 0x20) | (word &+ ones) | word) & (ones &* 0x80)
    }

    /// Whether `bytes` (valid UTF-8) are empty once white space and default-ignorable characters are left
    /// out.
    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // No ASCII character is default-ignorable, so the first ASCII one that is not white space decides.
        // The scalars are read in place, up to the first that shows: a body rarely needs more than one.
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                guard isASCIIWhiteSpace(byte) else { return false }
                index += 1
                continue
            }
            let (scalar, length) = LinkSyntax.decodeScalar(bytes, at: index)
            guard scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint else { return false }
            index += length
        }
        return true
    }

    /// `refusedControlCharacter(in:multiline:)` on valid UTF-8.
    static func refusedControlCharacter(in bytes: UnsafeBufferPointer<UInt8>, multiline: Bool) -> Unicode.Scalar? {
        // Cc is exactly U+0000–U+001F, U+007F and U+0080–U+009F, the last encoded C2 80–C2 9F: a byte
        // loop finds every one without decoding.
        var previousIsCR = false
        var index = 0
        while index < bytes.count {
            if !previousIsCR {
                // Nothing to see before the next byte that may be refused or may lead to one.
                index = firstMaybeRefused(bytes, from: index, multiline: multiline)
                guard index < bytes.count else { break }
            }
            let byte = bytes[index]
            // A CR is judged when the next character shows whether it starts a CRLF.
            if previousIsCR, !(multiline && byte == 0x0A) { return "\r" }
            previousIsCR = byte == 0x0D
            index += 1
            if byte >= 0x20 && byte != 0x7F {
                if byte == 0xC2, index < bytes.count, bytes[index] < 0xA0 {
                    return Unicode.Scalar(bytes[index])
                }
                continue
            }
            if byte == 0x09 || byte == 0x0D || (multiline && byte == 0x0A) { continue }
            return Unicode.Scalar(byte)
        }
        return previousIsCR ? "\r" : nil
    }

    /// The first index from `start` of a control character other than tab (and, when `multiline`, line
    /// feed), DEL or a C2 lead byte, or `bytes.count`. The body is a kilobyte of prose with line breaks:
    /// sixty-four bytes are tested at a time (`cm_refused64`, which looks closer only at blocks holding a
    /// control character), and an allowed line feed does not stop the search.
    @inline(__always)
    static func firstMaybeRefused(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, multiline: Bool) -> Int {
        let count = bytes.count
        guard start < count, let base = UnsafeRawPointer(bytes.baseAddress) else { return count }
        // Tab is allowed everywhere, line feed in a multiline field: the second allowed byte is a tab again
        // in a one-line field, so one comparison serves both.
        let allowed = BlockScan.splat(multiline ? 0x0A : 0x09)
        @inline(__always)
        func maybeRefused(_ block: BlockScan.Block) -> BlockScan.Mask {
            let control = BlockScan.inRange(block, 0x00, 0x1F) .& .!(BlockScan.equal(block, 0x09) .| (block .== allowed))
            return control .| BlockScan.equal(block, 0x7F) .| BlockScan.equal(block, 0xC2)
        }
        var index = start
        let pointer = base.assumingMemoryBound(to: UInt8.self)
        while index &+ 64 <= count {
            let refused = cm_refused64(pointer + index, multiline ? 0x0A : 0x09)
            if refused != 0 { return index &+ refused.trailingZeroBitCount }
            index &+= 64
        }
        while index &+ 16 <= count {
            if let lane = BlockScan.firstLane(maybeRefused(BlockScan.load(base, at: index))) { return index &+ lane }
            index &+= 16
        }
        // The last bytes, fewer than sixteen: in the block that ends with the field when the field has
        // one (its lanes before `index` were passed already), else one by one (copying a short field into
        // a block costs more than reading it).
        if index < count, count >= 16 {
            let blockStart = count &- 16
            let lanes = BlockScan.bits(maybeRefused(BlockScan.load(base, at: blockStart))) &>> (index &- blockStart)
            return lanes == 0 ? count : index &+ lanes.trailingZeroBitCount
        }
        while index < count {
            let byte = bytes[index]
            if (byte < 0x20 && byte != 0x09 && !(multiline && byte == 0x0A)) || byte == 0x7F || byte == 0xC2 { return index }
            index &+= 1
        }
        return count
    }

    /// The number of Unicode scalars: UTF-8 bytes that are not continuation bytes.
    static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var continuations = 0
        for byte in bytes where byte & 0xC0 == 0x80 { continuations += 1 }
        return bytes.count - continuations
    }

    /// Whether the character at `index` is white space, and its length in bytes.
    @inline(__always)
    private static func whiteSpace(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Bool, Int) {
        let byte = bytes[index]
        if byte < 0x80 { return (isASCIIWhiteSpace(byte), 1) }
        return nonASCIIWhiteSpace(bytes, at: index)
    }

    @inline(never)
    private static func nonASCIIWhiteSpace(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Bool, Int) {
        let lead = bytes[index]
        // Emoji, a byte order mark or a letter end many fields: only U+0085, U+00A0 and U+1680...U+3000
        // are white space, so other lead bytes need no look-up.
        if !mayLeadWhiteSpace(lead) { return (false, LinkSyntax.scalarLength(bytes, at: index)) }
        let (scalar, length) = LinkSyntax.decodeScalar(bytes, at: index)
        return (ScalarPropertyCache.shared.properties(of: scalar).isWhitespace, length)
    }

    /// Whether a character starting with the non-ASCII `lead` byte may be white space: C2 (U+0085,
    /// U+00A0), E1 (U+1680), E2 (U+2000...U+205F) or E3 (U+3000).
    @inline(__always)
    static func mayLeadWhiteSpace(_ lead: UInt8) -> Bool {
        lead == 0xC2 || lead &- 0xE1 < 3
    }

    /// Unicode's White_Space among ASCII: tab, line feed, vertical tab, form feed, carriage return, space.
    @inline(__always)
    private static func isASCIIWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    // The straightforward definitions on the scalar view, which tests compare the byte loops with.

    static func trimmedScalars(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }

    static func refusedControlScalar(in text: String, multiline: Bool) -> Unicode.Scalar? {
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if previous == "\r", !(multiline && scalar == "\n") { return "\r" }
            previous = scalar
            guard scalar.properties.generalCategory == .control, scalar != "\t", scalar != "\r" else { continue }
            if multiline, scalar == "\n" { continue }
            return scalar
        }
        return previous == "\r" ? "\r" : nil
    }
}
