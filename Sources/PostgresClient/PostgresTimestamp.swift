import Foundation

/// `Date` ⇄ PostgreSQL timestamp text, exact to the microsecond, without Calendar or DateFormatter (slow, and
/// DateFormatter rounds to milliseconds).
enum PostgresTimestamp {
    private static let microsecondsPerSecond: Int64 = 1_000_000
    private static let microsecondsPerDay: Int64 = 86_400 * microsecondsPerSecond
    /// Seconds from 1970-01-01 to 2001-01-01, Foundation's reference date.
    private static let referenceDateOffset: Int64 = 978_307_200

    /// `YYYY-MM-DD HH:MM:SS.ffffff+00`, with ` BC` for years before 1.
    static func format(_ date: Date) throws(PostgresError) -> String {
        // Counting from the reference date keeps Double's precision below a microsecond for centuries around now.
        let sinceReference = (date.timeIntervalSinceReferenceDate * Double(microsecondsPerSecond)).rounded()
        guard sinceReference.isFinite, abs(sinceReference) < 9.0e18 else {
            throw PostgresError(kind: .encoding, message: "a Date outside PostgreSQL's timestamp range cannot be sent")
        }
        let micros = Int64(sinceReference) + referenceDateOffset * microsecondsPerSecond
        let days = floorDivide(micros, microsecondsPerDay)
        let timeOfDay = micros - days * microsecondsPerDay
        let (year, month, day) = civilDate(fromDaysSince1970: days)
        let seconds = timeOfDay / microsecondsPerSecond
        var text = year > 0 ? padded(year, 4) : padded(1 - year, 4)
        text += "-" + padded(month, 2) + "-" + padded(day, 2)
        text += " " + padded(seconds / 3600, 2) + ":" + padded(seconds / 60 % 60, 2) + ":" + padded(seconds % 60, 2)
        text += "." + padded(timeOfDay % microsecondsPerSecond, 6) + "+00"
        if year <= 0 { text += " BC" }
        return text
    }

    /// Reads `timestamptz`, `timestamp` (taken as UTC) and `date` output in ISO DateStyle, and ISO 8601 with
    /// `T` and `Z`. Nil for anything else, including `infinity`.
    static func parse(_ text: String) -> Date? {
        var scanner = DigitScanner(bytes: Array(text.utf8))
        guard let year = scanner.number(maxDigits: 9), year >= 1,
            scanner.skip("-"), let month = scanner.number(exactDigits: 2), (1...12).contains(month),
            scanner.skip("-"), let day = scanner.number(exactDigits: 2), (1...31).contains(day)
        else { return nil }
        var seconds: Int64 = 0
        var fraction: Int64 = 0
        if scanner.skip(" ") || scanner.skip("T") {
            guard let hour = scanner.number(exactDigits: 2), hour <= 24,
                scanner.skip(":"), let minute = scanner.number(exactDigits: 2), minute <= 59,
                scanner.skip(":"), let second = scanner.number(exactDigits: 2), second <= 60
            else { return nil }
            seconds = (hour * 60 + minute) * 60 + second
            if scanner.skip(".") {
                guard let (value, digits) = scanner.fraction() else { return nil }
                fraction = value
                for _ in digits..<6 { fraction *= 10 }
            }
        }
        var offset: Int64 = 0
        if scanner.skip("Z") {
            offset = 0
        } else if let sign = scanner.sign() {
            guard let hours = scanner.number(exactDigits: 2) else { return nil }
            var minutes: Int64 = 0, extraSeconds: Int64 = 0
            if scanner.skip(":") || scanner.peekDigit {
                guard let value = scanner.number(exactDigits: 2) else { return nil }
                minutes = value
                if scanner.skip(":") || scanner.peekDigit {
                    guard let value = scanner.number(exactDigits: 2) else { return nil }
                    extraSeconds = value
                }
            }
            offset = sign * ((hours * 60 + minutes) * 60 + extraSeconds)
        }
        var astronomicalYear = year
        if scanner.skip(" BC") { astronomicalYear = 1 - year }
        guard scanner.atEnd else { return nil }
        let days = daysSince1970(year: astronomicalYear, month: month, day: day)
        let (dayMicros, overflow) = days.multipliedReportingOverflow(by: microsecondsPerDay)
        guard !overflow else { return nil }
        let micros = dayMicros + (seconds - offset) * microsecondsPerSecond + fraction
        let sinceReference = micros - referenceDateOffset * microsecondsPerSecond
        return Date(timeIntervalSinceReferenceDate: Double(sinceReference) / Double(microsecondsPerSecond))
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor < 0) ? quotient - 1 : quotient
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    // Proleptic Gregorian calendar arithmetic after Howard Hinnant's `days_from_civil` and `civil_from_days`.
    private static func daysSince1970(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilDate(fromDaysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private struct DigitScanner {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index == bytes.count }
        var peekDigit: Bool { index < bytes.count && Self.isDigit(bytes[index]) }

        /// A static literal: every timestamp the worker claims is parsed, and a String literal would be
        /// copied into an array at every call.
        mutating func skip(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { return false }
            index += count
            return true
        }

        mutating func sign() -> Int64? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }

        mutating func number(exactDigits: Int) -> Int64? {
            let start = index
            guard let value = number(maxDigits: exactDigits), index - start == exactDigits else { return nil }
            return value
        }

        mutating func number(maxDigits: Int) -> Int64? {
            var value: Int64 = 0
            let start = index
            while index < bytes.count, index - start < maxDigits, Self.isDigit(bytes[index]) {
                value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            return index > start ? value : nil
        }

        /// Up to six digits of a fraction (microseconds); further digits are read and dropped.
        mutating func fraction() -> (value: Int64, digits: Int)? {
            let start = index
            guard let value = number(maxDigits: 6) else { return nil }
            let digits = index - start
            while peekDigit { index += 1 }
            return (value, digits)
        }

        private static func isDigit(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }
}
