/// A text cut into pieces (words, symbols, `@`/`$`) at Unicode word boundaries, plus the runs of pieces
/// that are also read as one word (leet with `@`/`$`, spaced-out letters). One pass over the UTF-8, then
/// one pass over the pieces: linear in the text's length.
///
/// Boundaries follow Unicode general categories on each character's NFKC_Casefold form: letters, digits
/// and marks make words; default-ignorable characters (zero-width space and joiner, BOM, soft hyphen) are
/// transparent; punctuation, spaces and ASCII symbols separate; apostrophes separate too ("bitch's" holds
/// the word "bitch"). Characters of scripts written without spaces (Han, kana, Thai, ...) are each a word.
struct TextSegmentation {
    let pieces: PieceStorage
    /// Sorted by first piece.
    private(set) var runs: [PieceRun] = []

    /// Segments `text` (valid UTF-8) from byte `start` (a scalar boundary) and calls `body` with the result,
    /// valid only during the call; pieces hold offsets into the whole of `text`. Pieces live in a temporary
    /// allocation (on the stack when it fits): no heap allocation for ordinary text.
    /// - Parameter shortcuts: whether an ignorable after a word's last character leaves the word plain
    ///   (always, but for tests that compare the result with marking every ignorable).
    static func segment<Result>(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int = 0, table: ScalarTable, shortcuts: Bool = true,
        _ body: (TextSegmentation) -> Result
    ) -> Result {
        withUnsafeTemporaryAllocation(of: TextPiece.self, capacity: text.count - start + 1) { buffer in
            let scanner = Scanner.scan(
                text, from: start, table: table, into: PieceStorage(buffer), shortcuts: shortcuts)
            var segmentation = TextSegmentation(pieces: scanner.pieces)
            segmentation.findRuns(leetSymbols: scanner.hasLeetSymbols, spacedLetters: scanner.hasSpacedLetters)
            return body(segmentation)
        }
    }

    private init(pieces: PieceStorage) {
        self.pieces = pieces
    }

