import ArgumentParser
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Judge comments read from stdin, without a database: one verdict per input line.",
        discussion: """
            Each line of stdin is one comment as a JSON object: site_id, post_id, author_name, author_email, \
            author_url, body, and optionally parent_id, author_ip, user_agent (missing or null fields are \
            judged as missing; other keys are ignored). Every comment is judged as the worker would judge it \
            with the given policy and word list.

            Facts: check has no database, so what the worker would look up is unknown and the trust, flood, \
            duplicate and block rules do not fire. To try them, give a line a "facts" object with any of \
            previously_approved_count, seconds_since_last_from_ip, seconds_since_last_from_email, \
            duplicate_on_post and blocks (a list of {"kind": "ip"|"cidr"|"email"|"domain", "value": …}).

            With --json, each input line gets exactly one output line, in order: {"verdict": \
            "approve"|"hold"|"spam"|"reject", "reasons": [{"code", "field", "match", "rule", "action", \
            "message"}], "email_normalized": string or null, "body_html": string or null}. body_html is what \
            would be published, so it is null unless the verdict is approve. A line that cannot be read (not \
            JSON, not an object, a field of the wrong type, invalid UTF-8, or a blank line) gets \
            {"line": N, "error": "…"} instead, and the lines after it go on. Answers are written as soon as \
            the input pauses, so check works as a coprocess.

            Without --json, a block per comment for a person, coloured on a terminal unless NO_COLOR is set, \
            and a summary line.

            Exit status: 0 when every line was read (whatever the verdicts); 1 when any line could not be \
            read (its error is in the output, in place of its verdict); 2 for bad options or an unreadable \
            or invalid --policy or --words file.
            """,
        subcommands: [CheckEmailCommand.self]
    )

    @Flag(help: "Print one JSON object per input line.")
    var json = false

    @Option(help: ArgumentHelp("A site policy document, as stored in sites.policy (default: the built-in policy).", valueName: "file.json"))
    var policy: String?

    @Option(help: ArgumentHelp("A word list: one 'ACTION PATTERN' per line, ACTION being reject, hold, flag or allow.", valueName: "file"))
    var words: String?

    func run() throws {
        let rules = try CheckRulesFiles.load(policy: policy, words: words)
        CheckStream.hintIfInteractive("comments, one JSON object per line")
        var handler = CheckCommentHandler(rules: rules, format: json ? .json : .text(.forStandardOutput()))
        try CheckStream.run(&handler)
    }
}
