/// What a moderator can decide about a comment.
public enum ReviewDecision: String, Sendable, CaseIterable, Codable {
    /// Publish it, exactly as the worker publishes.
    case approve
    case reject
    case spam
    /// Back to the held queue, e.g. a comment rejected or published by mistake.
    case restore

    /// The status the comment gets.
    public var status: String {
        switch self {
        case .approve: "approved"
        case .reject: "rejected"
        case .spam: "spam"
        case .restore: "held"
        }
    }
}
