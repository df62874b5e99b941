import Testing
import ModerationCore

/// The LDNOOBW list against real text, and hostile strings against the matcher.
@Suite struct WordListCorpusTests {
    static let scunthorpeWords = [
        "Pakistan", "constitutional", "suspicion", "assistance", "specialist", "Sussex", "analysis", "cocktail",
        "grapes",
    ]

    @Test(arguments: scunthorpeWords)
    func scunthorpeWordsAreInnocent(word: String) throws {
        let list = try WordList(entries: WordListFixtures.ldnoobw())
        #expect(list.hits(in: word).isEmpty)
        #expect(list.hits(in: word.uppercased()).isEmpty)
        #expect(list.hits(in: "The \(word), again: \(word.lowercased())!").isEmpty)
    }

    @Test func listTermsStillHit() throws {
        let list = try WordList(entries: WordListFixtures.ldnoobw())
        #expect(list.hits(in: "what an asshole").map(\.matched) == ["asshole"])
        #expect(list.hits(in: "cheap C1AL1S").map(\.matched) == ["C1AL1S"])
        #expect(list.hits(in: "s p e c i a l i s t").isEmpty)
        #expect(list.hits(in: "2 girls 1 cup").map(\.entry.pattern) == ["2 girls 1 cup"])
    }

    /// Ham comments may contain real swear words, but every hit must be a whole list term, never a fragment of
    /// a longer word.
    @Test func hamCommentsHitOnlyWholeListTerms() throws {
        let list = try WordList(entries: WordListFixtures.ldnoobw())
        let ham = try WordListFixtures.hamComments()
        #expect(ham.count == 552)
        var commentsHit = 0
        for comment in ham {
            let hits = list.hits(in: comment)
            if !hits.isEmpty { commentsHit += 1 }
            for hit in hits {
                let range = try #require(hit.range)
                #expect(!Self.isWordCharacter(before: range.lowerBound, in: comment), "\(hit.matched) in \(comment)")
                #expect(!Self.isWordCharacter(at: range.upperBound, in: comment), "\(hit.matched) in \(comment)")
                #expect(Self.letters(TextNormalizer.normalize(hit.matched)) == Self.letters(hit.entry.pattern))
            }
        }
        // Measured: 49 of the 552 ham comments use a listed word (fuck, shit, sexy, bitch, ...).
        #expect(commentsHit == 49)
    }

    @Test func hostileStringsAsTextNeverCrash() throws {
        let entries = try WordListFixtures.ldnoobw() + WordList.parse("""
            hold crypto giveaway
            hold payday loan*
            flag *coin
            allow scunthorpe
            reject 苹果
            """)
        let list = try WordList(entries: entries)
        for text in try WordListFixtures.naughtyStrings() + WordListFixtures.xssPayloads() {
            for hit in list.hits(in: text) {
                let range = try #require(hit.range)
                #expect(String(text.unicodeScalars[range]) == hit.matched)
            }
        }
    }

    @Test func hostileStringsAsPatternsAreRejectedOrMatchThemselves() throws {
        var accepted = 0
        for pattern in try WordListFixtures.naughtyStrings() + WordListFixtures.xssPayloads() {
            for action in [WordAction.reject, .allow] {
                let list: WordList
                do {
                    list = try WordList(entries: [WordListEntry(action: action, pattern: pattern)])
                } catch {
                    #expect(!error.message.isEmpty)
                    continue
                }
                accepted += 1
                _ = list.hits(in: pattern)
                _ = list.hits(in: "<p>\(pattern)</p> and the rest")
                // The file form reads back the same.
                #expect(try WordList.parse(WordList.format(list.entries)) == list.entries)
            }
        }
        #expect(accepted > 500)
    }

    @Test func hostileLinesInAFileAreRejectedWithTheirLineNumber() throws {
        let strings = try WordListFixtures.naughtyStrings()
        for string in strings where !string.contains("\n") && !string.contains("\r") {
            let text = "reject viagra\nhold \(string)\n"
            do {
                _ = try WordList.parse(text)
            } catch {
                #expect(error.line == 2, "\(string)")
            }
        }
    }

    private static func letters(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter(isWordScalar)))
    }

    private static func isWordCharacter(before index: String.Index, in text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard index > scalars.startIndex else { return false }
        return isWordScalar(scalars[scalars.index(before: index)])
    }

    private static func isWordCharacter(at index: String.Index, in text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard index < scalars.endIndex else { return false }
        return isWordScalar(scalars[index])
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
