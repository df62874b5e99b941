/// The outcome of judging one comment: the strongest action among the reasons, every reason that fired
/// in phase order, and what publishing needs.
public struct Verdict: Sendable, Hashable, Codable {
    public var decision: Decision
    public var reasons: [Reason]
    /// email-validator's normalized form, when the address is valid.
    public var emailNormalized: String?
    /// The body rendered for publishing; set when the decision is `approve`.
    public var bodyHTML: String?

    public init(decision: Decision, reasons: [Reason], emailNormalized: String? = nil, bodyHTML: String? = nil) {
        self.decision = decision
        self.reasons = reasons
        self.emailNormalized = emailNormalized
        self.bodyHTML = bodyHTML
    }

    /// The strongest action wins: reject > spam > hold > approve; no reason at all approves.
    public static func decision(for reasons: [Reason]) -> Decision {
        var strongest = Decision.approve
        for reason in reasons where reason.action > strongest { strongest = reason.action }
        return strongest
    }
}
