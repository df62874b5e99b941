@testable import ModerationCore

/// Seeded random texts of tokens and separators, run through every scan path.
enum WordPhaseRandomTexts {
    /// The mismatches between scan paths (`PlainTextScanTests.mismatch`) on `count` texts of `length`
    /// `tokens` joined by `separators`, and the hits found on them. With `lead` above 0, each text starts
    /// with fewer than `lead` letters and a space, so that its words fall at every offset against the
    /// plain-text loop's 64-byte windows.
    static func compare(
        _ list: WordList, tokens: [String], separators: [String], seed: UInt64, count: Int,
        length: ClosedRange<Int> = 1...10, lead: Int = 0
    ) -> (mismatches: [String], hits: Int) {
        var generator = SplitMix64(seed: seed)
        var mismatches: [String] = []
        var hits = 0
        for _ in 0..<count {
            var text = lead > 0 ? String(repeating: "z", count: Int.random(in: 0..<lead, using: &generator)) + " " : ""
            for index in 0..<Int.random(in: length, using: &generator) {
                if index > 0 { text += separators.randomElement(using: &generator) ?? " " }
                text += tokens.randomElement(using: &generator) ?? "a"
            }
            if let mismatch = PlainTextScanTests.mismatch(list, text) { mismatches.append(mismatch) }
            hits += list.hits(in: text).count
        }
        return (mismatches, hits)
    }
}
