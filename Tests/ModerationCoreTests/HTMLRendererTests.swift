import Testing

@testable import ModerationCore

@Suite struct HTMLRendererTests {
    private func link(_ href: String, _ text: String? = nil) -> String {
        "<a href=\"\(href)\" rel=\"nofollow ugc noopener\">\(text ?? href)</a>"
    }

    @Test func emptyAndBlankBodiesRenderNothing() {
        #expect(HTMLRenderer.render("") == "")
        #expect(HTMLRenderer.render(" \n\t\n\r\n  ") == "")
    }

    @Test func paragraphsAndLineBreaks() {
        #expect(HTMLRenderer.render("Hello") == "<p>Hello</p>")
        #expect(HTMLRenderer.render("one\ntwo") == "<p>one<br>\ntwo</p>")
        #expect(HTMLRenderer.render("one\n\ntwo") == "<p>one</p>\n<p>two</p>")
        #expect(HTMLRenderer.render("\n\none\n \t\n\n\ntwo\n\n") == "<p>one</p>\n<p>two</p>")
        #expect(HTMLRenderer.render("  indented\nline") == "<p>  indented<br>\nline</p>")
    }

    @Test func crlfAndCRAreLineFeeds() {
        #expect(HTMLRenderer.render("a\r\n\r\nb\rc\r\nd") == "<p>a</p>\n<p>b<br>\nc<br>\nd</p>")
    }

