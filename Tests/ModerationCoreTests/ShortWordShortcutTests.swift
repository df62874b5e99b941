import Testing

@testable import ModerationCore

/// Plain words of one or two letters skip the walk from the trie's root by one bit test, as longer ones do
/// by their first three letters: whatever those words start (phrases, prefix wildcards) or end (whole
/// words, suffix wildcards) must still be found, exactly as the general way finds it.
@Suite struct ShortWordShortcutTests {
    static let patterns = [
        "a lot", "to do", "i", "ok", "go*", "b*", "*og", "up to no good", "x y", "q", "it is", "on*", "no way*",
        "d o g", "*to", "in",
    ]

    @Test func shortWordsAgreeWithTheGeneralWay() throws {
        let list = try WordList(entries: Self.patterns.enumerated().map { index, pattern in
            WordListEntry(action: [.reject, .hold, .flag][index % 3], pattern: pattern)
        })
        var generator = SplitMix64(seed: 0x5107)
        let words = ["a", "lot", "to", "do", "I", "OK", "go", "gone", "b", "bog", "up", "no", "good", "x", "y", "Q",
                     "it", "is", "on", "onto", "way", "ways", "d", "o", "g", "dog", "in", "into", "tO", "z", "zz"]
        let separators = [" ", " ", "  ", ", ", ". ", "-", "'", "\u{FEFF} ", " @ ", "\n"]
        var hits = 0
        for _ in 0..<3000 {
            var text = ""
            for index in 0..<Int.random(in: 1...10, using: &generator) {
                if index > 0 { text += separators.randomElement(using: &generator) ?? " " }
                text += words.randomElement(using: &generator) ?? "a"
            }
            let fast = list.hits(in: text)
            hits += fast.count
            #expect(fast == list.hits(in: text, shortcuts: false), "\(text.debugDescription)")
        }
        // The texts do hit, through short words at either end of a match.
        #expect(hits > 3000)
    }
}
