import ModerationCore

/// Why a rules or author command could not do what it was asked. Each message is one line.
public enum RuleStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The site named by `--site` is not registered.
    case unknownSite(String)
    /// Nothing matched what should be removed or shown (an unknown id, a pattern not listed).
    case notFound(String)
    /// A policy change that the policy reader refuses; the message names the key.
    case invalidPolicy(site: String, PolicyError)
    /// A word-list entry that cannot be stored.
    case invalidWord(WordListError)

    /// Bad input, as opposed to nothing matching: commands exit 2 for these and 1 for `notFound`.
    public var isBadInput: Bool {
        switch self {
        case .unknownSite, .invalidPolicy, .invalidWord: true
        case .notFound: false
        }
    }

    public var description: String {
        switch self {
        case .unknownSite(let site): "unknown site '\(site)' (register it in moderation.sites first)"
        case .notFound(let what): what
        case .invalidPolicy(let site, let error): "site \(site): \(error.description)"
        case .invalidWord(let error): error.description
        }
    }
}
