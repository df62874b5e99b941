import Foundation
import ModerationCore

/// Answers each line of `check email`.
struct CheckEmailHandler: CheckLineHandler {
    private let validator = EmailValidator()
    private let decoder = JSONDecoder()
    private let json: Bool
    private let style: TextStyle
    private(set) var unreadableLines = 0

    init(json: Bool, style: TextStyle) {
        self.json = json
        self.style = style
    }

    mutating func answer(_ line: CheckLine, into output: inout CheckOutput) {
        let address: Result<String, CheckLineError>
        if json {
            address = CheckLineError.decoding(String.self, from: line, with: decoder, expected: "a JSON string")
        } else if let error = CheckLineError.unreadable(line) {
            address = .failure(error)
        } else {
            address = .success(String(decoding: line.bytes, as: UTF8.self))
        }
        switch address {
        case let .failure(error):
            unreadableLines += 1
            let message = "line \(line.number): \(error.description)"
            if json {
                CheckJSON.appendEmail(valid: false, normalized: nil, error: message, to: &output)
            } else {
                output.append("\(style.error("error"))    \(TextStyle.visible(message))\n")
            }
        case let .success(address):
            let result = validator.validate(address)
            switch (result, json) {
            case let (.success(email), true):
                CheckJSON.appendEmail(valid: true, normalized: email.normalized, error: nil, to: &output)
            case let (.failure(error), true):
                CheckJSON.appendEmail(valid: false, normalized: nil, error: error.message, to: &output)
            case let (.success(email), false):
                output.append("\(style.paint("valid", as: .approve))    \(TextStyle.visible(email.normalized))\n")
            case let (.failure(error), false):
                let shown = address.isEmpty ? "\"\"" : TextStyle.visible(address)
                output.append("\(style.paint("invalid", as: .reject))  \(shown)  \(TextStyle.visible(error.message))\n")
            }
        }
    }

    mutating func finish(linesRead: Int, into output: inout CheckOutput) {}
}
