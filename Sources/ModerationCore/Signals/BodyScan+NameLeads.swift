extension BodyScan {
    /// Where the non-ASCII characters that may be part of a host name start, in the body's first
    /// ``covered`` bytes: the body scan decodes each such character and asks its properties, and the link
    /// scan reads the answer here instead of asking again (see ``LinkScanner/NameCharacters``).
    struct NameLeads {
        /// The bytes the marks cover: 1 KB, a usual comment, in fixed storage that allocates nothing.
        static let covered = 1024
        /// Bit `i % 64` of word `i / 64` for byte `i`.
        private var words: (
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
        ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

        /// Marks a name character starting at `index`, when it lies in the covered bytes.
        @inline(__always)
        mutating func mark(_ index: Int) {
            guard index >= 0, index < Self.covered else { return }
            withUnsafeMutableBytes(of: &words) { raw in
                let word = raw.load(fromByteOffset: (index &>> 6) &* 8, as: UInt64.self) | 1 &<< UInt64(index & 63)
                raw.storeBytes(of: word, toByteOffset: (index &>> 6) &* 8, as: UInt64.self)
            }
        }

        /// Runs `body` with `range` (``BodyScan/nonASCIINames``) and these marks, for a text of `count` bytes.
        /// Mutating only to lend the marks in place rather than copy them.
        mutating func withNames<Result>(
            _ range: Range<Int>, count: Int, _ body: (LinkScanner.NameCharacters) -> Result
        ) -> Result {
            withUnsafeBytes(of: &words) { raw in
                guard let base = raw.baseAddress else { return body(LinkScanner.NameCharacters(range)) }
                let leads = base.assumingMemoryBound(to: UInt64.self)
                return body(LinkScanner.NameCharacters(range, leads: leads, known: min(count, Self.covered)))
            }
        }
    }
}
