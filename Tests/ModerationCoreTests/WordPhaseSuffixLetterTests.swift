import Testing

@testable import ModerationCore

/// The plain-text loop passes over a word whose last two letters a suffix pattern's first word ends with
/// when its last three letters (`WordMatcher.Tables.suffixLetterEndings`) cannot end one: first words of
/// one to five letters, and words of one to six letters in either case ending in each of them, in part of
/// them or in near misses, must give the hits of pieces and of the general way, wherever they stand.
@Suite struct WordPhaseSuffixLetterTests {
    static let patterns = ["*x", "*ab", "*zab", "*burger", "*qu big", "*k9x"]

    @Test func everyEndingAgrees() throws {
        let list = try WordList(entries: Self.patterns.map { WordListEntry(action: .hold, pattern: $0) })
        let ends = ["x", "ab", "zab", "qab", "rger", "urger", "burger", "qu", "k9x", "9x", "kx", "b", "zb"]
        let heads = ["", "a", "z", "q", "Z", "ham", "HAMBU"]
        var mismatches: [String] = []
        var hits = 0
        for (index, word) in heads.flatMap({ head in ends.flatMap { [head + $0, (head + $0).uppercased()] } }).enumerated() {
            let lead = String(repeating: "ok ", count: index % 23) + String(repeating: " ", count: index % 3)
            for text in [lead + word, lead + word + " big", word, word + ".", lead + word + String(repeating: " ", count: 60)] {
                if let mismatch = PlainTextScanTests.mismatch(list, text) { mismatches.append(mismatch) }
                hits += list.hits(in: text).count
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        // "x", "zab", "hamburger" and the like end a pattern's first word.
        #expect(hits > 300)
    }

    /// The filter lets through every word of letters that ends with a first word: all pairs and triples
    /// of letters before a first word's last letters, in either case.
    @Test func noWordEndingAFirstWordIsPassedOver() throws {
        let matcher = try WordMatcher(patterns: Self.patterns.enumerated().map { (Int32($0), try WordPattern($1)) })
        let tables = matcher.tables
        let letters = Array(UInt8(ascii: "a")...UInt8(ascii: "z")) + Array(UInt8(ascii: "A")...UInt8(ascii: "Z"))
        var missed: [String] = []
        for ending in ["x", "ab", "zab", "burger"] {
            let befores: [[UInt8]] = [[]] + letters.map { [$0] } + letters.map { [$0, UInt8(ascii: "e")] }
            for before in befores {
                for cased in [Array(ending.utf8), Array(ending.uppercased().utf8)] {
                    let word = before + cased
                    let passes = word.withUnsafeBufferPointer {
                        WordMatcher.mayEndWithSuffix(
                            letters: tables.suffixLetterEndings, $0, end: word.count, units: word.count)
                    }
                    if !passes { missed.append(String(decoding: word, as: UTF8.self)) }
                }
            }
        }
        #expect(missed.isEmpty, "\(missed.prefix(5))")
        // And it is sharper than the last two letters: "burger" passes, "paper" does not.
        let paper = Array("paper".utf8).withUnsafeBufferPointer {
            WordMatcher.mayEndWithSuffix(letters: tables.suffixLetterEndings, $0, end: 5, units: 5)
        }
        #expect(!paper)
    }
}
