import ByteMasks

/// What the body's content signals need from its bytes, gathered in one pass instead of one pass per
/// signal: each pass over a 1 KB body costs about as much as the work it feeds, and separate passes
/// evict each other's data. Non-ASCII characters are decoded once here, not once per signal.
struct BodyScan {
    /// Cased letters: capitals (upper and title case) and lower case, any script with case.
    private(set) var capitals = 0
    private(set) var lowercase = 0
    /// Which of the bytes ``ScriptContent`` starts from occur (see ``ScriptContent/Markers``).
    private(set) var scriptMarkers: UInt64 = 0
    /// Whether some `:` may end a scheme (``ScriptContent/colonMayEndScheme(_:at:)``): told as the scan
    /// passes each `:`, so that the script check does not search the body for them again.
    private(set) var schemeColon = false
    /// Whether some `=` may end an event handler (``ScriptContent/equalsMayEndHandler(_:at:)``), told the
    /// same way.
    private(set) var handlerEquals = false
    /// From the first to the last byte of the non-ASCII characters that could belong in a word (see
    /// ``ContentSignals/isWordCharacter(_:_:)``); empty without one, when every word is ASCII, in one
    /// script at most, and no word mixes scripts.
    private(set) var nonASCIIWords = 0..<0
    var hasNonASCIIWordCharacter: Bool { !nonASCIIWords.isEmpty }
    /// From the first to the last byte of the non-ASCII characters that could be part of a host name (see
    /// ``LinkScanner/isDomainCharacter(_:)``); empty without one. The link scan steps over non-ASCII
    /// characters outside it as over punctuation.
    private(set) var nonASCIINames = 0..<0
    /// Which of those start a name character, in the first bytes.
    private(set) var nameLeads = LeadMarks()
    /// Where the link scan must look again, in the first bytes.
    private(set) var linkMarks = LinkMarks()
    /// Which non-ASCII characters belong in a word (``ContentSignals/isWordCharacter(_:_:)``), in the
    /// first bytes.
    private(set) var wordLeads = LeadMarks()
    /// Where `&` and `%` stand, in the first bytes: where decoding (``ScriptContent``) reads escapes from,
    /// told as the scan passes them so that it does not search the body for them again.
    private(set) var escapes = LeadMarks()
    /// Whether the body may hold a control character validation refuses in it: a byte below 0x20 but tab
    /// and line feed (a carriage return included, which only a line feed may follow), DEL, or a C1
    /// control. When false, validation does not search the body for one (see
    /// ``FieldValidator/refusedControlCharacter(in:multiline:)``).
    private(set) var mayHoldRefusedControl = false
    /// Whether every non-ASCII scalar stands alone (``CachedScalarProperties/standsAlone``): then every
    /// character of the body is one scalar (CR LF aside), and finding repeated characters needs no
    /// grapheme rules.
    private(set) var singleScalarCharacters = true
    /// Whether every character is one scalar (CR LF aside) or one scalar and a variation selector, as
    /// "❤️" (see ``ContentSignals/selectorCharacter(_:selector:)``): finding repeated characters needs no
    /// grapheme rules then either.
    private(set) var simpleCharacters = true
    /// Where repeated characters may start, when asked for (see ``RunCandidates``).
    private(set) var runCandidates = RunCandidates()

