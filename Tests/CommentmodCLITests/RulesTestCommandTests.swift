import DatabaseTestSupport
import Foundation
import PostgresClient
import Testing

/// `rules test` must report exactly the comments a change would affect, and change nothing.
@Suite("commentmod rules test")
struct RulesTestCommandTests {
    /// Runs `rules test … --json` and returns the caught and released ids and the parsed report.
    private func backtest(_ fixture: RulesFixture, _ arguments: [String]) async throws -> (caught: Set<Int64>, released: Set<Int64>, report: [String: Any]) {
        let before = try await fixture.snapshot()
        let output = try await fixture.read(["rules", "test"] + arguments + ["--json"])
        #expect(output.status == 0, "\(arguments): \(output.stderr)")
        #expect(try await fixture.snapshot() == before, "rules test \(arguments) changed something")
        let report = try #require(try RulesFixture.json(output.stdout) as? [String: Any])
        func ids(_ key: String) -> Set<Int64> {
            Set(((report[key] as? [[String: Any]]) ?? []).compactMap { ($0["id"] as? NSNumber)?.int64Value })
        }
        return (ids("caught"), ids("released"), report)
    }

    @Test("a word entry: caught on its site only, whole words only, within the period; reasons-only changes counted apart")
    func words() async throws {
        let fixture = try await RulesFixture.make("test_words")
        try await fixture.db.execute("INSERT INTO moderation.word_rules (action, pattern) VALUES ('reject', 'viagra'), ('hold', 'crypto')")
        let blogHit = try await fixture.comment(email: "a@example.org", body: "Casino nights are fun")
        let newsHit = try await fixture.comment(site: "news", email: "b@example.org", body: "the casino is open")
        _ = try await fixture.comment(email: "c@example.org", body: "Casinos and casinoes are other words")
        let alreadyRejected = try await fixture.comment(email: "d@example.org", body: "viagra casino", status: "rejected")
        _ = try await fixture.comment(email: "e@example.org", body: "an old casino comment", daysAgo: 40)
        let heldByCrypto = try await fixture.comment(email: "f@example.org", body: "crypto casino", status: "held")

        let blog = try await backtest(fixture, ["words", "add", "reject", "casino", "--site", "blog"])
        #expect(blog.caught == [blogHit, heldByCrypto])
        #expect(blog.released.isEmpty)
        #expect(blog.report["reasons_only"] as? Int == 1, "the viagra comment stays rejected with one more reason")
        #expect(blog.report["sites"] as? [String] == ["blog"])
        let change = try #require((blog.report["caught"] as? [[String: Any]])?.first { ($0["id"] as? NSNumber)?.int64Value == blogHit })
        #expect(change["before"] as? String == "approve" && change["after"] as? String == "reject")
        #expect(change["status"] as? String == "approved")
        #expect(change["reasons_after"] as? [String] == ["word_reject"])
        _ = alreadyRejected

        let everywhere = try await backtest(fixture, ["words", "add", "reject", "casino"])
        #expect(everywhere.caught == [blogHit, newsHit, heldByCrypto])
        let longer = try await backtest(fixture, ["words", "add", "reject", "casino", "--days", "60"])
        #expect(longer.caught.count == 4, "the 40-day-old comment is inside 60 days")

        // Removing an entry releases what only it caught.
        let removal = try await backtest(fixture, ["words", "remove", "crypto"])
        #expect(removal.released == [heldByCrypto])
        #expect(removal.caught.isEmpty)

        // A hold entry on a rejected comment changes nothing: exit 0 and it says so.
        let none = try await fixture.read(["rules", "test", "words", "add", "hold", "viagra"])
        #expect(none.status == 0)
        #expect(none.stdout.contains("no comment would change verdict"), "\(none.stdout)")
        let listed = try await fixture.read(["rules", "test", "words", "add", "reject", "viagra"])
        #expect(listed.status == 0)
        #expect(listed.stdout.contains("already listed"))
        await fixture.close()
    }