    /// Decodes the scalar at `index` of valid UTF-8; never reads past the end.
    @inline(__always)
    static func decode(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(text[index])
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard lead >= 0xC0, index + length <= text.count else { return ("\u{FFFD}", 1) }
        var value = lead & (0xFF >> (length + 1))
        for offset in 1..<length { value = value << 6 | (UInt32(text[index + offset]) & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// One pass over the UTF-8, writing pieces as they close. Its state stays in a local variable whose
    /// methods are all inlined, so the compiler keeps it in registers; the rare non-ASCII character is
    /// classified out of line.
    private struct Scanner {
        var pieces: PieceStorage
        /// A piece is being read (in `pieces.open`).
        var isOpen = false
        /// Separators since the last piece, and whether they were all spacers.
        var gapLength = 0
        var gapOnlySpacers = true
        var gapIsApostrophe = false
        var hasLeetSymbols = false
        var hasSpacedLetters = false
        var previousIsSingleLetter = false
        /// An ignorable followed the open piece's last character: the piece's bytes stop being plain only
        /// if another character joins it (a trailing one is outside the piece, as U+FEFF ending a
        /// comment is).
        var ignorableAfterOpen = false
        let shortcuts: Bool

        @inline(never)
        static func scan(
            _ text: UnsafeBufferPointer<UInt8>, from start: Int, table: ScalarTable, into pieces: PieceStorage,
            shortcuts: Bool
        ) -> Scanner {
            var scanner = Scanner(pieces: pieces, shortcuts: shortcuts)
            scanner.scan(text, from: start, table: table)
            return scanner
        }

        @inline(__always)
        private mutating func scan(_ text: UnsafeBufferPointer<UInt8>, from start: Int, table: ScalarTable) {
            let isASCIILetter = table.isASCIILetter
            let asciiKinds = table.asciiKinds
            var index = start
            while index < text.count {
                let byte = text[index]
                if isASCIILetter[Int(byte)] {
                    // The common case, ASCII letters, in one tight loop.
                    var end = ByteScan.firstNonLetter(text, in: index + 1..<text.count)
                    if !isOpen || pieces.open.pointee.kind != .word { open(.word, at: index) }
                    while true {
                        let current = pieces.open
                        current.pointee.end = end
                        current.pointee.traits.insert(ignorableAfterOpen ? [.hasLetter, .hasNonASCII] : .hasLetter)
                        ignorableAfterOpen = false
                        current.pointee.addUnits(end - index)
                        index = end
                        // Words of letters one space (or other ASCII spacer) apart, as prose is: the next
                        // word is opened here, as `separate` then `open` would.
                        guard shortcuts, end + 1 < text.count, isASCIILetter[Int(text[end + 1])],
                            asciiKinds[Int(text[end])] == .spacer, text[end] != UInt8(ascii: "'")
                        else { break }
                        index = end + 1
                        end = ByteScan.firstNonLetter(text, in: index + 1..<text.count)
                        openAfterOneSpacer(at: index)
                    }
                } else if byte < 0x80 {
                    let kind = asciiKinds[Int(byte)]
                    if kind == .separator || kind == .spacer {
                        separate(spacer: kind == .spacer, count: 1, apostrophe: byte == UInt8(ascii: "'"))
                    } else {
                        let traits = table.asciiTraits[Int(byte)]
                        add(kind, traits: traits, units: 1, at: index, end: index + 1, ascii: true)
                    }
                    index += 1
                } else {
                    let (kind, traits, units, length, apostrophe) = Self.classify(text, at: index, table: table)
                    switch kind {
                    case .ignorable:
                        // Transparent, but the word's bytes are no longer its normalized form.
                        if isOpen, shortcuts {
                            ignorableAfterOpen = true
                        } else if isOpen {
                            pieces.open.pointee.traits.insert(.hasNonASCII)
                        }
                    case .separator, .spacer:
                        separate(spacer: kind == .spacer, count: Int(units), apostrophe: apostrophe)
                    default:
                        add(kind, traits: traits, units: units, at: index, end: index + length, ascii: false)
                    }
                    index += length
                }
            }
            if isOpen { commit() }
        }

        /// The non-ASCII scalar at `index`: kind, traits, units, byte length, and whether it is an
        /// apostrophe (U+2019).
        @inline(never)
        static func classify(
            _ text: UnsafeBufferPointer<UInt8>, at index: Int, table: ScalarTable
        ) -> (ScalarKind, WordTraits, UInt8, Int, Bool) {
            let (scalar, length) = TextSegmentation.decode(text, at: index)
            let (kind, traits, units) = table.kind(of: scalar)
            return (kind, traits, units, length, scalar == "\u{2019}")
        }

        /// A character of a word, symbol or leet symbol.
        @inline(__always)
        mutating func add(
            _ kind: ScalarKind, traits: WordTraits, units: UInt8, at index: Int, end: Int, ascii: Bool
        ) {
            switch kind {
            case .letter, .digit, .mark:
                var continues = false
                if isOpen {
                    let openKind = pieces.open.pointee.kind
                    continues = openKind == .word || (kind == .mark && openKind != .leetSymbol)
                }
                if !continues { open(.word, at: index) }
            case .cluster: open(.cluster, at: index)
            case .symbol: open(.symbol, at: index)
            case .leetSymbol: open(.leetSymbol, at: index)
            case .ignorable, .separator, .spacer: return
            }
            let current = pieces.open
            current.pointee.end = end
            current.pointee.traits.formUnion(ascii && !ignorableAfterOpen ? traits : traits.union(.hasNonASCII))
            ignorableAfterOpen = false
            current.pointee.addUnits(Int(units))
        }

        @inline(__always)
        mutating func commit() {
            let current = pieces.open
            let isSingleLetter = current.pointee.units == 1 && current.pointee.isSingleLetter
            if isSingleLetter && previousIsSingleLetter && current.pointee.gapBefore == .spacer {
                hasSpacedLetters = true
            }
            previousIsSingleLetter = isSingleLetter
            pieces.commit()
        }

        /// Commits the open piece and opens one of `kind` at `start`.
        @inline(__always)
        mutating func open(_ kind: TextPiece.Kind, at start: Int) {
            if isOpen { commit() }
            let gap: TextPiece.Gap =
                if pieces.isEmpty && gapLength == 0 { .other }
                else if gapLength == 0 { .none }
                else if gapLength == 1 && gapIsApostrophe { .apostrophe }
                else if gapOnlySpacers && gapLength <= 3 { .spacer }
                else { .other }
            pieces.begin(TextPiece(kind: kind, gapBefore: gap, units: 0, traits: [], start: start, end: start))
            if kind == .leetSymbol { hasLeetSymbols = true }
            isOpen = true
            ignorableAfterOpen = false
            gapLength = 0
            gapOnlySpacers = true
        }

        /// `separate` over one ASCII spacer (not an apostrophe) after the open piece, then `open(.word)`:
        /// the state both leave, in fewer steps.
        @inline(__always)
        mutating func openAfterOneSpacer(at start: Int) {
            commit()
            pieces.begin(TextPiece(kind: .word, gapBefore: .spacer, units: 0, traits: [], start: start, end: start))
            gapIsApostrophe = false
        }

        @inline(__always)
        mutating func separate(spacer: Bool, count: Int, apostrophe: Bool) {
            if isOpen {
                commit()
                isOpen = false
            }
            gapIsApostrophe = gapLength == 0 && count == 1 && apostrophe
            gapLength += count
            if !spacer { gapOnlySpacers = false }
        }
    }

    /// Runs need `@`/`$` pieces or spaced single letters, which the scanner noticed: most texts skip both
    /// passes.
    private mutating func findRuns(leetSymbols: Bool, spacedLetters: Bool) {
        var leetRuns: [PieceRun] = []
        var spacedRuns: [PieceRun] = []
        var index = leetSymbols ? 0 : pieces.count
        while index < pieces.count {
            // Pieces touching one another: a word with the `@`/`$` it touches.
            var end = index + 1
            var traits = pieces[index].traits
            var units = pieces[index].units
            while end < pieces.count, pieces[end].gapBefore == .none,
                  pieces[end].kind == .word || pieces[end].kind == .leetSymbol,
                  pieces[end - 1].kind == .word || pieces[end - 1].kind == .leetSymbol {
                traits.formUnion(pieces[end].traits)
                units = units.addingReportingOverflow(pieces[end].units).overflow ? .max : units + pieces[end].units
                end += 1
            }
            if end - index > 1, traits.contains(.hasLeetSymbol), traits.isLeet(units: units) {
                leetRuns.append(PieceRun(kind: .leet, first: index, end: end, traits: traits, units: units))
            }
            index = end
        }
        index = spacedLetters ? 0 : pieces.count
        while index < pieces.count {
            guard isStandaloneLetter(index) else {
                index += 1
                continue
            }
            var end = index + 1
            var traits = pieces[index].traits
            while end < pieces.count, pieces[end].gapBefore == .spacer, isStandaloneLetter(end) {
                traits.formUnion(pieces[end].traits)
                end += 1
            }
            if end - index >= 2 && traits.contains(.hasLetter) {
                let units = UInt16(clamping: end - index)
                spacedRuns.append(PieceRun(kind: .spacedLetters, first: index, end: end, traits: traits, units: units))
            }
            index = end
        }
        runs = Self.merge(leetRuns, spacedRuns)
    }

    /// A single letter that touches no other piece, nor hangs on one by an apostrophe (so neither the "a" of
    /// "a$$" nor the "m" of "I'm a" is a spaced-out letter).
    private func isStandaloneLetter(_ index: Int) -> Bool {
        pieces[index].isSingleLetter && !pieces[index].gapBefore.attaches
            && (index + 1 == pieces.count || !pieces[index + 1].gapBefore.attaches)
    }

    private static func merge(_ left: [PieceRun], _ right: [PieceRun]) -> [PieceRun] {
        if left.isEmpty { return right }
        if right.isEmpty { return left }
        var merged: [PieceRun] = []
        merged.reserveCapacity(left.count + right.count)
        var (l, r) = (0, 0)
        while l < left.count || r < right.count {
            if r == right.count || (l < left.count && left[l].first <= right[r].first) {
                merged.append(left[l])
                l += 1
            } else {
                merged.append(right[r])
                r += 1
            }
        }
        return merged
    }
}
