/// Everything the pipeline needs to know about one site, built once when its rules change and shared by
/// every comment judged until then (the word list's automaton is the expensive part).
public struct SiteRules: Sendable {
    public let policy: Policy
    public let words: WordList
    public let links: LinkPolicy
    public let signals: ContentSignalPolicy

    public init(policy: Policy = .default, words: WordList = .empty) {
        self.policy = policy
        self.words = words
        self.links = LinkPolicy(
            maxLinks: policy.maxLinks, allowDomains: policy.linkAllowDomains, denyDomains: policy.linkDenyDomains)
        self.signals = ContentSignalPolicy(
            capitalsRatio: policy.capitalsRatio, minLettersForCapitals: policy.capitalsMinLetters,
            repeatedCharacterRun: policy.repeatedCharacterRun)
    }

    public static let `default` = SiteRules()
}