    @Test("a block: exactly the comments from the network, the address, or the domain and its subdomains")
    func blocks() async throws {
        let fixture = try await RulesFixture.make("test_blocks")
        let inNetwork = try await fixture.comment(email: "a@example.org", body: "first", ip: "203.0.113.9")
        let inNetworkNews = try await fixture.comment(site: "news", email: "b@example.org", body: "second", ip: "203.0.113.200")
        _ = try await fixture.comment(email: "c@example.org", body: "third", ip: "203.0.114.1")
        let subdomain = try await fixture.comment(email: "d@mail.Spam.example", body: "fourth", ip: "198.51.100.1")
        let domain = try await fixture.comment(site: "news", email: "e@spam.example", body: "fifth", ip: "198.51.100.2")
        _ = try await fixture.comment(email: "f@notspam.example", body: "sixth", ip: "198.51.100.3")
        let alreadySpam = try await fixture.comment(email: "g@spam.example", body: "seventh", ip: "198.51.100.4", status: "spam")

        #expect(try await backtest(fixture, ["block", "add", "cidr", "203.0.113.0/24"]).caught == [inNetwork, inNetworkNews])
        #expect(try await backtest(fixture, ["block", "add", "cidr", "203.0.113.0/24", "--site", "news"]).caught == [inNetworkNews])
        #expect(try await backtest(fixture, ["block", "add", "ip", "203.0.113.9"]).caught == [inNetwork])
        #expect(try await backtest(fixture, ["block", "add", "domain", "spam.example"]).caught == [subdomain, domain, alreadySpam])
        #expect(try await backtest(fixture, ["block", "add", "email", "E@Spam.Example"]).caught == [domain])

        // With the domain blocked for real, testing its removal releases exactly those comments.
        try await fixture.db.execute("INSERT INTO moderation.blocks (kind, value) VALUES ('domain', 'spam.example')")
        let removal = try await backtest(fixture, ["block", "remove", "domain", "spam.example"])
        #expect(removal.released == [subdomain, domain, alreadySpam])
        // A second block on the same author keeps it caught: nothing released.
        try await fixture.db.execute("INSERT INTO moderation.blocks (kind, network) VALUES ('ip', '198.51.100.2')")
        #expect(try await backtest(fixture, ["block", "remove", "domain", "spam.example"]).released == [subdomain, alreadySpam])
        await fixture.close()
    }

    @Test("a policy change on one site: caught and released as the site's comments would be judged")
    func policy() async throws {
        let fixture = try await RulesFixture.make("test_policy")
        let oneLink = try await fixture.comment(email: "a@example.org", body: "see https://a.example/x")
        _ = try await fixture.comment(email: "b@example.org", body: "no links here")
        _ = try await fixture.comment(site: "news", email: "c@example.org", body: "see https://a.example/y")
        let twoLinks = try await fixture.comment(email: "d@example.org", body: "https://a.example/1 https://b.example/2", status: "held")

        let strict = try await backtest(fixture, ["policy", "set", "--site", "blog", "max_links=1"])
        #expect(strict.caught == [oneLink])
        #expect(strict.released.isEmpty)
        let loose = try await backtest(fixture, ["policy", "set", "--site", "blog", "max_links=3"])
        #expect(loose.released == [twoLinks])
        #expect(loose.caught.isEmpty)
        // Pre-moderation holds everything that would be published on the site.
        let pre = try await backtest(fixture, ["policy", "set", "--site", "blog", "moderation_mode=pre"])
        #expect(pre.caught.count == 2)

        let text = try await fixture.read(["rules", "test", "policy", "set", "--site", "blog", "max_links=1"])
        #expect(text.stdout.contains("newly caught: 1"))
        #expect(text.stdout.contains("approve → hold"))
        #expect(text.stdout.contains("not against the stored decisions"))

        try await fixture.db.execute(#"UPDATE moderation.sites SET policy = policy || '{"max_links": 5}' WHERE id = 'blog'"#)
        let unset = try await backtest(fixture, ["policy", "unset", "--site", "blog", "max_links"])
        #expect(unset.caught == [twoLinks], "back to the default of 2 links")

        // Bad proposals are refused as the real commands refuse them, and nothing runs.
        try await fixture.expectRefused(["rules", "test", "policy", "set", "--site", "blog", "max_linkz=1"], mentioning: "max_linkz", acting: false)
        try await fixture.expectRefused(["rules", "test", "words", "add", "rejekt", "casino"], acting: false)
        try await fixture.expectRefused(["rules", "test", "block", "add", "ip", "300.1.1.1"], acting: false)
        try await fixture.expectRefused(["rules", "test", "words", "add", "reject", "casino", "--days", "0"], acting: false)
        try await fixture.expectRefused(["rules", "test", "words", "add", "reject", "casino", "--days", "many"], acting: false)
        let missing = try await fixture.read(["rules", "test", "words", "remove", "--id", "999"])
        #expect(missing.status == 1)

        await fixture.close()
    }
}
