import Foundation
import ModerationStore

/// How rules listings write sites and times for people.
enum RulesText {
    /// The site column: `*` for every site.
    static func site(_ id: String?) -> String { id ?? "*" }

    /// "3 d ago".
    static func ago(_ date: Date, now: Date) -> String {
        RelativeAge.describe(seconds: now.timeIntervalSince(date)) + " ago"
    }

    /// "never", "in 6 d", "expired 2 h ago".
    static func expiry(_ date: Date?, now: Date) -> String {
        guard let date else { return "never" }
        let seconds = date.timeIntervalSince(now)
        return seconds > 0 ? "in \(RelativeAge.describe(seconds: seconds))" : "expired \(RelativeAge.describe(seconds: -seconds)) ago"
    }
}
