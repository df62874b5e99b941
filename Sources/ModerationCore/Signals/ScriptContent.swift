/// Finds content meant to run in a browser: `<script>` and other active tags, `javascript:`-like URLs,
/// HTML `data:` documents and event-handler attributes, including the obfuscated forms that filters
/// miss: any letter case, HTML character references (`&#106;avascript:`, `&colon;`), percent-escapes,
/// double encoding, and controls or zero-width characters inside the scheme (`java\tscript:`).
///
/// What is plain prose is left alone: "I wrote it in JavaScript: it was easy" is not a URL, and
/// "onboarding=true" outside a tag is not an attribute.
enum ScriptContent {
    /// Canonical names of what was found, each once, in order: `<script`, `javascript:`,
    /// `data:text/html`, `onerror=`.
    /// - Parameters:
    ///   - present: ``Markers/present`` of `bytes` when already known (from ``BodyScan``).
    ///   - schemeColon: whether some `:` of `bytes` may end a scheme (``colonMayEndScheme(_:at:)``), when
    ///     already known (from ``BodyScan``, which passes every `:`).
    ///   - handlerEquals: whether some `=` of `bytes` may end an event handler
    ///     (``equalsMayEndHandler(_:at:)``), when already known.
    ///   - escapes: where `&` and `%` stand in the first bytes, when known (``BodyScan/escapes``).
    ///   - skipping: whether to skip work that cannot find anything (always, but for tests that compare
    ///     the result with the full scan's).
    static func findings(
        in bytes: LinkSyntax.Bytes, present: UInt64? = nil, schemeColon: Bool? = nil, handlerEquals: Bool? = nil,
        escapes: BodyScan.LeadMarks.View = .none, skipping: Bool = true
    ) -> [String] {
        // Every finding needs one of these in the decoded text: `<` for tags (and for being inside one),
        // `:` for schemes and `data:`, `=` for event handlers. Undecoded text keeps them: without them,
        // nor `&` or `%` to decode into them, there is nothing to find. Prose often has none, or no `=`.
        var seen = skipping ? present ?? Markers(bytes).present : ~0
        guard seen & (Self.markers | Self.escapes) != 0 else { return [] }
        // Text that decodes to nothing else is checked before it is copied lower-cased.
        if skipping, seen & Self.escapes == 0,
           !mayFind(in: bytes, seen: seen, schemeColon: schemeColon, handlerEquals: handlerEquals)
        {
            return []
        }
        // Without `&` or `%` nothing decodes: lower-casing is all (`decoded` would search for them again).
        // Decoding keeps every `<`, `:` and `=` (no escape is spelled with one) and adds those it writes.
        var written: UInt64 = 0
        let decoded: [UInt8]
        if skipping, seen & Self.escapes == 0 {
            decoded = lowercased(bytes)
        } else if var text = decodedIfAny(bytes, writing: &written, escapes: escapes) {
            if skipping {
                seen = (seen | written) & Self.markers
                guard text.withUnsafeBufferPointer({ mayFind(in: $0, seen: seen) }) else { return [] }
            }
            lowercase(&text)
            decoded = text
        } else {
            // Nothing decodes ("R&B", "100%"): the text is as if it had no escape, and is checked before it
            // is copied.
            if skipping, !mayFind(in: bytes, seen: seen, schemeColon: schemeColon, handlerEquals: handlerEquals) {
                return []
            }
            decoded = lowercased(bytes)
        }
        return decoded.withUnsafeBufferPointer { findings(inDecoded: $0, seen: seen, skipping: skipping) }
    }

