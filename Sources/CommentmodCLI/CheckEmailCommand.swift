import ArgumentParser
import Foundation
import ModerationCore

struct CheckEmailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "email",
        abstract: "Validate email addresses read from stdin, one per line, as the comment form's email field.",
        discussion: """
            Without --json, each line is an address exactly as written (only the line end is removed) and \
            the answer is "valid    NORMALIZED" or "invalid  ADDRESS  MESSAGE".

            With --json, each line is a JSON string ("ann@example.org") and the answer is \
            {"valid": true|false, "normalized": string or null, "error": string or null}. A line that is \
            not a JSON string still gets those three keys, with valid false and an error starting with \
            "line N:".

            Exit status: 0 when every line was read (invalid addresses included); 1 when any line could not \
            be read (not a JSON string with --json, invalid UTF-8 in either mode).
            """
    )

    @ParentCommand var check: CheckCommand

    // Declared again so it shows in this command's help; ArgumentParser hands `--json` to the parent
    // command when both declare it, so either may hold it.
    @Flag(help: "Read JSON strings and print one JSON object per input line.")
    var json = false

    func validate() throws {
        if check.policy != nil || check.words != nil {
            throw ValidationError("--policy and --words go with check, not with check email")
        }
    }

    func run() throws {
        let json = json || check.json
        CheckStream.hintIfInteractive(json ? "addresses, one JSON string per line" : "addresses, one per line")
        var handler = CheckEmailHandler(json: json, style: .forStandardOutput())
        try CheckStream.run(&handler)
    }
}

/// Answers each line of `check email`.
struct CheckEmailHandler: CheckLineHandler {
    private let validator = EmailValidator()
    private let decoder = JSONDecoder()
    private let json: Bool
    private let style: CheckTextStyle
    private(set) var unreadableLines = 0

    init(json: Bool, style: CheckTextStyle) {
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
                output.append("\(style.error("error"))    \(CheckTextStyle.visible(message))\n")
            }
        case let .success(address):
            let result = validator.validate(address)
            switch (result, json) {
            case let (.success(email), true):
                CheckJSON.appendEmail(valid: true, normalized: email.normalized, error: nil, to: &output)
            case let (.failure(error), true):
                CheckJSON.appendEmail(valid: false, normalized: nil, error: error.message, to: &output)
            case let (.success(email), false):
                output.append("\(style.paint("valid", as: .approve))    \(CheckTextStyle.visible(email.normalized))\n")
            case let (.failure(error), false):
                let shown = address.isEmpty ? "\"\"" : CheckTextStyle.visible(address)
                output.append("\(style.paint("invalid", as: .reject))  \(shown)  \(CheckTextStyle.visible(error.message))\n")
            }
        }
    }

    mutating func finish(linesRead: Int, into output: inout CheckOutput) {}
}
