/// One pass over a text, matching its words against a `WordMatcher`'s tries: by stored pieces
/// (`runPieces`), or plain ASCII words as they are read with the rest by pieces (`runPlainText`).
struct WordScan {
    /// A phrase walk that matched up to a separator and waits for the word at `position`.
    struct Walk: Equatable {
        var position: Int
        var node: Int32
        /// Byte where the phrase began.
        var start: Int
    }

    let text: UnsafeBufferPointer<UInt8>
    /// Not retained: a scan lives only inside `WordMatcher.scan`, whose caller holds the table for the
    /// call, and retaining it cost an atomic pair per field (most fields are a name or an address).
    unowned(unsafe) let table: ScalarTable
    /// The pieces being matched: none in the plain-text loop, a stretch of the text's otherwise.
    var pieces = PieceStorage(UnsafeMutableBufferPointer(start: nil, count: 0))
    let forward: ByteTrie.View
    let reverse: ByteTrie.View
    let nodeEntries: UnsafeBufferPointer<WordMatcher.NodeEntries>
    let entryIndices: UnsafeBufferPointer<Int32>
    let hasSuffixPatterns: Bool
    let suffixEndings: UnsafeBufferPointer<UInt64>
    let suffixLetterEndings: UnsafeBufferPointer<UInt64>
    let rootTriples: UnsafeBufferPointer<UInt64>
    let rootQuads: UnsafeBufferPointer<UInt64>
    let rootQuints: UnsafeBufferPointer<UInt64>
    let shortcuts: Bool
    var pending: [Walk] = []
    var hits: [RawWordHit] = []
    /// Phrase walks may wait past the last stored piece: the plain-text loop reads its pieces one at a
    /// time, and each waits for the next.
    var waitsPastPieces = false
    /// A phrase walk would have waited past the last stored piece (and was dropped, as at the text's end).
    var overran = false

    init(text: UnsafeBufferPointer<UInt8>, table: ScalarTable, tables: WordMatcher.Tables, shortcuts: Bool) {
        self.text = text
        self.table = table
        forward = tables.forward
        reverse = tables.reverse
        nodeEntries = tables.nodeEntries
        entryIndices = tables.entryIndices
        hasSuffixPatterns = tables.hasSuffixPatterns
        suffixEndings = tables.suffixEndings
        suffixLetterEndings = tables.suffixLetterEndings
        rootTriples = tables.rootTriples
        rootQuads = tables.rootQuads
        rootQuints = tables.rootQuints
        self.shortcuts = shortcuts
    }

    /// Segments the text's bytes `start ..< end` (`end` at a scalar boundary) and matches their pieces,
    /// as if the text began at `start` and ended at `end`; `overran` tells whether a phrase walk wanted
    /// to go on past `end`.
    mutating func runPieces(from start: Int, to end: Int? = nil) {
        let stretch = UnsafeBufferPointer(rebasing: text[..<(end ?? text.count)])
        overran = false
        TextSegmentation.segment(stretch, from: start, table: table, shortcuts: shortcuts) { segmentation in
            guard !segmentation.pieces.isEmpty else { return }
            pieces = segmentation.pieces
            defer { pieces = PieceStorage(UnsafeMutableBufferPointer(start: nil, count: 0)) }
            WordForms.with { forms in run(segmentation.runs, forms: &forms) }
        }
    }

    private mutating func run(_ runs: [PieceRun], forms: inout WordForms) {
        // Locals: read through `self`, which matching changes, the table is retained per piece.
        let (text, table) = (text, table)
        var runIndex = 0
        var position = 0
        while position < pieces.count {
            if shortcuts, pending.isEmpty {
                position = plainWords(from: position, before: runIndex < runs.count ? runs[runIndex].first : pieces.count)
                guard position < pieces.count else { break }
            }
            let piece = pieces[position]
            if piece.kind == .word && piece.traits.isPlainASCIIWord {
                // Most words: the normalized form is the text's own bytes, lowercased (`asciiLowercase`).
                let bytes = UnsafeBufferPointer(rebasing: text[piece.start..<piece.end])
                match(
                    bytes, mask: Self.asciiLowercase, first: position, end: position + 1, start: piece.start,
                    stop: piece.end)
            } else if shortcuts, piece.kind == .word, piece.traits.isDisjoint(with: [.hasNonASCII, .hasLeetSymbol]),
                !piece.traits.isLeet(units: piece.units)
            {
                // ASCII letters and digits that leet does not read ("2024", "mp3"): the one form is the bytes
                // with letters lower-cased, and OR-ing 0x20 leaves digits as they are.
                let bytes = UnsafeBufferPointer(rebasing: text[piece.start..<piece.end])
                match(
                    bytes, mask: Self.asciiLowercase, lettersOnly: false, first: position, end: position + 1,
                    start: piece.start, stop: piece.end)
            } else if piece.kind != .leetSymbol {
                forms.build(
                    text, from: piece.start, to: piece.end, traits: piece.traits, units: piece.units, table: table)
                matchForms(forms, first: position, end: position + 1, start: piece.start, stop: piece.end)
            }
            while runIndex < runs.count, runs[runIndex].first == position {
                let run = runs[runIndex]
                let (start, stop) = (pieces[run.first].start, pieces[run.end - 1].end)
                forms.build(text, from: start, to: stop, traits: run.traits, units: run.units, table: table)
                matchForms(forms, first: run.first, end: run.end, start: start, stop: stop)
                runIndex += 1
            }
            if !pending.isEmpty { dropWalks(upTo: position) }
            position += 1
        }
    }

