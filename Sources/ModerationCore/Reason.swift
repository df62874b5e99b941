/// One thing that fired while judging a comment. Codes are stable: scripts, dashboards and `rules test`
/// compare them, so a code is never renamed once shipped.
public struct Reason: Codable, Sendable, Hashable {
    /// Stable machine code, e.g. `missing_field`, `word_reject`, `too_many_links`.
    public var code: String
    /// The field it concerns, when there is one.
    public var field: CommentField?
    /// What matched (the word, the domain, the character), when there is one.
    public var match: String?
    /// Which rule fired (a word-list pattern, a policy key, a block id), when there is one.
    public var rule: String?
    /// What this reason asks for; the verdict is the strongest of these.
    public var action: Decision
    /// A sentence for a person.
    public var message: String

    public init(
        code: String, field: CommentField? = nil, match: String? = nil, rule: String? = nil,
        action: Decision, message: String
    ) {
        self.code = code
        self.field = field
        self.match = match
        self.rule = rule
        self.action = action
        self.message = message
    }
}
