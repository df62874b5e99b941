import Foundation
import ModerationCore

/// How commands write text for a person: colours only on a terminal, and never when
/// the user opted out with NO_COLOR (no-color.org: set and not empty) or the terminal is "dumb".
struct TextStyle: Sendable {
    let colour: Bool

    static let plain = TextStyle(colour: false)

    /// The style for this process's standard output.
    static func forStandardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> TextStyle {
        let optedOut = !(environment["NO_COLOR"] ?? "").isEmpty || environment["TERM"] == "dumb"
        return TextStyle(colour: isatty(STDOUT_FILENO) == 1 && !optedOut)
    }

    /// The decision's name, in its colour: approve green, hold yellow, spam magenta, reject red.
    func decision(_ decision: Decision, uppercased: Bool = false, bold: Bool = false) -> String {
        paint(uppercased ? decision.rawValue.uppercased() : decision.rawValue, as: decision, bold: bold)
    }

    /// `text` in the colour of `decision`.
    func paint(_ text: String, as decision: Decision, bold: Bool = false) -> String {
        let code = switch decision {
        case .approve: "32"
        case .hold: "33"
        case .spam: "35"
        case .reject: "31"
        }
        return paint(text, bold ? "1;" + code : code)
    }

    /// A stored comment status (`approved`, `held`, …) in the colour of the decision that leads to it.
    /// Padding around the word is kept (and painted), so table cells can be passed as they are.
    func status(_ status: String) -> String {
        switch status.trimmingCharacters(in: .whitespaces) {
        case "approved": paint(status, as: .approve)
        case "held": paint(status, as: .hold)
        case "spam": paint(status, as: .spam)
        case "rejected": paint(status, as: .reject)
        default: status
        }
    }

    func bold(_ text: String) -> String { paint(text, "1") }

    func error(_ text: String) -> String { paint(text, "1;31") }

    func dim(_ text: String) -> String { paint(text, "2") }

    private func paint(_ text: String, _ sgr: String) -> String {
        colour ? "\u{1B}[\(sgr)m\(text)\u{1B}[0m" : text
    }

    /// `text` made safe to print on a terminal: control characters (an escape sequence in a comment could
    /// rewrite the screen), line and paragraph separators, and bidirectional controls (which reorder what
    /// follows) are shown as `\u{1B}` rather than sent.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value >= 0x20 && scalar.value < 0x7F { return false }
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return scalar.properties.isBidiControl
        }
    }
}
