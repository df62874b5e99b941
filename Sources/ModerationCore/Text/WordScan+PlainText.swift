import ByteMasks

extension WordScan {
    /// Matches the whole text as `runPieces(from: 0)` does, without storing a piece for most of it: plain
    /// words (ASCII letters and digits, leet or not) and addresses' `local@domain` are matched as they are
    /// read, and only the stretches around anything else (non-ASCII characters, other `@`/`$`, letters
    /// that may be spaced out, marks or ignorables inside a word) are segmented into pieces and matched
    /// by them.
    ///
    /// Why the two agree: the loop takes a word only when it stands between separators (ignorables
    /// aside) and neither a leet run (which needs touching pieces) nor a run of spaced-out letters (which
    /// needs single letters one to three spacers apart) can include it, so its readings are its bytes
    /// lower-cased, and their leet readings when leet reads it, and nothing else starts at it. Phrase walks it starts wait for the next word as they
    /// would among pieces. A stretch is handed to pieces from a restart point: just after a word the loop
    /// matched with no phrase walk waiting, where segmentation starts afresh (the gap before the next
    /// piece is counted from there; no run crosses it). It ends just after two or more ASCII letters
    /// followed by an ASCII separator, so after a piece that is no single letter and touches nothing,
    /// with no phrase walk waiting; when one waits, the stretch is matched again, longer.
    mutating func runPlainText() {
        var start = 0
        while let (restart, stop) = plainWords(from: start) {
            start = piecesStretch(from: restart, past: stop)
        }
    }