    /// False when `text`, whose markers are `seen`, cannot hold a finding; letter case does not matter.
    /// Without a `<` that opens a tag (no tag, and nothing is inside one), only a scheme or `data` ending
    /// at a `:` or an event handler ending at an `=` can be found, and prose and links rarely have one:
    /// `http:`, `:)`, "Note:", `?v=`.
    /// `schemeColon` and `handlerEquals` are ``mayEndScheme(_:)`` and ``mayEndHandler(_:)`` of `text` when
    /// already known.
    private static func mayFind(
        in text: LinkSyntax.Bytes, seen: UInt64, schemeColon: Bool? = nil, handlerEquals: Bool? = nil
    ) -> Bool {
        if seen & bit("<") != 0, opensTag(text) { return true }
        return seen & bit(":") != 0 && (schemeColon ?? mayEndScheme(text))
            || seen & bit("=") != 0 && (handlerEquals ?? mayEndHandler(text))
    }

    /// Whether some `<` in `text` is followed, past controls and zero-width characters, by a letter in
    /// either case, as the name of every tag starts. Any other `<` ("I <3 it", "a < b", the decoded
    /// `&lt;3` of comments escaped by their source) starts no tag and finds nothing: the scan reads the
    /// text as if it were not there.
    private static func opensTag(_ text: LinkSyntax.Bytes) -> Bool {
        var from = 0
        while case let open = BlockScan.firstIndex(of: UInt8(ascii: "<"), or: UInt8(ascii: "<"), in: text, from..<text.count),
            open < text.count
        {
            let nameStart = skip(text, from: open + 1, spaces: false)
            if nameStart < text.count, isLetter(text[nameStart] | 0x20) { return true }
            from = open + 1
        }
        return false
    }

    private static let markers = bit("<") | bit(":") | bit("=")
    /// The bits of `&` and `%`, which start the escapes ``decoded(_:writing:)`` decodes.
    static let escapes = bit("&") | bit("%")

    fileprivate static func bit(_ character: Unicode.Scalar) -> UInt64 { 1 << UInt64(character.value) }

    /// Which of `<`, `:`, `=`, `&` and `%` occur in some bytes, gathered sixteen bytes at a time.
    struct Markers {
        /// `bit(c)` for each of `<`, `:`, `=`, `&` and `%` added.
        private(set) var present: UInt64 = 0

        init() {}

        init(_ bytes: LinkSyntax.Bytes) {
            var index = 0
            if let base = UnsafeRawPointer(bytes.baseAddress) {
                var lanes = Lanes()
                while index &+ BlockScan.width <= bytes.count {
                    lanes.add(BlockScan.load(base, at: index))
                    index &+= BlockScan.width
                }
                add(lanes)
            }
            for byte in bytes[index...] { add(byte) }
        }

        /// The lanes equal to each marker in the blocks added, gathered and turned into bits at the end.
        struct Lanes {
            // Plain vectors rather than masks: the optimizer keeps these in registers across a loop.
            private var less = BlockScan.Block(), colon = BlockScan.Block(), equals = BlockScan.Block()
            private var ampersand = BlockScan.Block(), percent = BlockScan.Block()

            @inline(__always)
            mutating func add(_ block: BlockScan.Block) {
                less |= Self.lanes(block, UInt8(ascii: "<"))
                colon |= Self.lanes(block, UInt8(ascii: ":"))
                equals |= Self.lanes(block, UInt8(ascii: "="))
                ampersand |= Self.lanes(block, UInt8(ascii: "&"))
                percent |= Self.lanes(block, UInt8(ascii: "%"))
            }

            mutating func merge(_ other: Lanes) {
                less |= other.less
                colon |= other.colon
                equals |= other.equals
                ampersand |= other.ampersand
                percent |= other.percent
            }

            @inline(__always)
            private static func lanes(_ block: BlockScan.Block, _ marker: UInt8) -> BlockScan.Block {
                unsafeBitCast(BlockScan.equal(block, marker), to: BlockScan.Block.self)
            }

            /// Adds to `markers` those some lane holds.
            fileprivate func add(to markers: inout Markers) {
                if BlockScan.any(less) { markers.add(UInt8(ascii: "<")) }
                if BlockScan.any(colon) { markers.add(UInt8(ascii: ":")) }
                if BlockScan.any(equals) { markers.add(UInt8(ascii: "=")) }
                if BlockScan.any(ampersand) { markers.add(UInt8(ascii: "&")) }
                if BlockScan.any(percent) { markers.add(UInt8(ascii: "%")) }
            }
        }

