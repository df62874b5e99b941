import ArgumentParser
import Foundation

/// A point in time on the command line: a duration relative to now (`90s`, `15m`, `2h`, `7d`, `2w`), a
/// date (`2026-11-28`, midnight UTC) or an RFC 3339 time (`2026-11-28T10:00:00Z`, `2026-11-28T10:00:00+01:00`).
/// Whether a duration points back (`--since 1d`) or ahead (`--expires 7d`) is the option's business.
struct TimeArgument: ExpressibleByArgument, Sendable, Equatable {
    enum Value: Sendable, Equatable {
        case relative(seconds: Double)
        case absolute(Date)
    }

    let value: Value
    let text: String

    init?(argument: String) {
        guard let value = Self.parse(argument) else { return nil }
        self.value = value
        self.text = argument
    }

    static var defaultCompletionKind: CompletionKind { .default }

    /// `--since 1d`: one day before `now`.
    func past(from now: Date = Date()) -> Date {
        switch value {
        case .relative(let seconds): now.addingTimeInterval(-seconds)
        case .absolute(let date): date
        }
    }

    /// `--expires 7d`: seven days after `now`.
    func future(from now: Date = Date()) -> Date {
        switch value {
        case .relative(let seconds): now.addingTimeInterval(seconds)
        case .absolute(let date): date
        }
    }

    private static let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]

    static func parse(_ text: String) -> Value? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let unit = trimmed.last, let scale = units[unit] {
            let digits = trimmed.dropLast()
            // Up to ten years: beyond that it is a typo, and Date arithmetic stays exact.
            if !digits.isEmpty, digits.allSatisfy(\.isASCII), let count = Int(digits), count >= 0,
               Double(count) * scale <= 3650 * 86_400 {
                return .relative(seconds: Double(count) * scale)
            }
            if unit != "s" && unit != "d" { return nil }
        }
        if trimmed.count == 10, let date = dayFormatter().date(from: trimmed) {
            return .absolute(date)
        }
        for formatter in timeFormatters() {
            if let date = formatter.date(from: trimmed) { return .absolute(date) }
        }
        return nil
    }

    private static func dayFormatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withDashSeparatorInDate]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }

    private static func timeFormatters() -> [ISO8601DateFormatter] {
        let variants: [ISO8601DateFormatter.Options] = [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]]
        return variants.map { options in
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            return formatter
        }
    }
}