    /// Matches plain words from `start` (a restart point); returns nil at the text's end, or the last
    /// restart point and the start of the first piece it could not take, with the hits and phrase walks
    /// after that restart point undone.
    private mutating func plainWords(from start: Int) -> (restart: Int, stop: Int)? {
        waitsPastPieces = true
        defer { waitsPastPieces = false }
        // Locals, not `self`'s fields: reading those through helpers would copy all of `self` per call.
        let reader = PlainTextReader(text: text, table: table)
        let (text, count, isLetter) = (text, text.count, reader.isLetter)
        let (triples, quads, endings, hasSuffixPatterns) = (rootTriples, rootQuads, suffixEndings, hasSuffixPatterns)
        let letterEndings = suffixLetterEndings
        var index = start
        // The end of the last word matched, for the gap before the next.
        var previousEnd = start
        var restart = start
        var hitsAtRestart = hits.count
        // Words matched, numbered as pieces are (phrase walks wait for a position).
        var position = 0
        while true {
            index = reader.gapEnd(from: index)
            guard index < count else {
                // Walks waiting for a word that never comes, as after the last piece. (Emptying an empty
                // array still makes a new one.)
                if !pending.isEmpty { pending.removeAll(keepingCapacity: true) }
                return nil
            }
            // Most words: ASCII letters between ASCII separators; no phrase walk waiting. Found 64 bytes at a
            // time in the masks of `wordMasks` (a table lookup and a branch per byte cost several times as
            // much), each is passed over after a few bit tests (which `match` would make again) unless it may
            // start a match or end a suffix pattern's first word. A single letter ("I", "a") is taken as
            // `plainWord` takes it: when it cannot be one of spaced-out letters. Whatever else the loop meets
            // (an other byte, a word filling a window) is left, from its gap or its word, to the general way.
            var general = !pending.isEmpty || !isLetter[Int(text[index])]
            window: while !general {
                // `index` is a word's first letter, bit 0 of the masks. The words' first letters and ends
                // alternate in the window, the n-th end closing the n-th word; they are read up to the first
                // other byte (or the window's end): a word touching it, or a gap holding it, is left to the
                // general way.
                let (letters, found) = reader.wordMasks(from: index)
                let base = index
                // Most windows' first other byte, if any, leads no U+FEFF.
                let first = base &+ found.trailingZeroBitCount
                let others = first < count && text[first] == 0xEF
                    ? reader.clearingByteOrderMarks(found, letters: letters, base: base) : found
                // Only the first letters before the first other byte: whether a next word follows is then
                // whether any is left. (`others &- 1` has the bits below that byte's, and others' above it,
                // which no letter's is; all when there is none.)
                var starts = letters & ~(letters &<< 1) & (others &- 1)
                var ends = ~letters & letters &<< 1
                let limit = others.trailingZeroBitCount
                while true {
                    let offset = starts.trailingZeroBitCount
                    let endOffset = ends.trailingZeroBitCount
                    let start = base &+ offset
                    guard endOffset < limit else {
                        // The word ends at an other byte, or runs to the window's end (with no other byte in
                        // the window): a window from it reads it, unless it filled this one.
                        index = start
                        if endOffset == 64 && offset > 0 { continue window }
                        general = true
                        break window
                    }
                    var end = base &+ endOffset
                    let units = endOffset &- offset
                    guard units >= 2 || reader.takesSingleLetter(at: start, end: end, previousEnd: previousEnd) else {
                        index = start
                        general = true
                        break window
                    }
                    // Zeros pad a word shorter than three letters, as `WordMatcher.mayMatchFromRoot` pads it.
                    let second = units > 1 ? text[start &+ 1] : 0
                    let third = units > 2 ? text[start &+ 2] : 0
                    let bit = WordMatcher.tripleBit(text[start], second, third)
                    let fromRoot = triples[bit &>> 6] & (1 &<< UInt64(bit & 63)) != 0
                        && (units < 4 || WordMatcher.mayMatchQuad(quads, text, at: start))
                    // No `hasSuffixPatterns` test (a load per word): without suffix patterns both endings
                    // tables are all zeros.
                    if fromRoot
                        || Self.mayEndWithSuffix(endings, text, end: end, units: units)
                            // Its last three letters, for the tenth of words its last two let through.
                            && WordMatcher.mayEndWithSuffix(letters: letterEndings, text, end: end, units: units)
                    {
                        matchPlainWord(
                            UnsafeBufferPointer(rebasing: text[start..<end]), fromRoot: fromRoot, end: position &+ 1,
                            start: start, stop: end)
                        position &+= 1
                        if !pending.isEmpty {
                            dropWalks(upTo: position &- 1)
                            // The words the phrase walks wait for, as the general way matches them, while
                            // separators alone lead to them: ends a phrase's words in the window. `end` is
                            // the last word's matched.
                            while !pending.isEmpty {
                                starts &= starts &- 1
                                ends &= ends &- 1
                                let nextOffset = starts.trailingZeroBitCount
                                let nextEndOffset = ends.trailingZeroBitCount
                                let (nextStart, nextEnd) = (base &+ nextOffset, base &+ nextEndOffset)
                                guard nextEndOffset < limit,
                                    nextEndOffset &- nextOffset >= 2
                                        || reader.takesSingleLetter(at: nextStart, end: nextEnd, previousEnd: end)
                                else {
                                    previousEnd = end
                                    index = end
                                    break window
                                }
                                matchWaited(from: nextStart, to: nextEnd, position: position)
                                position &+= 1
                                end = nextEnd
                            }
                        }
                        hitsAtRestart = hits.count
                    }
                    previousEnd = end
                    restart = end
                    starts &= starts &- 1
                    ends &= ends &- 1
                    // The next word, when separators alone lead to it; otherwise the outer loop reads on from
                    // the other byte or the window's end.
                    guard starts != 0 else {
                        index = base &+ limit
                        break window
                    }
                }
            }
            guard general else { continue }
            index = reader.gapEnd(from: index)
            guard index < count else {
                if !pending.isEmpty { pending.removeAll(keepingCapacity: true) }
                return nil
            }
            let wordStart = index
            guard let (end, traits) = reader.plainWord(at: index, previousEnd: previousEnd) else {
                if pending.isEmpty, text[index] >= 0x80, let end = reader.symbolsEnd(at: index),
                    let count = matchSymbols(index..<end, position: position)
                {
                    // Emoji and other symbols standing apart: each is a piece, and none joins a run.
                    position &+= count
                    previousEnd = end
                    index = end
                    restart = end
                    hitsAtRestart = hits.count
                    continue
                }
                if pending.isEmpty, let end = reader.symbolJoinedWords(at: index),
                    matchSymbolJoined(wordStart..<end, position: position)
                {
                    // An address's `local@domain`, as pieces would read it: three pieces, one run.
                    position &+= 3
                    previousEnd = end
                    index = end
                    restart = end
                    hitsAtRestart = hits.count
                    continue
                }
                pending.removeAll(keepingCapacity: true)
                hits.removeSubrange(hitsAtRestart...)
                return (restart, wordStart)
            }
            let word = UnsafeBufferPointer(rebasing: text[wordStart..<end])
            let lettersOnly = traits == .hasLetter
            let isLeet = !lettersOnly && traits.isLeet(units: UInt16(clamping: end &- wordStart))
            if isLeet || !pending.isEmpty || !lettersOnly || WordMatcher.mayMatchFromRoot(triples, quads, word)
                || hasSuffixPatterns && Self.mayEndWithSuffix(endings, word)
            {
                if isLeet {
                    matchLeetWord(wordStart..<end, traits: traits, position: position)
                } else {
                    match(
                        word, mask: Self.asciiLowercase, lettersOnly: lettersOnly, first: position,
                        end: position &+ 1, start: wordStart, stop: end)
                }
                if !pending.isEmpty { dropWalks(upTo: position) }
                if pending.isEmpty { hitsAtRestart = hits.count }
            }
            position &+= 1
            previousEnd = end
            index = end
            if pending.isEmpty { restart = end }
        }
    }

