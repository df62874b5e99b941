import Testing

@testable import ModerationCore

/// The plain-text loop matches the words phrase walks wait for inside its 64-byte windows: the hits must
/// be those of the pieces and general ways for phrases that complete, stop after one or two words, go on
/// into a single letter (which may be spaced out: "a b c" reads "abc" too), end at a window's end or the text's end, meet a digit,
/// `@`, an apostrophe or a non-ASCII character, and overlap prefix, suffix and allow entries.
@Suite struct WordPhasePhraseWindowTests {
    static let entries: [(WordAction, String)] = [
        (.reject, "big bad wolf"), (.hold, "bad wolf"), (.flag, "how to kill"), (.hold, "to kill a"),
        (.reject, "a b c"), (.flag, "kill time"), (.hold, "cheap pills now"), (.reject, "pills*"),
        (.flag, "*wolf"), (.allow, "bad wolfs"), (.hold, "i am"), (.reject, "am i x"), (.flag, "go go go"),
        // What spaced-out letters read: "a b c", "i x".
        (.hold, "abc"), (.flag, "ix"),
    ]
    static let words = [
        "big", "bad", "wolf", "wolfs", "how", "to", "kill", "time", "a", "b", "c", "x", "i", "I", "am", "cheap",
        "pills", "pillsbury", "now", "go", "GO", "Big", "the", "werewolf", "killer", "timer", "ok",
    ]
    static let gaps = [" ", " ", " ", ", ", ". ", "  ", " - ", "\n", "'", "...", "(", ") ", "_", "\t"]
    static let trouble = ["2", "@", "$", "é", "\u{2019}", "\u{FEFF}", "😂", "l33t", "x\u{301}"]

    @Test func phraseWordsAcrossWindowsAgree() throws {
        let list = try WordList(entries: Self.entries.map { WordListEntry(action: $0.0, pattern: $0.1) })
        // One token in about twenty is trouble.
        let tokens = Array(repeating: Self.words, count: 6).flatMap { $0 } + Self.trouble
        let (mismatches, hits) = WordPhaseRandomTexts.compare(
            list, tokens: tokens, separators: Self.gaps, seed: 0x9A5E_64, count: 6000, length: 1...30, lead: 70)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(hits > 10_000)
    }

    /// Each phrase at every offset against the first window's end, with what follows it.
    @Test func phrasesAtEveryOffsetAgree() throws {
        let list = try WordList(entries: Self.entries.map { WordListEntry(action: $0.0, pattern: $0.1) })
        var mismatches: [String] = []
        for lead in 0..<130 {
            for phrase in ["big bad wolf", "how to kill a b c", "i am i x", "go go go go", "cheap pills now", "a b c"] {
                let padded = String(repeating: "ab ", count: lead / 3) + String(repeating: " ", count: lead % 3) + phrase
                for tail in ["", " ", " x", "'s", "2", " time", "\u{FEFF}"] {
                    if let mismatch = PlainTextScanTests.mismatch(list, padded + tail) { mismatches.append(mismatch) }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
