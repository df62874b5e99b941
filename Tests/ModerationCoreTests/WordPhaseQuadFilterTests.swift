import Testing

@testable import ModerationCore

/// The four-letter filter (`WordMatcher.rootQuads`) lets through every plain word whose walk from the root
/// may report or go on: on lists and texts over a four-letter alphabet, where most text words share their
/// first three or four letters with some pattern's and differ after, the plain-text loop and the pieces
/// way (which test the filter) find the hits of the general way (which walks every word).
@Suite struct WordPhaseQuadFilterTests {
    static let alphabet: [Character] = ["a", "b", "c", "d"]

    static func word(length: Int, using generator: inout SplitMix64) -> String {
        String((0..<length).map { _ in
            let letter = alphabet.randomElement(using: &generator) ?? "a"
            return Bool.random(using: &generator) && Int.random(in: 0..<4, using: &generator) == 0
                ? Character(letter.uppercased()) : letter
        })
    }

    /// Patterns of one to six letters: whole words, prefix and suffix wildcards, two-word phrases.
    static func list(using generator: inout SplitMix64) throws -> WordList {
        let entries = (0..<Int.random(in: 1...40, using: &generator)).map { _ in
            let head = word(length: Int.random(in: 1...6, using: &generator), using: &generator).lowercased()
            let pattern =
                switch Int.random(in: 0..<6, using: &generator) {
                case 0: head + "*"
                case 1: "*" + head
                case 2: head + " " + word(length: Int.random(in: 1...5, using: &generator), using: &generator).lowercased()
                default: head
                }
            return WordListEntry(action: .hold, pattern: pattern)
        }
        return try WordList(entries: entries)
    }

    @Test func wordsSharingPrefixesWithPatternsAgree() throws {
        var generator = SplitMix64(seed: 0x4_0AD5)
        var mismatches: [String] = []
        var hits = 0
        for _ in 0..<400 {
            let list = try Self.list(using: &generator)
            for _ in 0..<25 {
                let words = (0..<Int.random(in: 1...12, using: &generator)).map { _ in
                    Self.word(length: Int.random(in: 2...8, using: &generator), using: &generator)
                }
                let text = words.joined(separator: Bool.random(using: &generator) ? " " : ", ")
                if let mismatch = PlainTextScanTests.mismatch(list, text) { mismatches.append(mismatch) }
                hits += list.hits(in: text).count
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(hits > 2000)
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
