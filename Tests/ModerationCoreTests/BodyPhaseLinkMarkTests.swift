import Testing

@testable import ModerationCore

/// The link scan that takes where to look again from the body scan's marks (``BodyScan/LinkMarks``)
/// finds what asking each byte finds; and the marks are the link scan's markers (`<`, `:` before `/`, `.`
/// before a byte above `,`) and the non-ASCII lead bytes, exactly: on the naughty strings, XSS payloads, the
/// YouTube comments, random texts of link pieces, long bodies, and texts of every length from 0 to 200
/// with each marker at every position relative to a 64-byte boundary and around the end of the marks.
@Suite struct BodyPhaseLinkMarkTests {
    /// Whether the link scan stops at `index`, by its definition.
    static func isMarker(_ bytes: LinkSyntax.Bytes, _ index: Int, nonASCII: Bool) -> Bool {
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
        switch bytes[index] {
        case UInt8(ascii: "<"): return true
        case UInt8(ascii: ":"): return next == UInt8(ascii: "/")
        case UInt8(ascii: "."): return next > UInt8(ascii: ",")
        case let byte: return nonASCII && byte >= 0xC0
        }
    }

    private static func expectAgrees(_ text: String, policies: [LinkPolicy] = [LinkPolicy()]) {
        var copy = text
        copy.withUTF8 { bytes in
            var scan = BodyScan(bytes)
            let (marked, reasons) = scan.withNameCharacters(count: bytes.count) { names in
                (LinkScanner.scan(bytes, names: names), policies.map { LinkScanner.reasons(in: bytes, policy: $0, names: names) })
            }
            #expect(marked == LinkScanner.scan(bytes, skipping: false), "\(text.debugDescription)")
            for (policy, found) in zip(policies, reasons) {
                #expect(found == LinkScanner.reasons(for: LinkScanner.scan(bytes, skipping: false), policy: policy), "\(text.debugDescription)")
            }
            var marks = scan.linkMarks
            marks.withView(count: bytes.count) { view in
                #expect(view.end == min(bytes.count, BodyScan.LinkMarks.covered))
                // Every start in the marked bytes, with and without non-ASCII bytes counting.
                for nonASCII in [false, true] {
                    var expected: Int?
                    for start in stride(from: view.end - 1, through: 0, by: -1) {
                        if isMarker(bytes, start, nonASCII: nonASCII) { expected = start }
                        guard view.first(from: start, nonASCII: nonASCII) == expected else {
                            Issue.record("marks differ from \(start) (non-ASCII \(nonASCII)) in \(text.debugDescription)")
                            return
                        }
                    }
                    #expect(view.first(from: view.end, nonASCII: nonASCII) == nil)
                }
            }
        }
    }

    @Test func agreesOnCorpora() throws {
        var texts = try HTMLTestCorpora.naughtyStrings() + HTMLTestCorpora.xssPayloads()
        texts += FastPathCorpus.youTubeComments()
        texts += FastPathCorpus.joined(FastPathCorpus.youTubeComments(), bytes: 1_500)
        #expect(texts.count > 1_000)
        for text in texts { Self.expectAgrees(text) }
    }

    @Test func agreesOnRandomTextsAndLongBodies() {
        // With allow and deny entries the links are made strings; without, only counted.
        for (index, text) in LinkSignalTests.texts.enumerated() {
            Self.expectAgrees(text, policies: index % 10 == 0 ? LinkSignalTests.policies : [LinkPolicy()])
        }
    }

    @Test func agreesWithMarkersAtEveryPosition() {
        let pieces = [
            "x.com", "a. b", "a.", "...", ".-", ".,", "a:/", "a:", "http://x.org", "<a href=\"http://y.org\">z</a>", "<",
            "www.x.de", "é.de", "пример.рф", ".é", ".😀", "\u{FEFF}", "😀", "www.😀.com",
        ]
        var compared = 0
        for piece in pieces {
            for length in 0...200 {
                for offset in Set([0, 1, length / 3, length / 2, 62, 63, 64, max(0, length - 1), length]) where offset <= length {
                    let text = String(repeating: "a", count: offset) + piece + String(repeating: "b", count: length - offset)
                    Self.expectAgrees(text)
                    compared += 1
                }
            }
            // Around the end of the marks, the piece starting before it and running past it.
            let cover = BodyScan.LinkMarks.covered
            for before in cover - 12...cover + 4 {
                Self.expectAgrees(String(repeating: "a ", count: before / 2) + String(repeating: "x", count: before % 2) + piece + " b")
                compared += 1
            }
        }
        #expect(compared > 10_000)
    }
}