    /// Most of a text: plain ASCII words, with no phrase walk waiting and no run starting, matched in a
    /// tight loop from `start` until one of those changes or `limit`; returns the first position it left.
    @inline(never)
    private mutating func plainWords(from start: Int, before limit: Int) -> Int {
        var position = start
        while position < limit, pending.isEmpty {
            let piece = pieces[position]
            guard piece.kind == .word && piece.traits.isPlainASCIIWord else { break }
            let bytes = UnsafeBufferPointer(rebasing: text[piece.start..<piece.end])
            match(bytes, mask: Self.asciiLowercase, first: position, end: position + 1, start: piece.start, stop: piece.end)
            position += 1
        }
        return position
    }

    /// OR-ed into each byte of a plain ASCII word: lowercases letters, so the word is matched in place.
    static let asciiLowercase: UInt8 = 0x20

    /// Matches the word covering pieces `first ..< end` (bytes `start ..< stop`) in each of its readings.
    mutating func matchForms(_ forms: borrowing WordForms, first: Int, end: Int, start: Int, stop: Int) {
        for reading in 0..<forms.count {
            match(forms.form(reading), mask: 0, first: first, end: end, start: start, stop: stop)
        }
    }

    /// Matches one reading of the word covering pieces `first ..< end` (each byte OR-ed with `mask`): from
    /// the root, from every phrase walk waiting for it, and backwards for suffix patterns.
    @inline(__always)
    mutating func match(
        _ bytes: UnsafeBufferPointer<UInt8>, mask: UInt8, lettersOnly: Bool = true, first: Int, end: Int,
        start: Int, stop: Int
    ) {
        let waiting = pending.count
        // A plain word (ASCII letters, lower-cased by `mask`) skips the walk from the root when its first
        // three letters (or the whole of a shorter one) cannot lead anywhere; the general way always walks.
        if mask != Self.asciiLowercase || !lettersOnly || !shortcuts
            || WordMatcher.mayMatchFromRoot(rootTriples, rootQuads, bytes)
        {
            walk(from: ByteTrie.root, through: bytes, mask: mask, phraseStart: start, stop: stop, end: end)
        }
        for index in 0..<waiting where pending[index].position == first {
            let walk = pending[index]
            self.walk(from: walk.node, through: bytes, mask: mask, phraseStart: walk.start, stop: stop, end: end)
        }
        if hasSuffixPatterns, let last = bytes.last,
           WordMatcher.mayEndWithSuffix(
               suffixEndings, last: last | mask, before: bytes.count > 1 ? bytes[bytes.count - 2] | mask : 0) {
            walkSuffixes(of: bytes, mask: mask, start: start, stop: stop, end: end)
        }
    }

    /// `match` for a plain word (ASCII letters) with no phrase walk waiting, whose first bit
    /// test the caller has made: `fromRoot` when `WordMatcher.mayMatchFromRoot` passed; when it failed, the
    /// caller found that the word may end a suffix pattern's first word. The walks `match` would make,
    /// without making the tests again (the suffix test only when the word walks from the root too).
    mutating func matchPlainWord(_ bytes: UnsafeBufferPointer<UInt8>, fromRoot: Bool, end: Int, start: Int, stop: Int) {
        // A word of three letters is tested again as a whole (`rootQuads`), and a longer one by its first
        // five letters (`rootQuints`): the caller's tests pass the words that only begin longer keys too.
        if fromRoot
            && (bytes.count < 3
                || bytes.count == 3 && WordMatcher.mayMatchQuad(rootQuads, bytes[0], bytes[1], bytes[2], 0)
                || bytes.count > 3 && WordMatcher.mayMatchQuint(rootQuints, bytes))
        {
            walk(from: ByteTrie.root, through: bytes, mask: Self.asciiLowercase, phraseStart: start, stop: stop, end: end)
        }
        if !fromRoot
            || hasSuffixPatterns
                && WordMatcher.mayEndWithSuffix(
                    letters: suffixLetterEndings, bytes, end: bytes.count, units: bytes.count)
        {
            walkSuffixes(of: bytes, mask: Self.asciiLowercase, start: start, stop: stop, end: end)
        }
    }

