/// What a word-list entry does when it matches.
public enum WordAction: String, Codable, Sendable, CaseIterable {
    /// Refuse the comment.
    case reject
    /// Hold the comment for a moderator.
    case hold
    /// Annotate only: the hit is reported, the decision is unchanged.
    case flag
    /// An exception: text inside a span this entry matches never counts as a hit of another entry
    /// ("allow scunthorpe" next to a reject entry that matches inside it).
    case allow
}
