import Testing

@testable import ModerationCore

/// Words of ASCII letters and digits that leet reads ("v1agra", "5million", "k1ll3r"), which the
/// plain-text loop matches in each reading without pieces: it finds the hits of the pieces way and of the
/// general way, with "1" read as "i" and as "l", phrases running through leet words, and wildcards.
@Suite struct WordPhaseLeetWordTests {
    static let patterns: [(WordAction, String)] = [
        (.reject, "viagra"), (.hold, "million"), (.hold, "gtas"), (.flag, "loser"), (.hold, "hello world"),
        (.flag, "*ass"), (.hold, "kil*"), (.reject, "free money"), (.hold, "lol"), (.flag, "mp3s"),
        (.hold, "bfa"), (.allow, "classy"), (.hold, "silly"), (.flag, "2024"), (.hold, "cheap viagra now"),
    ]

    static let tokens = [
        "v1agra", "V14GRA", "vi4gra", "5million", "m1ll10n", "gta5", "1oser", "l0ser", "L053R", "h3ll0", "w0rld",
        "hello", "world", "mp3s", "2024", "covid19", "b4", "1st", "k1ll3r", "kill", "a55", "cla55y", "fr33", "m0n3y",
        "free", "money", "m1555", "l2649", "BF4", "1o1", "l0l", "s1lly", "5i11y", "cheap", "now", "n0w", "7", "3",
        "a", "x", "I", "é", "v1agra😂", "it's", "1'm",
    ]
    static let separators = [" ", "  ", ", ", ".", "-", "!\n", " \u{FEFF}", "’", "'", " / "]

    @Test func leetWordsAgree() throws {
        let list = try WordList(entries: Self.patterns.map { WordListEntry(action: $0.0, pattern: $0.1) })
        let (mismatches, hits) = WordPhaseRandomTexts.compare(
            list, tokens: Self.tokens, separators: Self.separators, seed: 0x1EE7, count: 12_000)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(hits > 8000)
    }

    @Test func everyReadingOfALeetWordReports() throws {
        let list = try WordList(entries: Self.patterns.map { WordListEntry(action: $0.0, pattern: $0.1) })
        #expect(list.hits(in: "so 5i11y").map(\.entry.pattern) == ["silly"])
        #expect(list.hits(in: "a 1o1 b").map(\.entry.pattern) == ["lol"])
        #expect(list.hits(in: "ch3ap V1AGRA n0w").map(\.entry.pattern).sorted() == ["cheap viagra now", "viagra"])
        #expect(list.hits(in: "fr33 m0n3y").map(\.entry.pattern) == ["free money"])
    }
}
