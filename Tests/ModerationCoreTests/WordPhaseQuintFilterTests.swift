import Testing

@testable import ModerationCore

/// The five-letter filter (`WordMatcher.rootQuints`) lets through every plain word of four letters or
/// more whose walk from the root may report or go on: only prefix entries report before a word's end, a
/// node with whole-word entries alone lets longer words through no more than any other does, and a word
/// of four letters is judged by where its walk ends.
@Suite struct WordPhaseQuintFilterTests {
    static func hits(_ patterns: [String], _ text: String) throws -> [String] {
        let list = try WordList(entries: patterns.map { WordListEntry(action: .hold, pattern: $0) })
        #expect(PlainTextScanTests.mismatch(list, text) == nil, "\(patterns) \(text)")
        return list.hits(in: text).map(\.matched)
    }

    @Test func wholeWordEntriesDoNotMatchLongerWords() throws {
        #expect(try Self.hits(["ass"], "assume assess ass ASS") == ["ass", "ASS"])
        #expect(try Self.hits(["abcd"], "abcde abcd Abcd abcdabcd") == ["abcd", "Abcd"])
        #expect(try Self.hits(["abcde"], "abcdef abcde ABCDE abcd") == ["abcde", "ABCDE"])
        #expect(try Self.hits(["abcdefg"], "abcdef abcdefg abcdefgh abcdeFG") == ["abcdefg", "abcdeFG"])
    }

    /// Prefix entries of one to five letters report on every longer word they start, whatever its
    /// fourth and fifth letters.
    @Test func prefixEntriesPassEveryLongerWord() throws {
        let letters = (UInt8(ascii: "a")...UInt8(ascii: "z")).map { String(UnicodeScalar($0)) }
        let list = try WordList(
            entries: ["q*", "zx*", "kil*", "wxyz*", "mnopq*"].map { WordListEntry(action: .hold, pattern: $0) })
        for fourth in letters {
            for fifth in ["", "a", "z", "m"] {
                for text in [
                    "q\(fourth)q\(fifth)q", "ZX\(fourth.uppercased())y\(fifth)", "kil\(fourth)\(fifth)er",
                    "wxyz\(fourth)\(fifth)", "mnopq\(fourth)\(fifth)",
                ] {
                    #expect(list.hits(in: text).count == 1, "\(text)")
                    #expect(PlainTextScanTests.mismatch(list, text) == nil)
                }
            }
            #expect(list.hits(in: "wxy\(fourth)z").isEmpty == (fourth != "z"))
            #expect(list.hits(in: "mnop\(fourth)").isEmpty == (fourth != "q"))
        }
    }

    /// A phrase starts after its first word's four or five letters, not after a longer word's.
    @Test func phrasesAfterFourOrFiveLetterWords() throws {
        #expect(try Self.hits(["abcd efg"], "abcd efg abcde efg") == ["abcd efg"])
        #expect(try Self.hits(["abcde fg"], "abcde fg abcdef fg abcd fg") == ["abcde fg"])
        #expect(try Self.hits(["abcd*"], "abcdxyz efg ABCD") == ["abcdxyz", "ABCD"])
    }

    /// On lists and texts over three letters, text words of three to eight letters mostly share their first
    /// four or five letters with some pattern's and differ after: every path finds the general way's hits.
    @Test func wordsSharingFiveLetterPrefixesAgree() throws {
        let (mismatches, hits) = try WordPhaseQuadFilterTests.compare(
            seed: 0x5_0F1E, lists: 300, entries: 1...30, headLengths: 2...7, words: 1...10, wordLengths: 3...8,
            letters: 3)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(hits > 2000)
    }
}
