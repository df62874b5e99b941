import Foundation
import Testing

@testable import ModerationCore

@Suite struct FactRulesTests {
    private func codes(_ facts: CommentFacts, _ policy: Policy = .default) -> [String] {
        FactRules.reasons(facts, policy: policy).map(\.code)
    }

    private func policy(_ change: (inout Policy) -> Void) -> Policy {
        var policy = Policy()
        change(&policy)
        return policy
    }

    @Test func noFactsNothingFires() {
        #expect(FactRules.reasons(.none, policy: .default).isEmpty)
        #expect(FactRules.blockReasons(.none).isEmpty)
        #expect(CommentFacts() == .none)
    }

    @Test func firstTimeCommenterIsHeld() throws {
        let reasons = FactRules.reasons(CommentFacts(previouslyApprovedCount: 0), policy: .default)
        let reason = try #require(reasons.first)
        #expect(reasons.count == 1)
        #expect(reason.code == "first_time_commenter")
        #expect(reason.action == .hold)
        #expect(reason.rule == "hold_first_time_commenters")
        #expect(codes(CommentFacts(previouslyApprovedCount: 1)).isEmpty)
        #expect(codes(CommentFacts(previouslyApprovedCount: 40)).isEmpty)
        #expect(codes(CommentFacts(previouslyApprovedCount: -1)) == ["first_time_commenter"])
        #expect(codes(CommentFacts(previouslyApprovedCount: 0), policy { $0.holdFirstTimeCommenters = false }).isEmpty)
    }

    @Test(arguments: [
        (0.0, true), (3.0, true), (14.999, true), (15.0, false), (15.001, false), (3600.0, false), (-2.0, true),
        (Double.nan, false), (Double.infinity, false), (-Double.infinity, false),
    ])
    func floodFiresStrictlyInsideTheInterval(seconds: Double, fires: Bool) {
        #expect(codes(CommentFacts(secondsSinceLastFromIP: seconds)) == (fires ? ["flood"] : []))
        #expect(codes(CommentFacts(secondsSinceLastFromEmail: seconds)) == (fires ? ["flood"] : []))
    }

    @Test func floodReasonNamesTheCloserSourceOnce() throws {
        let both = FactRules.reasons(CommentFacts(secondsSinceLastFromIP: 9, secondsSinceLastFromEmail: 2), policy: .default)
        let reason = try #require(both.first)
        #expect(both.count == 1)
        #expect(reason.field == .authorEmail)
        #expect(reason.action == .reject)
        #expect(reason.rule == "flood_interval_seconds")
        #expect(reason.message == "Posted 2 s after the previous comment from the same email address; the minimum gap is 15 s.")
        let byIP = FactRules.reasons(CommentFacts(secondsSinceLastFromIP: 4.25, secondsSinceLastFromEmail: 100), policy: .default)
        #expect(byIP.first?.field == .authorIP)
        #expect(byIP.first?.message.hasPrefix("Posted 4.2 s after") == true)
        // On a tie the IP address is named; a gap that is not finite is not known.
        let tie = FactRules.reasons(CommentFacts(secondsSinceLastFromIP: 3, secondsSinceLastFromEmail: 3), policy: .default)
        #expect(tie.map(\.field) == [.authorIP])
        let unknownIP = CommentFacts(secondsSinceLastFromIP: .infinity, secondsSinceLastFromEmail: 3)
        #expect(FactRules.reasons(unknownIP, policy: .default).map(\.field) == [.authorEmail])
    }

    @Test func floodFollowsThePolicy() {
        let recent = CommentFacts(secondsSinceLastFromIP: 20)
        #expect(codes(recent).isEmpty)
        #expect(codes(recent, policy { $0.floodIntervalSeconds = 60 }) == ["flood"])
        #expect(codes(CommentFacts(secondsSinceLastFromIP: 0), policy { $0.floodIntervalSeconds = 0 }).isEmpty)
        let held = FactRules.reasons(CommentFacts(secondsSinceLastFromIP: 1), policy: policy { $0.floodAction = .hold })
        #expect(held.map(\.action) == [.hold])
    }

