import Testing

@testable import ModerationCore

/// The repeated-character search keeps only the first graphemes it reports (``ContentSignals/maximumReasonsPerSignal``)
/// and makes the reasons straight from them: on bodies with many more repeated graphemes than that, each
/// repeated again later, longer or shorter, both ways must still report the reference's first graphemes
/// with their longest runs over the whole body, and the messages must name those lengths.
@Suite struct BodyPhaseRunLimitTests {
    static let pieces: [String] = [
        "a", "b", "c", "d", "e", "f", "!", ".", "?", "-", "=", "é", "ஜ", "▬", "۩", "😀", "𝐀", "Ａ", "❤️", "👍🏽", "e\u{301}",
        " ", "\t", "\u{3000}",
    ]

    static func texts() -> [String] {
        var generator = SplitMix64(seed: 0x51C7)
        return (0..<1500).map { _ in
            var text = ""
            for _ in 0..<Int.random(in: 10...40, using: &generator) {
                let piece = pieces.randomElement(using: &generator) ?? "a"
                text += String(repeating: piece, count: Int.random(in: 1...12, using: &generator))
            }
            return text
        }
    }

    @Test func manyRepeatedGraphemesReportTheFirstWithTheirLongestRuns() {
        var capped = 0
        for text in Self.texts() {
            for minimum in [2, 3, 6] {
                let policy = ContentSignalPolicy(repeatedCharacterRun: minimum)
                let fast = ContentSignals.repeatedCharacterReasons(text, policy: policy)
                let general = ContentSignals.repeatedCharacterReasons(text, policy: policy, singleScalars: false)
                #expect(fast == general, "\(text.debugDescription) at \(minimum)")
                let all = Reference.repeatedRuns(in: text, minimum: minimum)
                let expected = all.prefix(ContentSignals.maximumReasonsPerSignal)
                if all.count > expected.count { capped += 1 }
                #expect(fast.map(\.match) == expected.map(\.grapheme), "\(text.debugDescription) at \(minimum)")
                #expect(
                    fast.map(\.message) == expected.map { "The comment repeats \"\($0.grapheme)\" \($0.length) times in a row." },
                    "\(text.debugDescription) at \(minimum)"
                )
            }
        }
        // Most texts have more repeated graphemes than are reported.
        #expect(capped > 1500)
    }
}
