extension BodyScan {
    /// Where non-ASCII characters of one kind start, in the body's first ``covered`` bytes: the body scan
    /// decodes each non-ASCII character and asks its properties once, and the phases after it read the
    /// answer here instead of asking again (the link scan which characters may be part of a host name,
    /// the mixed-script check which belong in a word).
    struct LeadMarks {
        /// The bytes the marks cover: 1 KB, a usual comment, in fixed storage that allocates nothing.
        static let covered = 1024
        /// Bit `i % 64` of word `i / 64` for byte `i`.
        private var words: (
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
        ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

        /// Marks a character starting at `index`, when it lies in the covered bytes.
        @inline(__always)
        mutating func mark(_ index: Int) {
            guard index >= 0, index < Self.covered else { return }
            withUnsafeMutableBytes(of: &words) { raw in
                let word = raw.load(fromByteOffset: (index &>> 6) &* 8, as: UInt64.self) | 1 &<< UInt64(index & 63)
                raw.storeBytes(of: word, toByteOffset: (index &>> 6) &* 8, as: UInt64.self)
            }
        }

        /// Runs `body` with these marks, for a text of `count` bytes. Mutating only to lend the marks in
        /// place rather than copy them.
        mutating func withView<Result>(count: Int, _ body: (View) -> Result) -> Result {
            withUnsafeBytes(of: &words) { raw in
                guard let base = raw.baseAddress else { return body(.none) }
                return body(View(leads: base.assumingMemoryBound(to: UInt64.self), known: min(count, Self.covered)))
            }
        }

        /// The marks lent for reading.
        struct View {
            private let leads: UnsafePointer<UInt64>?
            private let known: Int

            /// Nothing known.
            static var none: View { View(leads: nil, known: 0) }

            fileprivate init(leads: UnsafePointer<UInt64>?, known: Int) {
                (self.leads, self.known) = (leads, known)
            }

            /// Whether a marked character starts at `index` of the text, a non-ASCII character's lead byte
            /// (at or above 0xC0); nil when the marks do not tell: beyond the bytes they cover, or not at a
            /// lead byte.
            @inline(__always)
            func isMarked(_ index: Int, lead: UInt8) -> Bool? {
                guard index < known, lead >= 0xC0, let leads else { return nil }
                return leads[index &>> 6] &>> UInt64(index & 63) & 1 != 0
            }

            /// Where the bytes the marks tell about end (0 when they tell nothing).
            var end: Int { known }

            /// The marks of the 64 bytes from `64 * block` (bit `i` for byte `64 * block + i`), for a
            /// block below ``end``.
            @inline(__always)
            func word(_ block: Int) -> UInt64 {
                guard let leads else { return 0 }
                return leads[block]
            }

            /// The first marked index from `start` on, below ``end``; nil when there is none.
            func firstMarked(from start: Int) -> Int? {
                guard start >= 0, start < known, let leads else { return nil }
                var word = start &>> 6
                var bits = leads[word] & ~UInt64(0) &<< UInt64(start & 63)
                while bits == 0 {
                    word &+= 1
                    guard word &<< 6 < known else { return nil }
                    bits = leads[word]
                }
                let index = word &<< 6 | bits.trailingZeroBitCount
                return index < known ? index : nil
            }

            /// The byte length of the character whose lead byte (at or above 0xC0) is `lead`.
            @inline(__always)
            static func length(lead: UInt8) -> Int {
                lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            }
        }
    }
}
