import Foundation
import Testing

@testable import ModerationCore

/// Test data shared by the policy, field validation and fact rule tests.
enum PolicyTestData {
    /// The Big List of Naughty Strings from `../shared/testdata`.
    static let naughtyStrings: [String] = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path),
              directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        let file = directory.appendingPathComponent("../shared/testdata/naughty/blns.json")
        guard let data = try? Data(contentsOf: file),
              let strings = try? JSONDecoder().decode([String].self, from: data)
        else { return [] }
        return strings
    }()
}

@Suite struct PolicyTests {
    @Test func emptyDocumentIsEveryDefault() throws {
        let policy = try Policy.fromJSON("{}")
        #expect(policy == .default)
        #expect(policy.moderationMode == .post)
        #expect(policy.holdFirstTimeCommenters)
        #expect(policy.floodIntervalSeconds == 15)
        #expect(policy.floodAction == .reject)
        #expect(policy.rejectDuplicates)
        #expect(policy.maxLinks == 2)
        #expect(policy.linkAllowDomains.isEmpty && policy.linkDenyDomains.isEmpty)
        #expect(policy.capitalsRatio == 0.7)
        #expect(policy.repeatedCharacterRun == 10)
        #expect(policy.fieldLimits == FieldLimits(
            maxNameLength: 245, maxEmailLength: 100, maxURLLength: 200, maxBodyBytes: 65525, minBodyLength: 1))
    }

    @Test func everyKeyIsRead() throws {
        let policy = try Policy.fromJSON("""
            {"moderation_mode": "pre", "hold_first_time_commenters": false, "flood_interval_seconds": 60,
             "flood_action": "hold", "reject_duplicates": false, "max_links": 0,
             "link_allow_domains": ["example.org", "例え.jp"], "link_deny_domains": ["spam.example", "ru"],
             "capitals_ratio": 0.9, "capitals_min_letters": 30, "repeated_character_run": 0,
             "max_name_length": 50, "max_email_length": 60, "max_url_length": 70, "max_body_bytes": 4000,
             "min_body_length": 3}
            """)
        #expect(policy.moderationMode == .pre)
        #expect(!policy.holdFirstTimeCommenters)
        #expect(policy.floodIntervalSeconds == 60)
        #expect(policy.floodAction == .hold)
        #expect(!policy.rejectDuplicates)
        #expect(policy.maxLinks == 0)
        #expect(policy.linkAllowDomains == ["example.org", "例え.jp"])
        #expect(policy.linkDenyDomains == ["spam.example", "ru"])
        #expect(policy.capitalsRatio == 0.9)
        #expect(policy.capitalsMinLetters == 30)
        #expect(policy.repeatedCharacterRun == 0)
        #expect(policy.fieldLimits == FieldLimits(
            maxNameLength: 50, maxEmailLength: 60, maxURLLength: 70, maxBodyBytes: 4000, minBodyLength: 3))
    }

    @Test func missingKeysKeepTheirDefaults() throws {
        var expected = Policy.default
        expected.maxLinks = 5
        #expect(try Policy.fromJSON(#"{"max_links": 5}"#) == expected)
    }

    @Test func unknownKeyIsNamedWithASuggestion() {
        #expect(throws: PolicyError.unknownKey("max_link", suggestion: "max_links")) {
            try Policy.fromJSON(#"{"max_links": 1, "max_link": 3}"#)
        }
        #expect(throws: PolicyError.unknownKey("colour", suggestion: nil)) { try Policy.fromJSON(#"{"colour": 1}"#) }
        let error = PolicyError.unknownKey("Max_Links", suggestion: "max_links")
        #expect(error.description == "unknown policy key 'Max_Links' (did you mean 'max_links'?)")
        #expect(error.key == "Max_Links")
    }

    @Test func wrongTypeNamesTheKeyAndQuotesTheValue() {
        #expect(throws: PolicyError.invalidValue(key: "max_links", expected: "a non-negative integer", got: "\"two\"")) {
            try Policy.fromJSON(#"{"max_links": "two"}"#)
        }
        let error = PolicyError.invalidValue(key: "max_links", expected: "a non-negative integer", got: "\"two\"")
        #expect(error.description == #"policy key 'max_links': expected a non-negative integer, got "two""#)
    }

    /// A value of the wrong JSON type for each kind of key, so every key's type check is exercised.
    @Test(arguments: Policy.keys)
    func everyKeyRefusesTheWrongType(key: PolicyKeyInfo) {
        let wrong = switch key.type {
        case "boolean": #""yes""#
        case "integer", "number": #""2""#
        case "list of host names": #""example.com""#
        default: "3"
        }
        do {
            _ = try Policy.fromJSON("{\"\(key.name)\": \(wrong)}")
            Issue.record("\(key.name) accepted \(wrong)")
        } catch {
            #expect(error.key == key.name)
            #expect(error.description.hasPrefix("policy key '\(key.name)': expected "))
            #expect(error.description.hasSuffix("got \(wrong)"))
        }
        #expect(throws: PolicyError.self) { try Policy.fromJSON("{\"\(key.name)\": null}") }
    }

    @Test(arguments: [
        (#"{"flood_interval_seconds": 86401}"#, "flood_interval_seconds"),
        (#"{"flood_interval_seconds": -1}"#, "flood_interval_seconds"),
        (#"{"max_links": -1}"#, "max_links"),
        (#"{"max_links": 2.5}"#, "max_links"),
        (#"{"max_links": 1e30}"#, "max_links"),
        (#"{"capitals_ratio": 0}"#, "capitals_ratio"),
        (#"{"capitals_ratio": 1.01}"#, "capitals_ratio"),
        (#"{"capitals_ratio": -0.5}"#, "capitals_ratio"),
        (#"{"capitals_min_letters": 0}"#, "capitals_min_letters"),
        (#"{"repeated_character_run": 1}"#, "repeated_character_run"),
        (#"{"repeated_character_run": -3}"#, "repeated_character_run"),
        (#"{"max_name_length": 0}"#, "max_name_length"),
        (#"{"max_email_length": -100}"#, "max_email_length"),
        (#"{"max_url_length": 0}"#, "max_url_length"),
        (#"{"max_body_bytes": 0}"#, "max_body_bytes"),
        (#"{"min_body_length": 0}"#, "min_body_length"),
        (#"{"moderation_mode": "PRE"}"#, "moderation_mode"),
        (#"{"flood_action": "spam"}"#, "flood_action"),
        (#"{"link_deny_domains": ["ok.example", "exa mple.com"]}"#, "link_deny_domains"),
        (#"{"link_deny_domains": [""]}"#, "link_deny_domains"),
        (#"{"link_deny_domains": ["*.example.com"]}"#, "link_deny_domains"),
        (#"{"link_deny_domains": ["http://example.com"]}"#, "link_deny_domains"),
        (#"{"link_deny_domains": ["-bad.example"]}"#, "link_deny_domains"),
        (#"{"link_allow_domains": ["a..b"]}"#, "link_allow_domains"),
        (#"{"link_allow_domains": [3]}"#, "link_allow_domains"),
        (#"{"max_links": 1e400}"#, "max_links"),
        (#"{"link_deny_domains": ["a.example", 1e400]}"#, "link_deny_domains"),
    ])
    func outOfRangeValuesNameTheKey(document: String, key: String) {
        do {
            let policy = try Policy.fromJSON(document)
            Issue.record("accepted \(document): \(policy)")
        } catch {
            #expect(error.key == key, "\(error)")
            #expect(error.description.contains("'\(key)'"))
        }
    }

    @Test func edgesOfTheRangesAreAccepted() throws {
        let policy = try Policy.fromJSON("""
            {"flood_interval_seconds": 86400, "capitals_ratio": 1, "repeated_character_run": 2,
             "max_links": 2.0, "link_deny_domains": ["xn--r8jz45g.jp", "example.com.", "203.0.113.9"]}
            """)
        #expect(policy.floodIntervalSeconds == 86400)
        #expect(policy.capitalsRatio == 1)
        #expect(policy.repeatedCharacterRun == 2)
        #expect(policy.maxLinks == 2)
        #expect(try Policy.fromJSON(#"{"flood_interval_seconds": 0}"#).floodIntervalSeconds == 0)
    }

    @Test func listEntryErrorSaysWhichEntry() {
        #expect(throws: PolicyError.invalidValue(
            key: "link_deny_domains", expected: #"a list of host names such as ["example.com"]"#,
            got: #""exa mple.com" (entry 2)"#)
        ) {
            try Policy.fromJSON(#"{"link_deny_domains": ["ok.example", "exa mple.com"]}"#)
        }
    }

    @Test func contradictoryKeysAreRefused() {
        #expect(throws: PolicyError.conflict(
            key: "min_body_length", detail: "101 is more than max_body_bytes (100): no comment could pass")
        ) {
            try Policy.fromJSON(#"{"min_body_length": 101, "max_body_bytes": 100}"#)
        }
        #expect(throws: PolicyError.conflict(key: "link_deny_domains", detail: #""Example.com" is also in link_allow_domains"#)) {
            try Policy.fromJSON(#"{"link_allow_domains": ["example.com"], "link_deny_domains": ["Example.com"]}"#)
        }
        #expect((try? Policy.fromJSON(#"{"link_allow_domains": ["example.com"], "link_deny_domains": ["evil.example.com"]}"#)) != nil)
    }

    @Test(arguments: ["", "[]", "null", "3", #""{}""#, "{", "{} {}"])
    func documentsThatAreNotObjectsAreRefused(document: String) {
        do {
            _ = try Policy.fromJSON(document)
            Issue.record("accepted \(document)")
        } catch {
            #expect(error.key == nil)
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func toJSONIsCompleteOrderedAndRoundTrips() throws {
        var policy = Policy()
        policy.moderationMode = .pre
        policy.linkDenyDomains = ["spam.example", "例え.jp"]
        policy.capitalsRatio = 0.85
        policy.maxBodyBytes = 1000

        let compact = policy.toJSON()
        let pretty = policy.toJSON(pretty: true)
        #expect(try Policy.fromJSON(compact) == policy)
        #expect(try Policy.fromJSON(pretty) == policy)
        #expect(compact.hasPrefix(#"{"moderation_mode":"pre","hold_first_time_commenters":true,"#))
        #expect(compact.contains(#""link_deny_domains":["spam.example","例え.jp"]"#))
        #expect(compact.contains(#""capitals_ratio":0.85"#))
        #expect(!compact.contains("\n"))
        #expect(pretty.split(separator: "\n").count == Policy.keys.count + 2)
        #expect(pretty.contains("\n  \"max_body_bytes\": 1000,\n"))

        // Keys come out in the documented order, each exactly once.
        let names = Policy.keys.map(\.name)
        let positions = names.compactMap { compact.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.count == names.count)
        #expect(positions == positions.sorted())
        #expect(Policy.default.toJSON() == Policy().toJSON())
    }

    @Test func codableUsesTheSameRules() throws {
        var policy = Policy()
        policy.floodAction = .hold
        policy.linkAllowDomains = ["example.org"]
        let data = try JSONEncoder().encode(policy)
        #expect(try JSONDecoder().decode(Policy.self, from: data) == policy)

        struct Site: Decodable { var policy: Policy }
        #expect(try JSONDecoder().decode(Site.self, from: Data(#"{"policy": {}}"#.utf8)).policy == .default)
        do {
            _ = try JSONDecoder().decode(Site.self, from: Data(#"{"policy": {"max_links": "two"}}"#.utf8))
            Issue.record("decoded a bad policy")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription == #"policy key 'max_links': expected a non-negative integer, got "two""#)
        }
    }

    @Test func settingOneKey() throws {
        let policy = Policy.default
        #expect(try policy.setting("moderation_mode", to: "pre").moderationMode == .pre)
        #expect(try policy.setting("moderation_mode", to: #""pre""#).moderationMode == .pre)
        #expect(try policy.setting("flood_action", to: " hold ").floodAction == .hold)
        #expect(try policy.setting("max_links", to: "5").maxLinks == 5)
        #expect(try policy.setting("hold_first_time_commenters", to: "false").holdFirstTimeCommenters == false)
        #expect(try policy.setting("capitals_ratio", to: "0.5").capitalsRatio == 0.5)
        #expect(try policy.setting("link_deny_domains", to: #"["spam.example"]"#).linkDenyDomains == ["spam.example"])
        let changed = try policy.setting("max_links", to: "5")
        #expect(try changed.setting("max_links", to: "2") == policy)
        #expect(policy.maxLinks == 2)
    }

    @Test func settingRefusesBadValues() {
        let policy = Policy.default
        #expect(throws: PolicyError.invalidValue(key: "max_links", expected: "a non-negative integer", got: "\"two\"")) {
            try policy.setting("max_links", to: "two")
        }
        #expect(throws: PolicyError.invalidValue(key: "hold_first_time_commenters", expected: "true or false", got: "\"yes\"")) {
            try policy.setting("hold_first_time_commenters", to: "yes")
        }
        #expect(throws: PolicyError.invalidValue(key: "moderation_mode", expected: #"one of "post", "pre""#, got: "\"later\"")) {
            try policy.setting("moderation_mode", to: "later")
        }
        #expect(throws: PolicyError.unknownKey("max_linkz", suggestion: "max_links")) {
            try policy.setting("max_linkz", to: "3")
        }
        #expect(throws: PolicyError.self) { try policy.setting("link_deny_domains", to: "spam.example") }
        #expect(throws: PolicyError.self) { try policy.setting("min_body_length", to: "70000") }
    }

    @Test func validateChecksPoliciesBuiltInCode() throws {
        try Policy.default.validate()
        var policy = Policy()
        policy.maxLinks = -1
        #expect(throws: PolicyError.invalidValue(key: "max_links", expected: "a non-negative integer", got: "-1")) {
            try policy.validate()
        }
        policy = Policy()
        policy.capitalsRatio = .nan
        #expect(throws: PolicyError.self) { try policy.validate() }
        policy = Policy()
        policy.linkAllowDomains = ["not a host"]
        #expect(throws: PolicyError.self) { try policy.validate() }
    }

    @Test func keyTableDocumentsEveryKey() throws {
        let keys = Policy.keys
        #expect(Set(keys.map(\.name)).count == keys.count)
        for key in keys {
            #expect(key.name == key.name.lowercased() && !key.name.contains(" ") && !key.name.contains("-"))
            #expect(!key.type.isEmpty && !key.meaning.isEmpty)
            #expect(try Policy.fromJSON("{\"\(key.name)\": \(key.defaultValue)}") == .default)
        }
        #expect(keys.first { $0.name == "max_body_bytes" }?.defaultValue == "65525")
        #expect(keys.first { $0.name == "moderation_mode" }?.type == "string: post | pre")
        let table = Policy.keysMarkdown
        #expect(table.split(separator: "\n").count == keys.count + 2)
        for key in keys { #expect(table.contains("| `\(key.name)` |")) }
    }

    @Test func preModerationHoldsWithAReason() {
        #expect(Policy.default.moderationModeReason == nil)
        var policy = Policy()
        policy.moderationMode = .pre
        let reason = policy.moderationModeReason
        #expect(reason?.code == "pre_moderation")
        #expect(reason?.action == .hold)
        #expect(reason?.rule == "moderation_mode")
    }

    @Test func naughtyStringsNeverCrashTheReader() throws {
        let strings = PolicyTestData.naughtyStrings
        #expect(strings.count > 500)
        let quote = { (text: String) -> String in
            (try? JSONEncoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
        }
        for text in strings {
            expectRefusedOnOneLine(text)
            expectRefusedOnOneLine("{\(quote(text)): 1}")
            for key in Policy.keys {
                // A naughty string is never a valid value, except by chance for a host list or a number.
                if let policy = try? Policy.fromJSON("{\"\(key.name)\": \(quote(text))}") { try policy.validate() }
                if let policy = try? Policy.default.setting(key.name, to: text) {
                    #expect(try Policy.fromJSON(policy.toJSON()) == policy)
                }
            }
            _ = try? Policy.fromJSON(#"{"link_deny_domains": [\#(quote(text))]}"#)
        }
    }

    private func expectRefusedOnOneLine(_ document: String) {
        do {
            let policy = try Policy.fromJSON(document)
            #expect(policy == .default)
        } catch {
            #expect(!error.description.contains("\n"), "\(error.description)")
        }
    }
}
