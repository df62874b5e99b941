import DatabaseTestSupport
import Foundation
import PostgresClient
import Testing

@Suite("commentmod rules words")
struct RulesWordsCommandTests {
    @Test("add, a duplicate reported not doubled, list as a table and JSON, remove by pattern and by id")
    func addListRemove() async throws {
        let fixture = try await RulesFixture.make("words_basic")
        let added = try await fixture.run(["rules", "words", "add", "reject", "casino"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("added word rule"))
        #expect(try await fixture.lastAction()?.command == "rules words add")
        #expect(try await fixture.lastAction()?.actor == "moderator:tester")

        let again = try await fixture.run(["rules", "words", "add", "REJECT", "  casino  "])
        #expect(again.status == 0)
        #expect(again.stdout.contains("already listed"))
        #expect(try await fixture.count("SELECT count(*) FROM moderation.word_rules") == 1)
        #expect(try await fixture.count("SELECT count(*) FROM moderation.moderator_actions") == 1)

        // A phrase given as several words; the same pattern for one site is a different entry.
        await #expect(try fixture.run(["rules", "words", "add", "hold", "crypto", "giveaway", "--site", "blog"]).status == 0)
        await #expect(try fixture.run(["rules", "words", "add", "reject", "casino", "--site", "blog"]).status == 0)

        let json = try await fixture.read(["rules", "words", "list", "--json"])
        let rows = try #require(try RulesFixture.json(json.stdout) as? [[String: Any]])
        #expect(rows.count == 3)
        #expect(rows.first?["site_id"] is NSNull)
        #expect(rows.first?["created_by"] as? String == "moderator:tester")
        #expect(Set(rows.map { "\($0["action"]!) \($0["pattern"]!)" }) == ["reject casino", "hold crypto giveaway"])
        let newsOnly = try await fixture.read(["rules", "words", "list", "--site", "news", "--json"])
        #expect((try RulesFixture.json(newsOnly.stdout) as? [Any])?.count == 1, "news sees only the every-site entry")

        let table = try await fixture.read(["rules", "words", "list"])
        #expect(table.status == 0)
        for column in ["id", "site", "action", "pattern", "created", "by"] { #expect(table.stdout.contains(column)) }
        #expect(table.stdout.contains("crypto giveaway"))

        // Remove by pattern in one scope leaves the other scope's entry.
        let removed = try await fixture.run(["rules", "words", "remove", "casino", "--site", "blog"])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(try await fixture.count("SELECT count(*) FROM moderation.word_rules WHERE pattern = 'casino'") == 1)
        let action = try #require(try await fixture.lastAction())
        #expect(action.command == "rules words remove")
        #expect((action.detail["removed"] as? [[String: Any]])?.first?["pattern"] as? String == "casino")

        let id = try await fixture.count("SELECT id FROM moderation.word_rules WHERE pattern = 'crypto giveaway'")
        await #expect(try fixture.run(["rules", "words", "remove", "--id", String(id)]).status == 0)
        #expect(try await fixture.count("SELECT count(*) FROM moderation.word_rules") == 1)

        try await fixture.expectNothingMatched(["rules", "words", "remove", "casino", "--action", "hold"])
        try await fixture.expectNothingMatched(["rules", "words", "remove", "--id", String(id)])
        try await fixture.expectNothingMatched(["rules", "words", "remove", "nothing-like-this"])
        await fixture.close()
    }

    @Test("import is all or nothing, reports added and present; --replace makes the list the file; export round-trips")
    func importExport() async throws {
        let fixture = try await RulesFixture.make("words_import")
        await #expect(try fixture.run(["rules", "words", "add", "reject", "casino", "--site", "blog"]).status == 0)
        let file = "\u{FEFF}# spam words\r\nreject casino\r\nhold payday loan*\n\n  flag   stupid  \nallow scunthorpe\nreject casino\n"
        let imported = try await fixture.run(["rules", "words", "import", "-", "--site", "blog"], stdin: file)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("3 added, 1 already present"), "\(imported.stdout)")
        #expect(try await fixture.lastAction()?.command == "rules words import")

        let exported = try await fixture.read(["rules", "words", "export", "--site", "blog"])
        #expect(exported.stdout == "reject casino\nhold payday loan*\nflag stupid\nallow scunthorpe\n")
        await #expect(try fixture.read(["rules", "words", "export"]).stdout.isEmpty, "the every-site list is its own")

        // A bad line anywhere: exit 2 naming the line, nothing added.
        try await fixture.expectRefused(["rules", "words", "import", "-", "--site", "blog"],
                                        stdin: "reject new1\nrejekt new2\n", mentioning: "line 2")
        try await fixture.expectRefused(["rules", "words", "import", "-"], stdin: "reject ok\nhold a*b\n", mentioning: "line 2")
        let long = String(repeating: "a", count: 501)
        try await fixture.expectRefused(["rules", "words", "import", "-"], stdin: "reject ok\n\nreject \(long)\n", mentioning: "line 3")
        try await fixture.expectRefused(["rules", "words", "import", "/nonexistent/words.txt"], mentioning: "cannot read")
        try await fixture.expectRefused(["rules", "words", "import", "-", "--site", "nosuch"], stdin: "reject x\n", mentioning: "nosuch")

        // --replace: exactly the file afterwards, with a count of what went.
        let replaced = try await fixture.run(["rules", "words", "import", "-", "--site", "blog", "--replace"],
                                       stdin: "reject casino\nreject poker\n")
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.stdout.contains("1 added, 1 already present, 3 removed"), "\(replaced.stdout)")
        await #expect(try fixture.read(["rules", "words", "export", "--site", "blog"]).stdout == "reject casino\nreject poker\n")

        // Export, then import into another site: the same list.
        let text = try await fixture.read(["rules", "words", "export", "--site", "blog"]).stdout
        await #expect(try fixture.run(["rules", "words", "import", "-", "--site", "news"], stdin: text).status == 0)
        await #expect(try fixture.read(["rules", "words", "export", "--site", "news"]).stdout == text)
        await fixture.close()
    }