    @Test func duplicateIsRejected() throws {
        let reason = try #require(FactRules.reasons(CommentFacts(duplicateOnPost: true), policy: .default).first)
        #expect(reason.code == "duplicate_comment")
        #expect(reason.action == .reject)
        #expect(reason.field == .body)
        #expect(reason.rule == "reject_duplicates")
        #expect(codes(CommentFacts(duplicateOnPost: false)).isEmpty)
        #expect(codes(CommentFacts(duplicateOnPost: true), policy { $0.rejectDuplicates = false }).isEmpty)
    }

    @Test func everyRuleAtOnce() {
        let facts = CommentFacts(
            previouslyApprovedCount: 0, secondsSinceLastFromIP: 1, secondsSinceLastFromEmail: 1, duplicateOnPost: true)
        #expect(codes(facts) == ["first_time_commenter", "flood", "duplicate_comment"])
        let off = policy {
            $0.holdFirstTimeCommenters = false
            $0.floodIntervalSeconds = 0
            $0.rejectDuplicates = false
        }
        #expect(codes(facts, off).isEmpty)
        // Blocks belong to the earlier phase.
        #expect(codes(CommentFacts(blocks: [BlockFact(kind: .ip, value: "203.0.113.9")])).isEmpty)
    }

    @Test(arguments: [
        (BlockFact.Kind.ip, "203.0.113.9", "blocked_ip", CommentField?.some(.authorIP)),
        (.cidr, "203.0.113.0/24", "blocked_ip", .authorIP),
        (.cidr, "2001:db8::/32", "blocked_ip", .authorIP),
        (.email, "spam@example.com", "blocked_email", .authorEmail),
        (.domain, "spam.example", "blocked_domain", nil),
    ])
    func blocksAreSpam(kind: BlockFact.Kind, value: String, code: String, field: CommentField?) throws {
        let reasons = FactRules.blockReasons(CommentFacts(blocks: [BlockFact(kind: kind, value: value, id: 7)]))
        let reason = try #require(reasons.first)
        #expect(reasons.count == 1)
        #expect(reason.code == code)
        #expect(reason.field == field)
        #expect(reason.match == value)
        #expect(reason.rule == "block:7")
        #expect(reason.action == .spam)
        #expect(reason.message.contains(value))
    }

    @Test func blockReasonsKeepOrderDropRepeatsAndQuoteTheModerator() {
        let facts = CommentFacts(blocks: [
            BlockFact(kind: .email, value: "spam@example.com", id: 2, reason: "sold pills"),
            BlockFact(kind: .ip, value: "203.0.113.9"),
            BlockFact(kind: .email, value: "spam@example.com", id: 2, reason: "sold pills"),
            BlockFact(kind: .domain, value: "example.com", id: 3, reason: ""),
        ])
        let reasons = FactRules.blockReasons(facts)
        #expect(reasons.map(\.code) == ["blocked_email", "blocked_ip", "blocked_domain"])
        #expect(reasons.map(\.rule) == ["block:2", nil, "block:3"])
        #expect(reasons[0].message == "The email address spam@example.com is blocked: sold pills.")
        #expect(reasons[2].message == "The domain example.com is blocked.")
    }

    @Test func factsReadFromSnakeCaseJSON() throws {
        let decoder = JSONDecoder()
        #expect(try decoder.decode(CommentFacts.self, from: Data("{}".utf8)) == .none)
        let facts = try decoder.decode(CommentFacts.self, from: Data("""
            {"previously_approved_count": 3, "seconds_since_last_from_ip": 1.5, "seconds_since_last_from_email": null,
             "duplicate_on_post": false, "blocks": [{"kind": "cidr", "value": "10.0.0.0/8", "id": 12}]}
            """.utf8))
        #expect(facts == CommentFacts(
            previouslyApprovedCount: 3, secondsSinceLastFromIP: 1.5, duplicateOnPost: false,
            blocks: [BlockFact(kind: .cidr, value: "10.0.0.0/8", id: 12)]))
        #expect(try decoder.decode(CommentFacts.self, from: JSONEncoder().encode(facts)) == facts)
        #expect(throws: DecodingError.self) {
            try decoder.decode(CommentFacts.self, from: Data(#"{"blocks": [{"kind": "asn", "value": "1"}]}"#.utf8))
        }
    }
}
