extension LinkScanner {
    /// Where the non-ASCII characters that may be part of a host name lie, as the body scan found them:
    /// a range (see ``BodyScan/nonASCIINames``) and, for the body's first bytes, which of them start one.
    /// The link scan then tells a name character from the others without decoding it and asking its
    /// properties a second time.
    struct NameCharacters {
        /// From the first to the last byte of such characters; the scan steps over non-ASCII characters
        /// outside it as over punctuation.
        let range: Range<Int>
        /// The name characters' lead bytes, as far as known.
        let marks: BodyScan.LeadMarks.View

        /// Nothing known but `range`.
        init(_ range: Range<Int>) {
            (self.range, marks) = (range, .none)
        }

        init(_ range: Range<Int>, marks: BodyScan.LeadMarks.View) {
            (self.range, self.marks) = (range, marks)
        }

        var upperBound: Int { range.upperBound }

        @inline(__always)
        func contains(_ index: Int) -> Bool { range.contains(index) }
    }
}
