import UnicodeSupport

/// How one Unicode scalar takes part in matching: its kind and its normalized UTF-8.
///
/// Normalization is done per scalar and concatenated, which equals normalizing the whole word: NFKC_Casefold
/// and the TS #39 skeleton are both defined character by character up to canonical ordering of combining
/// marks, which `WordForms` restores when two marks meet.
struct ScalarInfo: Sendable {
    var kind: ScalarKind
    /// For `@` and `$`: the letter leet reads (a, s); 0 otherwise.
    var leetLetter: UInt8
    /// What the normalized form contains (letters, leet digits, other digits), and how many letters and
    /// digits (for separators: how many characters). Taken from the normalized form, not the character, so
    /// a word and its normalization agree ("ﬁ" counts two letters like "fi", "¼" two digits like "14").
    var traits: WordTraits
    var units: UInt8
    /// Words and symbols: the normalized form. Separators: their NFKC_Casefold text, which
    /// `TextNormalizer` keeps between words.
    var bytes: [UInt8]
    /// The normalized form begins, or ends, with a combining mark: two such forms side by side may need
    /// canonical reordering.
    var startsWithMark: Bool
    var endsWithMark: Bool

    init(kind: ScalarKind, leetLetter: UInt8 = 0, scalars: [Unicode.Scalar]) {
        var kept: [Unicode.Scalar] = []
        for scalar in scalars where !(scalar == Self.dotAbove && Self.isSoftDotted(kept.last)) {
            kept.append(scalar)
        }
        self.kind = kind
        self.leetLetter = leetLetter
        (traits, units) = kind == .leetSymbol ? (.hasLeetSymbol, 1) : Self.traits(of: kept, kind: kind)
        var text = String.UnicodeScalarView()
        text.append(contentsOf: kept)
        bytes = Array(String(text).utf8)
        startsWithMark = kept.first.map(Self.isMark) ?? false
        endsWithMark = kept.last.map(Self.isMark) ?? false
    }

    /// U+0307 COMBINING DOT ABOVE. Case folding turns "İ" into "i" + U+0307, which looks exactly like "i":
    /// after a soft-dotted letter the dot is dropped, so "İstanbul" matches "istanbul".
    static let dotAbove: Unicode.Scalar = "\u{0307}"

    static func isSoftDotted(_ scalar: Unicode.Scalar?) -> Bool {
        scalar == "i" || scalar == "j"
    }

    /// Classifies and normalizes `scalar` through ICU (hundreds of nanoseconds: `ScalarTable` caches it).
    init(computing scalar: Unicode.Scalar) {
        let folded = Array(UnicodeServices.nfd(UnicodeServices.nfkcCasefold(String(scalar))).unicodeScalars)
        guard !folded.isEmpty else {
            self.init(kind: .ignorable, scalars: [])
            return
        }
        let wordScalars = folded.filter(Self.isWordScalar)
        if !wordScalars.isEmpty {
            var prototype = ConfusableFolding.fold(wordScalars)
            if prototype.contains(where: { !Self.isMark($0) && Self.isWrittenWithoutSpaces($0) }) {
                // A compatibility character mixing scripts without spaces with others ("㏷" is "24日") is a
                // character of the spaceless script only: the normalized word must split where the word did.
                prototype.removeAll { !Self.isMark($0) && !Self.isWrittenWithoutSpaces($0) }
                self.init(kind: .cluster, scalars: prototype)
            } else if prototype.contains(where: Self.isLetter) || folded.contains(where: Self.isLetter) {
                self.init(kind: .letter, scalars: prototype)
            } else if folded.contains(where: Self.isNumber) {
                self.init(kind: .digit, scalars: prototype)
            } else {
                self.init(kind: .mark, scalars: prototype)
            }
            return
        }
        if folded == ["@"] {
            self.init(kind: .leetSymbol, leetLetter: UInt8(ascii: "a"), scalars: folded)
        } else if folded == ["$"] {
            self.init(kind: .leetSymbol, leetLetter: UInt8(ascii: "s"), scalars: folded)
        } else if !scalar.isASCII && Self.isSymbol(folded[0]) && folded.allSatisfy({ $0.value > 0x20 }) {
            // Spaces or controls in a symbol's form would collide with the matcher's word separator.
            self.init(kind: .symbol, scalars: folded)
        } else {
            self.init(kind: folded.allSatisfy(Self.isSpacer) ? .spacer : .separator, scalars: folded)
        }
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        isLetter(scalar) || isMark(scalar) || isNumber(scalar)
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    static func isNumber(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: true
        default: false
        }
    }

    private static func isSymbol(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: true
        default: false
        }
    }

    /// Characters that may separate spaced-out letters ("v i a g r a", "v.i.a.g.r.a", "v-i-a-g-r-a").
    private static func isSpacer(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .dashPunctuation, .connectorPunctuation: return true
        default: break
        }
        switch scalar {
        case "\t", ".", "\u{00B7}", "\u{2022}", "\u{2027}", "\u{2219}", "\u{30FB}": return true
        default: return false
        }
    }

    /// For separators, `units` is the length of their normalized form, which is what separates the words
    /// once normalized ("‥" is two dots).
    private static func traits(of output: [Unicode.Scalar], kind: ScalarKind) -> (WordTraits, UInt8) {
        if kind == .separator || kind == .spacer { return ([], UInt8(clamping: output.count)) }
        guard kind.isWordPart || kind == .cluster else { return ([], 0) }
        var traits: WordTraits = []
        var units = 0
        for scalar in output {
            if isLetter(scalar) {
                traits.insert(.hasLetter)
                units += 1
            } else if isNumber(scalar) {
                units += 1
                switch scalar {
                case "1": traits.formUnion([.hasLeetDigit, .hasOne])
                case "0", "3", "4", "5", "7": traits.insert(.hasLeetDigit)
                default: traits.insert(.hasOtherDigit)
                }
            }
        }
        return (traits, UInt8(clamping: units))
    }

    /// ICU script codes (UScriptCode) of scripts that don't put spaces between words.
    private static let scriptsWithoutSpaces: Set<Int32> = [
        5, // Bopomofo
        17, // Han
        20, // Hiragana
        22, // Katakana
        23, // Khmer
        24, // Lao
        28, // Myanmar
        38, // Thai
        39, // Tibetan
        41, // Yi
        52, // Tai Le
        54, // Katakana or Hiragana
        59, // New Tai Lue
        62, // Balinese
        78, // Javanese
        106, // Lanna (Tai Tham)
        127, // Tai Viet
    ]

    static func isWrittenWithoutSpaces(_ scalar: Unicode.Scalar) -> Bool {
        scriptsWithoutSpaces.contains(cm_script_of(scalar.value))
    }
}