    @Test("bad input: unknown action, bad pattern, unknown site, conflicting options; one line, exit 2, nothing changed")
    func badInput() async throws {
        let fixture = try await RulesFixture.make("words_bad")
        await #expect(try fixture.run(["rules", "words", "add", "reject", "keep"]).status == 0)
        for arguments in [
            ["rules", "words", "add", "rejekt", "casino"],
            ["rules", "words", "add", "reject"],
            ["rules", "words", "add", "reject", "*casino*"],
            ["rules", "words", "add", "reject", "cas*ino"],
            ["rules", "words", "add", "reject", "   "],
            ["rules", "words", "add", "reject", "!!!"],
            ["rules", "words", "add", "reject", "two\nlines"],
            ["rules", "words", "add", "reject", String(repeating: "x", count: 501)],
            ["rules", "words", "add", "reject", "casino", "--site", "nosuch"],
            ["rules", "words", "add", "reject", "casino", "--site", ""],
            ["rules", "words", "remove", "keep", "--id", "1"],
            ["rules", "words", "remove", "--id", "one"],
            ["rules", "words", "remove", "keep", "--action", "maybe"],
            ["rules", "words", "remove"],
        ] {
            try await fixture.expectRefused(arguments)
        }
        // A NUL cannot travel in an argument; in a file it can.
        try await fixture.expectRefused(["rules", "words", "import", "-"], stdin: "reject nul\u{0}byte\n", mentioning: "line 1")
        try await fixture.expectRefused(["rules", "words", "list", "--site", "nosuch"], acting: false)
        try await fixture.expectRefused(["rules", "words", "export", "--site", "nosuch"], acting: false)
        await fixture.close()
    }

    @Test("naughty strings as patterns: stored and exported exactly as the core reads them, or refused with one line")
    func naughtyPatterns() async throws {
        let fixture = try await RulesFixture.make("words_naughty")
        let strings = try RulesFixture.naughtyStrings()
        // Every 25th string through the binary (a process each); the whole list goes through the store tests.
        var stored = 0
        for string in stride(from: 0, to: strings.count, by: 25).map({ strings[$0] }) {
            let before = try await fixture.snapshot()
            let output = try await fixture.run(["rules", "words", "add", "reject", "--", string])
            if output.status == 0 {
                stored += 1
                continue
            }
            #expect(output.status == 2, "\(String(reflecting: string)): \(output.stderr)")
            #expect(output.stderr.split(separator: "\n").count == 1, "\(String(reflecting: string)): \(output.stderr)")
            #expect(try await fixture.snapshot() == before)
        }
        #expect(stored > 5)
        let exported = try await fixture.read(["rules", "words", "export"]).stdout
        let patterns = try await fixture.db.query("SELECT pattern FROM moderation.word_rules ORDER BY id").map { try $0.decode(String.self, at: 0) }
        #expect(exported == patterns.map { "reject \($0)\n" }.joined())
        // Re-importing the export adds nothing: every line reads back as the entry it came from.
        let again = try await fixture.run(["rules", "words", "import", "-", "--replace"], stdin: exported)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("0 added, \(patterns.count) already present, 0 removed"), "\(again.stdout)")
        await fixture.close()
    }
}