    /// Matches the plain word `start ..< end` (ASCII letters) at `position`, for which phrase walks wait,
    /// as the general way does, and drops the walks that waited for it.
    @inline(never)
    private mutating func matchWaited(from start: Int, to end: Int, position: Int) {
        match(
            UnsafeBufferPointer(rebasing: text[start..<end]), mask: Self.asciiLowercase, first: position,
            end: position &+ 1, start: start, stop: end)
        dropWalks(upTo: position)
    }

    /// Matches the leet word `range` (ASCII letters and digits with `traits`, which leet reads) at `position`
    /// in each reading `WordForms.build` gives it: lower-cased with its digits, its leet digits read as
    /// letters with "1" as "i", and with "1" as "l" when it has one (no two of them alike).
    private mutating func matchLeetWord(_ range: Range<Int>, traits: WordTraits, position: Int) {
        let text = text
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: range.count) { form in
            for reading in 0..<(traits.contains(.hasOne) ? 3 : 2) {
                let one = reading == 1 ? UInt8(ascii: "i") : UInt8(ascii: "l")
                for index in range {
                    // OR-ing 0x20 lower-cases letters and leaves digits as they are.
                    let byte = text[index] | Self.asciiLowercase
                    form[index &- range.lowerBound] = reading == 0 ? byte : WordForms.leetLetter(byte, one: one)
                }
                match(
                    UnsafeBufferPointer(form), mask: 0, lettersOnly: false, first: position, end: position &+ 1,
                    start: range.lowerBound, stop: range.upperBound)
            }
        }
    }

    /// Matches the symbols in `range` (`PlainTextReader.symbolsEnd`), whose first is at `position`, each
    /// in the one form pieces give it; returns how many there were, or nil, with their hits undone, when a
    /// phrase walk would wait after one of them: pieces then read the stretch.
    ///
    /// The one form: `WordForms.build` of a lone symbol is its table entry's bytes (one scalar: nothing
    /// to reorder, no dot above to drop at the start), and `symbolsEnd` took no symbol leet reads, so it
    /// has no leet reading. Matching those bytes in place skips building them (a walk from the root
    /// through an emoji mostly ends at its first byte).
    private mutating func matchSymbols(_ range: Range<Int>, position: Int) -> Int? {
        let hitsBefore = hits.count
        var count = 0
        // Locals: read through `self`, which `match` may change, the table is retained per symbol.
        let (text, table) = (text, table)
        var index = range.lowerBound
        while index < range.upperBound, pending.isEmpty {
            let (scalar, length) = TextSegmentation.decode(text, at: index)
            // Matched inside the closure: a scalar seen past the table's limits has its bytes only there.
            let isSymbol = table.withEntry(scalar) { entry in
                guard entry.kind == .symbol else { return false }
                match(
                    entry.bytes, mask: 0, lettersOnly: false, first: position &+ count,
                    end: position &+ count &+ 1, start: index, stop: index &+ length)
                return true
            }
            if isSymbol { count &+= 1 }
            index &+= length
        }
        guard pending.isEmpty else {
            pending.removeAll(keepingCapacity: true)
            hits.removeSubrange(hitsBefore...)
            return nil
        }
        return count
    }

    /// Matches `range`, two words of ASCII letters joined by one `@`/`$` (`PlainTextReader.symbolJoinedWords`)
    /// whose first word is at `position`, as pieces do: each word alone, and the three as one leet run,
    /// whose one reading is the words lower-cased with the symbol read as its letter. Returns false, with
    /// its hits undone, when a phrase walk would wait after one of them: pieces then read the stretch.
    private mutating func matchSymbolJoined(_ range: Range<Int>, position: Int) -> Bool {
        let hitsBefore = hits.count
        let symbol = ByteScan.firstNonLetter(text, in: range.lowerBound..<range.upperBound)
        match(
            UnsafeBufferPointer(rebasing: text[range.lowerBound..<symbol]), mask: Self.asciiLowercase,
            first: position, end: position &+ 1, start: range.lowerBound, stop: symbol)
        if pending.isEmpty {
            match(
                UnsafeBufferPointer(rebasing: text[symbol &+ 1..<range.upperBound]), mask: Self.asciiLowercase,
                first: position &+ 2, end: position &+ 3, start: symbol &+ 1, stop: range.upperBound)
        }
        let leet = table.asciiLeet[Int(text[symbol])]
        if pending.isEmpty, leetReadingMayMatch(range, symbol: symbol, leet: leet) {
            let text = text
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: range.count) { form in
                for index in range { form[index &- range.lowerBound] = text[index] | Self.asciiLowercase }
                form[symbol &- range.lowerBound] = leet
                match(
                    UnsafeBufferPointer(form), mask: 0, lettersOnly: false, first: position, end: position &+ 3,
                    start: range.lowerBound, stop: range.upperBound)
            }
        }
        guard pending.isEmpty else {
            pending.removeAll(keepingCapacity: true)
            hits.removeSubrange(hitsBefore...)
            return false
        }
        return true
    }

    /// Whether matching the leet reading of `range` (`matchSymbolJoined`: the `@`/`$` at `symbol` read as
    /// `leet`, a letter, the rest ASCII letters lower-cased) may report an entry or queue a phrase walk,
    /// with no phrase walk waiting. The reading is letters only, five or more, so the filters plain words
    /// pass apply to it, read from the text without building it: most addresses build nothing.
    private func leetReadingMayMatch(_ range: Range<Int>, symbol: Int, leet: UInt8) -> Bool {
        let text = text
        func letter(_ offset: Int) -> UInt8 {
            let index = range.lowerBound &+ offset
            return index == symbol ? leet : text[index] | Self.asciiLowercase
        }
        let bit = WordMatcher.tripleBit(letter(0), letter(1), letter(2))
        if rootTriples[bit &>> 6] & (1 &<< UInt64(bit & 63)) != 0 {
            let quad = WordMatcher.quadBit(letter(0), letter(1), letter(2), letter(3))
            if rootQuads[quad &>> 6] & (1 &<< UInt64(quad & 63)) != 0 { return true }
        }
        // Its last two letters are the domain word's: `symbolJoinedWords` takes two at least.
        return hasSuffixPatterns
            && WordMatcher.mayEndWithSuffix(
                suffixEndings, last: text[range.upperBound &- 1] | Self.asciiLowercase,
                before: text[range.upperBound &- 2] | Self.asciiLowercase)
    }

    /// Whether the plain word of `units` ASCII letters ending at `end` of `text` may end with a suffix
    /// pattern's first word: `WordMatcher.mayEndWithSuffix`, whose bit (the last byte above the one before
    /// it) is the word's last two bytes read as one little-endian UInt16, lower-cased: one load, not two.
    @inline(__always)
    private static func mayEndWithSuffix(
        _ endings: UnsafeBufferPointer<UInt64>, _ text: UnsafeBufferPointer<UInt8>, end: Int, units: Int
    ) -> Bool {
        let bit = units > 1
            ? Int(UInt16(littleEndian: UnsafeRawPointer(text.baseAddress.unsafelyUnwrapped + (end &- 2))
                .loadUnaligned(as: UInt16.self)) | 0x2020)
            : Int(text[end &- 1] | asciiLowercase) &<< 8
        return endings[bit &>> 6] & (1 &<< UInt64(bit & 63)) != 0
    }

    /// Whether the plain word `word` (ASCII letters or digits) may end with a suffix pattern's first word.
    @inline(__always)
    private static func mayEndWithSuffix(_ endings: UnsafeBufferPointer<UInt64>, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        WordMatcher.mayEndWithSuffix(
            endings, last: word[word.count - 1] | asciiLowercase,
            before: word.count > 1 ? word[word.count - 2] | asciiLowercase : 0)
    }

    /// Matches the stretch from `start` (a restart point) to an end past `stop` by pieces; returns its end,
    /// a restart point for `plainWords`.
    private mutating func piecesStretch(from start: Int, past stop: Int) -> Int {
        let reader = PlainTextReader(text: text, table: table)
        var end = reader.stretchEnd(from: stop)
        while true {
            let hitsBefore = hits.count
            runPieces(from: start, to: end)
            if !overran || end == text.count { return end }
            // A phrase goes on past the end: match a stretch twice as long instead (linear overall).
            hits.removeSubrange(hitsBefore...)
            pending.removeAll(keepingCapacity: true)
            end = reader.stretchEnd(from: min(text.count, start + 2 * (end - start)))
        }
    }
}