    /// - Parameters:
    ///   - bytes: valid UTF-8 (the bytes of a `String`).
    ///   - runMinimum: the run length of repeated characters to mark ``runCandidates`` for; below 2, none.
    init(_ bytes: LinkSyntax.Bytes, runMinimum: Int = 0) {
        runCandidates = RunCandidates(minimum: runMinimum, count: bytes.count)
        guard let base = bytes.baseAddress else { return }
        // Lanes of 16 bytes before this byte are marked; a run's last byte lies `runLast` on from its first.
        let runEnd = runCandidates.covered &* BlockScan.width
        let runLast = runEnd > 0 ? runMinimum &- 1 : 0
        var markers = ScriptContent.Markers()
        var chunk = cm_body_chunk()
        // A kilobyte at a time (cm_body_blocks.h): letters are counted in vector lanes, and only the rare
        // bytes the masks single out (markers, non-ASCII lead bytes) are read one by one. The first
        // kilobyte's link marks and lead bytes are written where the link scan reads them.
        linkMarks.withWords { cm_body_scan(base, bytes.count, 0, runEnd, runLast, $0, &chunk) }
        note(chunk, at: 0, in: bytes, markers: &markers)
        countMarkedLeads(bytes, leading: chunk.leading)
        var start = LinkMarks.covered
        while start < bytes.count {
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 &* Int(CM_BODY_CHUNK_BLOCKS)) { marks in
                // A temporary allocation always has a base address.
                let marks = marks.baseAddress.unsafelyUnwrapped
                cm_body_scan(base, bytes.count, start, runEnd, runLast, marks, &chunk)
                note(chunk, at: start, in: bytes, markers: &markers)
                countLeads(bytes, marks: marks, leading: chunk.leading, of: start)
            }
            start &+= LinkMarks.covered
        }
        scriptMarkers = markers.present
    }

    /// Runs `body` with where the name characters lie, for the text of `count` bytes scanned.
    mutating func withNameCharacters<Result>(count: Int, _ body: (LinkScanner.NameCharacters) -> Result) -> Result {
        let range = nonASCIINames
        return nameLeads.withView(count: count) { names in
            linkMarks.withView(count: count) { body(LinkScanner.NameCharacters(range, marks: names, links: $0)) }
        }
    }

    /// Runs `body` with ``wordLeads``, for the text of `count` bytes scanned. Mutating only to lend the
    /// marks in place rather than copy them.
    mutating func withWordMarks<Result>(count: Int, _ body: (LeadMarks.View) -> Result) -> Result {
        wordLeads.withView(count: count, body)
    }

    /// Runs `body` with ``escapes``, for the text of `count` bytes scanned, lent in place as well.
    mutating func withEscapeMarks<Result>(count: Int, _ body: (LeadMarks.View) -> Result) -> Result {
        escapes.withView(count: count, body)
    }

    /// Bytes per mask.
    private static let blockBytes = 64

    /// Counts and notes what `chunk`, the scan of the kilobyte at `start` of `bytes`, holds but for the
    /// non-ASCII characters.
    @inline(__always)
    private mutating func note(
        _ chunk: cm_body_chunk, at start: Int, in bytes: LinkSyntax.Bytes, markers: inout ScriptContent.Markers
    ) {
        capitals &+= Int(chunk.upper)
        lowercase &+= Int(chunk.lower)
        if chunk.controls != 0 { mayHoldRefusedControl = true }
        runCandidates.mark(lanes: chunk.runs, of: start)
        var marked = chunk.marked
        guard marked != 0 else { return }
        var chunk = chunk
        withUnsafeBytes(of: &chunk.markers) { words in
            while marked != 0 {
                let block = Int(truncatingIfNeeded: marked.trailingZeroBitCount)
                noteMarkers(words.load(fromByteOffset: block &* 8, as: UInt64.self), at: start &+ block &* Self.blockBytes, in: bytes, markers: &markers)
                marked &= marked &- 1
            }
        }
    }

    /// Notes the markers `found` of the 64 bytes at `start` (bit `i` for byte `start + i`): which occur,
    /// and what the script check would search the body for.
    private mutating func noteMarkers(
        _ found: UInt64, at start: Int, in bytes: LinkSyntax.Bytes, markers: inout ScriptContent.Markers
    ) {
        var found = found
        while found != 0 {
            let offset = found.trailingZeroBitCount
            let byte = bytes[start &+ offset]
            markers.add(byte)
            if byte == UInt8(ascii: ":") {
                if !schemeColon { schemeColon = ScriptContent.colonMayEndScheme(bytes, at: start &+ offset) }
            } else if byte == UInt8(ascii: "=") {
                if !handlerEquals { handlerEquals = ScriptContent.equalsMayEndHandler(bytes, at: start &+ offset) }
            } else if byte != UInt8(ascii: "<") {
                // `&` or `%`.
                escapes.mark(start &+ offset)
            }
            found &= found &- 1
        }
    }

    /// Counts the non-ASCII scalars of the first bytes, whose lead bytes ``linkMarks`` holds; `leading`
    /// has bit `k` when the 64 bytes from `64 * k` hold one.
    @inline(never)
    private mutating func countMarkedLeads(_ bytes: LinkSyntax.Bytes, leading: UInt32) {
        // The cache is looked up once for all blocks, not once a block (a `swift_once` check each time).
        let kinds = KindCache.shared
        var leading = leading
        while leading != 0 {
            let start = Int(truncatingIfNeeded: leading.trailingZeroBitCount) &* Self.blockBytes
            countScalars(bytes, leads: linkMarks.leads(of: start), of: start, kinds: kinds)
            leading &= leading &- 1
        }
    }

    /// Counts the non-ASCII scalars of the kilobyte at `start` past the link marks, in text order: `marks`
    /// as ``cm_body_scan`` wrote them, `leading` with bit `k` when the 64 bytes from `start + 64 * k` hold
    /// one. Kept out of line, as bodies this long are rare.
    @inline(never)
    private mutating func countLeads(_ bytes: LinkSyntax.Bytes, marks: UnsafePointer<UInt64>, leading: UInt32, of start: Int) {
        let kinds = KindCache.shared
        var leading = leading
        while leading != 0 {
            let block = Int(truncatingIfNeeded: leading.trailingZeroBitCount)
            countScalars(bytes, leads: marks[2 &* block &+ 1], of: start &+ block &* Self.blockBytes, kinds: kinds)
            leading &= leading &- 1
        }
    }

    @inline(__always)
    private mutating func countScalars(_ bytes: LinkSyntax.Bytes, leads: UInt64, of blockStart: Int, kinds: KindCache) {
        var leads = leads
        // Lead bytes are bytes of the text: an empty one has none.
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return }
        while leads != 0 {
            let start = blockStart &+ leads.trailingZeroBitCount
            let lead = bytes[start]
            if lead == 0xC2 { noteC2(bytes, at: start) }
            guard start &+ 4 <= bytes.count else {
                _ = countNonASCII(bytes, at: start)
                leads &= leads &- 1
                continue
            }
            // 2, 3 or 4 bytes for a lead byte from 0xC0, 0xE0 or 0xF0, without branches.
            let length = 2 &+ Int(truncatingIfNeeded: (lead &+ 0x20) &>> 7 ^ 1) &+ Int(truncatingIfNeeded: (lead &+ 0x10) &>> 7 ^ 1)
            let word = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: start, as: UInt32.self))
            let key = UInt64(word & UInt32.max >> (32 &- 8 &* UInt32(length)))
            let kind: Kind
            if let known = kinds.kind(of: key) {
                kind = known
            } else {
                kind = Self.kind(of: LinkSyntax.decodeScalar(bytes, at: start).0)
                kinds.keep(kind, of: key)
            }
            // Most non-ASCII characters of prose (quotes, dashes, emoji) only stand alone: nothing to note.
            if kind != .standsAlone { note(kind, bytes, at: start, end: start &+ length) }
            if start &>> 4 < runCandidates.covered, repeatsOrSelects(base, bytes.count, at: start, key: key, length: length) {
                runCandidates.mark(start &>> 4)
            }
            leads &= leads &- 1
        }
    }

    /// Notes the 0xC2 at `index` as a C1 control (U+0080...U+009F) when the byte after it is below 0xA0.
    private mutating func noteC2(_ bytes: LinkSyntax.Bytes, at index: Int) {
        if index &+ 1 < bytes.count, bytes[index &+ 1] < 0xA0 { mayHoldRefusedControl = true }
    }

    /// Whether the scalar of `length` bytes at `start`, whose bytes are `key` (as in ``KindCache``), is
    /// followed by itself or is a variation selector (U+FE0E, U+FE0F): where a run of it, or of the
    /// character it ends, may start. True as well when too few bytes follow to tell.
    @inline(__always)
    private func repeatsOrSelects(_ base: UnsafeRawPointer, _ count: Int, at start: Int, key: UInt64, length: Int) -> Bool {
        if key == 0x8EB8EF || key == 0x8FB8EF { return true }
        let end = start &+ length
        guard end &+ 4 <= count else { return true }
        let next = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: end, as: UInt32.self))
        return UInt64(next & UInt32.max >> (32 &- 8 &* UInt32(length))) == key
    }

    /// Counts the non-ASCII scalar at `index` if it is a cased letter, and notes a word character;
    /// returns its length.
    private mutating func countNonASCII(_ bytes: LinkSyntax.Bytes, at index: Int) -> Int {
        let (scalar, length) = LinkSyntax.decodeScalar(bytes, at: index)
        note(Self.kind(of: scalar), bytes, at: index, end: index + length)
        return length
    }

    /// Notes a non-ASCII scalar of `kind` from `index` to `end`.
    @inline(__always)
    private mutating func note(_ kind: Kind, _ bytes: LinkSyntax.Bytes, at index: Int, end: Int) {
        if kind.contains(.capital) { capitals += 1 } else if kind.contains(.lowercase) { lowercase += 1 }
        if !kind.contains(.standsAlone) { noteJoining(bytes, at: index) }
        if kind.contains(.word) {
            nonASCIIWords = (nonASCIIWords.isEmpty ? index : nonASCIIWords.lowerBound)..<end
            wordLeads.mark(index)
        }
        if kind.contains(.name) {
            nonASCIINames = (nonASCIINames.isEmpty ? index : nonASCIINames.lowerBound)..<end
            nameLeads.mark(index)
        }
    }

    /// Notes a scalar at `index` that does not stand alone: characters are not all one scalar, and may
    /// not all be simple.
    private mutating func noteJoining(_ bytes: LinkSyntax.Bytes, at index: Int) {
        singleScalarCharacters = false
        if simpleCharacters { simpleCharacters = ContentSignals.selectorCharacter(bytes, selector: index) != nil }
    }

    /// What the scan notes about a non-ASCII scalar.
    struct Kind: OptionSet {
        let rawValue: UInt8
        /// Upper or title case.
        static let capital = Kind(rawValue: 1)
        static let lowercase = Kind(rawValue: 2)
        /// May belong in a word (``ContentSignals/isWordCharacter(_:_:)``).
        static let word = Kind(rawValue: 4)
        /// May be part of a host name (``LinkScanner/isDomainCharacter(_:)``).
        static let name = Kind(rawValue: 8)
        /// ``CachedScalarProperties/standsAlone``.
        static let standsAlone = Kind(rawValue: 16)
    }

    /// Kept out of line: looking up Unicode properties makes the caller fetch type metadata on every
    /// call, ASCII included.
    @inline(never)
    private static func kind(of scalar: Unicode.Scalar) -> Kind {
        let properties = ScalarPropertyCache.shared.properties(of: scalar)
        var kind: Kind = []
        switch properties.category {
        case .uppercaseLetter, .titlecaseLetter: kind.insert(.capital)
        case .lowercaseLetter: kind.insert(.lowercase)
        default: break
        }
        if properties.standsAlone { kind.insert(.standsAlone) }
        if ContentSignals.isWordCharacter(scalar, properties) { kind.insert(.word) }
        if LinkScanner.isDomainCharacter(properties) { kind.insert(.name) }
        return kind
    }
}
