/// What happens to a comment posted sooner than `flood_interval_seconds` after the previous one.
///
/// WordPress refuses it outright ("You are posting comments too quickly"), so `reject` is the default.
/// Here a rejected comment is still recorded with its reason, so nothing is lost; a site whose readers
/// post fast in good faith (live threads) can choose `hold` and let a moderator decide.
public enum FloodAction: String, Codable, Sendable, CaseIterable {
    case hold
    case reject

    /// The action a flood reason carries.
    public var decision: Decision {
        switch self {
        case .hold: .hold
        case .reject: .reject
        }
    }
}
