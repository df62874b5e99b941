import Testing

@testable import ModerationCore

/// The body scan marks exactly where `&` and `%` stand in the body's first bytes, and decoding that takes
/// the escapes from those marks gives what searching the bytes for them gives (the text and the markers
/// written), as do the script findings: on the YouTube comments, the XSS payloads, random texts of escape
/// pieces, and escapes at every offset against a 64-byte block and around the end of the marks.
@Suite struct BodyPhaseEscapeMarkTests {
    private static func expectAgrees(_ text: String) {
        var copy = text
        copy.withUTF8 { bytes in
            var scan = BodyScan(bytes)
            scan.withEscapeMarks(count: bytes.count) { marks in
                #expect(marks.end == min(bytes.count, BodyScan.LeadMarks.covered))
                var expected: Int?
                for start in stride(from: marks.end - 1, through: 0, by: -1) {
                    if bytes[start] == UInt8(ascii: "&") || bytes[start] == UInt8(ascii: "%") { expected = start }
                    guard marks.firstMarked(from: start) == expected else {
                        Issue.record("marks differ from \(start) in \(text.debugDescription)")
                        return
                    }
                }
                var (searched, marked): (UInt64, UInt64) = (0, 0)
                #expect(
                    ScriptContent.decodedIfAny(bytes, writing: &searched)
                        == ScriptContent.decodedIfAny(bytes, writing: &marked, escapes: marks),
                    "\(text.debugDescription)")
                #expect(searched == marked, "\(text.debugDescription)")
                #expect(
                    ScriptContent.findings(in: bytes, escapes: marks) == ScriptContent.findings(in: bytes, skipping: false),
                    "\(text.debugDescription)")
            }
        }
    }

    @Test func agreesOnCorpora() throws {
        let texts = try FastPathCorpus.youTubeComments() + HTMLTestCorpora.xssPayloads()
            + FastPathCorpus.joined(FastPathCorpus.youTubeComments(), bytes: 1_500)
        for text in texts { Self.expectAgrees(text) }
    }

    @Test func agreesOnEscapePieces() {
        var generator = SplitMix64(seed: 0xE5C2)
        for _ in 0..<3_000 {
            let count = Int.random(in: 1...12, using: &generator)
            Self.expectAgrees((0..<count).map { _ in BodyPhaseEscapeRoundTests.pieces.randomElement(using: &generator) ?? "" }.joined())
        }
    }

    @Test func agreesWithEscapesAtEveryOffset() {
        let pieces = ["&lt;", "&amp;lt;", "%3C", "%253C", "&", "%", "&#106;avascript:", "R&B 100%"]
        var compared = 0
        for piece in pieces {
            for offset in 0...130 {
                Self.expectAgrees(String(repeating: "a", count: offset) + piece + " b")
                compared += 1
            }
            let cover = BodyScan.LeadMarks.covered
            for before in cover - 12...cover + 4 {
                Self.expectAgrees(String(repeating: "a ", count: before / 2) + String(repeating: "x", count: before % 2) + piece + " %26lt;")
                compared += 1
            }
        }
        #expect(compared > 1_000)
    }
}
