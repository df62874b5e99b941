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
        /// Where the scan must look again after a word, as far as known (see ``BodyScan/LinkMarks``).
        let links: BodyScan.LinkMarks.View

        /// Nothing known but `range`.
        init(_ range: Range<Int>) {
            (self.range, marks, links) = (range, .none, .none)
        }

        init(_ range: Range<Int>, marks: BodyScan.LeadMarks.View, links: BodyScan.LinkMarks.View = .none) {
            (self.range, self.marks, self.links) = (range, marks, links)
        }

        var upperBound: Int { range.upperBound }

        @inline(__always)
        func contains(_ index: Int) -> Bool { range.contains(index) }
    }
}
