/// A wait for people, to the minute when it matters: "40 s", "12 min", "1 h 30 min", "2 d 3 h". Two units
/// at most, the smaller rounded down, so "1 h 59 min" never reads as "2 h".
enum WaitDuration {
    static func describe(seconds: Double) -> String {
        guard seconds.isFinite else { return "-" }
        let total = Int(max(0, seconds.rounded(.down)))
        let (days, hours, minutes) = (total / 86_400, total % 86_400 / 3600, total % 3600 / 60)
        if days > 0 { return hours > 0 ? "\(days) d \(hours) h" : "\(days) d" }
        if hours > 0 { return minutes > 0 ? "\(hours) h \(minutes) min" : "\(hours) h" }
        if minutes > 0 { return "\(minutes) min" }
        return "\(total) s"
    }
}
