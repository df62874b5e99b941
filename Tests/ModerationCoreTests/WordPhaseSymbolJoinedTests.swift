import Testing

@testable import ModerationCore

/// Two words joined by `@` or `$` ("smith@example" of an address), which the plain-text loop matches
/// without pieces: it finds the hits of the pieces way and of the general way, the leet run of the three
/// included, on every address of emails.tsv and on generated ones with words, phrases and wildcards that
/// match each word, the run's reading, or phrases through and across them.
@Suite struct WordPhaseSymbolJoinedTests {
    static func list() throws -> WordList {
        let patterns: [(WordAction, String)] = [
            (.reject, "smithaexample"), (.hold, "smith"), (.flag, "example"), (.hold, "john smith"),
            (.hold, "smith example"), (.flag, "*example"), (.hold, "smitha*"), (.reject, "cashsmoney"),
            (.hold, "example com"), (.flag, "gmail"), (.hold, "joe"), (.reject, "joeagmail"), (.hold, "mail*"),
            (.flag, "ab"), (.hold, "abacd"), (.allow, "smithaexample org"), (.hold, "write to"), (.hold, "to smith"),
        ]
        return try WordList(entries: patterns.map { WordListEntry(action: $0.0, pattern: $0.1) })
    }

    @Test func addressesOfTheEmailTableAgree() throws {
        let list = try Self.list()
        var mismatches: [String] = []
        let addresses = try EmailTestData.emailRows().map(\.address)
        #expect(addresses.count > 500)
        for address in addresses {
            for text in [address, "write to \(address) today", "john \(address).", "\(address)\u{FEFF}"] {
                if let mismatch = PlainTextScanTests.mismatch(list, text) { mismatches.append(mismatch) }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    static let locals = ["smith", "john.smith", "Joe", "ab", "a", "x.y", "cash", "SMITH", "sm1th", "mail", "é.smith", "j0e"]
    static let symbols = ["@", "$", "@@", "@$", " @", "@ ", "\u{200B}@", "@\u{200B}"]
    static let domains = [
        "example", "example.com", "gmail.com", "Example.COM", "ex", "e", "example2.com", "example.c", "money",
        "cd", "exämple.com", "example@com", "example.org", "example\u{FEFF}.com", "example\u{301}.com", "example'com", "e x a",
    ]
    static let before = ["", "write to ", "john ", "to ", "a b ", "é ", "smith ", "v1agra "]
    static let after = ["", " com", ".", " today", " smith", "\u{FEFF}", "😂", " a b c", "'s"]

    @Test func generatedAddressesAgree() throws {
        let list = try Self.list()
        var mismatches: [String] = []
        var hits = 0
        for local in Self.locals {
            for symbol in Self.symbols {
                for domain in Self.domains {
                    for (index, prefix) in Self.before.enumerated() {
                        let suffix = Self.after[(index + local.count + domain.count) % Self.after.count]
                        let text = prefix + local + symbol + domain + suffix
                        if let mismatch = PlainTextScanTests.mismatch(list, text) { mismatches.append(mismatch) }
                        hits += list.hits(in: text).count
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(hits > 2000)
    }

    /// The run's reading reports exactly where pieces report it: over both words and the symbol.
    @Test func theRunIsReadAsOneLeetWord() throws {
        let list = try Self.list()
        let hits = list.hits(in: "mail smith@example.com now")
        #expect(hits.contains { $0.matched == "smith@example" && $0.entry.pattern == "smithaexample" })
        #expect(hits.contains { $0.matched == "smith@example" && $0.entry.pattern == "smith example" })
        #expect(hits.contains { $0.matched == "smith" })
        #expect(list.hits(in: "cash$money").contains { $0.entry.pattern == "cashsmoney" })
    }
}
