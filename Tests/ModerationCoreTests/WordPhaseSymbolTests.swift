import Testing

@testable import ModerationCore

/// Emoji and other non-ASCII symbols standing apart ("😂😂", "❤️", "♥♥♥", "▬▬"), which the plain-text
/// loop matches one by one without pieces: it finds the hits of the pieces way and of the general way,
/// with symbols listed as words and in phrases, symbols that fold to letters ("™", "①"), and symbols
/// touching marks, letters, digits, ignorables and one another.
@Suite struct WordPhaseSymbolTests {
    static let patterns: [(WordAction, String)] = [
        (.hold, "😂"), (.flag, "♥ you"), (.reject, "love ♥"), (.hold, "tm"), (.hold, "❤"), (.flag, "kg"),
        (.hold, "love"), (.flag, "you"), (.hold, "🐯 🐯"), (.reject, "*ove"), (.hold, "1"),
    ]

    static let tokens = [
        "😂", "😂😂", "❤️", "❤️❤️", "♥", "♥♥♥", "▬▬▬", "™", "①", "㎏", "🐯", "👍🏽", "👨‍👩‍👧", "🇫🇷", "☺", "☺\u{FE0E}",
        "♥\u{301}", "♥a", "a♥", "♥1", "\u{200B}♥", "♥\u{200B}", "love", "you", "I", "a", "x", "l0ve", "é", "강남",
        "ஜ۩۞۩ஜ", "Ｌｏｖｅ", "$", "@", "v1agra", "it's",
    ]
    static let separators = [" ", "  ", ", ", ".", "-", "!\n", " \u{FEFF}", "’", "'", " / ", "\u{3000}"]

    @Test func symbolsAgree() throws {
        let list = try WordList(entries: Self.patterns.map { WordListEntry(action: $0.0, pattern: $0.1) })
        let (mismatches, hits) = WordPhaseRandomTexts.compare(
            list, tokens: Self.tokens, separators: Self.separators, seed: 0x5_E3B0, count: 12_000)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(hits > 8000)
    }

    @Test func listedSymbolsReport() throws {
        let list = try WordList(entries: Self.patterns.map { WordListEntry(action: $0.0, pattern: $0.1) })
        #expect(list.hits(in: "so 😂 funny").map(\.matched) == ["😂"])
        #expect(list.hits(in: "i ♥ you").map(\.entry.pattern).sorted() == ["you", "♥ you"])
        #expect(list.hits(in: "ok ❤️ ok").map(\.entry.pattern) == ["❤"])
        // "™" folds to letters, so touching a word it is part of that word ("brandtm"), not a symbol.
        #expect(list.hits(in: "brand™ x").isEmpty)
        #expect(list.hits(in: "brand ™ x").map(\.entry.pattern) == ["tm"])
    }
}
