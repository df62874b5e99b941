import Testing

@testable import ModerationCore

/// Single ASCII letters ("I", "a", "u"), which the plain-text loop takes among other words when no
/// spaced-out letters can include them: it finds the hits of the pieces way and of the general way next
/// to spaced-out letters one to three spacers apart ("s e x", "v. i. a"), letters an apostrophe attaches
/// ("I'm", "don’t"), single-letter entries, phrases over them, and wildcards ending or starting with one.
@Suite struct WordPhaseSingleLetterTests {
    static let patterns: [(WordAction, String)] = [
        (.flag, "i"), (.hold, "u r"), (.reject, "s e x"), (.reject, "sex"), (.hold, "i love u"), (.flag, "a*"),
        (.hold, "*s"), (.reject, "viagra"), (.flag, "x"), (.hold, "i m"), (.flag, "don t"), (.hold, "love"),
        (.allow, "a lot"), (.hold, "lot"), (.flag, "o k"), (.hold, "ok"), (.reject, "u suck"),
    ]

    static let tokens = [
        "I", "i", "a", "A", "u", "r", "s", "e", "x", "v", "o", "k", "m", "t", "love", "LOVE", "lot", "suck", "sex",
        "ok", "OK", "don", "isn", "as", "is", "to", "viagra", "it", "I'm", "don’t", "s.e.x", "v i a g r a", "1",
        "é", "x\u{200B}", "😂",
    ]
    static let separators = [
        " ", " ", " ", "  ", "   ", "    ", ". ", ".", "-", "_", "'", "’", ", ", "! ", "\n", " \u{FEFF}", "\u{FEFF} ",
        " / ", " - ", "..",
    ]

    @Test func singleLettersAgree() throws {
        let list = try WordList(entries: Self.patterns.map { WordListEntry(action: $0.0, pattern: $0.1) })
        let (mismatches, hits) = WordPhaseRandomTexts.compare(
            list, tokens: Self.tokens, separators: Self.separators, seed: 0x5_1E77E4, count: 15_000)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(hits > 10_000)
    }

    /// Long runs of prose with single letters inside, so most of them go through the loop's fast way.
    @Test func singleLettersInProseAgree() throws {
        let list = try WordList(entries: Self.patterns.map { WordListEntry(action: $0.0, pattern: $0.1) })
        var generator = SplitMix64(seed: 0x5_1E77E5)
        let prose = ["the", "video", "is", "great", "and", "we", "watch", "it", "every", "day", "so", "much"]
        let letters = ["I", "a", "u", "x", "s", "e", "i"]
        var mismatches: [String] = []
        var hits = 0
        for _ in 0..<3000 {
            var words: [String] = []
            for _ in 0..<Int.random(in: 1...60, using: &generator) {
                let pool = Int.random(in: 0..<4, using: &generator) == 0 ? letters : prose
                words.append(pool.randomElement(using: &generator) ?? "the")
            }
            let text = words.joined(separator: Int.random(in: 0..<3, using: &generator) == 0 ? ". " : " ")
            if let mismatch = PlainTextScanTests.mismatch(list, text) { mismatches.append(mismatch) }
            hits += list.hits(in: text).count
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(hits > 1000)
    }

    @Test func singleLettersHitAsWordsAndSpacedOut() throws {
        let list = try WordList(entries: Self.patterns.map { WordListEntry(action: $0.0, pattern: $0.1) })
        #expect(list.hits(in: "well I think so").map(\.entry.pattern) == ["i"])
        #expect(list.hits(in: "so i love u man").map(\.entry.pattern).sorted() == ["i", "i love u", "love"])
        #expect(list.hits(in: "what s e x is").map(\.entry.pattern).sorted() == ["*s", "*s", "s e x", "sex", "x"])
        #expect(list.hits(in: "a cat").map(\.entry.pattern) == ["a*"])
        // "a lot" is allowed, and so are the hits inside it.
        #expect(list.hits(in: "we got a lot").isEmpty)
    }
}