/// The byte-level reading behind `WordScan.runPlainText`: where gaps and plain words end, and whether a
/// word may be taken without pieces.
private struct PlainTextReader {
    let text: UnsafeBufferPointer<UInt8>
    /// Not retained: a reader lives inside a call of the scan holding the table, and a retain per reader
    /// (one per field at least) cost an atomic pair.
    private let table: Unmanaged<ScalarTable>
    let isLetter: UnsafePointer<Bool>
    let kinds: UnsafePointer<ScalarKind>
    private let asciiTraits: UnsafePointer<WordTraits>

    init(text: UnsafeBufferPointer<UInt8>, table: ScalarTable) {
        self.text = text
        self.table = Unmanaged.passUnretained(table)
        isLetter = table.isASCIILetter
        kinds = table.asciiKinds
        asciiTraits = table.asciiTraits
    }

    /// `ScalarTable.kind(of:)`, without retaining the table for the call.
    @inline(__always)
    private func kind(of scalar: Unicode.Scalar) -> (ScalarKind, WordTraits, UInt8) {
        table._withUnsafeGuaranteedRef { $0.kind(of: scalar) }
    }

    /// The word masks (`cm_word_masks64`) of the 64 bytes from `index`, which lies in the text; bytes past
    /// the text's end count as separators, as the text's end is to `plainWord`: a field's last word ends
    /// in its window (most fields are a name or an address, whose last word is most of them).
    @inline(__always)
    func wordMasks(from index: Int) -> (letters: UInt64, others: UInt64) {
        guard let base = text.baseAddress, text.count &- index >= 64 else { return tailMasks(from: index) }
        let masks = cm_word_masks64(base + index)
        return (masks.letters, masks.others)
    }

