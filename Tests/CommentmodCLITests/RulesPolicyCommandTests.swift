import DatabaseTestSupport
import Foundation
import PostgresClient
import Testing

@Suite("commentmod rules policy")
struct RulesPolicyCommandTests {
    @Test("set stores only the keys set, as the policy writes them; show marks them; unset returns to the default")
    func setShowUnset() async throws {
        let fixture = try await RulesFixture.make("policy_basic", policy: "{}")
        let set = try await fixture.run(["rules", "policy", "set", "--site", "blog", "max_links=3.0", "moderation_mode=pre",
                                   #"link_allow_domains=["a.example"]"#, "capitals_ratio= 0.5 "])
        #expect(set.status == 0, "\(set.stderr)")
        let stored = try await fixture.db.query("SELECT policy = '{\"max_links\": 3, \"moderation_mode\": \"pre\", \"link_allow_domains\": [\"a.example\"], \"capitals_ratio\": 0.5}'::jsonb FROM moderation.sites WHERE id = 'blog'")
        #expect(try stored[0].decode(Bool.self, at: 0))
        let action = try #require(try await fixture.lastAction())
        #expect(action.command == "rules policy set")
        #expect((action.detail["after"] as? [String: Any])?["max_links"] as? Int == 3)
        #expect((action.detail["before"] as? [String: Any])?.isEmpty == true)

        let show = try await #require(try RulesFixture.json(try fixture.read(["rules", "policy", "show", "--site", "blog", "--json"]).stdout) as? [String: Any])
        #expect(show["valid"] as? Bool == true)
        #expect((show["set_keys"] as? [String])?.sorted() == ["capitals_ratio", "link_allow_domains", "max_links", "moderation_mode"])
        let effective = try #require(show["policy"] as? [String: Any])
        #expect(effective["max_links"] as? Int == 3)
        #expect(effective["flood_interval_seconds"] as? Int == 15, "defaults are filled in")
        let text = try await fixture.read(["rules", "policy", "show", "--site", "blog"]).stdout
        #expect(text.contains("max_links") && text.contains("set") && text.contains("default"))
        let every = try await #require(try RulesFixture.json(try fixture.read(["rules", "policy", "show", "--json"]).stdout) as? [[String: Any]])
        #expect(every.map { $0["site_id"] as? String } == ["blog", "news"])

        let actions = try await fixture.count("SELECT count(*) FROM moderation.moderator_actions")
        let same = try await fixture.run(["rules", "policy", "set", "--site", "blog", "max_links=3"])
        #expect(same.stdout.contains("unchanged"))
        #expect(try await fixture.count("SELECT count(*) FROM moderation.moderator_actions") == actions)

        await #expect(try fixture.run(["rules", "policy", "unset", "--site", "blog", "max_links", "capitals_ratio"]).status == 0)
        await #expect(try fixture.run(["rules", "policy", "set", "--site", "blog", "--unset", "moderation_mode", "min_body_length=2"]).status == 0)
        let keys = try await fixture.db.query("SELECT policy::text FROM moderation.sites WHERE id = 'blog'")[0].decode(String.self, at: 0)
        #expect(keys == #"{"min_body_length": 2, "link_allow_domains": ["a.example"]}"#)
        try await fixture.expectNothingMatched(["rules", "policy", "unset", "--site", "blog", "max_links"])

        // A key stored by hand that the policy does not know can still be removed.
        try await fixture.db.execute(#"UPDATE moderation.sites SET policy = '{"junk": 1}' WHERE id = 'news'"#)
        let invalid = try await fixture.read(["rules", "policy", "show", "--site", "news"]).stdout
        #expect(invalid.contains("invalid policy") && invalid.contains("junk"))
        await #expect(try fixture.run(["rules", "policy", "unset", "--site", "news", "junk"]).status == 0)
        await fixture.close()
    }

    @Test("unknown key, wrong type, conflicting values or options: one line naming the key, exit 2, nothing changed")
    func badInput() async throws {
        let fixture = try await RulesFixture.make("policy_bad")
        for (arguments, key) in [
            (["max_linkz=1"], "max_linkz"), (["max_links=abc"], "max_links"), (["max_links=-1"], "max_links"),
            (["max_links=1.5"], "max_links"), (["moderation_mode=maybe"], "moderation_mode"),
            (["hold_first_time_commenters=yes"], "hold_first_time_commenters"), (["capitals_ratio=2"], "capitals_ratio"),
            ([#"link_allow_domains=["not a host"]"#], "link_allow_domains"), (["link_deny_domains=x.example"], "link_deny_domains"),
            (["min_body_length=70000"], "min_body_length"), (["max_links=1", "max_links=2"], "max_links"),
            (["max_links=1", "--unset", "max_links"], "max_links"), (["max_links"], "max_links"), (["=1"], "=1"),
        ] {
            try await fixture.expectRefused(["rules", "policy", "set", "--site", "blog"] + arguments, mentioning: key)
        }
        try await fixture.expectRefused(["rules", "policy", "set", "--site", "blog"])
        try await fixture.expectRefused(["rules", "policy", "set", "--site", "nosuch", "max_links=1"], mentioning: "nosuch")
        try await fixture.expectRefused(["rules", "policy", "unset", "--site", "blog", "bogus"], mentioning: "bogus")
        try await fixture.expectRefused(["rules", "policy", "show", "--site", "nosuch"], acting: false)
        await fixture.close()
    }
}
