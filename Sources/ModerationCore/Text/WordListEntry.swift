/// One line of a word list: an action and the pattern it applies to.
///
/// Patterns are whole words ("viagra"), a word with a `*` wildcard at its end or start ("payday*",
/// "*coin"), or a phrase whose words match when joined by any run of spaces or punctuation
/// ("crypto giveaway" matches "crypto-giveaway"). A phrase may carry a wildcard on its first word's start
/// or its last word's end ("payday loan*"). `WordList` validates entries; this type holds any text.
public struct WordListEntry: Codable, Sendable, Hashable {
    public var action: WordAction
    public var pattern: String

    public init(action: WordAction, pattern: String) {
        self.action = action
        self.pattern = pattern
    }
}
