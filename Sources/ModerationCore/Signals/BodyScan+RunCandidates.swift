extension BodyScan {
    /// The blocks (sixteen bytes from a multiple of sixteen) of the body where a long run of one character
    /// may start, marked by the body scan as it passes them, so that the search for repeated characters
    /// reads only those instead of the whole body again. A block is marked when it holds what that search
    /// starts from (see `RunFinder.nextCandidate`): a printable ASCII byte equal to the next one and to
    /// the one `minimum - 1` on, a scalar followed by itself, or a variation selector. The search still
    /// tests each byte of a marked block as before; an unmarked block holds none of these.
    struct RunCandidates {
        /// The run length the blocks are marked for; 0 when none are.
        let minimum: Int
        /// How many blocks from the start are marked (at most 256, the first 4 KB): those whose bytes and
        /// the `lookahead` bytes after them lie in the text, as the search's block test reads them. The
        /// search reads the rest of the text as before.
        let covered: Int
        /// How far past a block the search's test reads.
        let lookahead: Int
        /// A bit per covered block, 64 to a word: fixed storage, so that marking allocates nothing.
        private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        /// No block marked.
        init() {
            (minimum, covered, lookahead) = (0, 0, 4)
        }

        /// Blocks of a text of `count` bytes, marked for runs of `minimum` (nothing when below 2).
        init(minimum: Int, count: Int) {
            let lookahead = max(minimum - 1, 4)
            self.minimum = minimum >= 2 ? minimum : 0
            self.lookahead = lookahead
            // The last block covered starts at most `count - width - lookahead`.
            let reach = count - BlockScan.width - lookahead
            covered = minimum >= 2 && reach >= 0 ? min(256, reach / BlockScan.width + 1) : 0
        }

        /// Marks `block` (which must be below `covered`).
        @inline(__always)
        mutating func mark(_ block: Int) {
            let bit: UInt64 = 1 &<< UInt64(block & 63)
            switch block >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }

        /// Marks the blocks set in `lanes`, bit `j` for the block from `start + 16 * j` (`start` a multiple
        /// of 1024), as ``cm_body_scan`` finds them: only covered ones.
        @inline(__always)
        mutating func mark(lanes: UInt64, of start: Int) {
            guard lanes != 0 else { return }
            switch start >> 10 {
            case 0: words.0 |= lanes
            case 1: words.1 |= lanes
            case 2: words.2 |= lanes
            case 3: words.3 |= lanes
            default: break
            }
        }

        /// The first marked block from `block` on, or `covered` when there is none.
        func next(from block: Int) -> Int {
            var word = block >> 6
            guard block < covered else { return covered }
            var bits = self.word(word) & ~UInt64(0) &<< UInt64(block & 63)
            while bits == 0 {
                word += 1
                guard word < 4, word << 6 < covered else { return covered }
                bits = self.word(word)
            }
            return min(word << 6 | bits.trailingZeroBitCount, covered)
        }

        private func word(_ index: Int) -> UInt64 {
            switch index {
            case 0: words.0
            case 1: words.1
            case 2: words.2
            default: words.3
            }
        }
    }
}
