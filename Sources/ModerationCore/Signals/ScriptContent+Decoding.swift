extension ScriptContent {
    /// Decoding rounds: enough for double encoding (`&amp;#106;`, `%253C`), bounded so input cannot make
    /// the work grow.
    private static let decodingRounds = 3

    /// The text as a browser might finally see it: character references and percent-escapes decoded,
    /// repeatedly, then ASCII lower-cased.
    static func decoded(_ bytes: LinkSyntax.Bytes) -> [UInt8] {
        var written: UInt64 = 0
        return decoded(bytes, writing: &written)
    }

    /// ``decoded(_:)``, noting in `written` the bit (as ``Markers/present`` has them) of each of `<`,
    /// `:`, `=`, `&` and `%` that decoding wrote.
    static func decoded(_ bytes: LinkSyntax.Bytes, writing written: inout UInt64) -> [UInt8] {
        guard var text = decodedIfAny(bytes, writing: &written) else { return lowercased(bytes) }
        lowercase(&text)
        return text
    }

    /// ``decoded(_:writing:)`` when something in `bytes` decodes, but not lower-cased: the script check
    /// first asks whether the decoded text may hold a finding at all, which letter case does not change,
    /// and most texts that decode (`&#39;`, `&quot;`) do not; nil, without copying the bytes, when
    /// nothing decodes.
    /// - Parameter escapes: where `&` and `%` stand in the first bytes, when known (``BodyScan/escapes``).
    static func decodedIfAny(
        _ bytes: LinkSyntax.Bytes, writing written: inout UInt64, escapes: BodyScan.LeadMarks.View = .none
    ) -> [UInt8]? {
        // Each round decodes into a buffer of its own, which never grows: decoding never lengthens a text.
        // The first reads the bytes in place, and each tells whether what it wrote holds an escape still,
        // so that no round copies the text or searches it again just to learn whether to go on.
        var text: [UInt8] = []
        var round = decodeOnce(bytes, into: &text, writing: &written, escapes: escapes)
        guard round.decoded else { return nil }
        var next: [UInt8] = []
        for _ in 1..<decodingRounds where round.escapesLeft {
            round = text.withUnsafeBufferPointer { decodeOnce($0, into: &next, writing: &written) }
            guard round.decoded else { break }
            swap(&text, &next)
        }
        return text
    }

    /// The bytes with ASCII letters lower-cased.
    static func lowercased(_ text: LinkSyntax.Bytes) -> [UInt8] {
        var copy = Array(text)
        lowercase(&copy)
        return copy
    }

    /// Lower-cases the ASCII letters of `text` in place.
    static func lowercase(_ text: inout [UInt8]) {
        text.withUnsafeMutableBufferPointer(lowercase)
    }

    /// Lower-cases the ASCII letters of `text` in place, sixteen bytes at a time, four blocks a round while
    /// they fit. Every block is stored back, capitals or not: testing for them costs more than the store.
    private static func lowercase(_ text: inout UnsafeMutableBufferPointer<UInt8>) {
        var index = 0
        if let base = UnsafeMutableRawPointer(text.baseAddress) {
            @inline(__always)
            func lower(at index: Int) {
                let block = BlockScan.load(UnsafeRawPointer(base), at: index)
                let upper = BlockScan.inRange(block, UInt8(ascii: "A"), UInt8(ascii: "Z"))
                let lowered = block | (unsafeBitCast(upper, to: BlockScan.Block.self) & BlockScan.splat(0x20))
                base.storeBytes(of: lowered, toByteOffset: index, as: BlockScan.Block.self)
            }
            while index &+ 4 &* BlockScan.width <= text.count {
                lower(at: index)
                lower(at: index &+ BlockScan.width)
                lower(at: index &+ 2 &* BlockScan.width)
                lower(at: index &+ 3 &* BlockScan.width)
                index &+= 4 &* BlockScan.width
            }
            while index &+ BlockScan.width <= text.count {
                lower(at: index)
                index &+= BlockScan.width
            }
        }
        while index < text.count {
            if text[index] &- 0x41 < 26 { text[index] |= 0x20 }
            index += 1
        }
    }

    /// One round of decoding `text` into `output` (emptied first), noting the markers written as
    /// ``decoded(_:writing:)`` does. `decoded` is false when nothing in `text` decodes (and `output` is then
    /// not the text); `escapesLeft`, whether `output` holds a `&` or `%` that a next round may decode: one
    /// decoding wrote, or one that did not decode and was copied with the text around it, unless the bytes
    /// after it that an escape is read from are copied unchanged and do not make one (a `&` followed by a
    /// space, "&amp; " written as "& "), so that a next round would decode nothing.
    private static func decodeOnce(
        _ text: LinkSyntax.Bytes, into output: inout [UInt8], writing written: inout UInt64,
        escapes: BodyScan.LeadMarks.View = .none
    ) -> (decoded: Bool, escapesLeft: Bool) {
        var markers = Markers()
        defer { written |= markers.present }
        output.removeAll(keepingCapacity: true)
        var index = 0
        // Bytes from here to `index` are copied as they are, in one go.
        var plainStart = 0
        var escapesLeft = false
        while case let next = nextEscape(in: text, from: index, marks: escapes), next < text.count {
            index = next
            let byte = text[index]
            let plain = UnsafeBufferPointer(rebasing: text[plainStart..<index])
            // Room for the whole text at the first escape that decodes, not before: most texts have none.
            func reserve() {
                if output.capacity < text.count { output.reserveCapacity(text.count) }
            }
            if byte == UInt8(ascii: "%"), index + 2 < text.count, let high = hexValue(text[index + 1]),
                let low = hexValue(text[index + 2])
            {
                // A percent-escape stands for a byte, not a character.
                reserve()
                output.append(contentsOf: plain)
                output.append(high << 4 | low)
                markers.add(high << 4 | low)
                index += 3
                if !escapesLeft { escapesLeft = mayDecodeLater(written: high << 4 | low, before: index, in: text) }
            } else if byte == UInt8(ascii: "&"), let (scalar, length) = reference(text, at: index) {
                reserve()
                output.append(contentsOf: plain)
                if scalar.isASCII {
                    output.append(UInt8(truncatingIfNeeded: scalar.value))
                    markers.add(UInt8(truncatingIfNeeded: scalar.value))
                } else {
                    output.append(contentsOf: String(scalar).utf8)
                }
                index += length
                if !escapesLeft, scalar.isASCII {
                    escapesLeft = mayDecodeLater(written: UInt8(truncatingIfNeeded: scalar.value), before: index, in: text)
                }
            } else {
                // It did not decode from the bytes after it; it may only once an escape there changes them.
                if !escapesLeft { escapesLeft = escapeStarts(in: text, after: index, within: readAfter(byte)) }
                index += 1
                continue
            }
            plainStart = index
        }
        guard plainStart > 0 else { return (false, escapesLeft) }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: text[plainStart...]))
        return (true, escapesLeft)
    }

    /// The first `&` or `%` of `text` from `index` on, read from `marks` where they tell; `text.count` when
    /// there is none.
    @inline(__always)
    private static func nextEscape(in text: LinkSyntax.Bytes, from index: Int, marks: BodyScan.LeadMarks.View) -> Int {
        guard index < marks.end else {
            return BlockScan.firstIndex(of: UInt8(ascii: "%"), or: UInt8(ascii: "&"), in: text, index..<text.count)
        }
        if let found = marks.firstMarked(from: index) { return found }
        return BlockScan.firstIndex(of: UInt8(ascii: "%"), or: UInt8(ascii: "&"), in: text, marks.end..<text.count)
    }

    /// How many bytes after a `%` or `&` decoding reads: two hexadecimal digits; `#`, `x` and ten digits
    /// and `;`, or a name of at most ten letters and digits and `;`.
    private static func readAfter(_ escape: UInt8) -> Int {
        escape == UInt8(ascii: "%") ? 2 : 13
    }

    /// Whether a `&` or `%` starts in the `count` bytes after `index` of `text`.
    private static func escapeStarts(in text: LinkSyntax.Bytes, after index: Int, within count: Int) -> Bool {
        let end = min(text.count, index + 1 + count)
        guard index + 1 < end else { return false }
        return BlockScan.firstIndex(of: UInt8(ascii: "%"), or: UInt8(ascii: "&"), in: text, index + 1..<end) < end
    }

    /// Whether `byte`, written by the escape ending before `end` of `text`, is a `&` or `%` that the next
    /// round may decode: it is followed there by the bytes from `end`, unchanged up to the next escape.
    private static func mayDecodeLater(written byte: UInt8, before end: Int, in text: LinkSyntax.Bytes) -> Bool {
        guard byte == UInt8(ascii: "&") || byte == UInt8(ascii: "%") else { return false }
        if escapeStarts(in: text, after: end - 1, within: readAfter(byte)) { return true }
        if byte == UInt8(ascii: "%") {
            return end + 1 < text.count && hexValue(text[end]) != nil && hexValue(text[end + 1]) != nil
        }
        // `reference` reads from the byte after the one it is given, as the next round reads after the `&`.
        return reference(text, at: end - 1) != nil
    }

    /// A numeric (`&#106;`, `&#x6A`, semicolon optional as browsers allow) or named character reference at
    /// `index`: its UTF-8 bytes and its length.
    static func characterReference(_ text: [UInt8], at index: Int) -> ([UInt8], Int)? {
        text.withUnsafeBufferPointer { text in
            reference(text, at: index).map { (Array(String($0.0).utf8), $0.1) }
        }
    }

    /// ``characterReference(_:at:)`` as the scalar it stands for.
    private static func reference(_ text: LinkSyntax.Bytes, at index: Int) -> (Unicode.Scalar, Int)? {
        var cursor = index + 1
        guard cursor < text.count else { return nil }
        if text[cursor] == UInt8(ascii: "#") {
            cursor += 1
            let hex = cursor < text.count && text[cursor] | 0x20 == UInt8(ascii: "x")
            if hex { cursor += 1 }
            let digitsStart = cursor
            var value: UInt32 = 0
            while cursor < text.count, cursor - digitsStart < 10,
                let digit = hex ? hexValue(text[cursor]) : decimalValue(text[cursor])
            {
                value = value &* (hex ? 16 : 10) &+ UInt32(digit)
                cursor += 1
            }
            guard cursor > digitsStart else { return nil }
            if cursor < text.count, text[cursor] == UInt8(ascii: ";") { cursor += 1 }
            return (Unicode.Scalar(value) ?? "\u{FFFD}", cursor - index)
        }
        let nameStart = cursor
        while cursor < text.count, cursor - nameStart < 10, LinkSyntax.isASCIIAlphanumeric(text[cursor]) { cursor += 1 }
        guard let named = namedReferences.first(where: { name, _, _ in
            name.utf8CodeUnitCount == cursor - nameStart && LinkSyntax.matchesIgnoringCase(text, at: nameStart, name)
        }) else { return nil }
        let terminated = cursor < text.count && text[cursor] == UInt8(ascii: ";")
        guard terminated || named.legacy else { return nil }
        return (named.scalar, cursor - index + (terminated ? 1 : 0))
    }

    /// References that spell the characters active content is made of, and whether browsers still decode
    /// them without a semicolon (`legacy`).
    private static let namedReferences: [(name: StaticString, scalar: Unicode.Scalar, legacy: Bool)] = [
        ("lt", "<", true), ("gt", ">", true), ("amp", "&", true), ("quot", "\"", true), ("apos", "'", false),
        ("colon", ":", false), ("tab", "\t", false), ("newline", "\n", false), ("sol", "/", false),
        ("bsol", "\\", false), ("lpar", "(", false), ("rpar", ")", false), ("equals", "=", false), ("semi", ";", false),
        ("comma", ",", false), ("period", ".", false), ("excl", "!", false), ("quest", "?", false), ("num", "#", false),
        ("percnt", "%", false), ("lowbar", "_", false), ("grave", "`", false), ("nbsp", " ", true),
    ]

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - 0x30
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - 0x57
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - 0x37
        default: nil
        }
    }

    private static func decimalValue(_ byte: UInt8) -> UInt8? {
        byte >= 0x30 && byte <= 0x39 ? byte - 0x30 : nil
    }
}
