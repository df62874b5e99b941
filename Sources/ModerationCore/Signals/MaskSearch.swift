import ByteMasks

/// Searches for one byte value 64 bytes at a time, as bit masks (`cm_equal64`) read bit by bit: for the
/// body-pass searches that look at every occurrence of a byte in turn (each `:` or `=` of a body), which a
/// search restarted from each occurrence would classify again.
enum MaskSearch {
    /// The first index of `bytes` whose byte is `byte` and that `accept` takes, visiting the occurrences
    /// in order; `bytes.count` when none is taken.
    @inline(__always)
    static func firstIndex(of byte: UInt8, in bytes: LinkSyntax.Bytes, where accept: (Int) -> Bool) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        var start = 0
        while start &+ 64 <= bytes.count {
            if let found = first(in: cm_equal64(base + start, byte), from: start, accept) { return found }
            start &+= 64
        }
        let remaining = bytes.count &- start
        guard remaining > 0 else { return bytes.count }
        // The last bytes, copied into 64 whose bits past the end are dropped.
        let found = PaddedTail.with(bytes, from: start) { padded in
            first(in: cm_equal64(padded, byte) & (1 &<< UInt64(remaining) &- 1), from: start, accept)
        }
        return found ?? bytes.count
    }

    /// The first set bit of `mask` (bit i for index `start + i`) whose index `accept` takes.
    @inline(__always)
    private static func first(in mask: UInt64, from start: Int, _ accept: (Int) -> Bool) -> Int? {
        var mask = mask
        while mask != 0 {
            let index = start &+ mask.trailingZeroBitCount
            if accept(index) { return index }
            mask &= mask &- 1
        }
        return nil
    }
}
