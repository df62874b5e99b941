import Testing

@testable import ModerationCore

/// Decoding stops after a round whose `&` and `%` (kept, or written by an escape) cannot decode in a next
/// round, and the text is the one decoding round after round while any is left gives: on random texts of
/// escape pieces (nested, split, cut short, double and triple encoded, next to each other and to the end),
/// whose script findings are also those of the full scan.
@Suite struct BodyPhaseEscapeRoundTests {
    static let pieces = [
        "&amp;", "&amp;lt;", "&amp;amp;lt;", "&amp;#60;", "&", "& ", "&&", "&#", "&#x", "&#38;", "&#x26;", "&#60;", "&lt",
        "&lt;", "&l", "t;", "&am", "p;", "%", "%2", "%25", "%26", "%3C", "%3c", "%253C", "%2526", "%%", "3C", "2", "5",
        "6", "a", "x", ";", "#", " ", "<", ":", "=", "script", "javascript", "&colon;", "&percnt;", "&#37;", "é", "1",
        "0", "9", "f", "F", "quot", "&quot;", "&#39;", "&nbsp;", "&#0000000000038;", "&#x0000000026", "onerror",
        "0123456789", "&#106;avascript:",
    ]

    static func expectAgrees(_ text: String) {
        var bytes = text
        #expect(bytes.withUTF8(ScriptContent.decoded) == Reference.scriptDecoded(text), "\(text.debugDescription)")
        let (skipping, full) = bytes.withUTF8 { (ScriptContent.findings(in: $0), ScriptContent.findings(in: $0, skipping: false)) }
        #expect(skipping == full, "\(text.debugDescription)")
    }

    @Test func decodingAsManyRoundsAsNeededAgrees() {
        var generator = SplitMix64(seed: 0xE5C)
        var compared = 0
        for _ in 0..<20_000 {
            let count = Int.random(in: 1...10, using: &generator)
            Self.expectAgrees((0..<count).map { _ in Self.pieces.randomElement(using: &generator) ?? "" }.joined())
            compared += 1
        }
        // Each pair, and each piece at the end after every other.
        for first in Self.pieces {
            for second in Self.pieces {
                Self.expectAgrees(first + second)
                Self.expectAgrees("x" + first + second + "y")
                compared += 2
            }
        }
        #expect(compared > 25_000)
    }
}
