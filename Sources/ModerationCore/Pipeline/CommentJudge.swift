/// The moderation pipeline: pure, synchronous, no I/O. Phases run in a fixed order (validation →
/// blocklists → word lists → links → content signals → facts), every phase runs even after an earlier one
/// rejected (a moderator sees everything that fired), and the strongest action wins.
public struct CommentJudge: Sendable {
    private let emailValidator: EmailValidator

    public init(emailValidator: EmailValidator = EmailValidator()) {
        self.emailValidator = emailValidator
    }

    /// Builds the tables the phases create on first use (the known top-level domains, the characters
    /// that end a link, character properties of common text) by judging one representative comment, so
    /// that a service pays that cost when it starts rather than in the first comment it judges. The
    /// sample holds what reaches each table: a bare domain ("example.com"), a link ended by a non-ASCII
    /// character, an ASCII and an internationalized address, and a body that is approved and rendered.
    public func prepare() {
        let sample = CommentInput(
            siteID: "prepare", postID: "prepare", authorName: "Zoë Müller", authorEmail: "zoë@bücher.example",
            authorURL: "https://example.org/zoë",
            body: "Lovely post! 👍 See www.example.com/page, example.com and https://example.net/a—“quoted” — ÇA VA?!!"
                + "\n\nThanks.")
        let plain = CommentInput(
            siteID: "prepare", postID: "prepare", authorName: "Reader", authorEmail: "Reader@Example.org",
            body: "A plain reply that is approved & rendered: <fine>, \"quoted\"\r\n\r\nSecond paragraph.")
        _ = judge(sample, rules: SiteRules())
        _ = judge(plain, rules: SiteRules())
    }

    public func judge(_ comment: CommentInput, rules: SiteRules, facts: CommentFacts = .none) -> Verdict {
        // The body is scanned first: the scan tells validation whether the body may hold a control
        // character, so that validation need not search it for one.
        let body = comment.body ?? ""
        var utf8 = body
        return utf8.withUTF8 { bytes in
            var scan = BodyScan(bytes, runMinimum: rules.signals.repeatedCharacterRun)
            return judge(comment, body: body, bytes: bytes, scan: &scan, rules: rules, facts: facts)
        }
    }

    /// The verdict on `comment`, whose body is `body`, with that body's UTF-8 `bytes` and their scan.
    private func judge(
        _ comment: CommentInput, body: String, bytes: LinkSyntax.Bytes, scan: inout BodyScan, rules: SiteRules,
        facts: CommentFacts
    ) -> Verdict {
        var emailNormalized: String?
        var reasons = FieldValidator.validate(
            comment, limits: rules.policy.fieldLimits, bodyMayHoldControl: scan.mayHoldRefusedControl
        ) { address in
            switch emailValidator.normalized(address) {
            case .success(let normalized):
                emailNormalized = normalized
                return nil
            case .failure(let error):
                return error.message
            }
        }
        // Room for what a comment usually gets, so appending phase after phase rarely reallocates; no more,
        // since eight reasons (640 bytes) are what glibc's per-thread cache serves without a lock or a
        // search of its bins, and sixteen are not.
        reasons.reserveCapacity(8)
        if !facts.blocks.isEmpty { reasons += FactRules.blockReasons(facts) }
        // The fields WordPress matches its moderation lists against.
        Self.addWordReasons(comment.authorName, field: .authorName, words: rules.words, to: &reasons)
        Self.addWordReasons(comment.authorEmail, field: .authorEmail, words: rules.words, to: &reasons)
        Self.addWordReasons(comment.authorURL, field: .authorURL, words: rules.words, to: &reasons)
        Self.addWordReasons(comment.body, field: .body, words: rules.words, to: &reasons)
        BodyPass.addReasons(for: body, bytes: bytes, scan: &scan, links: rules.links, signals: rules.signals, to: &reasons)
        // Only mixed_script is judged on the name.
        if let name = comment.authorName {
            let found = ContentSignals.mixedScriptReasons(name, field: .authorName)
            if !found.isEmpty { reasons += found }
        }
        FactRules.addReasons(facts, policy: rules.policy, to: &reasons)
        if let mode = rules.policy.moderationModeReason { reasons.append(mode) }

        let decision = Verdict.decision(for: reasons)
        return Verdict(
            decision: decision, reasons: reasons, emailNormalized: emailNormalized,
            bodyHTML: decision == .approve ? HTMLWriter.render(bytes, wordAtATime: true) : nil)
    }
}
