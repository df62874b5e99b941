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
    /// Whether the non-ASCII scalars of the first bytes (see ``linkMarks``) are counted.
    private var countedMarkedLeads = false
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
        // Blocks before this byte are marked; a run's last byte lies `runLast` on from its first.
        let runEnd = runCandidates.covered &* BlockScan.width
        let runLast = runMinimum &- 1
        var markers = ScriptContent.Markers()
        var index = 0
        // 64 bytes at a time: letters are counted in vector lanes, and only the rare
        // bytes the masks single out (markers, non-ASCII lead bytes) are read one by one.
        while index &+ Self.chunk <= bytes.count {
            let block = cm_body_block64(base + index)
            note(block, at: index, in: bytes, markers: &markers) { cm_range64(base + index, 0xC0, 0xFF) }
            if index < runEnd {
                if index &+ Self.chunk &+ runLast <= bytes.count {
                    runCandidates.mark(runs: cm_runs64(base + index, Int32(truncatingIfNeeded: runLast)), of: index)
                } else {
                    markRuns(base, from: index, to: min(index &+ Self.chunk, runEnd), last: runLast)
                }
            }
            index &+= Self.chunk
        }
        if index < runEnd { markRuns(base, from: index, to: runEnd, last: runLast) }
        // The last bytes, copied before zeros: a zero is no letter, marker or non-ASCII byte. Their masks
        // are taken out of the copy's scope, so that the scan is not captured (and copied) to note them.
        let remaining = bytes.count &- index
        if remaining > 0 {
            let (block, leads) = PaddedTail.with(bytes, from: index) { padded in
                let block = cm_body_block64(padded)
                return (block, block.nonascii != 0 ? cm_range64(padded, 0xC0, 0xFF) : 0)
            }
            note(block, at: index, in: bytes, markers: &markers) { leads }
        }
        if !countedMarkedLeads { countMarkedLeads(bytes) }
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
    private static let chunk = 64

    /// Counts and notes what `block`, the masks of the 64 bytes at `start` of `bytes`, holds; `leads` gives
    /// their non-ASCII lead bytes (bit `i` for byte `start + i`), asked for only when there is a non-ASCII
    /// byte.
    @inline(__always)
    private mutating func note(
        _ block: cm_body_block, at start: Int, in bytes: LinkSyntax.Bytes, markers: inout ScriptContent.Markers,
        leads: () -> UInt64
    ) {
        capitals &+= Int(block.upper)
        lowercase &+= Int(block.lower)
        // The link scan's markers: `<`, `:` before `/` and `.` before a byte above `,` (none after the text).
        var links: UInt64 = 0
        var found = block.markers
        while found != 0 {
            let offset = found.trailingZeroBitCount
            let byte = bytes[start &+ offset]
            markers.add(byte)
            if byte == UInt8(ascii: ":") {
                if Self.byte(after: start &+ offset, in: bytes) == UInt8(ascii: "/") { links |= 1 &<< UInt64(offset) }
                if !schemeColon { schemeColon = ScriptContent.colonMayEndScheme(bytes, at: start &+ offset) }
            } else if byte == UInt8(ascii: "<") {
                links |= 1 &<< UInt64(offset)
            } else if byte == UInt8(ascii: "=") {
                if !handlerEquals { handlerEquals = ScriptContent.equalsMayEndHandler(bytes, at: start &+ offset) }
            } else {
                // `&` or `%`.
                escapes.mark(start &+ offset)
            }
            found &= found &- 1
        }
        var dots = block.dots
        while dots != 0 {
            let offset = dots.trailingZeroBitCount
            if Self.byte(after: start &+ offset, in: bytes) > UInt8(ascii: ",") { links |= 1 &<< UInt64(offset) }
            dots &= dots &- 1
        }
        linkMarks.set(links, of: start)
        // The zeros after the text in a copied tail are no control of it.
        if block.controls != 0, start &+ Self.chunk <= bytes.count || block.controls & (1 &<< UInt64(bytes.count &- start) &- 1) != 0 {
            mayHoldRefusedControl = true
        }
        guard block.nonascii != 0 else { return }
        // Only lead bytes start a scalar (the bytes are valid UTF-8): the continuation bytes of one that
        // began in the 64 bytes before are not looked at.
        let leads = leads()
        guard leads != 0 else { return }
        // Those of the first bytes are marked for the link scan and counted after the last block there, all
        // in one call; the others now, in text order after them.
        guard start >= LinkMarks.covered else { return linkMarks.set(leads: leads, of: start) }
        if !countedMarkedLeads { countMarkedLeads(bytes) }
        countNonASCII(bytes, leads: leads, of: start)
    }

    /// Counts the non-ASCII scalars of the first bytes, whose lead bytes ``linkMarks`` holds.
    @inline(never)
    private mutating func countMarkedLeads(_ bytes: LinkSyntax.Bytes) {
        countedMarkedLeads = true
        // The cache is looked up once for all blocks, not once a block (a `swift_once` check each time).
        let kinds = KindCache.shared
        var start = 0
        while start < min(bytes.count, LinkMarks.covered) {
            let leads = linkMarks.leads(of: start)
            if leads != 0 { countScalars(bytes, leads: leads, of: start, kinds: kinds) }
            start &+= Self.chunk
        }
    }

    /// The byte after `index` in `bytes`, 0 past the end.
    @inline(__always)
    private static func byte(after index: Int, in bytes: LinkSyntax.Bytes) -> UInt8 {
        index &+ 1 < bytes.count ? bytes[index &+ 1] : 0
    }

    /// Marks the blocks from `start` to `end` (all covered) that hold a run candidate, sixteen bytes at a
    /// time: for the last blocks, whose test reads past the end of a 64-byte load that would not fit.
    private mutating func markRuns(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, last: Int) {
        let raw = UnsafeRawPointer(base)
        var index = start
        while index < end {
            let block = BlockScan.load(raw, at: index)
            let runs = (block .> BlockScan.splat(0x20)) .& (block .== BlockScan.load(raw, at: index &+ 1))
                .& (block .== BlockScan.load(raw, at: index &+ last))
            if BlockScan.any(runs) { runCandidates.mark(index &>> 4) }
            index &+= BlockScan.width
        }
    }

    /// Counts the non-ASCII scalars starting in the 64 bytes at `blockStart` at the set bits of `leads`.
    /// Kept out of line so that the block loop keeps its registers.
    @inline(never)
    private mutating func countNonASCII(_ bytes: LinkSyntax.Bytes, leads: UInt64, of blockStart: Int) {
        countScalars(bytes, leads: leads, of: blockStart, kinds: KindCache.shared)
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
