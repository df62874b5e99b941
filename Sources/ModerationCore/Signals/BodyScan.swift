/// What the body's content signals need from its bytes, gathered in one pass instead of one pass per
/// signal: each pass over a 1 KB body costs about as much as the work it feeds, and separate passes
/// evict each other's data. Non-ASCII characters are decoded once here, not once per signal.
struct BodyScan {
    /// Cased letters: capitals (upper and title case) and lower case, any script with case.
    private(set) var capitals = 0
    private(set) var lowercase = 0
    /// Which of the bytes ``ScriptContent`` starts from occur (see ``ScriptContent/Markers``).
    private(set) var scriptMarkers: UInt64 = 0
    /// From the first to the last byte of the non-ASCII characters that could belong in a word (see
    /// ``ContentSignals/isWordCharacter(_:_:)``); empty without one, when every word is ASCII, in one
    /// script at most, and no word mixes scripts.
    private(set) var nonASCIIWords = 0..<0
    var hasNonASCIIWordCharacter: Bool { !nonASCIIWords.isEmpty }
    /// From the first to the last byte of the non-ASCII characters that could be part of a host name (see
    /// ``LinkScanner/isDomainCharacter(_:)``); empty without one. The link scan steps over non-ASCII
    /// characters outside it as over punctuation.
    private(set) var nonASCIINames = 0..<0
    /// Whether every non-ASCII scalar stands alone (``CachedScalarProperties/standsAlone``): then every
    /// character of the body is one scalar (CR LF aside), and finding repeated characters needs no
    /// grapheme rules.
    private(set) var singleScalarCharacters = true
    /// Whether every character is one scalar (CR LF aside) or one scalar and a variation selector, as
    /// "❤️" (see ``ContentSignals/selectorCharacter(_:selector:)``): finding repeated characters needs no
    /// grapheme rules then either.
    private(set) var simpleCharacters = true
    /// The last non-ASCII scalar counted and its kind.
    private var last: (scalar: Unicode.Scalar, kind: Kind) = ("\u{0}", [])

    /// - Parameter bytes: valid UTF-8 (the bytes of a `String`).
    init(_ bytes: LinkSyntax.Bytes) {
        var index = 0
        var markers = ScriptContent.Markers()
        // The first byte the walk over non-ASCII scalars has not decoded: a scalar may end in the next block.
        var resume = 0
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            var markerLanes = ScriptContent.Markers.Lanes()
            while index &+ BlockScan.width <= bytes.count {
                // Chunks of 64 blocks: letters are counted per lane (at most 64 a lane) and added up after
                // each, and the blocks holding non-ASCII bytes are noted in a word and decoded after it, so
                // that the loop calls nothing and keeps its counts in registers.
                var (upper, lower) = (BlockScan.Block(), BlockScan.Block())
                var nonASCIIBlocks: UInt64 = 0
                let chunkStart = index
                let chunkEnd = min(bytes.count, index &+ 64 &* BlockScan.width)
                // Lanes local to the chunk stay in registers.
                var lanes = ScriptContent.Markers.Lanes()
                while index &+ BlockScan.width <= chunkEnd {
                    let block = BlockScan.load(base, at: index)
                    // A set lane is -1: subtracting it counts one.
                    upper &-= unsafeBitCast(BlockScan.inRange(block, 0x41, 0x5A), to: BlockScan.Block.self)
                    lower &-= unsafeBitCast(BlockScan.inRange(block, 0x61, 0x7A), to: BlockScan.Block.self)
                    lanes.add(block)
                    if BlockScan.any(BlockScan.nonASCII(block)) { nonASCIIBlocks |= 1 &<< UInt64((index &- chunkStart) / BlockScan.width) }
                    index &+= BlockScan.width
                }
                capitals += BlockScan.sum(upper)
                lowercase += BlockScan.sum(lower)
                markerLanes.merge(lanes)
                while nonASCIIBlocks != 0 {
                    let blockStart = chunkStart + nonASCIIBlocks.trailingZeroBitCount * BlockScan.width
                    let lanes = BlockScan.bits(BlockScan.nonASCII(BlockScan.load(base, at: blockStart)))
                    resume = countNonASCII(bytes, lanes: lanes, of: blockStart, from: resume)
                    nonASCIIBlocks &= nonASCIIBlocks &- 1
                }
            }
            markers.add(markerLanes)
        }
        // The last bytes one by one, after the end of a scalar that began in the last block.
        index = max(index, resume)
        while index < bytes.count {
            let byte = bytes[index]
            guard byte >= 0x80 else {
                if byte >= 0x41 && byte <= 0x5A { capitals += 1 } else if byte >= 0x61 && byte <= 0x7A { lowercase += 1 }
                markers.add(byte)
                index += 1
                continue
            }
            index += countNonASCII(bytes, at: index)
        }
        scriptMarkers = markers.present
    }

    /// Counts the non-ASCII scalars starting in the block at `blockStart` whose non-ASCII bytes are the
    /// set bits of `lanes`, from `resume` on (bytes before it belong to a scalar already counted);
    /// returns where the last one ends.
    private mutating func countNonASCII(_ bytes: LinkSyntax.Bytes, lanes: Int, of blockStart: Int, from resume: Int) -> Int {
        var end = resume
        var lanes = resume > blockStart ? lanes & ~(1 << (resume - blockStart) - 1) : lanes
        while lanes != 0 {
            let start = blockStart + lanes.trailingZeroBitCount
            end = start + countNonASCII(bytes, at: start)
            lanes = end - blockStart >= BlockScan.width ? 0 : lanes & ~(1 << (end - blockStart) - 1)
        }
        return end
    }

    /// Counts the non-ASCII scalar at `index` if it is a cased letter, and notes a word character;
    /// returns its length.
    private mutating func countNonASCII(_ bytes: LinkSyntax.Bytes, at index: Int) -> Int {
        let (scalar, length) = LinkSyntax.decodeScalar(bytes, at: index)
        // Comments repeat their few non-ASCII characters (emoji above all), often side by side.
        if scalar != last.scalar { last = (scalar, Self.kind(of: scalar)) }
        let kind = last.kind
        if kind.contains(.capital) { capitals += 1 } else if kind.contains(.lowercase) { lowercase += 1 }
        if !kind.contains(.standsAlone) {
            singleScalarCharacters = false
            if simpleCharacters { simpleCharacters = ContentSignals.selectorCharacter(bytes, selector: index) != nil }
        }
        if kind.contains(.word) { nonASCIIWords = (nonASCIIWords.isEmpty ? index : nonASCIIWords.lowerBound)..<index + length }
        if kind.contains(.name) { nonASCIINames = (nonASCIINames.isEmpty ? index : nonASCIINames.lowerBound)..<index + length }
        return length
    }

    /// What the scan notes about a non-ASCII scalar.
    private struct Kind: OptionSet {
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
