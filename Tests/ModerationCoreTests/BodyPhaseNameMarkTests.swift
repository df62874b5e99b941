import Testing

@testable import ModerationCore

/// The link scan's search for where to look again takes, of the non-ASCII characters, only those that may
/// be part of a host name from the body scan's name marks: the search stops exactly at the markers and at
/// the lead bytes of name characters, and the links found stepping over the other non-ASCII characters
/// without looking are those found asking each byte; on texts mixing name characters with quotes, emoji,
/// U+FEFF and CJK punctuation around links, at every offset against a 64-byte block and around the end of
/// the marks.
@Suite struct BodyPhaseNameMarkTests {
    /// Whether the search stops at `index` when non-ASCII characters count: a marker or the lead byte of a
    /// character that may be part of a host name.
    private static func stops(_ bytes: LinkSyntax.Bytes, _ index: Int, nonASCII: Bool) -> Bool {
        guard nonASCII, bytes[index] >= 0xC0 else { return BodyPhaseLinkMarkTests.isMarker(bytes, index, nonASCII: false) }
        let scalar = LinkSyntax.decodeScalar(bytes, at: index).0
        return LinkScanner.isDomainCharacter(ScalarPropertyCache.shared.properties(of: scalar))
    }

    private static func expectAgrees(_ text: String) {
        var copy = text
        copy.withUTF8 { bytes in
            var scan = BodyScan(bytes)
            let marked = scan.withNameCharacters(count: bytes.count) { names in
                // Every start in the marked bytes, with and without non-ASCII characters counting.
                for nonASCII in [false, true] {
                    var expected: Int?
                    for start in stride(from: names.links.end - 1, through: 0, by: -1) {
                        if stops(bytes, start, nonASCII: nonASCII) { expected = start }
                        guard names.links.first(from: start, nonASCII: nonASCII, names: names.marks) == expected else {
                            Issue.record("search differs from \(start) (non-ASCII \(nonASCII)) in \(text.debugDescription)")
                            return [Link]()
                        }
                    }
                }
                return LinkScanner.scan(bytes, names: names)
            }
            #expect(marked == LinkScanner.scan(bytes, skipping: false), "\(text.debugDescription)")
        }
    }

    @Test func stopsAtNameCharactersAlone() {
        let pieces = [
            "é’x.com", "пример’.рф", "ü…www.x.org", "café “x.de” ok", "例え。テスト.jp", "né\u{FEFF}x.io", "😀é😀.com",
            "é😀http://x.org", "münchen.de’s", "’é", "é’", "x’y.org", "\u{3000}é.de", "é\u{200B}.com",
        ]
        var compared = 0
        for piece in pieces {
            for length in 0...140 {
                for offset in Set([0, 1, length / 2, 62, 63, 64, max(0, length - 1), length]) where offset <= length {
                    // Name characters before and after keep the piece inside the range where they count.
                    let text = "é " + String(repeating: "a", count: offset) + piece + String(repeating: "b", count: length - offset) + " ü"
                    Self.expectAgrees(text)
                    compared += 1
                }
            }
            let cover = BodyScan.LinkMarks.covered
            for before in cover - 12...cover + 4 {
                Self.expectAgrees("é" + String(repeating: "a ", count: before / 2) + piece + " ü")
                compared += 1
            }
        }
        #expect(compared > 5_000)
    }

    @Test func stopsAtNameCharactersAloneOnRandomTexts() {
        for text in LinkSignalTests.texts.prefix(4000) { Self.expectAgrees(text) }
    }
}