    @Test func everythingSpecialIsEscaped() {
        #expect(
            HTMLRenderer.render("<b>\"x\" & 'y'</b>")
                == "<p>&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;</p>"
        )
        #expect(HTMLRenderer.render("&amp; &#106;") == "<p>&amp;amp; &amp;#106;</p>")
    }

    @Test func controlCharactersAreReplaced() {
        #expect(HTMLRenderer.render("a\u{0}b\u{7}c\u{7F}d\u{85}e\u{9F}f\tg") == "<p>a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\tg</p>")
        #expect(HTMLRenderer.render("\u{0}") == "<p>\u{FFFD}</p>")
    }

    @Test func unicodeIsKeptAsIs() {
        let text = "日本語 ünïcödé 😀 \u{202E}mirror ¡ ÿ"
        #expect(HTMLRenderer.render(text) == "<p>\(text)</p>")
    }

    @Test func urlsBecomeLinks() {
        #expect(HTMLRenderer.render("https://x.org") == "<p>\(link("https://x.org"))</p>")
        #expect(HTMLRenderer.render("go HTTP://X.ORG/A now") == "<p>go \(link("HTTP://X.ORG/A")) now</p>")
        #expect(
            HTMLRenderer.render("http://x.org/?a='1'&b=2'")
                == "<p>\(link("http://x.org/?a=&#39;1&#39;&amp;b=2"))&#39;</p>"
        )
        #expect(HTMLRenderer.render("http://x.org/\"><script>") == "<p>\(link("http://x.org/"))&quot;&gt;&lt;script&gt;</p>")
    }

    @Test func wwwFormsGetHTTPS() {
        #expect(HTMLRenderer.render("www.example.com/x") == "<p>\(link("https://www.example.com/x", "www.example.com/x"))</p>")
        #expect(HTMLRenderer.render("a.www.example.com") == "<p>a.www.example.com</p>")
    }

    @Test func bareDomainsStayText() {
        #expect(HTMLRenderer.render("example.com and setup.py") == "<p>example.com and setup.py</p>")
    }

    @Test func trailingPunctuationIsNotSwallowed() {
        #expect(HTMLRenderer.render("see https://x.org/a.") == "<p>see \(link("https://x.org/a")).</p>")
        #expect(HTMLRenderer.render("(https://x.org/a)") == "<p>(\(link("https://x.org/a")))</p>")
        #expect(HTMLRenderer.render("https://x.org/a?!,;:") == "<p>\(link("https://x.org/a"))?!,;:</p>")
        #expect(HTMLRenderer.render("[https://x.org/a]") == "<p>[\(link("https://x.org/a"))]</p>")
        #expect(HTMLRenderer.render("“https://x.org/a”") == "<p>“\(link("https://x.org/a"))”</p>")
        #expect(HTMLRenderer.render("'https://x.org/a'…") == "<p>&#39;\(link("https://x.org/a"))&#39;…</p>")
        #expect(HTMLRenderer.render("看https://x.org/路径。很好") == "<p>看\(link("https://x.org/路径"))。很好</p>")
        #expect(HTMLRenderer.render("https://x.org/a\u{A0}b") == "<p>\(link("https://x.org/a"))\u{A0}b</p>")
    }

    @Test func balancedParenthesesStayInTheURL() {
        let url = "https://en.wikipedia.org/wiki/Swift_(programming_language)"
        #expect(HTMLRenderer.render("(\(url))") == "<p>(\(link(url)))</p>")
    }

    @Test func notALink() {
        #expect(HTMLRenderer.render("http://") == "<p>http://</p>")
        #expect(HTMLRenderer.render("http://.") == "<p>http://.</p>")
        #expect(HTMLRenderer.render("xhttp://a.org") == "<p>xhttp://a.org</p>")
        #expect(HTMLRenderer.render("javascript:alert(1)") == "<p>javascript:alert(1)</p>")
        #expect(HTMLRenderer.render("ftp://x.org") == "<p>ftp://x.org</p>")
        #expect(HTMLRenderer.render("www.") == "<p>www.</p>")
    }

    @Test func linksSpanNoLineBreak() {
        #expect(HTMLRenderer.render("https://x.org\nhttps://y.org") == "<p>\(link("https://x.org"))<br>\n\(link("https://y.org"))</p>")
    }

    @Test func strictCheckerRejectsWhatItShould() {
        #expect(HTMLStrictChecker.problem(in: "<p>ok &amp; fine \(link("https://x.org"))</p>") == nil)
        #expect(HTMLStrictChecker.problem(in: "<p><b>x</b></p>") != nil)
        #expect(HTMLStrictChecker.problem(in: "<p>\(link("javascript:alert(1)"))</p>") != nil)
        #expect(HTMLStrictChecker.problem(in: "<p>a & b</p>") != nil)
        #expect(HTMLStrictChecker.problem(in: "<p>a > b</p>") != nil)
        #expect(HTMLStrictChecker.problem(in: "<p><a href=\"https://x.org\" onclick=\"x\">x</a></p>") != nil)
        #expect(HTMLStrictChecker.problem(in: "<p>unclosed") != nil)
        #expect(HTMLStrictChecker.problem(in: "loose") != nil)
    }

    /// Renders each input and checks the output strictly; returns how many outputs hold a link.
    @discardableResult
    private func expectSafeRendering(of inputs: [String]) -> Int {
        var linked = 0
        for input in inputs {
            let html = HTMLRenderer.render(input)
            #expect(HTMLStrictChecker.problem(in: html) == nil, "\(input.debugDescription) → \(html.debugDescription)")
            if html.contains("<a href") { linked += 1 }
        }
        return linked
    }

    @Test func naughtyStringsRenderSafely() throws {
        let strings = try HTMLTestCorpora.naughtyStrings()
        #expect(strings.count > 500)
        expectSafeRendering(of: strings)
    }

    @Test func xssPayloadsRenderSafely() throws {
        let payloads = try HTMLTestCorpora.xssPayloads()
        #expect(payloads.count > 500)
        #expect(expectSafeRendering(of: payloads) > 20)
        // All together, as one long comment with many lines and paragraphs.
        expectSafeRendering(of: [payloads.joined(separator: "\n\n")])
    }

    @Test func randomHostileStringsRenderSafely() {
        let linked = expectSafeRendering(of: HTMLTestCorpora.hostileStrings(count: 5000, seed: 0xC0FFEE))
        // The generator must reach the link path, or this test proves little.
        #expect(linked > 500)
    }

    @Test func renderingTextOnlyRoundTrips() {
        // With markup and entities removed, the output's text is the input's (line breaks aside).
        let input = "Tom & \"Jerry\" <3 'cheese' > mice"
        let html = HTMLRenderer.render(input)
        let text = html.dropFirst(3).dropLast(4)
            .replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&quot;", with: "\"")
            .replacing("&#39;", with: "'").replacing("&amp;", with: "&")
        #expect(text == input)
    }
}
