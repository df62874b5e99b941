import Testing

@testable import ModerationCore

/// Words at a text's end, or before a non-ASCII character (ignorables such as the BOM that ends every
/// YouTube comment, apostrophes, marks, emoji), and the words after them: the plain-text loop finds the
/// hits of the pieces way and of the general way, phrases and suffix patterns included.
@Suite struct WordPhaseWordEndTests {
    static let endings = [
        "", "\u{FEFF}", "\u{FEFF} ", "\u{200B}", "\u{200B}\u{FEFF}.", "\u{AD} ", "\u{2019}s ", "\u{2019} ", "\u{A0}",
        "\u{3000}", "\u{2026}", "é", "\u{301} ", "😂", "\u{FEFF}x", "\u{200B}1", " ",
    ]

    @Test func wordsAtTheEndOrBeforeNonASCIIAgree() throws {
        let list = try WordList(entries: [
            WordListEntry(action: .reject, pattern: "viagra"), WordListEntry(action: .hold, pattern: "cheap pills"),
            WordListEntry(action: .flag, pattern: "*grape"), WordListEntry(action: .hold, pattern: "kil*"),
            WordListEntry(action: .flag, pattern: "big bad wolf"), WordListEntry(action: .allow, pattern: "bad wolfs"),
        ])
        let words = ["viagra", "cheap", "pills", "grape", "killer", "big", "bad", "wolf", "wolfs", "ok", "a", "I"]
        var mismatches: [String] = []
        var texts = 0
        for (index, word) in words.enumerated() {
            for ending in Self.endings {
                let next = words[(index + 1) % words.count]
                for text in [word + ending, "\(word)\(ending)\(next)", "big bad \(word)\(ending) \(next) pills", "cheap \(word)\(ending)"] {
                    texts += 1
                    if let mismatch = PlainTextScanTests.mismatch(list, text) { mismatches.append(mismatch) }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(texts > 800)
    }
}
