extension Policy {
    /// The reason `moderation_mode: pre` gives every comment: code `pre_moderation`, action hold, rule
    /// `moderation_mode`; nil in `post` mode. It belongs to the last phase, beside `FactRules.reasons`;
    /// since the verdict is the strongest action, it only changes comments that would otherwise be approved.
    public var moderationModeReason: Reason? {
        switch moderationMode {
        case .post:
            nil
        case .pre:
            Reason(
                code: "pre_moderation", rule: "moderation_mode", action: .hold,
                message: "This site holds every comment for a moderator before publishing it.")
        }
    }
}
