extension WordMatcher {
    /// The tables a scan reads, copied once into memory the matcher owns and frees in its `deinit`.
    ///
    /// Why not the arrays themselves: taking seven arrays' buffers per scan costs a retain and a release
    /// each and seven nested closures, as much as matching a short field's words (a name, an address).
    struct Tables {
        let forward: ByteTrie.View
        /// Reversed first words of suffix patterns; the value is the forward node after `suffixMark` + word.
        let reverse: ByteTrie.View
        let nodeEntries: UnsafeBufferPointer<NodeEntries>
        /// Entry indices that `nodeEntries` ranges point into.
        let entryIndices: UnsafeBufferPointer<Int32>
        let hasSuffixPatterns: Bool
        /// One bit per (last byte, byte before it) that some suffix pattern's first word ends with: most
        /// words skip the backwards walk after one bit test. All zeros, like `suffixLetterEndings`, when
        /// there is no suffix pattern (the plain-text loop tests them without `hasSuffixPatterns`).
        let suffixEndings: UnsafeBufferPointer<UInt64>
        /// For plain words (ASCII letters): one bit per last three letters (`tripleBit` of the last, the one
        /// before it and the one before that, zeros past a shorter word's first) that some suffix pattern's
        /// first word may end with. Sharper than `suffixEndings`, which passes a tenth of English words with
        /// a large list, for the plain-text loop, where most words are tested.
        let suffixLetterEndings: UnsafeBufferPointer<UInt64>
        /// One bit per three lower-case ASCII letters (five bits each) with which a walk from the root may
        /// report something or go on past the third letter, and per word of one or two letters (padded with
        /// zeros, which no letter is) whose walk may report something or queue a phrase walk: most plain
        /// words skip the walk, and with it the cache misses of a large trie, after one bit test.
        let rootTriples: UnsafeBufferPointer<UInt64>
        /// One bit per hash of four lower-case ASCII letters (`quadBit`) with which a walk from the root may
        /// report something or go on past the fourth letter: of the words of four letters or more that pass
        /// `rootTriples` (a quarter of English words with a large list), most skip the walk after this test.
        let rootQuads: UnsafeBufferPointer<UInt64>
        /// One bit per hash of five letters' codes (`quintBit`; a word of four has a zero fifth) with which
        /// a walk from the root may report something or queue a phrase walk: most words of four letters or
        /// more that pass `rootQuads` go no further than their fourth or fifth letter, and skip the walk.
        let rootQuints: UnsafeBufferPointer<UInt64>

        /// Copies of the arrays, to be freed with `deallocate`.
        init(
            forward: ByteTrie, reverse: ByteTrie, nodeEntries: [NodeEntries], entryIndices: [Int32],
            hasSuffixPatterns: Bool, suffixEndings: [UInt64], suffixLetterEndings: [UInt64], rootTriples: [UInt64],
            rootQuads: [UInt64], rootQuints: [UInt64]
        ) {
            self.forward = ByteTrie.View(cells: Self.copy(forward.cells), values: Self.copy(forward.values))
            self.reverse = ByteTrie.View(cells: Self.copy(reverse.cells), values: Self.copy(reverse.values))
            self.nodeEntries = Self.copy(nodeEntries)
            self.entryIndices = Self.copy(entryIndices)
            self.hasSuffixPatterns = hasSuffixPatterns
            self.suffixEndings = Self.copy(suffixEndings)
            self.suffixLetterEndings = Self.copy(suffixLetterEndings)
            self.rootTriples = Self.copy(rootTriples)
            self.rootQuads = Self.copy(rootQuads)
            self.rootQuints = Self.copy(rootQuints)
        }

        /// Frees the copies; the tables must not be read afterwards.
        func deallocate() {
            for buffer in [
                forward.cells, reverse.cells, suffixEndings, suffixLetterEndings, rootTriples, rootQuads, rootQuints,
            ] { buffer.deallocate() }
            for buffer in [forward.values, reverse.values, entryIndices] { buffer.deallocate() }
            nodeEntries.deallocate()
        }

        private static func copy<Element>(_ array: [Element]) -> UnsafeBufferPointer<Element> {
            // At least one element, so every copy is an allocation of its own to free.
            let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(array.count, 1))
            _ = buffer.initialize(from: array)
            return UnsafeBufferPointer(start: buffer.baseAddress, count: array.count)
        }
    }
}