    /// Forgets the walks that waited for pieces up to `position` (all pending walks wait further ahead).
    mutating func dropWalks(upTo position: Int) {
        // Most calls follow a word that queued walks for the next one: nothing to drop, nothing to write.
        guard pending.contains(where: { $0.position <= position }) else { return }
        var kept = 0
        for index in pending.indices where pending[index].position > position {
            pending[kept] = pending[index]
            kept += 1
        }
        // One at a time: mostly one or two go, and `removeLast(_:)` costs a hundred instructions a call.
        while pending.count > kept { pending.removeLast() }
    }

    @inline(__always)
    private mutating func walk(
        from start: Int32, through bytes: UnsafeBufferPointer<UInt8>, mask: UInt8, phraseStart: Int, stop: Int,
        end: Int
    ) {
        var node = start
        var cell = forward.cell(node)
        for byte in bytes {
            guard let next = forward.child(of: node, cell: cell, byte | mask) else { return }
            (node, cell) = next
            if cell & ByteTrie.hasValueBit != 0 {
                report(nodeEntries[Int(forward.storedValue(node))].prefix, start: phraseStart, end: stop)
            }
        }
        if cell & ByteTrie.hasValueBit != 0 {
            report(nodeEntries[Int(forward.storedValue(node))].exact, start: phraseStart, end: stop)
        }
        if let next = forward.child(of: node, cell: cell, WordMatcher.separator) {
            wait(after: end, node: next.node, phraseStart: phraseStart)
        }
    }

    /// Suffix patterns: walks the word backwards; each reversed first word found continues in the forward
    /// trie as if the whole word had been that first word.
    @inline(__always)
    private mutating func walkSuffixes(
        of bytes: UnsafeBufferPointer<UInt8>, mask: UInt8, start: Int, stop: Int, end: Int
    ) {
        var node = ByteTrie.root
        var cell = reverse.cell(node)
        var index = bytes.count
        while index > 0 {
            index -= 1
            guard let next = reverse.child(of: node, cell: cell, bytes[index] | mask) else { return }
            (node, cell) = next
            guard cell & ByteTrie.hasValueBit != 0 else { continue }
            let target = reverse.storedValue(node)
            let targetCell = forward.cell(target)
            if targetCell & ByteTrie.hasValueBit != 0 {
                report(nodeEntries[Int(forward.storedValue(target))].exact, start: start, end: stop)
            }
            if let next = forward.child(of: target, cell: targetCell, WordMatcher.separator) {
                wait(after: end, node: next.node, phraseStart: start)
            }
        }
    }

    /// Queues a phrase walk for the word after piece `end - 1`; a lone `@`/`$` there is punctuation, so the
    /// walk also waits past it (and at it, for a leet word starting with it).
    private mutating func wait(after end: Int, node: Int32, phraseStart: Int) {
        var position = end
        while position < pieces.count {
            queue(Walk(position: position, node: node, start: phraseStart))
            if pieces[position].kind != .leetSymbol { return }
            position += 1
        }
        if waitsPastPieces {
            queue(Walk(position: position, node: node, start: phraseStart))
        } else {
            overran = true
        }
    }

    private mutating func queue(_ walk: Walk) {
        if pending.count < WordMatcher.pendingLimit && !pending.contains(walk) { pending.append(walk) }
    }

    /// The hits an array holds before it first grows.
    static let initialHitCapacity = 16

    @inline(__always)
    private mutating func report(_ entries: Range<Int32>, start: Int, end: Int) {
        // Room for a text's usual hits at once: grown from empty, the array was reallocated four times for
        // a text with hits (most of which a restart undoes, or allow and duplicate hits drop later).
        if hits.capacity == 0 { hits.reserveCapacity(WordScan.initialHitCapacity) }
        for index in entries { hits.append(RawWordHit(entry: entryIndices[Int(index)], start: start, end: end)) }
    }
}
