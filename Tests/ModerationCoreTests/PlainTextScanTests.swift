import Testing

@testable import ModerationCore

/// The plain-text loop (`WordMatcher.ScanPath.plainText`, what the judge uses) finds exactly the hits of
/// segmenting the whole text into pieces first (`.pieces`) and of the general way (`.general`), on the
/// corpora and on random texts built around where the loop hands text over to pieces and takes it back:
/// single letters that may be spaced out, apostrophes, leet, `@`/`$`, digits, ignorables, non-ASCII
/// characters, and phrases waiting across all of those.
@Suite struct PlainTextScanTests {
    /// Every way's hits on `text`, with the first that differs from `.pieces` described.
    static func mismatch(_ list: WordList, _ text: String) -> String? {
        let pieces = list.hits(in: text, path: .pieces)
        let plain = list.hits(in: text, path: .plainText)
        if plain != pieces { return "\(text.debugDescription): plain \(plain.map(\.matched)) pieces \(pieces.map(\.matched))" }
        let general = list.hits(in: text, path: .general)
        if general != pieces { return "\(text.debugDescription): general \(general.map(\.matched)) pieces \(pieces.map(\.matched))" }
        return nil
    }

    @Test func corporaAgree() throws {
        let list = try FastPathEquivalenceTests.wordList()
        var mismatches: [String] = []
        var hits = 0
        for text in FastPathCorpus.texts + FastPathEquivalenceTests.fieldTexts.prefix(3000) {
            if let mismatch = Self.mismatch(list, text) { mismatches.append(mismatch) }
            hits += list.hits(in: text).count
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(hits > 1000)
    }

    static let words = [
        "the", "end", "big", "bad", "wolf", "how", "to", "kill", "time", "viagra", "cheap", "pills", "a", "b", "i",
        "I", "u", "r", "m", "s", "t", "x", "v", "1", "0", "3", "2", "7", "42", "2024", "mp3", "u2", "1st", "b4",
        "h3ll0", "fr33", "v1agra", "l33t", "a$$", "$", "@", "cl@ss", "class", "ass", "assistance", "scunthorpe",
        "Don", "isn", "it", "café", "pаypal", "ＦＲＥＥ", "straße", "日本", "😂", "s\u{301}", "x\u{200B}y",
        "HoW", "TO", "KiLL", "ok", "no", "go", "xx", "zz",
    ]

    static let separators = [
        " ", " ", " ", "  ", "   ", "    ", ". ", ".", "-", "_", "\t", "'", "\u{2019}", ", ", "! ", "\n", "\r\n", "(",
        ") ", "\u{FEFF} ", " \u{FEFF}", "\u{FEFF}", "\u{200B}", "\u{A0}", "\u{2026}", " / ", "", " & ", ": ",
    ]

    /// Whole words, one and two letters, phrases (some over single letters, some long), wildcards both ways,
    /// leet and spaced forms, and allow entries over words other entries hit inside.
    static let patterns: [(WordAction, String)] = [
        (.reject, "how to kill"), (.hold, "big bad wolf"), (.flag, "the end"), (.hold, "the the"), (.reject, "viagra"),
        (.hold, "cheap pills"), (.reject, "a$$"), (.flag, "i"), (.flag, "u r"), (.hold, "x"), (.reject, "s e x"),
        (.hold, "vi*"), (.flag, "*ll"), (.hold, "2024"), (.flag, "mp3"), (.reject, "fr33 pills"), (.flag, "b4 time"),
        (.reject, "cl@ss"), (.allow, "class"), (.allow, "assistance"), (.reject, "ass"), (.allow, "scunthorpe"),
        (.hold, "don t"), (.flag, "it s"), (.reject, "pаypal"), (.hold, "free"), (.flag, "café"), (.hold, "日本"),
        (.flag, "ok go"), (.hold, "no*"), (.flag, "*o"), (.hold, "i m"), (.reject, "to kill time"), (.flag, "zz xx"),
        (.hold, "42"), (.flag, "1st"), (.hold, "straße"), (.flag, "end the"), (.hold, "wolf 1"),
    ]

    static func list() throws -> WordList {
        try WordList(entries: patterns.map { WordListEntry(action: $0.0, pattern: $0.1) })
    }

    static func randomText(length: Int, using generator: inout SplitMix64) -> String {
        var text = Int.random(in: 0..<4, using: &generator) == 0 ? separators.randomElement(using: &generator) ?? "" : ""
        for index in 0..<length {
            if index > 0 { text += separators.randomElement(using: &generator) ?? " " }
            text += words.randomElement(using: &generator) ?? "a"
        }
        return text
    }

    @Test func randomTextsAgree() throws {
        let list = try Self.list()
        var generator = SplitMix64(seed: 0x9_1A17)
        var mismatches: [String] = []
        var hits = 0
        for _ in 0..<20_000 {
            let text = Self.randomText(length: Int.random(in: 1...14, using: &generator), using: &generator)
            if let mismatch = Self.mismatch(list, text) { mismatches.append(mismatch) }
            hits += list.hits(in: text).count
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(hits > 20_000)
    }

    /// Mostly plain prose, so long stretches go through the loop and phrases wait across its hand-overs.
    @Test func proseWithRareTroubleAgrees() throws {
        let list = try Self.list()
        var generator = SplitMix64(seed: 0x9_0BE5)
        let plain = ["the", "end", "how", "to", "kill", "time", "big", "bad", "wolf", "ok", "go", "and", "so", "on"]
        let rare = ["é", "a", "b", "I'm", "it’s", "v1agra", "a$$", "x\u{200B}", "😂", "s e x", "2024", "u r"]
        var mismatches: [String] = []
        for _ in 0..<3000 {
            var words: [String] = []
            for _ in 0..<Int.random(in: 1...80, using: &generator) {
                let pool = Int.random(in: 0..<12, using: &generator) == 0 ? rare : plain
                words.append(pool.randomElement(using: &generator) ?? "the")
            }
            let text = words.joined(separator: Int.random(in: 0..<3, using: &generator) == 0 ? ". " : " ")
            if let mismatch = Self.mismatch(list, text) { mismatches.append(mismatch) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// A phrase walk waiting at every word, over and over, across stretches that must grow to hold it.
    @Test func phrasesWaitingAcrossStretchesAgree() throws {
        let list = try WordList(entries: ["the the the end", "the end", "é the"].map {
            WordListEntry(action: .hold, pattern: $0)
        })
        for count in [1, 2, 3, 7, 40, 200] {
            for trouble in ["é", "a b", "a$$", "x\u{301}"] {
                let the = Array(repeating: "the", count: count).joined(separator: " ")
                for text in ["\(trouble) \(the) end", "\(the) \(trouble) \(the) end", "\(the) \(trouble)", "\(the)end \(trouble) the end"] {
                    #expect(Self.mismatch(list, text) == nil)
                    #expect(!list.hits(in: text).isEmpty || !text.contains("the end"), "\(text.debugDescription)")
                }
            }
        }
    }
}
