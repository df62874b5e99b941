import Testing

@testable import ModerationCore

/// The link phase as the judge runs it (counting without making strings, stepping over non-ASCII
/// characters when none can be part of a host name) agrees with finding every link asking each byte.
@Suite struct LinkSignalTests {
    /// Pieces of every way a link is written and of what stops one: schemes, `www.`, bare and
    /// internationalized domains, punycode, ports, paths, anchors and their closing tags, user
    /// information, brackets, quotes, trailing punctuation, emoji, accents and CJK punctuation.
    static let pieces = [
        "http://", "https://", "HTTP://", "hxxp://", "://", "//", "www.", "WWW.", "example", "Example", "EXAMPLE",
        "cheap-pills", "-", ".", "..", "com", "COM", "Com", "org", "co.uk", "io", "py", "zip", "bit.ly", "xn--p1ai",
        "пример", "рф", "münchen", "de", "例え", "テスト", "/", "/path", "?q=1", "#top", ":8080", ":", "@", "me@",
        "<a href=\"", "<A HREF='", "<a\thref=", "\">", "'>", ">", "</a>", "</A >", "<", "[2001:db8::1]", "(", ")",
        "[", "]", "{", "}", ",", ";", "!", "?", "'", "\"", "`", "*", "_", "~", " ", "  ", "\n", "\t", "\u{0}",
        "😀", "👍🏽", "❤️", "é", "e\u{301}", "’", "…", "“", "”", "。", "、", "\u{3000}", "\u{A0}", "\u{200B}",
        "\u{FEFF}", "a", "b", "x", "1", "0", "setup", "evil", "Mr", "Smith", "great", "Love", "it",
    ]

    static let texts: [String] = {
        var generator = SplitMix64(seed: 0x11E5)
        var texts = BodyPassTests.texts
        for _ in 0..<6000 {
            let length = Int.random(in: 1...24, using: &generator)
            texts.append((0..<length).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined())
        }
        // Long bodies with links all along.
        texts += FastPathCorpus.joined(Array(texts.suffix(6000)), bytes: 12_000)
        return texts
    }()

    static let policies = [
        LinkPolicy(), LinkPolicy(maxLinks: 1), LinkPolicy(maxLinks: 0), LinkPolicy(maxLinks: 3),
        LinkPolicy(maxLinks: 2, allowDomains: ["example.com", "*.co.uk"], denyDomains: ["cheap-pills.com", "пример.рф"]),
        LinkPolicy(maxLinks: 0, denyDomains: ["example.org", "xn--mnchen-3ya.de", "bit.ly"]),
    ]

    @Test func stepsOverNonASCIIThatCannotBeInAName() {
        var asciiNames = 0
        for text in Self.texts {
            var bytes = text
            bytes.withUTF8 { bytes in
                let full = LinkScanner.scan(bytes, skipping: false)
                #expect(LinkScanner.scan(bytes) == full, "\(text.debugDescription)")
                let names = BodyScan(bytes).nonASCIINames
                if names.isEmpty { asciiNames += 1 }
                #expect(LinkScanner.scan(bytes, nonASCIINames: names) == full, "\(text.debugDescription)")
            }
        }
        #expect(asciiNames > 3000)
    }

    @Test func reasonsAgreeWithCountingEveryLinkFound() {
        var fired = 0
        for text in Self.texts {
            for policy in Self.policies {
                let expected = BodyPassReference.linkReasons(for: text, policy: policy)
                fired += expected.count
                #expect(LinkScanner.reasons(for: text, policy: policy) == expected, "\(text.debugDescription)")
                var judged: [Reason] = []
                BodyPass.addReasons(for: text, links: policy, signals: ContentSignalPolicy(), to: &judged)
                #expect(Array(judged.prefix(expected.count)) == expected, "\(text.debugDescription)")
            }
        }
        #expect(fired > 5000)
    }

    /// The judge's single pass reports the link reasons and then exactly the content signals' own.
    @Test func bodyPassIsLinksThenSignals() {
        let policies = [ContentSignalPolicy(), ContentSignalPolicy(capitalsRatio: 0.3, minLettersForCapitals: 3, repeatedCharacterRun: 3)]
        for text in Self.texts {
            for policy in policies {
                var judged: [Reason] = []
                BodyPass.addReasons(for: text, links: LinkPolicy(), signals: policy, to: &judged)
                let expected = BodyPassReference.linkReasons(for: text, policy: LinkPolicy())
                    + ContentSignals.reasons(for: text, field: .body, policy: policy)
                #expect(judged == expected, "\(text.debugDescription)")
            }
        }
    }

    /// A top-level domain told from its bytes is the one told from its string: known, and in one case.
    @Test func topLevelDomainsFromBytesAgree() {
        var labels = KnownTopLevelDomains.all.sorted()
        labels += labels.map { $0.uppercased() } + labels.map { $0.prefix(1).uppercased() + $0.dropFirst() }
        labels += ["", "c0m", "COm", "xn--P1AI", "XN--P1AI", "рф", "РФ", "Рф", "ΕΛ", "münchen", "MÜNCHEN", "a-b", "123"]
        var known = 0
        for label in labels {
            var bytes = label
            let fromBytes = bytes.withUTF8 { LinkScanner.knownTopLevelDomain($0, 0..<$0.count) }
            if fromBytes != nil { known += 1 }
            #expect(fromBytes == LinkScanner.knownTopLevelDomain(label), "\(label)")
        }
        #expect(known > 3000)
    }
}
