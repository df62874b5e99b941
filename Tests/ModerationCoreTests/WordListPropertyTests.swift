import Testing
import ModerationCore

/// Seeded random lists and texts: properties that must hold whatever the entries.
@Suite struct WordListPropertyTests {
    private static let words = [
        "viagra", "ass", "cialis", "crypto", "giveaway", "payday", "loan", "coin", "bit", "free", "money", "scun",
        "thorpe", "sex", "class", "v1agra", "a$$", "fr33", "раураl", "ß", "straße", "σοφος", "苹果", "🖕", "2024",
        "m", "rn", "i", "l", "1", "x",
    ]
    private static let separators = [" ", " ", ", ", "-", "...", ".", "_", "\u{200B}", "", "!", "\n", " 😀 "]

    private static func randomPattern(using generator: inout WordListSeededGenerator) -> String {
        let count = Int.random(in: 1...3, using: &generator)
        var pattern = (0..<count).map { _ in words.randomElement(using: &generator) ?? "x" }.joined(separator: " ")
        switch Int.random(in: 0..<6, using: &generator) {
        case 0: pattern += "*"
        case 1: pattern = "*" + pattern
        default: break
        }
        return pattern
    }

    private static func randomText(using generator: inout WordListSeededGenerator) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...12, using: &generator) {
            text += words.randomElement(using: &generator) ?? ""
            text += separators.randomElement(using: &generator) ?? " "
        }
        return text
    }

    private static func randomList(
        actions: [WordAction], using generator: inout WordListSeededGenerator
    ) -> [WordListEntry] {
        (0..<Int.random(in: 0...8, using: &generator)).map { _ in
            WordListEntry(
                action: actions.randomElement(using: &generator) ?? .reject,
                pattern: randomPattern(using: &generator))
        }
    }

    private struct Hit: Hashable {
        let entry: WordListEntry
        let matched: String
        let start: Int?
    }

    private static func hits(_ list: WordList, _ text: String) -> Set<Hit> {
        Set(list.hits(in: text).map { hit in
            Hit(entry: hit.entry, matched: hit.matched,
                start: hit.range.map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) })
        })
    }

    /// Adds one random `action` entry to random lists and checks `holds(before, after)` on random texts.
    private static func checkAddingAnEntry(
        _ action: WordAction, seed: UInt64, _ holds: (Set<Hit>, Set<Hit>) -> Bool
    ) throws {
        var generator = WordListSeededGenerator(seed: seed)
        for _ in 0..<400 {
            let entries = randomList(actions: WordAction.allCases, using: &generator)
            let added = WordListEntry(action: action, pattern: randomPattern(using: &generator))
            let before = try WordList(entries: entries)
            let after = try WordList(entries: entries + [added])
            for _ in 0..<5 {
                let text = randomText(using: &generator)
                #expect(holds(hits(before, text), hits(after, text)), "\(added) in \(text)")
            }
        }
    }

    @Test func addingAnAllowEntryNeverAddsAHit() throws {
        try Self.checkAddingAnEntry(.allow, seed: 0xA110) { before, after in after.isSubset(of: before) }
    }

    @Test func addingARejectEntryNeverRemovesAHit() throws {
        try Self.checkAddingAnEntry(.reject, seed: 0x8E1E) { before, after in before.isSubset(of: after) }
    }

    @Test func everyPatternMatchesItselfAsText() throws {
        var generator = WordListSeededGenerator(seed: 0x5E1F)
        for _ in 0..<500 {
            let pattern = Self.randomPattern(using: &generator)
            let text = pattern.filter { $0 != "*" }
            let list = try WordList(entries: [WordListEntry(action: .reject, pattern: pattern)])
            #expect(!list.hits(in: "start \(text) end").isEmpty, "\(pattern)")
        }
    }

    @Test func hitsDoNotDependOnTheListSize() throws {
        // The automaton answers the same for an entry alone and among many others.
        var generator = WordListSeededGenerator(seed: 0x0B16)
        let crowd = (0..<2000).map { index in WordListEntry(action: .flag, pattern: "filler\(index)word") }
        for _ in 0..<30 {
            let entries = Self.randomList(actions: [.reject, .hold, .flag, .allow], using: &generator)
            let small = try WordList(entries: entries)
            let large = try WordList(entries: entries + crowd)
            for _ in 0..<10 {
                let text = Self.randomText(using: &generator)
                #expect(Self.hits(small, text) == Self.hits(large, text))
            }
        }
    }
}
