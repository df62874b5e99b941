import DatabaseTestSupport
import Foundation
import PostgresClient
import Testing

@Suite("commentmod rules block")
struct RulesBlockCommandTests {
    @Test("add each kind canonically, a duplicate reported, list active and --all, remove by id and by kind and value")
    func addListRemove() async throws {
        let fixture = try await RulesFixture.make("block_basic")
        let ip = try await fixture.run(["rules", "block", "add", "ip", "203.0.113.7", "--reason", "botnet"])
        #expect(ip.status == 0, "\(ip.stderr)")
        await #expect(try fixture.run(["rules", "block", "add", "cidr", "2001:DB8::/32", "--site", "blog", "--expires", "7d"]).status == 0)
        await #expect(try fixture.run(["rules", "block", "add", "email", " Spammer@Example.NET "]).status == 0)
        await #expect(try fixture.run(["rules", "block", "add", "domain", "SPAM.example."]).status == 0)
        let again = try await fixture.run(["rules", "block", "add", "ip", "203.0.113.7"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("already blocked"))
        #expect(try await fixture.count("SELECT count(*) FROM moderation.blocks") == 4)
        let stored = try await fixture.db.query("""
            SELECT kind, coalesce(value, network::text), site_id FROM moderation.blocks ORDER BY id
            """).map { "\(try $0.decode(String.self, at: 0)) \(try $0.decode(String.self, at: 1)) \(try $0.decode(String?.self, at: 2) ?? "*")" }
        #expect(stored == ["ip 203.0.113.7/32 *", "cidr 2001:db8::/32 blog", "email spammer@example.net *", "domain spam.example *"])

        // The action log keeps personal values only as a digest.
        let email = try #require(try await fixture.lastAction())
        #expect(email.command == "rules block add")
        let logged = try await fixture.db.query("SELECT detail::text FROM moderation.moderator_actions ORDER BY id").map { try $0.decode(String.self, at: 0) }
        #expect(!logged.joined().contains("spammer@example.net") && !logged.joined().contains("203.0.113.7"))
        #expect(logged.joined().contains("spam.example"))

        // An expired block is history: listed with --all only.
        try await fixture.db.execute("INSERT INTO moderation.blocks (kind, value, expires_at) VALUES ('email', 'old@example.org', now() - interval '1 day')")
        let active = try await #require(try RulesFixture.json(try fixture.read(["rules", "block", "list", "--json"]).stdout) as? [[String: Any]])
        #expect(active.count == 4)
        #expect(active.allSatisfy { $0["active"] as? Bool == true })
        let all = try await #require(try RulesFixture.json(try fixture.read(["rules", "block", "list", "--all", "--json"]).stdout) as? [[String: Any]])
        #expect(all.count == 5)
        #expect(all.contains { $0["value"] as? String == "old@example.org" && $0["active"] as? Bool == false })
        let table = try await fixture.read(["rules", "block", "list", "--all"]).stdout
        #expect(table.contains("expired 1 d ago") && table.contains("in 6 d") && table.contains("never"))
        let newsOnly = try await #require(try RulesFixture.json(try fixture.read(["rules", "block", "list", "--site", "news", "--json"]).stdout) as? [Any])
        #expect(newsOnly.count == 3, "news does not see blog's block")

        let removed = try await fixture.run(["rules", "block", "remove", "email", "SPAMMER@example.net"])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(try await fixture.lastAction()?.command == "rules block remove")
        let id = try await fixture.count("SELECT id FROM moderation.blocks WHERE kind = 'domain'")
        await #expect(try fixture.run(["rules", "block", "remove", String(id)]).status == 0)
        #expect(try await fixture.count("SELECT count(*) FROM moderation.blocks") == 3)
        try await fixture.expectNothingMatched(["rules", "block", "remove", String(id)])
        try await fixture.expectNothingMatched(["rules", "block", "remove", "cidr", "2001:db8::/32"])
        await #expect(try fixture.run(["rules", "block", "remove", "cidr", "2001:db8::/32", "--site", "blog"]).status == 0)
        await fixture.close()
    }

    @Test("bad IP, CIDR, email, domain, date, kind or options: one line, exit 2, nothing changed")
    func badInput() async throws {
        let fixture = try await RulesFixture.make("block_bad")
        var arguments: [[String]] = [
            ["ip", "203.0.113.256"], ["ip", "203.0.113.0/24"], ["ip", "example.com"], ["ip", ""],
            ["cidr", "203.0.113.7/24"], ["cidr", "203.0.113.0/33"], ["cidr", "203.0.113.7"], ["cidr", "::1/129"],
            ["email", "not-an-email"], ["email", "a@b"], ["email", "a@localhost"], ["email", "\"quoted\"@example.com"],
            ["domain", "bad domain"], ["domain", "--", "-x.example"], ["domain", "x.test"], ["domain", "a@b.example"], ["domain", ""],
            ["mac", "00:11:22:33:44:55"],
            ["ip", "203.0.113.7", "--expires", "yesterday"], ["ip", "203.0.113.7", "--expires", "2001-01-01"],
            ["ip", "203.0.113.7", "--expires", "0s"], ["ip", "203.0.113.7", "--site", "nosuch"],
        ].map { ["rules", "block", "add"] + $0 }
        arguments += [
            ["rules", "block", "remove"], ["rules", "block", "remove", "12", "--site", "blog"], ["rules", "block", "remove", "ip"],
            ["rules", "block", "remove", "ip", "not-an-ip"], ["rules", "block", "remove", "1", "x"],
        ]
        for naughty in try RulesFixture.naughtyStrings().prefix(120) where !naughty.contains("\u{0}") {
            arguments.append(["rules", "block", "add", "ip", "--", naughty])
            arguments.append(["rules", "block", "add", "cidr", "--", naughty])
        }
        for argument in arguments { try await fixture.expectRefused(argument) }
        try await fixture.expectRefused(["rules", "block", "list", "--site", "nosuch"], acting: false)
        await fixture.close()
    }
}
