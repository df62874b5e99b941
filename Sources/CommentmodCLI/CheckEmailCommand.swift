import ArgumentParser
import Foundation

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
