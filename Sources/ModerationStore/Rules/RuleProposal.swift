import ModerationCore

/// A rule change `rules test` tries on stored comments without making it.
public enum RuleProposal: Sendable, Hashable {
    case addWord(WordListEntry, scope: RuleScope)
    case removeWords(WordRuleSelector)
    /// The block is taken as active now, whatever expiry the real one would get.
    case addBlock(BlockTarget, scope: RuleScope, reason: String?)
    case removeBlocks(BlockSelector)
    case policy(site: String, setting: [PolicySetting], unsetting: [String])
}
