import Testing

@testable import ModerationCore

/// Validation told by the body scan whether the body may hold a control character it refuses
/// (``BodyScan/mayHoldRefusedControl``) reports what searching the body reports; the scan says so exactly
/// when some byte is below 0x20 but tab and line feed, DEL, or 0xC2 before a byte below 0xA0 (a C1
/// control): on the naughty strings, XSS payloads, YouTube comments, random texts, and texts of every
/// length from 0 to 200 with each control at every position relative to a 64-byte boundary.
@Suite struct BodyPhaseControlTests {
    private static func expectAgrees(_ body: String) {
        var copy = body
        copy.withUTF8 { bytes in
            let scan = BodyScan(bytes)
            let expected = bytes.indices.contains { index in
                let byte = bytes[index]
                return (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F
                    || (byte == 0xC2 && index + 1 < bytes.count && bytes[index + 1] < 0xA0)
            }
            #expect(scan.mayHoldRefusedControl == expected, "\(body.debugDescription)")
            // What validation refuses is always among what the scan is told of.
            if FieldValidator.refusedControlCharacter(in: bytes, multiline: true) != nil {
                #expect(scan.mayHoldRefusedControl, "\(body.debugDescription)")
            }
            let comment = CommentInput(
                siteID: "s", postID: "p", authorName: "Reader", authorEmail: "reader@example.org", body: body)
            let told = FieldValidator.validate(
                comment, limits: .wordPress, bodyMayHoldControl: scan.mayHoldRefusedControl, emailCheck: { _ in nil })
            #expect(told == FieldValidator.validate(comment, emailCheck: { _ in nil }), "\(body.debugDescription)")
        }
    }

    @Test func agreesOnCorpora() throws {
        var texts = try HTMLTestCorpora.naughtyStrings() + HTMLTestCorpora.xssPayloads()
        texts += FastPathCorpus.youTubeComments()
        texts += FastPathCorpus.joined(FastPathCorpus.youTubeComments(), bytes: 1_500)
        texts += HTMLTestCorpora.hostileStrings(count: 2_000, seed: 0xC0C)
        for text in texts { Self.expectAgrees(text) }
    }

    @Test func agreesOnRandomTexts() {
        let pieces = [
            "a", "word", " ", "\t", "\n", "\r\n", "\r", "\u{0}", "\u{1F}", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "\u{BF}",
            "©", "é", "😀", "\u{FEFF}", "\u{85}", "\u{2028}", "x.com", "<b>", "&amp;",
        ]
        for text in BodyPassRandomTexts.texts(from: pieces, count: 4_000, maximumPieces: 60, seed: 0xC7A1) {
            Self.expectAgrees(text)
        }
    }

    @Test func agreesWithAControlAtEveryPosition() {
        var compared = 0
        for control in ["\u{0}", "\u{8}", "\t", "\n", "\u{B}", "\r", "\r\n", "\u{1F}", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "é"] {
            for length in 0...200 {
                for offset in Set([0, 1, length / 3, length / 2, 62, 63, 64, max(0, length - 1), length]) where offset <= length {
                    Self.expectAgrees(String(repeating: "a", count: offset) + control + String(repeating: "b", count: length - offset))
                    compared += 1
                }
            }
        }
        #expect(compared > 10_000)
    }
}
