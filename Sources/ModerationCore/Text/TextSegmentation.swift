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
    var runs: [PieceRun] = []
    private var hasLeetSymbols = false
    /// Two single letters were separated by spacers somewhere: spaced-out words may be present.
    private var hasSpacedLetters = false

    init(utf8 text: UnsafeBufferPointer<UInt8>, table: ScalarTable) {
        pieces = PieceStorage(capacity: text.count / 4 + 4)
        scan(text, table: table)
        findRuns()
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

    private mutating func scan(_ text: UnsafeBufferPointer<UInt8>, table: ScalarTable) {
        var scanner = Scanner(pieces: pieces)
        let asciiKinds = table.asciiKinds
        let isASCIILetter = table.isASCIILetter
        var index = 0
        while index < text.count {
            let byte = text[index]
            if isASCIILetter[Int(byte)] {
                // The common case, ASCII letters, in one tight loop.
                var end = index + 1
                while end < text.count, isASCIILetter[Int(text[end])] { end += 1 }
                if !scanner.isOpen || pieces.open.pointee.kind != .word { scanner.open(.word, at: index) }
                pieces.open.pointee.addLetters(count: end - index, end: end)
                index = end
                continue
            }
            let kind: ScalarKind
            var length = 1
            var leetLetter: UInt8 = 0
            if byte < 0x80 {
                kind = asciiKinds[Int(byte)]
                leetLetter = table.asciiLeet[Int(byte)]
            } else {
                let (scalar, scalarLength) = Self.decode(text, at: index)
                length = scalarLength
                (kind, leetLetter) = table.kind(of: scalar)
            }
            let next = index + length
            switch kind {
            case .ignorable:
                // Transparent, but the word's bytes are no longer its normalized form.
                if scanner.isOpen { pieces.open.pointee.traits.insert(.hasNonASCII) }
            case .separator, .spacer:
                scanner.separate(spacer: kind == .spacer)
            case .letter, .leetDigit, .digit, .mark:
                var continues = false
                if scanner.isOpen {
                    let openKind = pieces.open.pointee.kind
                    continues = openKind == .word || (kind == .mark && openKind != .leetSymbol)
                }
                if !continues { scanner.open(.word, at: index) }
                pieces.open.pointee.add(kind, leetLetter: leetLetter, end: next)
                if byte >= 0x80 { pieces.open.pointee.traits.insert(.hasNonASCII) }
            case .cluster, .symbol, .leetSymbol:
                scanner.open(kind == .cluster ? .cluster : kind == .symbol ? .symbol : .leetSymbol, at: index)
                pieces.open.pointee.add(kind, leetLetter: leetLetter, end: next)
                if byte >= 0x80 { pieces.open.pointee.traits.insert(.hasNonASCII) }
            }
            index = next
        }
        if scanner.isOpen { scanner.commit() }
        hasLeetSymbols = scanner.hasLeetSymbols
        hasSpacedLetters = scanner.hasSpacedLetters
    }

    /// Opening and closing pieces, and what lies between them.
    private struct Scanner {
        let pieces: PieceStorage
        var isOpen = false
        var gapLength = 0
        var gapOnlySpacers = true
        var hasLeetSymbols = false
        var hasSpacedLetters = false
        var previousIsSingleLetter = false

        @inline(__always)
        mutating func commit() {
            let piece = pieces.open.pointee
            let isSingleLetter = piece.isSingleLetter
            if isSingleLetter && previousIsSingleLetter && piece.gapBefore == .spacer { hasSpacedLetters = true }
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
                else if gapOnlySpacers && gapLength <= 3 { .spacer }
                else { .other }
            pieces.begin(TextPiece(kind: kind, gapBefore: gap, units: 0, traits: [], start: start, end: start))
            if kind == .leetSymbol { hasLeetSymbols = true }
            isOpen = true
            gapLength = 0
            gapOnlySpacers = true
        }

        @inline(__always)
        mutating func separate(spacer: Bool) {
            if isOpen {
                commit()
                isOpen = false
            }
            gapLength += 1
            if !spacer { gapOnlySpacers = false }
        }
    }

    private mutating func findRuns() {
        let pieces = self.pieces
        var leetRuns: [PieceRun] = []
        var spacedRuns: [PieceRun] = []
        var index = hasLeetSymbols ? 0 : pieces.count
        while index < pieces.count {
            // Pieces touching one another: a word with the `@`/`$` it touches.
            var end = index + 1
            var traits = pieces[index].traits
            var units = pieces[index].units
            while end < pieces.count, pieces[end].gapBefore == .none,
                  pieces[end].kind == .word || pieces[end].kind == .leetSymbol,
                  pieces[end - 1].kind == .word || pieces[end - 1].kind == .leetSymbol {
                traits.formUnion(pieces[end].traits)
                units = units &+ pieces[end].units
                end += 1
            }
            if end - index > 1, traits.contains(.hasLeetSymbol), traits.isLeet(units: units) {
                leetRuns.append(PieceRun(kind: .leet, first: index, end: end, traits: traits, units: units))
            }
            index = end
        }
        index = hasSpacedLetters ? 0 : pieces.count
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
            if end - index >= 2 {
                let units = UInt16(clamping: end - index)
                spacedRuns.append(PieceRun(kind: .spacedLetters, first: index, end: end, traits: traits, units: units))
            }
            index = end
        }
        runs = Self.merge(leetRuns, spacedRuns)
    }

    /// A single letter that touches no other piece (so the "a" of "a$$" is not a spaced-out letter).
    private func isStandaloneLetter(_ index: Int) -> Bool {
        pieces[index].isSingleLetter && pieces[index].gapBefore != .none
            && (index + 1 == pieces.count || pieces[index + 1].gapBefore != .none)
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

extension TextPiece {
    @inline(__always)
    fileprivate mutating func addLetters(count: Int, end: Int) {
        self.end = end
        traits.insert(.hasLetter)
        units = UInt16(clamping: Int(units) + count)
    }

    @inline(__always)
    fileprivate mutating func add(_ kind: ScalarKind, leetLetter: UInt8, end: Int) {
        self.end = end
        switch kind {
        case .letter, .cluster: traits.insert(.hasLetter)
        case .leetDigit:
            traits.insert(.hasLeetDigit)
            if leetLetter == UInt8(ascii: "i") { traits.insert(.hasOne) }
        case .digit: traits.insert(.hasOtherDigit)
        case .leetSymbol: traits.insert(.hasLeetSymbol)
        case .mark, .symbol, .ignorable, .separator, .spacer: break
        }
        if kind.isUnit || kind == .cluster { units = units &+ (units == .max ? 0 : 1) }
    }
}