        /// Adds the markers some lane of `lanes` holds.
        mutating func add(_ lanes: Lanes) {
            lanes.add(to: &self)
        }

        @inline(__always)
        mutating func add(_ byte: UInt8) {
            if byte < 64 { present |= 1 << UInt64(byte) & (ScriptContent.markers | ScriptContent.escapes) }
        }
    }

    private static func findings(inDecoded text: LinkSyntax.Bytes, seen: UInt64, skipping: Bool) -> [String] {
        let hasColon = seen & bit(":") != 0
        let hasEquals = seen & bit("=") != 0
        guard seen & Self.markers != 0 else { return [] }
        var found: [String] = []
        func note(_ finding: String) {
            if !found.contains(finding) { found.append(finding) }
        }
        var inTag = false
        var index = 0
        // Skipping, only bytes that may start a finding are read: a `<`, a tag's bytes, and the bytes just
        // before a `:` or `=` that a scheme, `data` or handler name could occupy (see `reach(back:)`).
        // `mark` is the next `:` or `=` (or the end), `regionStart` where the bytes that may precede a name
        // ending there start (the end when there is no mark: only tags are left to find).
        var mark = -1
        var regionStart = 0
        while index < text.count {
            if skipping, !inTag, index < regionStart || index > mark {
                if index > mark {
                    mark = BlockScan.firstIndex(of: UInt8(ascii: ":"), or: UInt8(ascii: "="), in: text, index..<text.count)
                    regionStart = mark < text.count ? reach(back: mark, in: text, notBefore: index) : text.count
                }
                let start = max(regionStart, index)
                index = BlockScan.firstIndex(of: UInt8(ascii: "<"), or: UInt8(ascii: "<"), in: text, index..<start)
                guard index < text.count else { break }
            }
            let byte = text[index]
            switch byte {
            case UInt8(ascii: "<"):
                let nameStart = skip(text, from: index + 1, spaces: false)
                inTag = nameStart < text.count && isLetter(text[nameStart])
                if let tag = activeTag(text, at: nameStart) { note("<" + tag) }
            case UInt8(ascii: ">"):
                inTag = false
            case UInt8(ascii: "j"), UInt8(ascii: "v"), UInt8(ascii: "l"), UInt8(ascii: "m"):
                if hasColon, !skipping || mayContinue(text, at: index),
                    let scheme = scriptScheme(text, at: index)
                {
                    note(scheme)
                }
            case UInt8(ascii: "d"):
                if hasColon, !skipping || mayContinue(text, at: index),
                    let document = dataDocument(text, at: index)
                {
                    note(document)
                }
            case UInt8(ascii: "o"):
                if hasEquals, let handler = eventHandler(text, at: index, inTag: inTag) { note(handler) }
            case UInt8(ascii: "e"), UInt8(ascii: "-"):
                if inTag, let style = activeStyle(text, at: index) { note(style) }
            default:
                break
            }
            index += 1
            // Outside tags, schemes, `data:` and handlers start only at a word's first letter (the
            // patterns check the byte before): the rest of the word is skipped.
            if skipping, !inTag, isLetter(byte) || isDigit(byte) {
                while index < text.count, isLetter(text[index]) || isDigit(text[index]) { index += 1 }
            }
        }
        return found
    }

    /// Whether some `:` in `bytes` follows, past what the patterns skip (`isSkippedByte`), a `t` or `a` in
    /// either case: the last letter of every script scheme and of `data`.
    private static func mayEndScheme(_ bytes: LinkSyntax.Bytes) -> Bool {
        let colon = MaskSearch.firstIndex(of: UInt8(ascii: ":"), in: bytes) { colonMayEndScheme(bytes, at: $0) }
        return colon < bytes.count
    }

