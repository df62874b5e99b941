import DatabaseTestSupport
import Foundation
import ModerationCore
import ModerationStore
import PostgresClient
import Testing

/// The rules stores: each change commits with its action row and tells the worker; naughty patterns are
/// stored exactly as the core reads them, or refused.
@Suite("rules stores")
struct RulesStoreTests {
    private func database(_ name: String) async throws -> (String, PostgresConnection) {
        let conninfo = try await TestDatabase.createMigratedDatabase(suite: "rules_store_\(name)")
        let db = try await PostgresConnection.connect(conninfo)
        try await TestDatabase.addSite("blog", on: db)
        return (conninfo, db)
    }

    @Test("every store change notifies commentmod_rules_changed once it commits")
    func changesNotify() async throws {
        let (conninfo, db) = try await database("notify")
        let listener = try await PostgresConnection.connect(conninfo)
        try await listener.listen(RulesStore.changeChannel)
        func expectNotified(_ what: String) async throws {
            var notes: [PostgresNotification] = []
            let deadline = ContinuousClock.now + .seconds(5)
            while notes.isEmpty && ContinuousClock.now < deadline {
                notes += try await listener.waitForNotifications(timeout: .milliseconds(200))
            }
            #expect(notes.contains { $0.channel == RulesStore.changeChannel }, "\(what) did not notify")
        }
        _ = try await WordRuleStore.add(WordListEntry(action: .reject, pattern: "casino"), scope: .everySite, actor: "moderator:t", on: db)
        try await expectNotified("word add")
        _ = try await BlockStore.add(BlockTarget(kind: .domain, value: "spam.example"), scope: .site("blog"), expiresAt: nil,
                                     reason: nil, actor: "moderator:t", command: "rules block add", on: db)
        try await expectNotified("block add")
        _ = try await SitePolicyStore.update(site: "blog", setting: [PolicySetting(key: "max_links", json: "1")], unsetting: [],
                                             actor: "moderator:t", command: "rules policy set", on: db)
        try await expectNotified("policy set")
        _ = try await WordRuleStore.remove(.pattern("casino", action: nil, scope: .everySite), actor: "moderator:t", on: db)
        try await expectNotified("word remove")
        // The worker compiles what the stores wrote.
        let stored = try await RulesStore.load(on: db)
        #expect(stored.first?.policyJSON == #"{"max_links": 1}"#)
        #expect(stored.first?.words.isEmpty == true)
        await listener.close()
        await db.close()
    }

    @Test("a change and its action row are one transaction: when the action cannot be recorded, nothing changes")
    func atomic() async throws {
        let (_, db) = try await database("atomic")
        // moderator_actions refuses an empty actor, after the rule's insert has run.
        await #expect(throws: (any Error).self) {
            try await WordRuleStore.add(WordListEntry(action: .reject, pattern: "casino"), scope: .everySite, actor: "", on: db)
        }
        await #expect(throws: (any Error).self) {
            try await BlockStore.add(BlockTarget(kind: .ip, value: "203.0.113.7"), scope: .everySite, expiresAt: nil, reason: nil,
                                     actor: "", command: "rules block add", on: db)
        }
        await #expect(throws: (any Error).self) {
            try await WordRuleStore.importList([WordListEntry(action: .hold, pattern: "a"), WordListEntry(action: .hold, pattern: "b")],
                                               scope: .everySite, replace: false, actor: "", on: db)
        }
        let counts = try await db.query("""
            SELECT (SELECT count(*) FROM moderation.word_rules) + (SELECT count(*) FROM moderation.blocks)
                 + (SELECT count(*) FROM moderation.moderator_actions)
            """)
        #expect(try counts[0].decode(Int.self, at: 0) == 0)
        // An unknown id among known ones removes none.
        let added = try await WordRuleStore.add(WordListEntry(action: .reject, pattern: "keep"), scope: .everySite, actor: "moderator:t", on: db)
        await #expect(throws: RuleStoreError.notFound("no word rule with id 999999")) {
            try await WordRuleStore.remove(.ids([added.rule.id, 999_999]), actor: "moderator:t", on: db)
        }
        #expect(try await WordRuleStore.list(.all, on: db).count == 1)
        await db.close()
    }

    @Test("every naughty string: refused by checked, or stored, listed and exported exactly as the core reads it")
    func naughtyPatterns() async throws {
        let (_, db) = try await database("naughty")
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory.deleteLastPathComponent()
        }
        let strings = try JSONDecoder().decode(
            [String].self, from: Data(contentsOf: directory.appendingPathComponent("../shared/testdata/naughty/blns.json")))
        var accepted: [WordListEntry] = []
        for string in strings {
            guard let entry = try? WordRuleStore.checked(WordListEntry(action: .reject, pattern: string)) else { continue }
            // What is stored is what the core's own list would hold.
            #expect(try WordList(entries: [WordListEntry(action: .reject, pattern: string)]).entries == [entry])
            accepted.append(entry)
        }
        #expect(accepted.count > 100)
        let result = try await WordRuleStore.importList(accepted, scope: .everySite, replace: false, actor: "moderator:t", on: db)
        let unique = Set(accepted)
        #expect(result.added.count == unique.count)
        let listed = try await WordRuleStore.list(.scope(.everySite), on: db).map(\.entry)
        #expect(Set(listed) == unique)
        #expect(try WordList.parse(WordList.format(listed)) == listed, "export and import give the same entries")
        await db.close()
    }
}
