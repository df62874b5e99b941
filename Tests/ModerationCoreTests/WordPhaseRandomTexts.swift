@testable import ModerationCore

/// Seeded random texts of tokens and separators, run through every scan path.
enum WordPhaseRandomTexts {
    /// The mismatches between scan paths (`PlainTextScanTests.mismatch`) on `count` texts of one to ten
    /// `tokens` joined by `separators`, and the hits found on them.
    static func compare(
        _ list: WordList, tokens: [String], separators: [String], seed: UInt64, count: Int
    ) -> (mismatches: [String], hits: Int) {
        var generator = SplitMix64(seed: seed)
        var mismatches: [String] = []
        var hits = 0
        for _ in 0..<count {
            var text = ""
            for index in 0..<Int.random(in: 1...10, using: &generator) {
                if index > 0 { text += separators.randomElement(using: &generator) ?? " " }
                text += tokens.randomElement(using: &generator) ?? "a"
            }
            if let mismatch = PlainTextScanTests.mismatch(list, text) { mismatches.append(mismatch) }
            hits += list.hits(in: text).count
        }
        return (mismatches, hits)
    }
}
