import Testing

@testable import ModerationCore

/// Bodies whose characters are one scalar or one scalar and a variation selector ("❤️", "#️", "☺︎") have
/// their long runs found from candidates (``BodyScan/simpleCharacters``); the result must be the general
/// way's and the reference's, also where a selector follows a run of its own base, follows white space, a
/// control, a mark or another selector, or is followed by a joiner, a modifier or a mark.
@Suite struct RepeatedSelectorCharacterTests {
    static let pieces: [String] = [
        "a", "#", "!", " ", "\t", "\r\n", "\u{1}", "é", "❤", "☺", "😀", "\u{3000}", "\u{85}", "\u{A0}", "\u{FEFF}",
        "❤️", "❤︎", "☺️", "#️", "a︎", " ️", "\u{3000}️", "😀️", "\u{FE0F}", "\u{FE0E}", "\u{FE0F}\u{FE0F}",
        "\u{200D}", "🏽", "\u{301}", "e\u{301}", "👍🏽", "👨‍👩‍👧", "❤️‍🔥", "🇩🇪", "각", "\u{1}\u{FE0F}", "\r\u{FE0F}",
        "\u{600}", "\u{FE00}", "ｘ", "ｘ️", "！︎", "é️", "\u{FE0F}\u{301}",
    ]

    /// Texts of runs of those pieces, some made only of pieces that keep a body simple.
    static func texts(count: Int, seed: UInt64, pieces: [String]) -> [String] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            var text = ""
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let piece = pieces.randomElement(using: &generator) ?? "a"
                text += String(repeating: piece, count: Int.random(in: 1...12, using: &generator))
            }
            return text
        }
    }

    static let simplePieces = ["a", "#", "!", " ", "\r\n", "é", "❤", "☺", "😀", "❤️", "❤︎", "☺️", "#️", "a︎", " ️", "\u{3000}️", "😀️", "ｘ", "ｘ️", "！︎", "é️", "é"]

    @Test func runsFromCandidatesAgreeWithTheGeneralWay() {
        var texts = Self.texts(count: 3000, seed: 0x5E1E, pieces: Self.pieces)
        texts += Self.texts(count: 2000, seed: 0x5E1F, pieces: Self.simplePieces)
        // Every character at every block offset, and candidate tests that read past a block.
        for piece in ["❤️", "#️", "😀️", "a︎", "ｘ️", "é️"] {
            for count in [2, 9, 10, 11, 17] {
                for shift in [0, 1, 5, 13, 15, 16] {
                    texts.append(String(repeating: "x", count: shift) + String(repeating: piece, count: count) + "y" + piece)
                }
            }
        }
        var simple = 0
        var reported = 0
        for text in texts {
            var bytes = text
            if bytes.withUTF8({ BodyScan($0).simpleCharacters }) { simple += 1 }
            for minimum in [2, 3, 10] {
                let policy = ContentSignalPolicy(repeatedCharacterRun: minimum)
                let fast = ContentSignals.repeatedCharacterReasons(text, policy: policy)
                let general = ContentSignals.repeatedCharacterReasons(text, policy: policy, singleScalars: false)
                reported += fast.count
                #expect(fast == general, "\(text.debugDescription) at \(minimum)")
                let expected = Reference.repeatedRuns(in: text, minimum: minimum).prefix(ContentSignals.maximumReasonsPerSignal)
                #expect(fast.map(\.match) == expected.map(\.grapheme), "\(text.debugDescription) at \(minimum)")
                #expect(fast.map(\.message) == expected.map { "The comment repeats \"\($0.grapheme)\" \($0.length) times in a row." })
            }
        }
        // Both ways are taken, and runs are found.
        #expect(simple > 2000 && simple < texts.count - 1000)
        #expect(reported > 5000)
    }

    /// A body is simple exactly when every character is one scalar, or one scalar and a selector.
    @Test func simpleBodiesAreThoseOfOneOrTwoScalarCharacters() {
        for text in Self.texts(count: 3000, seed: 0x5E20, pieces: Self.pieces) {
            var bytes = text
            let scan = bytes.withUTF8 { BodyScan($0) }
            let expected = text.allSatisfy { character in
                let scalars = Array(character.unicodeScalars)
                return scalars.count == 1 || character == "\r\n"
                    || (scalars.count == 2 && (scalars[1] == "\u{FE0E}" || scalars[1] == "\u{FE0F}"))
            }
            if scan.simpleCharacters { #expect(expected, "\(text.debugDescription)") }
            if scan.singleScalarCharacters { #expect(scan.simpleCharacters, "\(text.debugDescription)") }
        }
    }
}
