import Testing

@testable import ModerationCore

/// The four-letter filter (`WordMatcher.rootQuads`) lets through every plain word whose walk from the root
/// may report or go on: on lists and texts over a four-letter alphabet, where most text words share their
/// first three or four letters with some pattern's and differ after, the plain-text loop and the pieces
/// way (which test the filter) find the hits of the general way (which walks every word).
@Suite struct WordPhaseQuadFilterTests {
    static let alphabet: [Character] = ["a", "b", "c", "d"]

    /// A word of `length` letters from the first `letters` of the alphabet, some upper-case.
    static func word(length: Int, letters: Int = 4, using generator: inout SplitMix64) -> String {
        String((0..<length).map { _ in
            let letter = alphabet.prefix(letters).randomElement(using: &generator) ?? "a"
            return Bool.random(using: &generator) && Int.random(in: 0..<4, using: &generator) == 0
                ? Character(letter.uppercased()) : letter
        })
    }

    /// Patterns of `headLengths` letters (one to six): whole words, prefix and suffix wildcards, two-word
    /// phrases.
    static func list(
        entries count: ClosedRange<Int> = 1...40, headLengths: ClosedRange<Int> = 1...6, letters: Int = 4,
        using generator: inout SplitMix64
    ) throws -> WordList {
        let entries = (0..<Int.random(in: count, using: &generator)).map { _ in
            let head = word(length: Int.random(in: headLengths, using: &generator), letters: letters, using: &generator)
                .lowercased()
            let pattern =
                switch Int.random(in: 0..<6, using: &generator) {
                case 0: head + "*"
                case 1: "*" + head
                case 2:
                    head + " "
                        + word(length: Int.random(in: 1...5, using: &generator), letters: letters, using: &generator)
                        .lowercased()
                default: head
                }
            return WordListEntry(action: .hold, pattern: pattern)
        }
        return try WordList(entries: entries)
    }

    @Test func wordsSharingPrefixesWithPatternsAgree() throws {
        let (mismatches, hits) = try Self.compare(seed: 0x4_0AD5, lists: 400, words: 1...12, wordLengths: 2...8)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(hits > 2000)
    }

    /// The mismatches between scan paths on 25 texts for each of `lists` random lists (`list`), of
    /// `words` words of `wordLengths` letters, and the hits found on them.
    static func compare(
        seed: UInt64, lists: Int, entries: ClosedRange<Int> = 1...40, headLengths: ClosedRange<Int> = 1...6,
        words: ClosedRange<Int>, wordLengths: ClosedRange<Int>, letters: Int = 4
    ) throws -> (mismatches: [String], hits: Int) {
        var generator = SplitMix64(seed: seed)
        var mismatches: [String] = []
        var hits = 0
        for _ in 0..<lists {
            let list = try Self.list(entries: entries, headLengths: headLengths, letters: letters, using: &generator)
            for _ in 0..<25 {
                let words = (0..<Int.random(in: words, using: &generator)).map { _ in
                    Self.word(length: Int.random(in: wordLengths, using: &generator), letters: letters, using: &generator)
                }
                let text = words.joined(separator: Bool.random(using: &generator) ? " " : ", ")
                if let mismatch = PlainTextScanTests.mismatch(list, text) { mismatches.append(mismatch) }
                hits += list.hits(in: text).count
            }
        }
        return (mismatches, hits)
    }

    /// Entries of one to three letters that report on every word they start (prefix wildcards) must let
    /// every fourth letter through, in either case.
    @Test func shortPrefixWildcardsPassEveryFourthLetter() throws {
        let list = try WordList(entries: ["q*", "zx*", "kil*", "abcd"].map { WordListEntry(action: .hold, pattern: $0) })
        let letters = (UInt8(ascii: "a")...UInt8(ascii: "z")).map { String(UnicodeScalar($0)) }
        for fourth in letters {
            for text in ["q\(fourth)qq", "ZX\(fourth.uppercased())yy", "kil\(fourth)ler", "kIL\(fourth)"] {
                #expect(list.hits(in: text).count == 1, "\(text)")
                #expect(PlainTextScanTests.mismatch(list, text) == nil)
            }
            let near = "abc\(fourth)"
            #expect(list.hits(in: near).isEmpty == (fourth != "d"), "\(near)")
        }
    }
}
