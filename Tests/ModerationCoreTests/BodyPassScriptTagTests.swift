import Testing

@testable import ModerationCore

/// A `<` that opens no tag ("<3", "a < b", the decoded `&lt;3`) lets the script-content search skip the
/// text as if it had no `<`: what it finds must be what the full search finds.
@Suite struct BodyPassScriptTagTests {
    /// Pieces around `<`: hearts, comparisons, escaped and spread-out tags, next to schemes, `data:` and
    /// event handlers in and out of attribute position.
    static let pieces = [
        "<3", "< 3", "a < b", "<", "<<", "<=", "<!--", "</", "<\u{200B}", "<\t", "<\u{AD}s", "<1", "<_", "<é",
        "&lt;3", "&lt;", "&LT;b&gt;", "&amp;lt;3", "%3C3", "%3Cb", "%253Cscript", "<b>", "<B>", "<script>", "<SCRIPT",
        "<\u{200B}script>", "<\tiframe src=x>", "< script>", "<img src=x onerror=alert(1)>", "<a href=", ">",
        "javascript:alert(1)", "JAVA\tSCRIPT:x", "java script: x", "vbscript:", "data:text/html,x", "data :image/svg+xml",
        "onload=eval(x)", "\" onfocus=", "' ONMOUSEOVER =x(1)", "onboarding=true", "x=1", "style=expression(", "-moz-binding",
        "Note: ", "that: ", "http://example.com ", ":)", "=3", " ", " ", "\n", "lol ", "I ", "love ", "it", "!", ".",
        "😀", "\u{FEFF}", "강남", "&#106;", "&#x3c;", "&colon;", "&equals;", "%3A", "%3D",
    ]

    @Test func findingsAgreeWithTheFullSearch() {
        var withoutTag = 0
        var found = 0
        for text in BodyPassRandomTexts.texts(from: Self.pieces, count: 30_000, maximumPieces: 12, seed: 0x3C3C) {
            let (fast, full) = Self.findings(in: text)
            #expect(fast == full, "\(text.debugDescription)")
            if text.contains("<"), !full.isEmpty { found += 1 }
            if text.contains("<3"), full.isEmpty { withoutTag += 1 }
        }
        // Both kinds occur often enough for the comparison to mean something.
        #expect(found > 1_000)
        #expect(withoutTag > 500)
    }

    /// Hearts and comparisons alone find nothing; a tag's name after controls or zero-width characters,
    /// in either case, still opens a tag.
    @Test func onlyALetterAfterTheAngleBracketOpensATag() {
        let cases: [(String, [String])] = [
            ("I <3 you &lt;3 a < b, 1<2 onload=true", []),
            ("&lt;3 then javascript:alert(1)", ["javascript:"]),
            ("&lt;3 then <\u{200B}SCRIPT>x", ["<script"]),
            ("<3 <\u{1}iframe src=x>", ["<iframe"]),
            ("&lt;img src=x onerror=alert(1)&gt;", ["onerror="]),
            ("< img src=x onerror=alert(1)>", ["onerror="]),
            ("<3 <=3 << onboarding=true", []),
        ]
        for (text, expected) in cases {
            #expect(Self.findings(in: text) == (expected, expected), "\(text.debugDescription)")
        }
    }

    /// What the search finds in `text` with its shortcuts, and what the full search finds.
    private static func findings(in text: String) -> (fast: [String], full: [String]) {
        var text = text
        return text.withUTF8 { bytes in
            (ScriptContent.findings(in: bytes), ScriptContent.findings(in: bytes, skipping: false))
        }
    }
}
