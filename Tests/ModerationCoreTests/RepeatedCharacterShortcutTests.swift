import Testing

@testable import ModerationCore

/// A body whose characters are each one scalar has its long runs found without grapheme rules
/// (`RunFinder.addSingleScalarRuns`); the result must be the general way's, and the reference's, on texts
/// built of runs of every kind: ASCII, multi-byte scalars, white space of both kinds, controls, and
/// characters of several scalars that send the body the general way.
@Suite struct RepeatedCharacterShortcutTests {
    static let pieces: [String] = [
        "a", "b", "!", ".", " ", "\t", "\r\n", "\u{1}", "\u{7F}", "é", "ஜ", "▬", "۩", "\u{A0}", "\u{3000}", "\u{FEFF}",
        "😀", "𝐀", "Ａ", "\u{85}", "e\u{301}", "❤️", "👍🏽", "🇩🇪", "각",
    ]

    static func texts() -> [String] {
        var generator = SplitMix64(seed: 0x12E9)
        return (0..<3000).map { _ in
            var text = ""
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let piece = pieces.randomElement(using: &generator) ?? "a"
                text += String(repeating: piece, count: Int.random(in: 1...14, using: &generator))
            }
            return text
        }
    }

    @Test func singleScalarBodiesAgreeWithTheGeneralWay() {
        var reported = 0
        var singleScalarTexts = 0
        for text in Self.texts() {
            var bytes = text
            if bytes.withUTF8({ BodyScan($0).singleScalarCharacters }) { singleScalarTexts += 1 }
            for minimum in [2, 3, 10] {
                let policy = ContentSignalPolicy(repeatedCharacterRun: minimum)
                let fast = ContentSignals.repeatedCharacterReasons(text, policy: policy)
                let general = ContentSignals.repeatedCharacterReasons(text, policy: policy, singleScalars: false)
                reported += fast.count
                #expect(fast == general, "\(text.debugDescription) at \(minimum)")
                let expected = Reference.repeatedRuns(in: text, minimum: minimum).prefix(ContentSignals.maximumReasonsPerSignal)
                #expect(fast.map(\.match) == expected.map(\.grapheme), "\(text.debugDescription) at \(minimum)")
            }
        }
        // Both ways are taken, and runs are found.
        #expect(singleScalarTexts > 500)
        #expect(reported > 3000)
    }
}
