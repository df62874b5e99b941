import DatabaseTestSupport
import Foundation
import Testing

/// `name value` as arguments that reach the command as that value, whatever it holds: `--name=value` when
/// the value starts with a dash (it would read as an option), else two arguments (after "=", a leading
/// combining mark would fuse with it and hide the option's name).
func optionArguments(_ name: String, _ value: String) -> [String] {
    value.unicodeScalars.first == "-" ? ["\(name)=\(value)"] : [name, value]
}

@Suite("commentmod privacy export")
struct PrivacyExportTests {
    @Test("everything stored about the address: comments with every column, events, notes, blocks, rules, actions")
    func exportsEverything() async throws {
        let fixture = try await PrivacyFixture.make(suite: "privacy_export")
        let output = try await fixture.run(["privacy", "export", "--email", "ANN.lee@example.com "])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("\n    \""), "indented for people")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(document["email"] as? String == "ann.lee@example.com")
        #expect(document["ip_addresses"] as? [String] == [PrivacyFixture.ownIP, PrivacyFixture.sharedIP])

        let comments = try #require(document["comments"] as? [[String: Any]])
        #expect(comments.compactMap { ($0["id"] as? NSNumber)?.int64Value } == fixture.ann)
        let published = try #require(comments.first)
        #expect(published["author_email"] as? String == " \(PrivacyFixture.email) ")
        #expect(published["author_ip"] as? String == PrivacyFixture.sharedIP)
        #expect(published["user_agent"] as? String == "Mozilla/5.0 (X11)")
        #expect(published["referrer"] as? String == "https://ref.example/")
        #expect(published["author_url"] as? String == "https://annlee.example")
        #expect(published["body"] as? String == "Hello from Ann")
        #expect(published["body_html"] as? String == "<p>Hello from Ann</p>")
        #expect(published["status"] as? String == "approved")
        for key in ["submitted_at", "decided_at", "published_at", "version", "site_id", "post_id"] {
            #expect(published[key] != nil, "\(key)")
        }
        let events = try #require(published["events"] as? [[String: Any]])
        #expect(events.map { $0["to_status"] as? String } == ["pending", "approved"])

        let spam = try #require(comments.first { $0["status"] as? String == "spam" })
        let reasons = try #require(spam["reasons"] as? [[String: Any]])
        #expect(reasons.first?["match"] as? String == "ann.lee@example.com")
        let held = try #require(comments.first { $0["status"] as? String == "held" })
        let notes = try #require(held["notes"] as? [[String: Any]])
        #expect(notes.map { $0["note"] as? String } == ["Ann.Lee@example.com phoned from 2001:db8::7"])

        let blocks = try #require(document["blocks"] as? [[String: Any]])
        #expect(Set(blocks.compactMap { $0["kind"] as? String }) == ["email", "ip", "cidr"])
        #expect(blocks.count == 3)
        let rules = try #require(document["word_rules"] as? [[String: Any]])
        #expect(rules.map { $0["pattern"] as? String } == ["ann.lee@example.com"])
        let actions = try #require(document["moderator_actions"] as? [[String: Any]])
        #expect(actions.map { $0["command"] as? String } == ["author ban"])
        #expect(!output.stdout.contains("carol@example.org"))
        #expect(!output.stdout.contains("bob@example.net"))
        await fixture.drop()
    }

    @Test("an unknown address exits 1, a malformed one 2, each with one line and nothing on stdout")
    func unknownAndMalformed() async throws {
        let fixture = try await PrivacyFixture.make(suite: "privacy_export_bad")
        let unknown = try await fixture.run(["privacy", "export", "--email", "nobody@example.com"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "commentmod: nothing is stored about nobody@example.com\n")
        for bad in ["", "   ", "no-at-sign", "@example.com", "ann@", "ann\u{7}@example.com", "ann@exa\nmple.com", "ann@\u{202E}moc.elpmaxe"] {
            for command in [["privacy", "export"], ["privacy", "erase", "--yes", "--as", "dpo"]] {
                let output = try await fixture.run(command + optionArguments("--email", bad))
                #expect(output.status == 2, "\(bad.debugDescription): \(output.stderr)")
                #expect(output.stderr.split(separator: "\n").count == 1, "\(bad.debugDescription): \(output.stderr)")
                #expect(output.stdout.isEmpty)
            }
        }
        await fixture.drop()
    }

    @Test("naughty strings and XSS payloads as --email: one line, exit 1 or 2, nothing changed")
    func hostileAddresses() async throws {
        let fixture = try await PrivacyFixture.make(suite: "privacy_hostile")
        let before = try await fixture.untouchedRows()
        for value in try CheckCorpusTests.hostileStrings() {
            let commands = value.contains("@")
                ? [["privacy", "export"], ["privacy", "erase", "--yes", "--as", "dpo"]] : [["privacy", "export"]]
            for command in commands {
                let output = try await fixture.run(command + optionArguments("--email", value))
                #expect([1, 2].contains(output.status), "\(value.debugDescription): \(output.stderr)")
                #expect(output.stderr.split(separator: "\n", omittingEmptySubsequences: false).count == 2,
                        "\(value.debugDescription): \(output.stderr)")
                #expect(output.stdout.isEmpty, "\(value.debugDescription)")
            }
        }
        #expect(try await fixture.untouchedRows() == before)
        await fixture.drop()
    }
}
