import Testing

@testable import ModerationCore

/// Rendering that passes over plain text sixteen bytes at a time renders as reading byte by byte, whatever
/// lane of a block (or the bytes after the last whole block) a special byte falls in.
@Suite struct RenderBlockScanTests {
    /// What may need more than copying, what only looks like it (`#`, tab, letters near `h…p`, `w…`),
    /// and links whose `h` or `w` may sit in one block and their `p` or dot in the next.
    static let specials = [
        "&", "<", ">", "\"", "'", "#", "\t", "\u{7F}", "\u{1}", "\u{80}", "\u{9F}", "\u{A0}", "\u{BF}", "é", "😀",
        "\n", "\r\n", "\r", "http://x.org/a", "HTTPS://X.ORG", "hxxp", "h..p", "www.x.org", "WWW.X.ORG", "w..", "wxw.",
        "see http", "(www.x.org).",
    ]

    @Test func everyOffsetAgreesWithReadingByteByByte() {
        let plain = String(repeating: "plain text ", count: 6)
        var compared = 0
        for special in Self.specials {
            for offset in 0...40 {
                for tail in [0, 1, 2, 3, 5, 15, 16, 17, 18, 19, 20] {
                    let prefix = String(plain.prefix(offset))
                    let text = prefix + special + String(plain.prefix(tail))
                    #expect(HTMLRenderer.render(text) == HTMLRenderer.render(text, wordAtATime: false), "\(text.debugDescription)")
                    compared += 1
                }
            }
        }
        #expect(compared > 10_000)
    }

    @Test func linksAndEscapesAcrossBlocks() {
        let text = "0123456789abcdeh" + "xxp it's <b> & \"q\" 0123456789abc www" + ".x.org/a, http://y.org."
        #expect(HTMLRenderer.render(text) == HTMLRenderer.render(text, wordAtATime: false))
        #expect(HTMLRenderer.render(text).contains("<a href=\"https://www.x.org/a\""))
        #expect(HTMLRenderer.render(text).contains("it&#39;s &lt;b&gt; &amp; &quot;q&quot;"))
    }
}
