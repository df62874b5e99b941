/// "42 s", "3 min", "5 h", "2 d": ages for people.
enum RelativeAge {
    static func describe(seconds: Double) -> String {
        let s = max(0, seconds)
        switch s {
        case ..<60: return "\(Int(s)) s"
        case ..<3600: return "\(Int(s / 60)) min"
        case ..<86_400: return "\(Int(s / 3600)) h"
        default: return "\(Int(s / 86_400)) d"
        }
    }
}
