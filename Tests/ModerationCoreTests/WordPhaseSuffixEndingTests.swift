import Testing

@testable import ModerationCore

/// The plain-text loop tells whether a word may end a suffix pattern's first word from its last two bytes
/// read as one number: words of one to five letters, in either case, ending in every pair of letters that
/// a suffix pattern's first word ends with or nearly does, at every offset against a window and at the
/// very end of texts shorter and longer than one, must give the hits of pieces and of the general way.
@Suite struct WordPhaseSuffixEndingTests {
    /// Without suffix patterns the loop tests the endings tables all the same (they are all zeros then):
    /// an empty matcher and a list of whole words and prefixes scan every word, at every offset against a
    /// window, with the hits of the other paths and no suffix hit.
    @Test func listsWithoutSuffixPatternsAgree() throws {
        let list = try WordList(entries: ["cab", "xab*", "big burger"].map { WordListEntry(action: .hold, pattern: $0) })
        let empty = WordMatcher()
        var mismatches: [String] = []
        for offset in 0..<70 {
            let text = String(repeating: "z", count: offset) + " cab xabq ab hamburger big burger Ab a x"
            if let mismatch = PlainTextScanTests.mismatch(list, text) { mismatches.append(mismatch) }
            #expect(list.hits(in: text).map(\.matched) == ["cab", "xabq", "big burger"], "\(text)")
            var bytes = text
            let found = bytes.withUTF8 { empty.scan($0, table: ScalarTable.shared) }
            #expect(found.isEmpty)
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }

    @Test func everyEndingAgrees() throws {
        let list = try WordList(entries: ["*x", "*ab", "*burger", "*zq big"].map {
            WordListEntry(action: .hold, pattern: $0)
        })
        let letters = ["a", "b", "x", "z", "q", "A", "B", "X", "Z", "Q"]
        let stems = ["", "c", "ham", "burge", "HAMBURGE"]
        var words: [String] = []
        for stem in stems {
            for before in letters + [""] {
                for last in letters { words.append(stem + before + last) }
            }
        }
        var mismatches: [String] = []
        var hits = 0
        for (index, word) in words.enumerated() {
            let lead = String(repeating: "ok ", count: index % 23) + String(repeating: " ", count: index % 3)
            for text in [lead + word, lead + word + " big", word, word + ".", lead + word + String(repeating: " ", count: 60)] {
                if let mismatch = PlainTextScanTests.mismatch(list, text) { mismatches.append(mismatch) }
                hits += list.hits(in: text).count
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        // "x", "ab", "hamburger" and the like: a fifth of the words end a pattern's first word.
        #expect(hits > 500)
    }
}