    /// `others` of the window from `base` (`wordMasks`) without the bits of each U+FEFF (a byte order
    /// mark, ignorable) that touches an ASCII separator and comes before any other other byte: comments
    /// pasted from some sites end with one ("views\u{FEFF} "), and as other bytes it would send the word
    /// before it and the gap after it the general way. Taken as a separator it changes nothing there:
    /// ignorables are transparent, so one touching a separator lies in a gap or ends the word before it,
    /// where `plainWord` ends it too. One between letters, or touching other bytes only, stays.
    @inline(never)
    func clearingByteOrderMarks(_ others: UInt64, letters: UInt64, base: Int) -> UInt64 {
        var others = others
        while others != 0 {
            // Never 0: bit 0 is a letter.
            let bit = others.trailingZeroBitCount
            let index = base &+ bit
            guard bit &+ 2 < 64, index &+ 2 < text.count, text[index] == 0xEF, text[index &+ 1] == 0xBB,
                text[index &+ 2] == 0xBF
            else { break }
            let separators = ~(letters | others)
            let before = separators &>> UInt64(bit &- 1) & 1 != 0
            let after = bit &+ 3 < 64 && separators &>> UInt64(bit &+ 3) & 1 != 0
            guard before || after else { break }
            others &= ~(0b111 &<< UInt64(bit))
        }
        return others
    }

