import DatabaseTestSupport
import Foundation
import PostgresClient
import Testing

@Suite("commentmod author")
struct AuthorCommandTests {
    @Test("show: counts by status, approval rate, sites, recent comments and matching blocks, by email or IP")
    func show() async throws {
        let fixture = try await RulesFixture.make("author_show")
        try await fixture.comment(email: "Ann@Example.org", body: "one", ip: "198.51.100.1")
        try await fixture.comment(email: "ann@example.org", body: "two", ip: "198.51.100.1", status: "rejected")
        try await fixture.comment(site: "news", email: "ANN@example.ORG", body: "three", ip: "198.51.100.2", status: "held")
        try await fixture.comment(email: "other@example.org", body: "four", ip: "198.51.100.1")
        try await fixture.db.execute("INSERT INTO moderation.blocks (kind, value) VALUES ('domain', 'example.org')")

        let output = try await fixture.read(["author", "show", "  ann@EXAMPLE.org ", "--json"])
        #expect(output.status == 0, "\(output.stderr)")
        let history = try #require(try RulesFixture.json(output.stdout) as? [String: Any])
        #expect(history["total"] as? Int == 3)
        let counts = try #require(history["counts"] as? [String: Int])
        #expect(counts == ["pending": 0, "approved": 1, "held": 1, "rejected": 1, "spam": 0])
        #expect(history["approval_rate"] as? Double == 0.5)
        #expect((history["sites"] as? [[String: Any]])?.compactMap { $0["site_id"] as? String } == ["blog", "news"])
        #expect((history["recent"] as? [[String: Any]])?.first?["body"] as? String == "three")
        #expect((history["blocks"] as? [[String: Any]])?.first?["value"] as? String == "example.org")

        let byIP = try await #require(try RulesFixture.json(try fixture.read(["author", "show", "198.51.100.1", "--json"]).stdout) as? [String: Any])
        #expect(byIP["total"] as? Int == 3)
        let byNetwork = try await #require(try RulesFixture.json(try fixture.read(["author", "show", "198.51.100.0/24", "--json"]).stdout) as? [String: Any])
        #expect(byNetwork["total"] as? Int == 4)

        let text = try await fixture.read(["author", "show", "ann@example.org"]).stdout
        #expect(text.contains("approved 1") && text.contains("recent comments") && text.contains("active blocks"))
        let nobody = try await fixture.read(["author", "show", "nobody@example.net"])
        #expect(nobody.status == 0 && nobody.stdout.contains("no comments"))
        for bad in ["garbage", "198.51.100.1/24", "300.1.1.1", ""] {
            try await fixture.expectRefused(["author", "show", bad], acting: false)
        }
        await fixture.close()
    }

    @Test("ban creates the block (recorded as author ban), unban removes it; nothing to unban is exit 1")
    func banUnban() async throws {
        let fixture = try await RulesFixture.make("author_ban")
        let ban = try await fixture.run(["author", "ban", "Spammer@Example.net", "--expires", "30d", "--reason", "link spam"])
        #expect(ban.status == 0, "\(ban.stderr)")
        #expect(try await fixture.lastAction()?.command == "author ban")
        #expect(try await fixture.count("SELECT count(*) FROM moderation.blocks WHERE kind = 'email' AND value = 'spammer@example.net' AND expires_at > now() + interval '29 days'") == 1)
        await #expect(try fixture.run(["author", "ban", "203.0.113.7", "--site", "blog"]).status == 0)
        await #expect(try fixture.run(["author", "ban", "2001:db8::/48"]).status == 0)
        await #expect(try fixture.run(["author", "ban", "spammer@example.net"]).stdout.contains("already blocked"))
        #expect(try await fixture.count("SELECT count(*) FROM moderation.blocks") == 3)

        let unban = try await fixture.run(["author", "unban", " SPAMMER@example.net"])
        #expect(unban.status == 0, "\(unban.stderr)")
        #expect(try await fixture.lastAction()?.command == "author unban")
        try await fixture.expectNothingMatched(["author", "unban", "spammer@example.net"])
        try await fixture.expectNothingMatched(["author", "unban", "203.0.113.7", "--site", "news"])
        await #expect(try fixture.run(["author", "unban", "203.0.113.7"]).status == 0)
        await #expect(try fixture.run(["author", "unban", "2001:db8::/48"]).status == 0)
        #expect(try await fixture.count("SELECT count(*) FROM moderation.blocks") == 0)

        for bad in [["not-an-email"], ["a@b"], ["203.0.113.7/24"], ["x@example.org", "--expires", "soon"],
                    ["x@example.org", "--site", "nosuch"], ["x@example.org", "--expires", "2001-01-01"]] {
            try await fixture.expectRefused(["author", "ban"] + bad)
        }
        try await fixture.expectRefused(["author", "unban", "not an address"])
        await fixture.close()
    }
}
