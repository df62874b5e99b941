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
    /// - Parameters:
    ///   - nonASCIIWords: ``BodyScan/nonASCIIWords`` of `text`, when known: no non-ASCII character outside
    ///     it is looked at.
    ///   - wordMarks: ``BodyScan/wordLeads`` of `text`, when known: a marked character is not decoded.
    static func mixedScriptReasons(
        _ text: String, field: CommentField, nonASCIIWords: Range<Int>? = nil,
        wordMarks: BodyScan.LeadMarks.View = .none
    ) -> [Reason] {
        // An ASCII text (most names) has words of one script at most: answered without copying it.
        if nonASCIIWords == nil,
           text.utf8.withContiguousStorageIfAvailable({ BlockScan.firstNonASCII($0, in: 0..<$0.count) == $0.count }) == true
        {
            return []
        }
        var flagged: [String] = []
        var text = text
        text.withUTF8 { bytes in
            let within = nonASCIIWords ?? 0..<bytes.count
            var index = 0
            while index < bytes.count, flagged.count < maximumReasonsPerSignal {
                guard let word = nonASCIIWord(in: bytes, from: index, within: within, marks: wordMarks) else { break }
                index = word.upperBound
                guard isMixedScript(LinkSyntax.Bytes(rebasing: bytes[word])) else { continue }
                let found = LinkScanner.string(bytes, word)
                if !flagged.contains(found) { flagged.append(found) }
            }
        }
        return flagged.map { word in
            Reason(
                code: "mixed_script", field: field, match: word, action: .hold,
                message: ReasonMessage.joined("The word \"", word, "\" mixes writing systems, as look-alike spoofing does.")
            )
        }
    }

    /// The next word from `start` with a non-ASCII character in it (an ASCII word has one script at
    /// most), whose non-ASCII word characters all lie `within`. `start` is not inside a word: it is 0 or
    /// where the previous word ended.
    private static func nonASCIIWord(
        in bytes: LinkSyntax.Bytes, from start: Int, within: Range<Int>, marks: BodyScan.LeadMarks.View
    ) -> Range<Int>? {
        var index = start
        while true {
            let from = max(index, within.lowerBound)
            let (isWord, length): (Bool, Int)
            if let marked = marks.firstMarked(from: from) {
                // The marks hold the next non-ASCII word character: the bytes before it are ASCII or
                // characters that belong in no word.
                guard marked < within.upperBound else { return nil }
                (index, isWord, length) = (marked, true, BodyScan.LeadMarks.View.length(lead: bytes[marked]))
            } else {
                // Past the marks, everything before the next non-ASCII byte is ASCII: only the word
                // around it can qualify.
                let after = max(from, marks.end)
                index = BlockScan.firstNonASCII(bytes, in: after..<max(within.upperBound, after))
                guard index < within.upperBound else { return nil }
                (isWord, length) = nonASCIIWordCharacter(bytes, at: index, marks: marks)
            }
            guard isWord else {
                index += length
                continue
            }
            var begin = index
            while begin > start, LinkSyntax.isASCIIAlphanumeric(bytes[begin - 1]) { begin -= 1 }
            var end = index + length
            while end < bytes.count {
                let (isWord, length) = wordCharacter(bytes, at: end, marks: marks)
                guard isWord else { break }
                end += length
            }
            return begin..<end
        }
    }

    /// Whether the character at `index` belongs in a word (letters, marks, digits and the joiners
    /// Persian and Indic text need), and its byte length.
    private static func wordCharacter(_ bytes: LinkSyntax.Bytes, at index: Int, marks: BodyScan.LeadMarks.View) -> (Bool, Int) {
        let byte = bytes[index]
        if byte < 0x80 { return (LinkSyntax.isASCIIAlphanumeric(byte), 1) }
        return nonASCIIWordCharacter(bytes, at: index, marks: marks)
    }

    /// The same for a non-ASCII character, read from `marks` when they tell.
    @inline(__always)
    private static func nonASCIIWordCharacter(
        _ bytes: LinkSyntax.Bytes, at index: Int, marks: BodyScan.LeadMarks.View
    ) -> (Bool, Int) {
        let lead = bytes[index]
        guard let marked = marks.isMarked(index, lead: lead) else { return nonASCIIWordCharacter(bytes, at: index) }
        return (marked, BodyScan.LeadMarks.View.length(lead: lead))
    }

    /// Kept out of line: looking up Unicode properties makes the caller fetch type metadata on every
    /// call, ASCII included.
    @inline(never)
    private static func nonASCIIWordCharacter(_ bytes: LinkSyntax.Bytes, at index: Int) -> (Bool, Int) {
        let (scalar, length) = LinkSyntax.decodeScalar(bytes, at: index)
        return (isWordCharacter(scalar, ScalarPropertyCache.shared.properties(of: scalar)), length)
    }

    /// Whether `scalar` (with its `properties`) belongs in a word: letters, marks, digits and the joiners
    /// Persian and Indic text need.
    @inline(__always)
    static func isWordCharacter(_ scalar: Unicode.Scalar, _ properties: CachedScalarProperties) -> Bool {
        if scalar == "\u{200C}" || scalar == "\u{200D}" { return true }
        switch properties.category {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// ICU's UScriptCode values for the alphabets spoofers imitate.
    private static let imitatedScripts: [Int32] = [8, 14, 25]  // Cyrillic, Greek, Latin

    /// Cheap first: a word whose letters all share one script never asks ICU.
    private static func isMixedScript(_ word: LinkSyntax.Bytes) -> Bool {
        // Whether the letters have two or more scripts, one of them imitated.
        var firstScript: Int32 = -1
        var severalScripts = false
        var imitated = false
        var index = 0
        while index < word.count {
            let (scalar, length) = LinkSyntax.decodeScalar(word, at: index)
            index += length
            let script = ScalarPropertyCache.shared.properties(of: scalar).script
            // 0 Common and 1 Inherited (digits, marks, joiners) side with any script.
            guard script > 1 else { continue }
            if firstScript < 0 { firstScript = script } else if script != firstScript { severalScripts = true }
            imitated = imitated || imitatedScripts.contains(script)
        }
        guard severalScripts, imitated else { return false }
        let verdict = word.withMemoryRebound(to: CChar.self) {
            cm_is_highly_restrictive($0.baseAddress, Int32(clamping: word.count))
        }
        return verdict == 0
    }
}
