import Testing

@testable import ModerationCore

/// The renderer writes bytes into a buffer sized before rendering (and renders again into a larger one
/// when they do not fit) and makes the `String` without checking it: on every text it must give the HTML
/// the renderer that appended to a `String` gave, byte for byte, and that HTML must be valid UTF-8.
@Suite struct OutputPhaseRenderTests {
    /// The mismatches on `texts`, each rendered both ways (64 bytes at a time and byte by byte).
    static func mismatches(_ texts: [String]) -> [String] {
        var found: [String] = []
        for text in texts {
            let expected = OutputPhaseStringRenderer.render(text)
            for rendered in [HTMLRenderer.render(text), HTMLRenderer.render(text, wordAtATime: false)] {
                // The bytes must match, and must decode to themselves: a string made of invalid UTF-8
                // would be repaired on the way.
                let bytes = Array(rendered.utf8)
                if bytes != Array(expected.utf8) || Array(String(decoding: bytes, as: UTF8.self).utf8) != bytes {
                    found.append(text.debugDescription)
                }
            }
        }
        return found
    }

    @Test func rendersAsTheStringRendererOnTheCorpora() {
        let texts = FastPathCorpus.texts + HTMLTestCorpora.hostileStrings(count: 3000, seed: 0xB0D7)
            + RenderReferenceTests.shaped
        let found = Self.mismatches(texts)
        #expect(found.count == 0, "mismatches: \(found.prefix(5))")
    }

    /// Texts of every length from 0 to 200 with one special piece at every offset, so that it falls at every
    /// position against the 64-byte and 16-byte steps and the end of the text.
    @Test func rendersAsTheStringRendererAtEveryOffset() {
        let pieces = [
            "&", "\"", "'", "<", ">", "\n", "\r\n", "\n\n", " \n", "\t", "\u{0}", "\u{7F}", "\u{85}", "\u{A0}", "é",
            "😀", "http://a.example/x", "https://b.example.", "www.c.example", "HTTP://D.EXAMPLE/(x)", "hxtp", "w.x",
            "h", "w", "http://", "www.", "’", "…",
        ]
        var texts: [String] = []
        for length in 0...200 {
            let filler = String(repeating: "a", count: length)
            for (index, piece) in pieces.enumerated() where (length + index) % 3 == 0 || length < 70 {
                let offset = (length * 7 + index) % (length + 1)
                let prefix = String(filler.prefix(offset))
                texts.append(prefix + piece + String(filler.dropFirst(offset)))
                texts.append(prefix + piece + " " + pieces[(index + length) % pieces.count] + String(filler.dropFirst(offset)))
            }
        }
        let found = Self.mismatches(texts)
        #expect(found.count == 0, "mismatches: \(found.prefix(5))")
    }

    /// Texts whose HTML is many times their length (quotes, links full of ampersands, line breaks), which do
    /// not fit in the first buffer and are rendered again.
    @Test func rendersTextsThatOutgrowTheFirstBuffer() {
        var generator = SplitMix64(seed: 0x6A0)
        let pieces = ["\"", "'", "&", "<", "\n", "\r", "http://x.io/?a&b&c&d", "www.x.io/\"", "\u{0}", "\u{85}", "é"]
        var texts = ["\"", "\"\"", String(repeating: "\"", count: 600), String(repeating: "a\n", count: 400)]
        texts.append(String(repeating: "http://x.io/&&&&'' ", count: 60))
        for _ in 0..<300 {
            let length = Int.random(in: 1...300, using: &generator)
            texts.append((0..<length).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined())
        }
        let grown = texts.filter { HTMLRenderer.render($0).utf8.count > $0.utf8.count * 2 + 64 }
        #expect(grown.count > 100, "too few texts outgrow the first buffer: \(grown.count)")
        let found = Self.mismatches(texts)
        #expect(found.count == 0, "mismatches: \(found.prefix(5))")
    }

    /// The judge renders from the body's bytes it already holds: the same HTML as `HTMLRenderer.render`.
    @Test func judgeRendersAsTheRenderer() {
        let judge = CommentJudge()
        for body in FastPathCorpus.joined(FastPathCorpus.youTubeComments(), bytes: 1024).prefix(200) {
            let comment = CommentInput(
                siteID: "s", postID: "p", authorName: "Reader", authorEmail: "reader@example.org", body: body)
            let verdict = judge.judge(comment, rules: SiteRules())
            if verdict.decision == .approve {
                #expect(verdict.bodyHTML == OutputPhaseStringRenderer.render(body))
            }
        }
    }
}
