import Testing

@testable import ModerationCore

/// A dot followed by a non-ASCII character that cannot be part of a host name ("views.\u{FEFF}",
/// "great.😀"), and such a character itself, are stepped over by the link scan's search for where a link
/// may start; the links found stay those found asking each byte.
@Suite struct LinkSignalMarkerTests {
    static let pieces = [
        ".", "..", "...", "www", "WWW", "wWw", "xwww", "www.", "views", "example", "com", "рф", "пример", "münchen",
        "例え", "😀", "👍🏽", "❤️", "\u{FEFF}", "\u{200B}", "é", "’", "…", "。", " ", "\n", "/", "://", "http", "https",
        "-", "a", "1", "<a href=\"", "\">", "</a>", "@", ":8080", "?q=1",
    ]

    @Test func linksAgreeWithAskingEachByte() {
        var withLinks = 0
        for text in BodyPassRandomTexts.texts(from: Self.pieces, count: 40_000, maximumPieces: 16, seed: 0xFEFF) {
            var bytes = text
            bytes.withUTF8 { bytes in
                let full = LinkScanner.scan(bytes, skipping: false)
                if !full.isEmpty { withLinks += 1 }
                #expect(LinkScanner.scan(bytes) == full, "\(text.debugDescription)")
                #expect(LinkScanner.scan(bytes, nonASCIINames: BodyScan(bytes).nonASCIINames) == full, "\(text.debugDescription)")
            }
        }
        #expect(withLinks > 5_000)
    }

    /// A `www.` form whose host starts with a character no name holds is still a link; a sentence ending
    /// in a dot and U+FEFF or an emoji is not.
    @Test func wwwBeforeAnEmojiStaysALink() {
        let cases: [(String, Int)] = [
            ("see www.😀.com now", 1),
            ("see WWW.\u{FEFF} now", 0),
            ("great views.\u{FEFF} and www.😀", 1),
            ("пример.рф then views.😀 and 例え.com", 2),
            ("nothing here.\u{FEFF} none.😀", 0),
        ]
        for (text, count) in cases {
            var bytes = text
            bytes.withUTF8 { bytes in
                let names = BodyScan(bytes).nonASCIINames
                #expect(LinkScanner.scan(bytes, nonASCIINames: names).count == count, "\(text.debugDescription)")
                #expect(LinkScanner.scan(bytes, skipping: false).count == count, "\(text.debugDescription)")
            }
        }
    }
}
