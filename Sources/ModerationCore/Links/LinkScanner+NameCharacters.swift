extension LinkScanner {
    /// Where the non-ASCII characters that may be part of a host name lie, as the body scan found them:
    /// a range (see ``BodyScan/nonASCIINames``) and, for the body's first bytes, which of them start one.
    /// The link scan then tells a name character from the others without decoding it and asking its
    /// properties a second time.
    struct NameCharacters {
        /// From the first to the last byte of such characters; the scan steps over non-ASCII characters
        /// outside it as over punctuation.
        let range: Range<Int>
        /// Bit `i % 64` of word `i / 64` set when a name character starts at byte `i`, for `i` below
        /// `known`; nil when nothing is known.
        private let leads: UnsafePointer<UInt64>?
        private let known: Int

        /// Nothing known but `range`.
        init(_ range: Range<Int>) {
            (self.range, leads, known) = (range, nil, 0)
        }

        /// `range`, with the name characters that start below `known` marked in `leads`.
        init(_ range: Range<Int>, leads: UnsafePointer<UInt64>, known: Int) {
            (self.range, self.leads, self.known) = (range, leads, known)
        }

        var upperBound: Int { range.upperBound }

        @inline(__always)
        func contains(_ index: Int) -> Bool { range.contains(index) }

        /// Whether the body scan marked the non-ASCII character at `index` (inside `range`) as a name
        /// character; nil when it is beyond what the marks cover.
        @inline(__always)
        func isMarked(_ index: Int) -> Bool? {
            guard index < known, let leads else { return nil }
            return leads[index &>> 6] &>> UInt64(index & 63) & 1 != 0
        }
    }
}
