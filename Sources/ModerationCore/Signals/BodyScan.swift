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

    /// - Parameter bytes: valid UTF-8 (the bytes of a `String`).
    init(_ bytes: LinkSyntax.Bytes) {
        var index = 0
        var markers = ScriptContent.Markers()
        // The first byte the walk over non-ASCII scalars has not decoded: a scalar may end in the next block.
        var resume = 0
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            var markerLanes = ScriptContent.Markers.Lanes()
            while index &+ BlockScan.width <= bytes.count {
                // Letters are counted per lane, each lane taking at most 255 blocks before they are added up.
                var (upper, lower) = (BlockScan.Block(), BlockScan.Block())
                let chunkEnd = min(bytes.count, index &+ 255 &* BlockScan.width)
                while index &+ BlockScan.width <= chunkEnd {
                    let block = BlockScan.load(base, at: index)
                    // A set lane is -1: subtracting it counts one.
                    upper &-= unsafeBitCast(BlockScan.inRange(block, 0x41, 0x5A), to: BlockScan.Block.self)
                    lower &-= unsafeBitCast(BlockScan.inRange(block, 0x61, 0x7A), to: BlockScan.Block.self)
                    markerLanes.add(block)
                    let nonASCII = BlockScan.nonASCII(block)
                    if BlockScan.any(nonASCII) {
                        resume = countNonASCII(bytes, lanes: BlockScan.bits(nonASCII), of: index, from: resume)
                    }
                    index &+= BlockScan.width
                }
                capitals += BlockScan.sum(upper)
                lowercase += BlockScan.sum(lower)
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
        let (word, name) = Self.count(scalar, into: &self)
        if word { nonASCIIWords = (nonASCIIWords.isEmpty ? index : nonASCIIWords.lowerBound)..<index + length }
        if name { nonASCIINames = (nonASCIINames.isEmpty ? index : nonASCIINames.lowerBound)..<index + length }
        return length
    }

    /// Returns whether `scalar` may belong in a word and be part of a host name. Kept out of line: looking
    /// up Unicode properties makes the caller fetch type metadata on every call, ASCII included.
    @inline(never)
    private static func count(_ scalar: Unicode.Scalar, into scan: inout BodyScan) -> (word: Bool, name: Bool) {
        let properties = ScalarPropertyCache.shared.properties(of: scalar)
        switch properties.category {
        case .uppercaseLetter, .titlecaseLetter: scan.capitals += 1
        case .lowercaseLetter: scan.lowercase += 1
        default: break
        }
        if !properties.standsAlone { scan.singleScalarCharacters = false }
        return (ContentSignals.isWordCharacter(scalar, properties), LinkScanner.isDomainCharacter(properties))
    }
}
