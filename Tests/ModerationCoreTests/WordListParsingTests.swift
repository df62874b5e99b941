import Testing
import ModerationCore

@Suite struct WordListParsingTests {
    @Test func readsEntriesSkippingBlankLinesAndComments() throws {
        let text = """
            # spam words

            reject viagra
            hold   crypto giveaway\r
              hold payday loan*
            # exceptions
            allow scunthorpe
            FLAG *coin
            """
        #expect(try WordList.parse(text) == [
            WordListEntry(action: .reject, pattern: "viagra"),
            WordListEntry(action: .hold, pattern: "crypto giveaway"),
            WordListEntry(action: .hold, pattern: "payday loan*"),
            WordListEntry(action: .allow, pattern: "scunthorpe"),
            WordListEntry(action: .flag, pattern: "*coin"),
        ])
    }

    @Test func ignoresAByteOrderMark() throws {
        #expect(try WordList.parse("\u{FEFF}reject viagra\n") == [WordListEntry(action: .reject, pattern: "viagra")])
    }

    @Test(arguments: [
        ("reject viagra\n\nrejekt cialis", 3, "unknown action 'rejekt' (expected reject, hold, flag or allow)"),
        ("reject", 1, "empty pattern"),
        ("# c\nhold   ", 2, "empty pattern"),
        ("reject pay*day", 1, "a `*` may only start or end a pattern: 'pay*day'"),
        ("reject payday *", 1, "a `*` must touch the word it extends: 'payday *'"),
        ("reject *coin*", 1, "a `*` may start or end a pattern, not both: '*coin*'"),
        ("reject *", 1, "nothing to match after normalization: '*'"),
        ("reject ---", 1, "nothing to match after normalization: '---'"),
        ("allow \u{200B}\u{200D}", 1, "nothing to match after normalization: '\u{200B}\u{200D}'"),
    ])
    func reportsTheBadLine(text: String, line: Int, message: String) {
        #expect(throws: WordListError(line: line, message: message)) { try WordList.parse(text) }
    }

    @Test func errorDescriptionNamesTheLine() {
        let error = WordListError(line: 3, message: "unknown action 'rejekt' (expected reject, hold, flag or allow)")
        #expect(error.description == "line 3: unknown action 'rejekt' (expected reject, hold, flag or allow)")
        #expect(WordListError(message: "empty pattern").description == "empty pattern")
    }

    @Test func invalidUTF8IsReportedWithItsLine() throws {
        let bytes = Array("reject viagra\nhold ".utf8) + [0xC3, 0x28] + Array("\nflag x\n".utf8)
        #expect(throws: WordListError(line: 2, message: "invalid UTF-8")) { try WordList.parse(utf8: bytes) }
        let valid = Array("hold café\n".utf8)
        #expect(try WordList.parse(utf8: valid) == [WordListEntry(action: .hold, pattern: "café")])
    }

    @Test func entriesAreValidatedLikeLines() {
        #expect(throws: WordListError(message: "a `*` may only start or end a pattern: 'pay*day'")) {
            try WordList(entries: [WordListEntry(action: .reject, pattern: "pay*day")])
        }
        #expect(throws: WordListError(message: "empty pattern")) {
            try WordList(entries: [WordListEntry(action: .hold, pattern: " \t ")])
        }
        #expect(throws: WordListError(message: "a pattern can't contain a line break")) {
            try WordList(entries: [WordListEntry(action: .hold, pattern: "crypto\ngiveaway")])
        }
    }

    @Test func entriesAreTrimmed() throws {
        let list = try WordList(entries: [WordListEntry(action: .hold, pattern: "  crypto giveaway \t")])
        #expect(list.entries == [WordListEntry(action: .hold, pattern: "crypto giveaway")])
    }

    @Test func formatThenParseGivesTheEntriesBack() throws {
        let entries = [
            WordListEntry(action: .reject, pattern: "viagra"),
            WordListEntry(action: .hold, pattern: "crypto   giveaway"),
            WordListEntry(action: .flag, pattern: "*coin"),
            WordListEntry(action: .allow, pattern: "#hashtag"),
            WordListEntry(action: .reject, pattern: "раураl"),
            WordListEntry(action: .hold, pattern: "a\u{2028}b"),
        ]
        let list = try WordList(entries: entries)
        #expect(try WordList.parse(WordList.format(list.entries)) == list.entries)
        #expect(WordList.format([WordListEntry(action: .hold, pattern: "payday loan*")]) == "hold payday loan*\n")
    }

    @Test func formatThenParseRoundTripsGeneratedLists() throws {
        var generator = WordListSeededGenerator(seed: 0xF0F0)
        let pieces = TextNormalizerSamples.pieces + ["viagra", "crypto", "*", "#", "payday", "\u{2028}", "\u{0085}"]
        var kept = 0
        for _ in 0..<500 {
            let entries = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                let pattern = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                    pieces[Int.random(in: 0..<pieces.count, using: &generator)]
                }.joined()
                let action = WordAction.allCases.randomElement(using: &generator) ?? .flag
                return WordListEntry(action: action, pattern: pattern)
            }
            guard let list = try? WordList(entries: entries) else { continue }
            kept += 1
            #expect(try WordList.parse(WordList.format(list.entries)) == list.entries)
        }
        #expect(kept > 100)
    }
}
