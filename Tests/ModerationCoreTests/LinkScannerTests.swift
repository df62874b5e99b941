import Testing

@testable import ModerationCore

@Suite struct LinkScannerTests {
    private func found(_ body: String) -> [String] {
        LinkScanner.links(in: body).map(\.text)
    }

    private func hosts(_ body: String) -> [String] {
        LinkScanner.links(in: body).map(\.host)
    }

    // MARK: - Each form

    @Test func schemeURLs() {
        let links = LinkScanner.links(in: "Visit https://User:pw@Example.COM:8080/path?q=1#top today")
        #expect(links == [Link(text: "https://User:pw@Example.COM:8080/path?q=1#top", host: "example.com", kind: .url)])
        #expect(hosts("http://[2001:db8::1]:80/x and HTTP://192.0.2.1/") == ["[2001:db8::1]", "192.0.2.1"])
    }

    @Test func wwwForms() {
        #expect(LinkScanner.links(in: "go to WWW.Example.org/page!") == [
            Link(text: "WWW.Example.org/page", host: "www.example.org", kind: .www)
        ])
    }

    @Test func bareDomains() {
        #expect(LinkScanner.links(in: "buy at cheap-pills.com now") == [
            Link(text: "cheap-pills.com", host: "cheap-pills.com", kind: .bareDomain)
        ])
        #expect(found("example.co.uk, bit.ly/x and Amazon.com or SHOP.NET") == ["example.co.uk", "bit.ly/x", "Amazon.com", "SHOP.NET"])
        #expect(found("Go to example.com.") == ["example.com"])
        #expect(found("(see example.com/a?b=1)") == ["example.com/a?b=1"])
        #expect(found("shop.example:8443/cart and shop.io:") == ["shop.io"])
        #expect(found("shop.io:8443/cart") == ["shop.io:8443/cart"])
        #expect(hosts("Website:spam.biz") == ["spam.biz"])
    }

    @Test func anchors() {
        #expect(LinkScanner.links(in: "<a href=\"http://spam.example/x\">buy</a>") == [
            Link(text: "http://spam.example/x", host: "spam.example", kind: .anchor)
        ])
        #expect(hosts("<A TITLE='x>y' HREF='//cdn.Example.net/'>z</A>") == ["cdn.example.net"])
        #expect(hosts("<a\nhref = www.example.com/x>x</a>") == ["www.example.com"])
        #expect(LinkScanner.links(in: "<a class=x href=/local>x</a> <a href=\"mailto:a@b.com\">m</a>").map(\.host) == ["", ""])
        #expect(found("<a name=\"top\">no href</a> <abbr href=x>") == [])
        // Unclosed: still a link, like WordPress's `<a [^>]*href`.
        #expect(found("<a href=http://x.org") == ["http://x.org"])
    }

    @Test func anchorTextRepeatingTheAnchorIsOneLink() {
        #expect(found("<a href=\"https://x.org/\">https://x.org/</a>") == ["https://x.org/"])
        // Another host inside the anchor's text is a second link.
        #expect(hosts("<a href=\"https://x.org/\">see y.org</a> then x.org") == ["x.org", "y.org", "x.org"])
    }

    @Test func linksInOtherTagsCount() {
        #expect(hosts("<img src=\"http://tracker.example/p.gif\">") == ["tracker.example"])
    }

    @Test func internationalizedDomains() {
        #expect(LinkScanner.links(in: "смотри пример.рф и xn--e1afmkfd.xn--p1ai") == [
            Link(text: "пример.рф", host: "пример.рф", kind: .bareDomain),
            Link(text: "xn--e1afmkfd.xn--p1ai", host: "xn--e1afmkfd.xn--p1ai", kind: .bareDomain),
        ])
        #expect(hosts("MÜNCHEN.DE/stadt and https://bücher.example/ and 例え.みんな") == ["münchen.de", "bücher.example", "例え.みんな"])
    }

    // MARK: - What is not a link

    @Test func falsePositivesAreNotLinks() {
        let prose = [
            "e.g. this", "i.e. that", "see file.txt", "version v1.2.3", "Mr.Smith", "Dr.Who", "pi is 3.14",
            "I agree.Love it", "run setup.py", "./build.sh", "README.md", "archive.zip", "clip.mov", "libfoo.so",
            "main.rs", "id_rsa.pub", "Node.js", "john@example.com", "first.last@example.co.uk", "/usr/share/x.com",
            "my_site.com", "wait...what", "U.S.A.", "a..com", "-bad.com", "bad-.com", "http//broken", "x.",
        ]
        for text in prose {
            #expect(LinkScanner.links(in: text).isEmpty, "\(text)")
        }
    }

    @Test func fileExtensionTopLevelDomainsCountWithAPath() {
        #expect(found("get evil.zip/download or tool.py/x") == ["evil.zip/download", "tool.py/x"])
        #expect(found("https://setup.py/ and www.run.sh") == ["https://setup.py/", "www.run.sh"])
    }

    // MARK: - Counting

    @Test func duplicatesCountSeparately() {
        #expect(found("a.com a.com https://a.com") == ["a.com", "a.com", "https://a.com"])
    }

    @Test func mixedFormsInOrder() {
        #expect(LinkScanner.links(in: "Check http://a.com, www.b.com and c.net <a href='d.org'>d</a>").map(\.kind) == [
            .url, .www, .bareDomain, .anchor,
        ])
    }

    @Test func heldWhenTheCountReachesTheLimit() {
        let policy = LinkPolicy()
        #expect(LinkScanner.reasons(for: "one link: a.com", policy: policy).isEmpty)
        let reasons = LinkScanner.reasons(for: "a.com and b.com", policy: policy)
        #expect(reasons == [
            Reason(
                code: "too_many_links", field: .body, match: "2", rule: "max_links", action: .hold,
                message: reasons.first?.message ?? ""
            )
        ])
        #expect(LinkScanner.reasons(for: "x.org", policy: LinkPolicy(maxLinks: 1)).map(\.match) == ["1"])
        #expect(LinkScanner.reasons(for: "no links at all", policy: LinkPolicy(maxLinks: 1)).isEmpty)
    }

    @Test func maxLinksZeroDisablesTheLimit() {
        let body = (1...20).map { "https://site\($0).example/" }.joined(separator: " ")
        #expect(LinkScanner.reasons(for: body, policy: LinkPolicy(maxLinks: 0)).isEmpty)
        #expect(LinkScanner.reasons(for: body, policy: LinkPolicy(maxLinks: -1)).isEmpty)
    }

    @Test func allowListedDomainsAndSubdomainsAreNotCounted() {
        let policy = LinkPolicy(maxLinks: 2, allowDomains: ["Example.com"])
        #expect(LinkScanner.reasons(for: "https://blog.example.com/a www.example.com example.com x.org", policy: policy).isEmpty)
        // A label boundary is needed: notexample.com is another domain.
        #expect(LinkScanner.reasons(for: "notexample.com x.org", policy: policy).map(\.code) == ["too_many_links"])
    }

    @Test func denyListedDomainsAreSpam() {
        let policy = LinkPolicy(maxLinks: 0, denyDomains: ["spam.example"])
        let reasons = LinkScanner.reasons(for: "http://www.SPAM.example/x and spam.example.org", policy: policy)
        #expect(reasons.map(\.code) == ["denied_link_domain"])
        #expect(reasons.first?.match == "www.spam.example")
        #expect(reasons.first?.rule == "spam.example")
        #expect(reasons.first?.action == .spam)
        #expect(reasons.first?.field == .body)
    }

    @Test func denyEntriesInOtherSpellings() {
        for entry in ["*.spam.biz", ".spam.biz", "https://spam.biz/", " SPAM.biz. "] {
            let policy = LinkPolicy(denyDomains: [entry])
            #expect(LinkScanner.reasons(for: "a.spam.biz", policy: policy).map(\.rule) == [entry], "\(entry)")
        }
        #expect(LinkScanner.reasons(for: "x.org", policy: LinkPolicy(denyDomains: ["", "  ", "*."])).isEmpty)
    }

    @Test func denyMatchesAcrossPunycodeAndUnicode() {
        let punycodeEntry = LinkPolicy(maxLinks: 0, denyDomains: ["xn--mnchen-3ya.de"])
        #expect(LinkScanner.reasons(for: "see München.de/x", policy: punycodeEntry).map(\.code) == ["denied_link_domain"])
        let unicodeEntry = LinkPolicy(maxLinks: 0, denyDomains: ["пример.рф"])
        #expect(LinkScanner.reasons(for: "http://xn--e1afmkfd.xn--p1ai/", policy: unicodeEntry).map(\.match) == ["xn--e1afmkfd.xn--p1ai"])
    }

    @Test func theMoreSpecificEntryWins() {
        let policy = LinkPolicy(maxLinks: 1, allowDomains: ["good.example.com", "both.org"], denyDomains: ["example.com", "both.org"])
        #expect(LinkScanner.reasons(for: "https://good.example.com/", policy: policy).isEmpty)
        #expect(LinkScanner.reasons(for: "https://bad.example.com/", policy: policy).map(\.code) == ["too_many_links", "denied_link_domain"])
        // A tie goes to deny.
        #expect(LinkScanner.reasons(for: "both.org", policy: policy).map(\.code) == ["too_many_links", "denied_link_domain"])
    }

    @Test func changedListsTakeEffect() {
        var policy = LinkPolicy(maxLinks: 1)
        #expect(LinkScanner.reasons(for: "x.org", policy: policy).map(\.code) == ["too_many_links"])
        policy.allowDomains = ["x.org"]
        #expect(LinkScanner.reasons(for: "x.org", policy: policy).isEmpty)
        policy.denyDomains.append("X.org")
        #expect(LinkScanner.reasons(for: "x.org", policy: policy).map(\.code) == ["too_many_links", "denied_link_domain"])
        #expect(policy == LinkPolicy(maxLinks: 1, allowDomains: ["x.org"], denyDomains: ["X.org"]))
    }

    @Test func oneDenyReasonPerHost() {
        let policy = LinkPolicy(maxLinks: 0, denyDomains: ["spam.biz"])
        let reasons = LinkScanner.reasons(for: "spam.biz spam.biz a.spam.biz", policy: policy)
        #expect(reasons.map(\.match) == ["spam.biz", "a.spam.biz"])
    }

    // MARK: - Punycode

    @Test func punycodeDecodes() {
        #expect(LinkScanner.Punycode.decode("mnchen-3ya") == "münchen")
        #expect(LinkScanner.Punycode.decode("p1ai") == "рф")
        #expect(LinkScanner.Punycode.decode("e1afmkfd") == "пример")
        #expect(LinkScanner.Punycode.decode("wgv71a119e") == "日本語")
        #expect(LinkScanner.Punycode.decode("!!") == nil)
        #expect(LinkScanner.Punycode.decode("zzzzzzzzzzzzzzzzzzzz") == nil)
    }

    // MARK: - Corpora

    @Test func corporaNeverCrashTheScanner() throws {
        let inputs = try HTMLTestCorpora.naughtyStrings() + HTMLTestCorpora.xssPayloads()
            + HTMLTestCorpora.hostileStrings(count: 2000, seed: 7)
        var total = 0
        for input in inputs {
            let links = LinkScanner.links(in: input)
            total += links.count
            for link in links {
                // Only an anchor may be empty (`<a href="">`); every link is text of the input.
                #expect(!link.text.isEmpty || link.kind == .anchor)
                #expect(link.text.isEmpty || input.contains(link.text))
            }
            _ = LinkScanner.reasons(for: input, policy: LinkPolicy(allowDomains: ["x.org"], denyDomains: ["ha.ckers.org"]))
        }
        #expect(total > 100)
    }
}
