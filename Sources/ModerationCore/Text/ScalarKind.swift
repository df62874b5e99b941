/// What one Unicode scalar is to the tokenizer, decided on its NFKC_Casefold form (so fullwidth letters are
/// letters and fullwidth punctuation is punctuation).
enum ScalarKind: UInt8, Sendable {
    /// Default-ignorable (zero-width characters, soft hyphen, BOM, variation selectors, bidi controls):
    /// transparent, it neither ends a word nor separates one.
    case ignorable
    /// Punctuation, space, control or ASCII symbol: ends a word; phrases may be joined by any run of these.
    case separator
    /// A separator that also may sit between spaced-out letters: space, tab, dash, underscore, dot, bullet.
    case spacer
    /// A letter (any script that separates words with spaces).
    case letter
    /// A number (which digits leet reads as letters is in `ScalarInfo.traits`).
    case digit
    /// A combining mark: continues the word it follows.
    case mark
    /// `@` or `$`: punctuation between words, but a letter inside leet (`@ss`, `a$$`).
    case leetSymbol
    /// A non-ASCII symbol such as an emoji: a word of its own.
    case symbol
    /// A letter of a script written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar, ...): each is a word
    /// of its own, so an entry in such a script is a phrase of its characters and matches as a substring.
    case cluster

    /// Letters, digits and marks make words.
    var isWordPart: Bool {
        switch self {
        case .letter, .digit, .mark: true
        default: false
        }
    }
}
