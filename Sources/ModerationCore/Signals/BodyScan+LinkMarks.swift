extension BodyScan {
    /// Where the link scan must look again, in the body's first ``covered`` bytes: the bytes its search
    /// for a word that may hold a link stops at (`<`, `:` before `/`, `.` before a byte above `,`, see
    /// `LinkScanner.firstLinkMarker`) and the lead bytes of non-ASCII characters, where that search stops
    /// inside the name characters' range: it searches from a character's start, and the first non-ASCII
    /// byte from there is a lead byte. The body scan marks them as it passes each 64 bytes (and counts the
    /// non-ASCII characters from the marks), and the link scan takes the next one from these words instead
    /// of searching the bytes again after each word it reads. Inside the range it takes the lead bytes of
    /// name characters alone from ``LeadMarks`` (see ``View/first(from:nonASCII:names:)``): the others
    /// start no word it must read.
    struct LinkMarks {
        /// The bytes the marks cover, those of ``LeadMarks``.
        static let covered = LeadMarks.covered
        /// For the 64 bytes from `64 * k`: word `2 * k` holds the markers, word `2 * k + 1` the non-ASCII
        /// lead bytes, bit `i` for byte `64 * k + i`. Fixed storage, so that marking allocates nothing.
        private var words: (
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
        ) = (
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
        )

        /// Runs `body` with the words to write in place, laid out as ``cm_body_scan`` writes its marks.
        @inline(__always)
        mutating func withWords<Result>(_ body: (UnsafeMutablePointer<UInt64>) -> Result) -> Result {
            withUnsafeMutableBytes(of: &words) { raw in
                // The words of a tuple are laid out one after the other, from a non-null address.
                body(raw.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt64.self))
            }
        }

        /// The non-ASCII lead bytes set for the 64 bytes from `start` (a multiple of 64 in the covered
        /// bytes).
        @inline(__always)
        mutating func leads(of start: Int) -> UInt64 {
            guard start >= 0, start < Self.covered else { return 0 }
            return withUnsafeBytes(of: &words) { $0.load(fromByteOffset: (start &>> 6) &* 16 &+ 8, as: UInt64.self) }
        }

        /// Runs `body` with these marks, for a text of `count` bytes. Mutating only to lend the marks in
        /// place rather than copy them.
        mutating func withView<Result>(count: Int, _ body: (View) -> Result) -> Result {
            withUnsafeBytes(of: &words) { raw in
                guard let base = raw.baseAddress else { return body(.none) }
                return body(View(words: base.assumingMemoryBound(to: UInt64.self), known: min(count, Self.covered)))
            }
        }

        /// The marks lent for reading.
        struct View {
            private let words: UnsafePointer<UInt64>?
            private let known: Int

            /// Nothing known.
            static var none: View { View(words: nil, known: 0) }

            fileprivate init(words: UnsafePointer<UInt64>?, known: Int) {
                (self.words, self.known) = (words, known)
            }

            /// Where the bytes the marks tell about end (0 when they tell nothing).
            var end: Int { known }

            /// The first index from `start` on, below ``end``, of a marker or, when `nonASCII`, of a
            /// non-ASCII lead byte; nil when there is none.
            @inline(__always)
            func first(from start: Int, nonASCII: Bool) -> Int? {
                first(from: start, nonASCII: nonASCII, names: .none)
            }

            /// The same, with only the lead bytes marked in `names` counting among the non-ASCII ones where
            /// those marks cover the bytes these do (every lead byte otherwise): the link scan looks again
            /// at a non-ASCII character only when it may be part of a host name, and steps over the others
            /// as over punctuation, as it would after looking.
            @inline(__always)
            func first(from start: Int, nonASCII: Bool, names: LeadMarks.View) -> Int? {
                guard start >= 0, start < known, let words else { return nil }
                let also: UInt64 = nonASCII ? ~0 : 0
                let nameLeads = names.end >= known
                @inline(__always)
                func bits(_ block: Int) -> UInt64 {
                    words[block &* 2] | (nameLeads ? names.word(block) : words[block &* 2 &+ 1]) & also
                }
                var block = start &>> 6
                var found = bits(block) & ~0 &<< UInt64(start & 63)
                while found == 0 {
                    block &+= 1
                    guard block &<< 6 < known else { return nil }
                    found = bits(block)
                }
                let index = block &<< 6 | found.trailingZeroBitCount
                return index < known ? index : nil
            }
        }
    }
}
