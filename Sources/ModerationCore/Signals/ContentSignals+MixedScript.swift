import UnicodeSupport

extension ContentSignals {
    /// `mixed_script` for each word that mixes writing systems the way look-alike spoofing does ("pаypal"
    /// with a Cyrillic а). The judge is ICU's "highly restrictive" level of Unicode TS #39: a word in one
    /// script passes, and so do Latin with Han and Hiragana/Katakana, Bopomofo or Hangul, as Japanese,
    /// Chinese and Korean writing mix them. Words are split at anything but letters, marks, digits and
    /// the joiners Persian and Indic text need, so a Latin word beside Arabic or Devanagari is its own word;
    /// digits and punctuation belong to no script.
    static func mixedScriptReasons(_ text: String, field: CommentField) -> [Reason] {
        var flagged: [Substring] = []
        for word in words(in: text) where isMixedScript(word) {
            guard !flagged.contains(word) else { continue }
            flagged.append(word)
            if flagged.count == maximumReasonsPerSignal { break }
        }
        return flagged.map { word in
            Reason(
                code: "mixed_script", field: field, match: String(word), action: .hold,
                message: "The word \"\(word)\" mixes writing systems, as look-alike spoofing does."
            )
        }
    }

    private static func words(in text: String) -> [Substring] {
        var words: [Substring] = []
        let scalars = text.unicodeScalars
        var start: String.Index?
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if isWordScalar(scalars[index]) {
                if start == nil { start = index }
            } else if let wordStart = start {
                words.append(text[wordStart..<index])
                start = nil
            }
            index = scalars.index(after: index)
        }
        if let wordStart = start { words.append(text[wordStart...]) }
        return words
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\u{200C}" || scalar == "\u{200D}" { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Cheap first: an ASCII word, or one whose letters all share one script, never asks ICU.
    private static func isMixedScript(_ word: Substring) -> Bool {
        guard !word.utf8.allSatisfy({ $0 < 0x80 }) else { return false }
        var firstScript: Int32?
        var severalScripts = false
        for scalar in word.unicodeScalars {
            let script = cm_script_of(scalar.value)
            // 0 Common and 1 Inherited (digits, marks, joiners) side with any script.
            guard script > 1 else { continue }
            if let firstScript, firstScript != script {
                severalScripts = true
                break
            }
            firstScript = script
        }
        guard severalScripts else { return false }
        var word = String(word)
        let verdict = word.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cm_is_highly_restrictive($0.baseAddress, Int32(clamping: bytes.count)) }
        }
        return verdict == 0
    }
}
