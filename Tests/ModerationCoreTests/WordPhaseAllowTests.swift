import Testing

@testable import ModerationCore

/// Hits are reported in text order, once each, without those inside a span an allow entry matched. The
/// reference: the same list with its allow entries turned into flag entries (whose hits then show the
/// allowed spans), filtered by hand.
@Suite struct WordPhaseAllowTests {
    /// The fast-path list plus allow entries over words the corpora use a lot, so allowed spans are
    /// common, and entries they contain.
    static func entries() throws -> [WordListEntry] {
        var entries = try FastPathEquivalenceTests.wordList().entries
        entries += ["this song", "love you", "check out", "subscribe to", "youtube channel", "billion views"].map { WordListEntry(action: .allow, pattern: $0) }
        entries += ["song", "out", "sub*", "*tube", "view"].map { WordListEntry(action: .hold, pattern: $0) }
        return entries
    }

    @Test func allowedSpansAreLeftOutAndHitsComeInOrder() throws {
        let entries = try Self.entries()
        // Allow entries are turned into flags, so none may share its pattern with a flag entry (the two
        // would be one entry).
        let flagged = Set(entries.filter { $0.action == .flag }.map(\.pattern))
        let kept = entries.filter { $0.action != .allow || !flagged.contains($0.pattern) }
        let allowed = Set(kept.filter { $0.action == .allow }.map(\.pattern))
        let list = try WordList(entries: kept)
        let reference = try WordList(entries: kept.map { $0.action == .allow ? WordListEntry(action: .flag, pattern: $0.pattern) : $0 })
        var mismatches: [String] = []
        var leftOut = 0
        for text in ["subscribe to me", "check the views"] + FastPathCorpus.texts {
            let all = reference.hits(in: text)
            let spans = all.filter { $0.entry.action == .flag && allowed.contains($0.entry.pattern) }.compactMap(\.range)
            let expected = all.filter { hit in
                guard let range = hit.range, !(hit.entry.action == .flag && allowed.contains(hit.entry.pattern)) else { return false }
                return !spans.contains { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound }
            }
            leftOut += all.count - expected.count
            let found = list.hits(in: text)
            if found != expected { mismatches.append("\(text.debugDescription) found \(found.map { "\($0.entry.action) \($0.entry.pattern) \($0.matched)" }) expected \(expected.map { "\($0.entry.action) \($0.entry.pattern) \($0.matched)" })") }
            let bounds = found.compactMap { $0.range.map { ($0.lowerBound, $0.upperBound) } }
            if zip(bounds, bounds.dropFirst()).contains(where: { $1 < $0 }) { mismatches.append("order \(text.debugDescription)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        // Allowed spans do leave hits out.
        #expect(leftOut > 500)
    }
}