    /// `wordMasks` within the text's last 64 bytes: read from the last 64 bytes and shifted down (zeros,
    /// separators, come in past the end), or from a zero-padded copy of a shorter text (zero bytes are
    /// separators).
    @inline(never)
    private func tailMasks(from index: Int) -> (letters: UInt64, others: UInt64) {
        guard let base = text.baseAddress, index < text.count else { return (0, ~0) }
        if text.count >= 64 {
            let start = text.count &- 64
            let masks = cm_word_masks64(base + start)
            let shift = UInt64(index &- start)
            return (masks.letters &>> shift, masks.others &>> shift)
        }
        let masks = cm_word_masks_tail(base + index, text.count &- index)
        return (masks.letters, masks.others)
    }

    /// The end and traits of the plain word at `start` (after a gap that began at `previousEnd`), or nil
    /// when pieces must read it: it is no ASCII letters and digits standing between separators, or it is
    /// a single letter that may be spaced out with the next. Leet may read it ("v1agra", "5million").
    @inline(__always)
    func plainWord(at start: Int, previousEnd: Int) -> (end: Int, traits: WordTraits)? {
        var end = isLetter[Int(text[start])] ? ByteScan.firstNonLetter(text, in: start + 1..<text.count) : start
        var traits: WordTraits = end > start ? .hasLetter : []
        if end < text.count, text[end] < 0x80, kinds[Int(text[end])] == .digit {
            // Letters and digits: "2014", "mp3", "1st"; leet reads some of them.
            end = alphanumericEnd(from: end, traits: &traits)
        }
        let units = end - start
        guard units > 0, endsWord(at: end) else { return nil }
        if units == 1 && !traits.contains(.hasOtherDigit) && !gapAttaches(previousEnd..<start)
            && mayBeSpacedOut(after: end)
        {
            return nil
        }
        return (end, traits)
    }

    /// Whether the single ASCII letter at `start`, which a separator at `end` follows, is a plain word as
    /// `plainWord` reads it (the gap before it began at `previousEnd`): no spaced-out letters include it.
    @inline(__always)
    func takesSingleLetter(at start: Int, end: Int, previousEnd: Int) -> Bool {
        end &- start == 1 && (gapAttaches(previousEnd..<start) || !mayBeSpacedOut(after: end))
    }

    /// The end of the last of the non-ASCII symbols (emoji, "♥", "▬") from `start`, when only ignorables
    /// join them (U+FE0F, U+200D) and a separator or the text's end follows; nil otherwise (a mark, a
    /// letter, a digit, anything else touching them, or a symbol leet would read). Pieces read each
    /// symbol as a piece of its own, which no run includes.
    func symbolsEnd(at start: Int) -> Int? {
        var index = start
        var end: Int?
        while index < text.count {
            let byte = text[index]
            if byte < 0x80 {
                guard Self.isSeparator(kinds[Int(byte)]) else { return nil }
                break
            }
            let (scalar, length) = TextSegmentation.decode(text, at: index)
            let (kind, traits, units) = kind(of: scalar)
            switch kind {
            case .symbol:
                guard !traits.union(.hasNonASCII).isLeet(units: UInt16(units)) else { return nil }
                end = index &+ length
            case .ignorable: break
            case .separator, .spacer: return end
            case .letter, .digit, .mark, .cluster, .leetSymbol: return nil
            }
            index &+= length
        }
        return end
    }

    /// The end of two words of two or more ASCII letters joined by one `@`/`$` at `start` ("smith@example"
    /// of an address), when a separator follows them (ignorables aside); nil otherwise. Pieces read them
    /// as three pieces: the words, which no spaced-out letters can include, and the symbol touching both;
    /// and as one leet run, since the symbol makes it leet and nothing else touches it.
    func symbolJoinedWords(at start: Int) -> Int? {
        let symbol = ByteScan.firstNonLetter(text, in: start..<text.count)
        guard symbol &- start >= 2, symbol &+ 2 < text.count, text[symbol] < 0x80,
            kinds[Int(text[symbol])] == .leetSymbol, isLetter[Int(text[symbol &+ 1])]
        else { return nil }
        let end = ByteScan.firstNonLetter(text, in: symbol &+ 2..<text.count)
        guard end &- symbol >= 3, endsWord(at: end) else { return nil }
        return end
    }

