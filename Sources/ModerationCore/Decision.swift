/// What happens to a comment. Declared weakest first: the strongest action among all reasons wins
/// (reject > spam > hold > approve), so `max()` over a verdict's actions is the verdict.
public enum Decision: String, Codable, Sendable, CaseIterable, Comparable {
    case approve
    case hold
    case spam
    case reject

    private var strength: Int {
        switch self {
        case .approve: 0
        case .hold: 1
        case .spam: 2
        case .reject: 3
        }
    }

    public static func < (lhs: Decision, rhs: Decision) -> Bool { lhs.strength < rhs.strength }

    /// The status a comment gets in the database for this decision.
    public var status: String {
        switch self {
        case .approve: "approved"
        case .hold: "held"
        case .spam: "spam"
        case .reject: "rejected"
        }
    }
}
