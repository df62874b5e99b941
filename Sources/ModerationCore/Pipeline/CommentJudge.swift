/// The moderation pipeline: pure, synchronous, no I/O. Phases run in a fixed order (validation →
/// blocklists → word lists → links → content signals → facts), every phase runs even after an earlier one
/// rejected (a moderator sees everything that fired), and the strongest action wins.
public struct CommentJudge: Sendable {
    private let emailValidator: EmailValidator

    public init(emailValidator: EmailValidator = EmailValidator()) {
        self.emailValidator = emailValidator
    }

    public func judge(_ comment: CommentInput, rules: SiteRules, facts: CommentFacts = .none) -> Verdict {
        var emailNormalized: String?
        var reasons = FieldValidator.validate(comment, limits: rules.policy.fieldLimits) { address in
            switch emailValidator.validate(address) {
            case .success(let email):
                emailNormalized = email.normalized
                return nil
            case .failure(let error):
                return error.message
            }
        }
        reasons += FactRules.blockReasons(facts)
        // The fields WordPress matches its moderation lists against.
        Self.addWordReasons(comment.authorName, field: .authorName, words: rules.words, to: &reasons)
        Self.addWordReasons(comment.authorEmail, field: .authorEmail, words: rules.words, to: &reasons)
        Self.addWordReasons(comment.authorURL, field: .authorURL, words: rules.words, to: &reasons)
        Self.addWordReasons(comment.body, field: .body, words: rules.words, to: &reasons)
        let body = comment.body ?? ""
        reasons += LinkScanner.reasons(for: body, policy: rules.links)
        reasons += ContentSignals.reasons(for: body, field: .body, policy: rules.signals)
        if let name = comment.authorName, !name.isEmpty {
            reasons += ContentSignals.reasons(for: name, field: .authorName, policy: rules.signals)
                .filter { $0.code == "mixed_script" }
        }
        reasons += FactRules.reasons(facts, policy: rules.policy)
        if let mode = rules.policy.moderationModeReason { reasons.append(mode) }

        let decision = Verdict.decision(for: reasons)
        return Verdict(
            decision: decision, reasons: reasons, emailNormalized: emailNormalized,
            bodyHTML: decision == .approve ? HTMLRenderer.render(body) : nil)
    }

    private static func addWordReasons(_ text: String?, field: CommentField, words: WordList, to reasons: inout [Reason]) {
        guard let text, !text.isEmpty else { return }
        for hit in words.hits(in: text) { reasons.append(reason(for: hit, field: field)) }
    }

    static func reason(for hit: WordHit, field: CommentField) -> Reason {
        let action: Decision
        switch hit.entry.action {
        case .reject: action = .reject
        case .hold: action = .hold
        case .flag, .allow: action = .approve
        }
        // Concatenated rather than interpolated: a comment may hit many entries, and interpolation costs
        // several times as much per string.
        let name = hit.entry.action.rawValue
        var message = field.rawValue
        message.reserveCapacity(message.utf8.count + hit.matched.utf8.count + name.utf8.count + 26)
        message += " contains \""
        message += hit.matched
        message += "\", listed as "
        message += name
        message += "."
        return Reason(
            code: "word_" + name, field: field, match: hit.matched, rule: name + " " + hit.entry.pattern,
            action: action, message: message)
    }
}