    /// The first index whose two bytes before it, from `start` on, are ASCII letters and whose own byte is
    /// an ASCII separator; the text's end when there is none.
    func stretchEnd(from start: Int) -> Int {
        var letters = 0
        var index = start
        while index < text.count {
            let byte = text[index]
            if isLetter[Int(byte)] {
                letters += 1
            } else {
                if letters >= 2, byte < 0x80, Self.isSeparator(kinds[Int(byte)]) { return index }
                letters = 0
            }
            index += 1
        }
        return text.count
    }

    /// The index after the separators and ignorables from `start`: where the next piece starts.
    @inline(__always)
    func gapEnd(from start: Int) -> Int {
        var index = start
        while index < text.count {
            let byte = text[index]
            if byte < 0x80 {
                guard Self.isSeparator(kinds[Int(byte)]) else { return index }
                index += 1
            } else {
                let (kind, length) = kind(at: index)
                guard Self.isSeparator(kind) || kind == .ignorable else { return index }
                index += length
            }
        }
        return index
    }

    /// Whether a word whose letters and digits end at `end` ends there: ignorables aside, a separator or
    /// the text's end follows (not a mark, a letter or digit after an ignorable, `@`/`$` or a symbol).
    @inline(__always)
    private func endsWord(at end: Int) -> Bool {
        var index = end
        while index < text.count {
            let byte = text[index]
            if byte < 0x80 { return Self.isSeparator(kinds[Int(byte)]) }
            let (kind, length) = kind(at: index)
            guard kind == .ignorable else { return Self.isSeparator(kind) }
            index += length
        }
        return true
    }

    /// The end of the ASCII letters and digits from `start`, with their traits added to `traits`.
    private func alphanumericEnd(from start: Int, traits: inout WordTraits) -> Int {
        var index = start
        while index < text.count, text[index] < 0x80 {
            let kind = kinds[Int(text[index])]
            guard kind == .letter || kind == .digit else { break }
            traits.formUnion(asciiTraits[Int(text[index])])
            index += 1
        }
        return index
    }

    /// Whether the gap `range` is one apostrophe, which attaches the word after it to the one before ("m"
    /// in "I'm"), so that word is no spaced-out letter. Gaps with ignorables are taken as not attaching,
    /// which only hands more text to pieces.
    private func gapAttaches(_ range: Range<Int>) -> Bool {
        switch range.count {
        case 1: text[range.lowerBound] == UInt8(ascii: "'")
        // U+2019 RIGHT SINGLE QUOTATION MARK
        case 3: text[range.lowerBound] == 0xE2 && text[range.lowerBound + 1] == 0x80 && text[range.lowerBound + 2] == 0x99
        default: false
        }
    }

    /// Whether the single letter or leet digit ending at `end` may be followed by another one, one to three
    /// spacers on: both would then be read as spaced-out letters. Ignorables are passed over (they are
    /// transparent); anything else unclear (other non-ASCII characters, `@`/`$`) counts as maybe.
    private func mayBeSpacedOut(after end: Int) -> Bool {
        var index = end
        var spacers = 0
        while index < text.count {
            guard text[index] < 0x80 else {
                let (kind, length) = kind(at: index)
                guard kind == .ignorable else { return true }
                index += length
                continue
            }
            switch kinds[Int(text[index])] {
            case .spacer where spacers < 3:
                spacers += 1
                index += 1
            case .spacer, .separator: return false
            case .letter, .digit:
                // Two letters or digits in a row make a piece of two units at least: no single letter.
                guard index + 1 < text.count, text[index + 1] < 0x80 else { return true }
                let next = kinds[Int(text[index + 1])]
                return next != .letter && next != .digit
            default: return true
            }
        }
        return false
    }

    /// The kind and UTF-8 length of the non-ASCII scalar at `index`.
    @inline(never)
    private func kind(at index: Int) -> (ScalarKind, Int) {
        let (scalar, length) = TextSegmentation.decode(text, at: index)
        return (kind(of: scalar).0, length)
    }

    @inline(__always)
    private static func isSeparator(_ kind: ScalarKind) -> Bool {
        kind == .separator || kind == .spacer
    }
}
