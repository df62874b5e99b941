/// Rules on what the database knows rather than on the text. With no facts, nothing fires.
///
/// They run in two places of the phase order (validation → blocklists → word lists → links → content
/// signals → facts): `blockReasons` with the blocklists, `reasons` last, next to the policy's
/// `moderationModeReason`.
public enum FactRules {
    /// One `.spam` reason per distinct block entry that matched: `blocked_ip` (for `ip` and `cidr`),
    /// `blocked_email` or `blocked_domain`, with the blocked value as `match` and `block:<id>` as `rule`.
    public static func blockReasons(_ facts: CommentFacts) -> [Reason] {
        var seen = Set<BlockFact>()
        return facts.blocks.compactMap { block in
            guard seen.insert(block).inserted else { return nil }
            let (code, field, what): (String, CommentField?, String) = switch block.kind {
            case .ip: ("blocked_ip", .authorIP, "The IP address")
            case .cidr: ("blocked_ip", .authorIP, "The IP network")
            case .email: ("blocked_email", .authorEmail, "The email address")
            case .domain: ("blocked_domain", nil, "The domain")
            }
            let why = block.reason.map { $0.isEmpty ? "" : ": \($0)" } ?? ""
            return Reason(
                code: code, field: field, match: block.value, rule: block.id.map { "block:\($0)" }, action: .spam,
                message: "\(what) \(block.value) is blocked\(why).")
        }
    }

    /// The trust, flood and duplicate rules, each only when its fact is known and its policy key is on:
    /// - `first_time_commenter` (hold) when the author has no approved comment and
    ///   `hold_first_time_commenters` is true;
    /// - `flood` (`flood_action`, reject by default) when the previous comment from the same IP or email
    ///   came less than `flood_interval_seconds` ago: exactly the interval is fine, as in WordPress's
    ///   `wp_throttle_comment_flood`; a negative gap (clock skew) counts as 0 s;
    /// - `duplicate_comment` (reject) when the post has an identical comment and `reject_duplicates` is true.
    public static func reasons(_ facts: CommentFacts, policy: Policy) -> [Reason] {
        var reasons: [Reason] = []
        addReasons(facts, policy: policy, to: &reasons)
        return reasons
    }

    /// `reasons(_:policy:)` appended to `reasons`: the judge's list takes them without an array made for
    /// what usually is none.
    static func addReasons(_ facts: CommentFacts, policy: Policy, to reasons: inout [Reason]) {
        if policy.holdFirstTimeCommenters, let approved = facts.previouslyApprovedCount, approved <= 0 {
            reasons.append(Reason(
                code: "first_time_commenter", rule: "hold_first_time_commenters", action: .hold,
                message: "This is the author's first comment; it waits for a moderator's approval."))
        }
        if let flood = floodReason(facts, policy: policy) { reasons.append(flood) }
        if policy.rejectDuplicates, facts.duplicateOnPost == true {
            reasons.append(Reason(
                code: "duplicate_comment", field: .body, rule: "reject_duplicates", action: .reject,
                message: "The same comment is already on this post."))
        }
    }

    private static func floodReason(_ facts: CommentFacts, policy: Policy) -> Reason? {
        let interval = Double(policy.floodIntervalSeconds)
        guard interval > 0 else { return nil }
        func gap(_ seconds: Double?) -> Double? {
            guard let seconds, seconds.isFinite else { return nil }
            return max(0, seconds)
        }
        // The shorter known gap; the IP's on a tie. Judged once per comment: no array is built for two.
        let field: CommentField
        let source: String
        let seconds: Double
        switch (gap(facts.secondsSinceLastFromIP), gap(facts.secondsSinceLastFromEmail)) {
        case let (ip?, email?) where email < ip: (field, source, seconds) = (.authorEmail, "email address", email)
        case let (ip?, _): (field, source, seconds) = (.authorIP, "IP address", ip)
        case let (nil, email?): (field, source, seconds) = (.authorEmail, "email address", email)
        case (nil, nil): return nil
        }
        guard seconds < interval else { return nil }
        let shown = seconds.rounded(.down) == seconds ? String(Int(seconds)) : format1(seconds)
        return Reason(
            code: "flood", field: field, rule: "flood_interval_seconds", action: policy.floodAction.decision,
            message: "Posted \(shown) s after the previous comment from the same \(source); "
                + "the minimum gap is \(policy.floodIntervalSeconds) s.")
    }

    /// One decimal place, cut rather than rounded so a gap just under the interval never shows as equal to it.
    private static func format1(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded(.down))
        return "\(tenths / 10).\(tenths % 10)"
    }
}
