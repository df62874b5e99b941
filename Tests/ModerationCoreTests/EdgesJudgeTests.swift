import Testing

@testable import ModerationCore

/// The judge's own shortcuts give the reasons the general calls give: the name is checked for mixed
/// scripts only when it has a non-ASCII byte, fact rules are appended in place, block reasons are built
/// only when there are blocks.
@Suite struct EdgesJudgeTests {
    static let names = [
        "", "Reader", "John O'Neil", "pаypal", "Zoë Müller", "Ρaul", "ＡＢＣ", "山田太郎", "Tanaka 田中", "😀 fan", "a\u{301}b",
        "Pаyраl Sеcurity", "ヽ༼ຈل͜ຈ༽ﾉ", String(repeating: "x", count: 40) + "а", "\u{200B}", "nаme\u{0}",
    ]

    @Test func nameReasonsAreTheMixedScriptSignalsOfTheName() {
        let judge = CommentJudge()
        for name in Self.names {
            var comment = FieldValidatorTests.valid
            comment.authorName = name
            let judged = judge.judge(comment, rules: SiteRules()).reasons.filter {
                $0.field == .authorName && $0.code == "mixed_script"
            }
            let general = name.isEmpty ? [] : ContentSignals.reasons(for: name, field: .authorName, policy: SiteRules().signals)
                .filter { $0.code == "mixed_script" }
            #expect(judged == general, "\(name.debugDescription)")
        }
        // The cases that must fire do.
        var spoofed = FieldValidatorTests.valid
        spoofed.authorName = "pаypal"
        #expect(judge.judge(spoofed, rules: SiteRules()).reasons.contains { $0.code == "mixed_script" && $0.field == .authorName })
    }

    @Test func factReasonsAppendedInPlaceAreTheListed() {
        var policy = Policy.default
        policy.holdFirstTimeCommenters = true
        policy.rejectDuplicates = true
        let facts = [
            CommentFacts.none,
            CommentFacts(previouslyApprovedCount: 0, secondsSinceLastFromIP: 1, duplicateOnPost: true),
            CommentFacts(previouslyApprovedCount: 4, secondsSinceLastFromEmail: 2.5, duplicateOnPost: false),
        ]
        for fact in facts {
            var appended = [Reason(code: "earlier", action: .approve, message: "Earlier.")]
            FactRules.addReasons(fact, policy: policy, to: &appended)
            #expect(appended == [Reason(code: "earlier", action: .approve, message: "Earlier.")] + FactRules.reasons(fact, policy: policy))
        }
    }

    @Test func blockReasonsComeFirstAfterValidationWhenThereAreBlocks() {
        let facts = CommentFacts(blocks: [BlockFact(kind: .ip, value: "203.0.113.9", id: 7), BlockFact(kind: .ip, value: "203.0.113.9", id: 7)])
        let verdict = CommentJudge().judge(FieldValidatorTests.valid, rules: SiteRules(), facts: facts)
        #expect(verdict.reasons.filter { $0.code == "blocked_ip" } == FactRules.blockReasons(facts))
        #expect(verdict.decision == .spam)
    }
}