    /// Whether the `:` at `found` follows, past what the patterns skip, a `t` or `a` in either case.
    static func colonMayEndScheme(_ bytes: LinkSyntax.Bytes, at found: Int) -> Bool {
        var before = found
        while before > 0, isSkippedByte(bytes[before - 1]) { before -= 1 }
        let last = before > 0 ? bytes[before - 1] | 0x20 : 0
        return last == UInt8(ascii: "t") || last == UInt8(ascii: "a")
    }

    /// Whether some `=` in `text` follows, past slashes and what the patterns skip (`isSkippedByte`), a run
    /// of ASCII letters starting with `on` in either case: where every event handler ends.
    private static func mayEndHandler(_ text: LinkSyntax.Bytes) -> Bool {
        let equals = MaskSearch.firstIndex(of: UInt8(ascii: "="), in: text) { equalsMayEndHandler(text, at: $0) }
        return equals < text.count
    }

    /// Whether the `=` at `found` follows, past slashes and what the patterns skip, a run of ASCII letters
    /// starting with `on` in either case.
    static func equalsMayEndHandler(_ text: LinkSyntax.Bytes, at found: Int) -> Bool {
        var end = found
        while end > 0, text[end - 1] == UInt8(ascii: "/") || isSkippedByte(text[end - 1]) { end -= 1 }
        var start = end
        while start > 0, isLetter(text[start - 1] | 0x20) { start -= 1 }
        return end - start >= 2 && text[start] | 0x20 == UInt8(ascii: "o") && text[start + 1] | 0x20 == UInt8(ascii: "n")
    }

    /// How far before the `:` or `=` at `mark` (and not before `floor`) a scheme, `data` or handler name
    /// ending there could start: over letters, what the patterns skip between them (`isSkippedByte`) and,
    /// before `=`, slashes.
    private static func reach(back mark: Int, in text: LinkSyntax.Bytes, notBefore floor: Int) -> Int {
        var start = mark
        while start > floor {
            let byte = text[start - 1]
            guard isLetter(byte) || byte == UInt8(ascii: "/") || isSkippedByte(byte) else { return start }
            start -= 1
        }
        return start
    }

