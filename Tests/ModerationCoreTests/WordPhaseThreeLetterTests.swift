import Testing

@testable import ModerationCore

/// A word of three letters walks from the root only when its walk may report something or queue a phrase
/// walk (`rootQuads` holds its bit, with a zero for the fourth letter), not whenever longer keys begin
/// with it: three-letter words that are an entry, a prefix wildcard's stem, a phrase's first word, the
/// start of longer entries only, or beyond a one- or two-letter prefix wildcard, in either case and at
/// every offset against a window, must give the hits of pieces and of the general way.
@Suite struct WordPhaseThreeLetterTests {
    static let patterns = ["cat", "dog*", "fox den", "theft", "thermal", "ow*", "q*", "sun", "sunday", "bee hive"]

    @Test func threeLetterWordsAgree() throws {
        let list = try WordList(entries: Self.patterns.map { WordListEntry(action: .hold, pattern: $0) })
        let words = [
            "cat", "CAT", "cab", "dog", "Dog", "fox", "the", "THE", "thi", "owl", "OWE", "qua", "sun", "Sun", "bee",
            "bed", "dot", "ca", "do", "ther", "sund",
        ]
        var mismatches: [String] = []
        var hits = 0
        for (index, word) in words.enumerated() {
            for follower in ["", " den", " hive", " day", " cat"] {
                let lead = String(repeating: "ok ", count: (index * 5 + follower.count) % 23)
                for text in [word + follower, lead + word + follower + ".", lead + " " + word + follower] {
                    if let mismatch = PlainTextScanTests.mismatch(list, text) { mismatches.append(mismatch) }
                    hits += list.hits(in: text).count
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        // "cat", "dog", "fox den", "owl", "qua", "sun", "bee hive" and the like.
        #expect(hits > 150)
    }

    /// The filter tells the words apart: "the" only begins "theft" and "thermal", "cat" is an entry.
    @Test func onlyWordsThatMayMatchPass() throws {
        let matcher = try WordMatcher(patterns: Self.patterns.enumerated().map { (Int32($0), try WordPattern($1)) })
        func passes(_ word: String) -> Bool {
            Array(word.utf8).withUnsafeBufferPointer {
                WordMatcher.mayMatchFromRoot(matcher.tables.rootTriples, matcher.tables.rootQuads, $0)
            }
        }
        for word in ["cat", "Dog", "fox", "owl", "qua", "sun", "bee"] { #expect(passes(word), "\(word)") }
        #expect(!passes("the"))
        #expect(!passes("thi"))
        #expect(passes("thef"))
    }
}
