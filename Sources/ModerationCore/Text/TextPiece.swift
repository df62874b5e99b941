/// A word, symbol or `@`/`$` found in a text, by UTF-8 byte offsets into it.
struct TextPiece: Sendable {
    enum Kind: UInt8, Sendable {
        /// Letters, digits and marks.
        case word
        /// One character of a script written without spaces (with its marks).
        case cluster
        /// One non-ASCII symbol, such as an emoji.
        case symbol
        /// One `@` or `$`: a leet letter inside a word, punctuation elsewhere. Never matched on its own.
        case leetSymbol
    }

    /// What separates a piece from the one before it.
    enum Gap: UInt8, Sendable {
        /// Nothing: it touches the previous piece ("a" and "$" in "a$$").
        case none
        /// One to three spacers (space, dot, dash, underscore): may join spaced-out letters.
        case spacer
        /// One apostrophe: the piece belongs with the one before ("m" in "I'm", "s" in "it's").
        case apostrophe
        /// Anything else, or the start of the text.
        case other

        /// The piece hangs on the previous one.
        var attaches: Bool { self == .none || self == .apostrophe }
    }

    var kind: Kind
    var gapBefore: Gap
    /// Letters, digits and leet symbols in the piece (marks and ignorables not counted), saturating.
    var units: UInt16
    var traits: WordTraits
    /// First byte.
    var start: Int
    /// Byte after the last letter, digit or mark (trailing ignorables excluded).
    var end: Int

    /// Adds `count` letters or digits; saturates, so an absurdly long word stays long.
    @inline(__always)
    mutating func addUnits(_ count: Int) {
        units = UInt16(clamping: Int(units) + count)
    }

    /// A lone letter or leet digit, standing apart from neighbouring `@`/`$`: a candidate to be joined with
    /// its spaced-out neighbours.
    var isSingleLetter: Bool {
        switch kind {
        case .word:
            units == 1 && !traits.contains(.hasOtherDigit)
                && (traits.contains(.hasLetter) || traits.contains(.hasLeetDigit))
        case .leetSymbol: true
        case .cluster, .symbol: false
        }
    }
}

/// What a word (or a run of pieces) contains, for choosing its normalized forms.
struct WordTraits: OptionSet, Sendable {
    let rawValue: UInt8
    static let hasLetter = WordTraits(rawValue: 1 << 0)
    /// A digit leet reads as a letter (0 1 3 4 5 7).
    static let hasLeetDigit = WordTraits(rawValue: 1 << 1)
    /// Any other digit: "2024", "covid19", "h264" are numbers or names, never leet.
    static let hasOtherDigit = WordTraits(rawValue: 1 << 2)
    /// A "1", which leet reads as "i" or "l": two leet forms.
    static let hasOne = WordTraits(rawValue: 1 << 3)
    static let hasLeetSymbol = WordTraits(rawValue: 1 << 4)
    /// Any non-ASCII character, ignorables included.
    static let hasNonASCII = WordTraits(rawValue: 1 << 5)

    /// ASCII letters and nothing else: the normalized form is the lowercased bytes.
    var isPlainASCIIWord: Bool { self == .hasLetter }

    /// Leet is applied only to words that mix letters with leet digits or symbols, contain no other
    /// digit, and have at least three letters-or-digits: "v1agra", "a$$", "fr33" are read as leet; "2024",
    /// "3d", "mp4", "covid19" are not, so numbers and short codes keep their innocence.
    func isLeet(units: UInt16) -> Bool {
        contains(.hasLetter) && !isDisjoint(with: [.hasLeetDigit, .hasLeetSymbol])
            && !contains(.hasOtherDigit) && units >= 3
    }
}

/// Pieces read together as one word: `@`/`$` with the words they touch ("a$$hole"), or spaced-out letters
/// ("v i a g r a", "v.i.a.g.r.a").
struct PieceRun: Sendable {
    enum Kind: UInt8, Sendable {
        case leet
        case spacedLetters
    }

    var kind: Kind
    /// Index of the first piece.
    var first: Int
    /// Index after the last piece.
    var end: Int
    var traits: WordTraits
    var units: UInt16
}
