import UnicodeSupport

extension ContentSignals {
    /// `mixed_script` for each word that mixes writing systems the way look-alike spoofing does ("pаypal"
    /// with a Cyrillic а). The judge is ICU's "highly restrictive" level of Unicode TS #39: a word in one
    /// script passes, and so do Latin with Han and Hiragana/Katakana, Bopomofo or Hangul, as Japanese,
    /// Chinese and Korean writing mix them. Words are split at anything but letters, marks, digits and
    /// the joiners Persian and Indic text need, so a Latin word beside Arabic or Devanagari is its own word;
    /// digits and punctuation belong to no script. Only words with Latin, Cyrillic or Greek letters are
    /// judged: those are the alphabets look-alikes imitate, while kaomoji such as "ヽ༼ຈل͜ຈ༽ﾉ" mix other
    /// scripts for their shapes and deceive nobody.
    static func mixedScriptReasons(_ text: String, field: CommentField) -> [Reason] {
        var flagged: [String] = []
        var text = text
        text.withUTF8 { bytes in
            // An ASCII text has one script at most.
            guard bytes.contains(where: { $0 >= 0x80 }) else { return }
            var index = 0
            while index < bytes.count, flagged.count < maximumReasonsPerSignal {
                guard let (word, end) = nonASCIIWord(in: bytes, from: index) else { break }
                index = end
                if isMixedScript(word), !flagged.contains(word) { flagged.append(word) }
            }
        }
        return flagged.map { word in
            Reason(
                code: "mixed_script", field: field, match: word, action: .hold,
                message: "The word \"\(word)\" mixes writing systems, as look-alike spoofing does."
            )
        }
    }

    /// The next word from `start` with a non-ASCII character in it (an ASCII word has one script at
    /// most), and the index after it.
    private static func nonASCIIWord(in bytes: LinkSyntax.Bytes, from start: Int) -> (String, Int)? {
        var index = start
        var wordStart: Int?
        var hasNonASCII = false
        while index <= bytes.count {
            let (isWord, length) = index < bytes.count ? wordCharacter(bytes, at: index) : (false, 1)
            if isWord {
                if wordStart == nil { wordStart = index }
                hasNonASCII = hasNonASCII || bytes[index] >= 0x80
            } else if let begin = wordStart {
                if hasNonASCII { return (LinkScanner.string(bytes, begin..<index), index) }
                wordStart = nil
            }
            index += length
        }
        return nil
    }

    /// Whether the character at `index` belongs in a word (letters, marks, digits and the joiners
    /// Persian and Indic text need), and its byte length.
    private static func wordCharacter(_ bytes: LinkSyntax.Bytes, at index: Int) -> (Bool, Int) {
        let byte = bytes[index]
        if byte < 0x80 { return (LinkSyntax.isASCIIAlphanumeric(byte), 1) }
        return nonASCIIWordCharacter(bytes, at: index)
    }

    /// Kept out of line: looking up Unicode properties makes the caller fetch type metadata on every
    /// call, ASCII included.
    @inline(never)
    private static func nonASCIIWordCharacter(_ bytes: LinkSyntax.Bytes, at index: Int) -> (Bool, Int) {
        let (scalar, length) = LinkSyntax.decodeScalar(bytes, at: index)
        if scalar == "\u{200C}" || scalar == "\u{200D}" { return (true, length) }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return (true, length)
        default:
            return (false, length)
        }
    }

    /// ICU's UScriptCode values for the alphabets spoofers imitate.
    private static let imitatedScripts: Set<Int32> = [8, 14, 25]  // Cyrillic, Greek, Latin

    /// Cheap first: an ASCII word, or one whose letters all share one script, never asks ICU.
    private static func isMixedScript(_ word: String) -> Bool {
        var scripts: Set<Int32> = []
        for scalar in word.unicodeScalars {
            let script = cm_script_of(scalar.value)
            // 0 Common and 1 Inherited (digits, marks, joiners) side with any script.
            if script > 1 { scripts.insert(script) }
        }
        guard scripts.count > 1, !scripts.isDisjoint(with: imitatedScripts) else { return false }
        var word = word
        let verdict = word.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cm_is_highly_restrictive($0.baseAddress, Int32(clamping: bytes.count)) }
        }
        return verdict == 0
    }
}