    /// Whether `byte` may be part of what the patterns skip: a control, a space, or a byte of a
    /// zero-width character's UTF-8 (see `zeroWidthLength`), read backwards without decoding.
    @inline(__always)
    private static func isSkippedByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x00...0x20, 0x7F, 0xC2, 0xAD, 0xE2, 0x80, 0x8B, 0x8C, 0x8D, 0x81, 0xA0, 0xEF, 0xBB, 0xBF: true
        default: false
        }
    }

    /// Whether the scheme or `data` starting with the letter at `index` may go on: its second letter
    /// follows, or something the patterns skip (a control, space or zero-width character) does.
    @inline(__always)
    private static func mayContinue(_ text: LinkSyntax.Bytes, at index: Int) -> Bool {
        guard index + 1 < text.count, isLetter(text[index + 1]) else { return true }
        let second: UInt8 =
            switch text[index] {
            case UInt8(ascii: "v"): UInt8(ascii: "b")
            case UInt8(ascii: "l"): UInt8(ascii: "i")
            case UInt8(ascii: "m"): UInt8(ascii: "o")
            default: UInt8(ascii: "a")  // javascript, data
            }
        return text[index + 1] == second
    }

    // MARK: - Patterns

    /// Tags that load or run code, or take over the page around them.
    private static let activeTags = [
        "script", "iframe", "frameset", "frame", "object", "embed", "applet", "base", "meta", "link", "style",
        "import", "layer", "ilayer", "xml", "bgsound",
    ]

    /// The first letters of `activeTags`, a bit each (by their low six bits).
    private static let activeTagInitials: UInt64 = activeTags.reduce(0) { $0 | 1 << UInt64(($1.utf8.first ?? 0) & 0x3F) }

    private static let scriptSchemes = ["javascript", "vbscript", "livescript", "mocha"]

    /// CSS that runs code (old Internet Explorer and Firefox), looked for inside tags.
    private static let activeStyles = ["expression(", "-moz-binding"]

    /// `data:` media types a browser renders as a document or runs.
    private static let documentTypes = [
        "text/html", "text/javascript", "text/ecmascript", "text/vbscript", "text/xml", "application/javascript",
        "application/ecmascript", "application/x-javascript", "application/xhtml+xml", "application/xml",
        "application/x-shockwave-flash", "image/svg+xml",
    ]

    /// An active tag name at `index`, letters possibly split by controls (`<scr&#9;ipt>`).
    private static func activeTag(_ text: LinkSyntax.Bytes, at index: Int) -> String? {
        // Nothing may come before a name's first letter: most tags (`<br`, `<p`) are ruled out by it.
        guard index < text.count, activeTagInitials & 1 << UInt64(text[index] & 0x3F) != 0 else { return nil }
        return activeTags.first { tag in
            guard let (end, spaced) = spreadMatch(text, at: index, tag, allowingEnd: true), !spaced else { return false }
            return end == text.count || !isLetter(text[end]) && !isDigit(text[end])
        }
    }

    private static func activeStyle(_ text: LinkSyntax.Bytes, at index: Int) -> String? {
        activeStyles.first { matches(text, at: index, $0) }
    }

    /// `javascript:` and kin, with ignorable characters allowed between the letters. A plain space splits
    /// words in prose, so a spaced-out scheme ("java script:") only counts when code follows the colon.
    /// Even unspaced, a colon followed by a space counts only in attribute position (after `=`, a quote
    /// or `(`), so prose like "written in JavaScript: easy" is not flagged.
    private static func scriptScheme(_ text: LinkSyntax.Bytes, at index: Int) -> String? {
        guard index == 0 || !isLetter(text[index - 1]) && !isDigit(text[index - 1]) else { return nil }
        for scheme in scriptSchemes {
            guard let (colon, spaced) = spreadMatch(text, at: index, scheme), text[colon] == UInt8(ascii: ":") else {
                continue
            }
            let codeFollows = colon + 1 < text.count && text[colon + 1] > 0x20
            if codeFollows || (!spaced && isAttributePosition(text, before: index)) { return scheme + ":" }
        }
        return nil
    }

    private static func dataDocument(_ text: LinkSyntax.Bytes, at index: Int) -> String? {
        guard index == 0 || !isLetter(text[index - 1]) && !isDigit(text[index - 1]),
            let (colon, _) = spreadMatch(text, at: index, "data"), text[colon] == UInt8(ascii: ":")
        else { return nil }
        let typeStart = skip(text, from: colon + 1, spaces: true)
        return documentTypes.first { matches(text, at: typeStart, $0) }.map { "data:" + $0 }
    }

    /// `on…=` in attribute position: inside a tag, right after a quote or `/` that ends an attribute an
    /// attacker hopes to break out of (`" onmouseover="…`, `autofocus/onfocus=…`), or with a value that
    /// reads as code.
    private static func eventHandler(_ text: LinkSyntax.Bytes, at index: Int, inTag: Bool) -> String? {
        guard index > 0, index + 1 < text.count, text[index + 1] == UInt8(ascii: "n") else { return nil }
        let before = text[index - 1]
        let separated = before <= 0x20 || "/\"'`".utf8.contains(before) || (inTag && before == UInt8(ascii: "+"))
        guard separated else { return nil }
        var end = index + 2
        while end < text.count, isLetter(text[end]), end - index < 40 { end += 1 }
        guard end - index >= 5 else { return nil }
        var equals = skip(text, from: end, spaces: true)
        while equals < text.count, text[equals] == UInt8(ascii: "/") { equals = skip(text, from: equals + 1, spaces: true) }
        guard equals < text.count, text[equals] == UInt8(ascii: "=") else { return nil }
        var previous = index - 1
        while previous > 0, text[previous] <= 0x20 { previous -= 1 }
        let afterAttribute = "\"'`/".utf8.contains(text[previous])
        guard inTag || afterAttribute || valueLooksLikeCode(text, from: equals + 1) else { return nil }
        return String(decoding: text[index..<end], as: UTF8.self) + "="
    }

    /// Whether an attribute value starting at `index` is quoted or calls something, as a handler's
    /// value does (`onfocus='alert(1)'`, `onload=eval(name)`) and a setting in prose does not
    /// (`onboarding=true`).
    private static func valueLooksLikeCode(_ text: LinkSyntax.Bytes, from index: Int) -> Bool {
        let start = skip(text, from: index, spaces: true)
        guard start < text.count else { return false }
        if "\"'`".utf8.contains(text[start]) { return true }
        var cursor = start
        while cursor < text.count, text[cursor] > 0x20, text[cursor] != UInt8(ascii: ">") {
            if text[cursor] == UInt8(ascii: "(") { return true }
            cursor += 1
        }
        return false
    }

    /// Whether the nearest non-space byte before `index` is `=`, a quote or `(`, where a URL value starts.
    private static func isAttributePosition(_ text: LinkSyntax.Bytes, before index: Int) -> Bool {
        var previous = index - 1
        while previous >= 0, text[previous] <= 0x20 { previous -= 1 }
        return previous >= 0 && "=\"'(`".utf8.contains(text[previous])
    }

    /// Matches `word` at `index` with ignorable characters (and, noted as `spaced`, plain spaces) between
    /// its letters and after it; returns the index of the byte after the word and the ignorables.
    private static func spreadMatch(
        _ text: LinkSyntax.Bytes, at index: Int, _ word: String, allowingEnd: Bool = false
    ) -> (Int, spaced: Bool)? {
        var cursor = index
        var spaced = false
        for (offset, letter) in word.utf8.enumerated() {
            if offset > 0 {
                let next = skip(text, from: cursor, spaces: true)
                spaced = spaced || text[cursor..<next].contains(0x20)
                cursor = next
            }
            guard cursor < text.count, text[cursor] == letter else { return nil }
            cursor += 1
        }
        if allowingEnd { return (cursor, spaced) }
        let next = skip(text, from: cursor, spaces: true)
        spaced = spaced || text[cursor..<next].contains(0x20)
        return next < text.count ? (next, spaced) : nil
    }

    /// The index after any controls, zero-width characters (and spaces, when allowed) from `index`.
    private static func skip(_ text: LinkSyntax.Bytes, from index: Int, spaces: Bool) -> Int {
        var cursor = index
        while cursor < text.count {
            let byte = text[cursor]
            if byte < 0x20 || byte == 0x7F || (spaces && byte == 0x20) {
                cursor += 1
            } else if let length = zeroWidthLength(text, at: cursor) {
                cursor += length
            } else {
                break
            }
        }
        return cursor
    }

    /// U+00AD soft hyphen, U+200B–U+200D, U+2060 word joiner and U+FEFF: invisible, and dropped or
    /// ignored by some parsers.
    private static func zeroWidthLength(_ text: LinkSyntax.Bytes, at index: Int) -> Int? {
        func bytes(_ expected: [UInt8]) -> Bool {
            index + expected.count <= text.count && text[index..<index + expected.count].elementsEqual(expected)
        }
        if bytes([0xC2, 0xAD]) { return 2 }
        if bytes([0xE2, 0x80, 0x8B]) || bytes([0xE2, 0x80, 0x8C]) || bytes([0xE2, 0x80, 0x8D]) { return 3 }
        if bytes([0xE2, 0x81, 0xA0]) || bytes([0xEF, 0xBB, 0xBF]) { return 3 }
        return nil
    }

    private static func matches(_ text: LinkSyntax.Bytes, at index: Int, _ word: String) -> Bool {
        index + word.utf8.count <= text.count && text[index..<index + word.utf8.count].elementsEqual(word.utf8)
    }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 }
    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
}
