/// Searches over UTF-8 bytes eight at a time (in a 64-bit word), for the loops that pass over every byte
/// of a comment: most bytes are plain ASCII that those loops only step over.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The index of the first byte at or above 0x80 in `range`, or `range.upperBound`.
    @inline(__always)
    static func firstNonASCII(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int {
        var index = range.lowerBound
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while index + 8 <= range.upperBound {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let high = word & highBits
                if high != 0 { return index + high.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < range.upperBound, bytes[index] < 0x80 { index += 1 }
        return index
    }

    /// The first index `i` in `range` whose byte equals the next one (`i + 1` also in `range`), or nil.
    @inline(__always)
    static func firstRepeat(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int? {
        var index = range.lowerBound
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while index + 9 <= range.upperBound {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let next = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index + 1, as: UInt64.self))
                // A zero byte in `same` is a byte equal to its successor; the lowest flagged byte is
                // exact (the subtraction's borrow only ever flags bytes above a real zero).
                let same = word ^ next
                let zeros = (same &- ones) & ~same & highBits
                if zeros != 0 { return index + zeros.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index + 1 < range.upperBound {
            if bytes[index] == bytes[index + 1] { return index }
            index += 1
        }
        return nil
    }
}
