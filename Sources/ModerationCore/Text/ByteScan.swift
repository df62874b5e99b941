/// Searches over UTF-8 bytes eight at a time (in a 64-bit word), for the loops that pass over every byte
/// of a comment: most bytes are plain ASCII that those loops only step over. The plain searches for one
/// or two bytes and for non-ASCII bytes are `BlockScan`'s, sixteen at a time.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The first index in `range` of a byte that is not an ASCII letter, or `range.upperBound`: where a
    /// word's letters end, without a branch per letter.
    @inline(__always)
    static func firstNonLetter(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int {
        firstIndex(
            in: bytes, range,
            flags: { word in
                // Lower-cased with the high bits cleared, no addition carries into the next byte: the first
                // sets a byte's high bit from `a` on, the second from past `z`.
                let lower = (word | 0x2020_2020_2020_2020) & ~highBits
                let letters = (lower &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(lower &+ 0x0505_0505_0505_0505) & ~word & highBits
                return ~letters & highBits
            },
            matches: { !($0 | 0x20 >= UInt8(ascii: "a") && $0 | 0x20 <= UInt8(ascii: "z")) })
    }

    /// The first index `i` in `range` that may start a run of `length` (at least 2) equal bytes inside
    /// `range`: its byte equals the next one and the one at `i + length - 1`; nil when there is none.
    /// Every such run starts at such an index, so none lies before the one returned.
    @inline(__always)
    static func firstPossibleRun(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>, length: Int) -> Int? {
        let last = length - 1
        var index = range.lowerBound
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while index + last + 8 <= range.upperBound {
                let first = word(base, at: index)
                let zeros = zeroBytes((first ^ word(base, at: index + 1)) | (first ^ word(base, at: index + last)))
                if zeros != 0 { return index + zeros.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index + last < range.upperBound {
            if bytes[index] == bytes[index + 1] && bytes[index] == bytes[index + last] { return index }
            index += 1
        }
        return nil
    }

    /// The first index in `range` of `<`, `.`, `:` or a byte at or above 0x80, or `range.upperBound`: the
    /// bytes without which no link is written.
    @inline(__always)
    static func firstLinkMarker(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int {
        firstIndex(
            in: bytes, range,
            flags: {
                $0 & highBits | equalBytes($0, UInt8(ascii: "<")) | equalBytes($0, UInt8(ascii: "."))
                    | equalBytes($0, UInt8(ascii: ":"))
            },
            matches: { $0 >= 0x80 || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":") })
    }

    /// The first index in `range` whose byte `matches`, where `flags` marks a word's matching bytes (the
    /// lowest mark exact), or `range.upperBound`.
    @inline(__always)
    private static func firstIndex(
        in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, flags: (UInt64) -> UInt64,
        matches: (UInt8) -> Bool
    ) -> Int {
        var index = range.lowerBound
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            // Indices of a buffer are far from overflowing.
            while index &+ 8 <= range.upperBound {
                let found = flags(word(base, at: index))
                if found != 0 { return index &+ found.trailingZeroBitCount &>> 3 }
                index &+= 8
            }
        }
        while index < range.upperBound, !matches(bytes[index]) { index += 1 }
        return index
    }

    /// The eight bytes at `index` (which must be at most `count - 8`) as one little-endian word.
    @inline(__always)
    static func word(_ base: UnsafeRawPointer, at index: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
    }

    /// The high bit of each byte of `word` that equals `byte` set, with `zeroBytes`' caveat.
    @inline(__always)
    static func equalBytes(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        zeroBytes(word ^ (ones &* UInt64(byte)))
    }

    /// The high bit of each zero byte of `word` set (and possibly of bytes above a zero byte: only the
    /// lowest flag is exact, and a word with no zero byte gets none).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word & highBits
    }

    /// The high bit of each byte below `limit` (at most 0x80) set, with `zeroBytes`' caveat.
    @inline(__always)
    static func below(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        (word &- ones &* UInt64(limit)) & ~word & highBits
    }
}
