import Foundation
import ModerationCore

/// What a proposed rule change would do to the stored comments of a period: each comment judged with the
/// current rules and with the proposed ones, on the same facts. It compares two judgements made now, not
/// the decision stored with the comment (which older rules, or a moderator, made).
public struct RuleBacktestReport: Sendable, Equatable, Codable {
    /// Comments submitted at or after this time were judged.
    public var since: Date
    /// The sites whose comments the change can affect (all sites for a change to every site).
    public var sites: [String]
    /// Comments judged.
    public var scanned: Int
    /// Verdict stronger with the change (e.g. approve → hold).
    public var caught: [RuleBacktestChange]
    /// Verdict weaker with the change (e.g. reject → approve).
    public var released: [RuleBacktestChange]
    /// Comments whose verdict stays the same but whose reasons change (a `flag` entry, a second reason).
    public var reasonsOnly: Int
    /// Why nothing could change, when the proposal is no change at all (the entry is already listed).
    public var note: String?
}

/// One comment whose verdict the proposed change alters.
public struct RuleBacktestChange: Sendable, Equatable, Codable {
    public var id: Int64
    public var siteID: String
    public var postID: String?
    /// The comment's stored status now.
    public var status: String
    public var submittedAt: Date
    /// The verdict under the current rules, and under the proposed ones.
    public var before: Decision
    public var after: Decision
    /// Reason codes of each verdict, in phase order.
    public var reasonsBefore: [String]
    public var reasonsAfter: [String]
    /// Reasons (`code` or `code:rule`) that only one verdict has.
    public var reasonsAdded: [String]
    public var reasonsRemoved: [String]

    /// Compares two verdicts of the same comment; nil when they are the same verdict with the same reasons.
    static func compare(_ comment: RuleBacktestComment, before: Verdict, after: Verdict) -> RuleBacktestChange? {
        let old = before.reasons.map(label), new = after.reasons.map(label)
        guard old != new || before.decision != after.decision else { return nil }
        return RuleBacktestChange(
            id: comment.id, siteID: comment.siteID, postID: comment.input.postID, status: comment.status,
            submittedAt: comment.submittedAt, before: before.decision, after: after.decision,
            reasonsBefore: before.reasons.map(\.code), reasonsAfter: after.reasons.map(\.code),
            reasonsAdded: difference(new, old), reasonsRemoved: difference(old, new))
    }

    /// `word_reject:reject casino`, `blocked_ip:block:12`: the code, and the rule when the reason names one,
    /// so two hits of one code by different rules are told apart.
    private static func label(_ reason: Reason) -> String {
        reason.rule.map { "\(reason.code):\($0)" } ?? reason.code
    }

    /// The elements of `a` not in `b`, as a multiset: one of two equal reasons can be new.
    private static func difference(_ a: [String], _ b: [String]) -> [String] {
        var remaining = b
        return a.filter { item in
            if let index = remaining.firstIndex(of: item) {
                remaining.remove(at: index)
                return false
            }
            return true
        }
    }
}

/// A stored comment as `rules test` judges it.
public struct RuleBacktestComment: Sendable, Equatable {
    public var id: Int64
    public var siteID: String
    public var status: String
    public var submittedAt: Date
    public var input: CommentInput
}
