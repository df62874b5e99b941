/// Searches over UTF-8 bytes sixteen at a time, in SIMD registers, for the passes of the body's signals and
/// links: most bytes are plain prose those passes only step over.
///
/// Blocks are `SIMD16<Int8>` because signed comparisons and byte equality compile to one instruction each
/// (`pcmpgtb`, `pcmpeqb`), while the standard library's unsigned comparisons compile to a loop over the
/// lanes; an unsigned range is tested as a signed one after adding an offset (see `inRange`).
enum BlockScan {
    typealias Block = SIMD16<Int8>
    typealias Mask = SIMDMask<Block>

    /// Bytes per block.
    static let width = 16

    /// The sixteen bytes at `index` (which must be at most `count - 16`).
    @inline(__always)
    static func load(_ base: UnsafeRawPointer, at index: Int) -> Block {
        base.loadUnaligned(fromByteOffset: index, as: Block.self)
    }

    /// Every lane set to `byte`.
    @inline(__always)
    static func splat(_ byte: UInt8) -> Block {
        Block(repeating: Int8(bitPattern: byte))
    }

    /// Lanes whose byte lies in `lower...upper` (unsigned): shifted so that `lower` becomes -128, the
    /// range is the signed values up to `upper - lower - 128`, and no other byte lands there.
    @inline(__always)
    static func inRange(_ block: Block, _ lower: UInt8, _ upper: UInt8) -> Mask {
        (block &+ splat(0x80 &- lower)) .< splat(0x80 &+ (upper &- lower) &+ 1)
    }

    /// Lanes whose byte is at or above 0x80.
    @inline(__always)
    static func nonASCII(_ block: Block) -> Mask {
        block .< Block(repeating: 0)
    }

    /// Lanes equal to `byte`.
    @inline(__always)
    static func equal(_ block: Block, _ byte: UInt8) -> Mask {
        block .== splat(byte)
    }

    /// Whether any lane of `mask` is set.
    @inline(__always)
    static func any(_ mask: Mask) -> Bool {
        let words = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        return words[0] | words[1] != 0
    }

    /// Whether any lane of `block` is not zero.
    @inline(__always)
    static func any(_ block: Block) -> Bool {
        let words = unsafeBitCast(block, to: SIMD2<UInt64>.self)
        return words[0] | words[1] != 0
    }

    /// The lanes of `mask` as the low 16 bits of an integer, lane 0 lowest.
    @inline(__always)
    static func bits(_ mask: Mask) -> Int {
        let words = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        // The high bit of each byte gathered into the top byte by one multiplication.
        let high: UInt64 = 0x8080_8080_8080_8080
        let low = ((words[0] & high) &* 0x0002_0408_1020_4081) >> 56
        let upper = ((words[1] & high) &* 0x0002_0408_1020_4081) >> 56
        return Int(truncatingIfNeeded: low | upper << 8)
    }

    /// The first set lane of `mask`, or nil.
    @inline(__always)
    static func firstLane(_ mask: Mask) -> Int? {
        let words = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        if words[0] != 0 { return words[0].trailingZeroBitCount &>> 3 }
        if words[1] != 0 { return 8 &+ words[1].trailingZeroBitCount &>> 3 }
        return nil
    }

    /// The first index in `range` whose byte `matches`, where `block` marks the matching lanes of the
    /// block at an index (reading at most `lookahead` bytes past the block) and `matches` decides one
    /// index; `range.upperBound` when there is none.
    @inline(__always)
    static func firstIndex(
        in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, lookahead: Int = 0,
        block: (UnsafeRawPointer, Int) -> Mask, matches: (Int) -> Bool
    ) -> Int {
        var index = range.lowerBound
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            // Indices of a buffer are far from overflowing.
            let reach = width &+ lookahead
            // Two blocks at a time: one test for both, as most pairs hold nothing.
            while index &+ width &+ reach <= bytes.count, index &+ 2 &* width <= range.upperBound {
                let (first, second) = (block(base, index), block(base, index &+ width))
                if any(first .| second) {
                    if let lane = firstLane(first) { return index &+ lane }
                    if let lane = firstLane(second) { return index &+ width &+ lane }
                }
                index &+= 2 &* width
            }
            while index &+ reach <= bytes.count, index &+ width <= range.upperBound {
                if let lane = firstLane(block(base, index)) { return index &+ lane }
                index &+= width
            }
        }
        while index < range.upperBound, !matches(index) { index += 1 }
        return index
    }

    /// The first index in `range` of a byte equal to `first` or `second`, or `range.upperBound`.
    @inline(__always)
    static func firstIndex(of first: UInt8, or second: UInt8, in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        firstIndex(
            in: bytes, range,
            block: { base, index in
                let block = load(base, at: index)
                return equal(block, first) .| equal(block, second)
            },
            matches: { bytes[$0] == first || bytes[$0] == second })
    }

    /// The first index in `range` of a byte at or above 0x80, or `range.upperBound`.
    @inline(__always)
    static func firstNonASCII(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int {
        firstIndex(in: bytes, range, block: { nonASCII(load($0, at: $1)) }, matches: { bytes[$0] >= 0x80 })
    }
}
