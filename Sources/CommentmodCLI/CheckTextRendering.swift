import ModerationCore

/// The text `check` prints without --json, one block per input line:
///
///     #2 SPAM  (3 reasons)
///       hold     too_many_links  body  "2"         The comment has 2 links; …  [max_links]
///       approve  html_markup     body  "<script>"  The comment contains HTML markup (<script>), …
///       spam     script_content  body  "<script"   The comment carries script content …
///       email:   ann@example.org
///     #3 ERROR  not valid JSON: …
///
/// and a summary line at the end. Everything taken from the input is passed through
/// `TextStyle.visible`, so a comment cannot send escape sequences to the terminal.
enum CheckTextRendering {
    static func block(line: Int, _ verdict: Verdict, style: TextStyle) -> String {
        let count = verdict.reasons.count
        let reasons = count == 0 ? "no reasons" : count == 1 ? "1 reason" : "\(count) reasons"
        var text = "#\(line) \(style.decision(verdict.decision, uppercased: true, bold: true))  \(style.dim("(\(reasons))"))\n"
        let rows = verdict.reasons.map { reason in
            (code: reason.code, field: reason.field?.rawValue ?? "-",
             match: reason.match.map { "\"" + TextStyle.visible($0) + "\"" } ?? "-")
        }
        let codeWidth = rows.map(\.code.count).max() ?? 0
        let fieldWidth = rows.map(\.field.count).max() ?? 0
        let matchWidth = rows.map(\.match.count).max() ?? 0
        for (reason, row) in zip(verdict.reasons, rows) {
            let action = style.decision(reason.action) + pad(reason.action.rawValue, 7)
            let rule = reason.rule.map { "  " + style.dim("[\(TextStyle.visible($0))]") } ?? ""
            text += "  \(action)  \(row.code + pad(row.code, codeWidth))  \(row.field + pad(row.field, fieldWidth))"
                + "  \(row.match + pad(row.match, matchWidth))  \(TextStyle.visible(reason.message))\(rule)\n"
        }
        if let email = verdict.emailNormalized {
            text += "  email:   \(TextStyle.visible(email))\n"
        }
        if let html = verdict.bodyHTML, !html.isEmpty {
            let lines = html.split(separator: "\n", omittingEmptySubsequences: false).map { TextStyle.visible(String($0)) }
            text += "  html:    " + lines.joined(separator: "\n           ") + "\n"
        }
        return text
    }

    static func errorBlock(line: Int, _ message: String, style: TextStyle) -> String {
        "#\(line) \(style.error("ERROR"))  \(TextStyle.visible(message))\n"
    }

    /// `3 lines: 1 approve, 1 hold, 0 spam, 0 reject, 1 unreadable`
    static func summary(lines: Int, counts: [Decision: Int], unreadable: Int, style: TextStyle) -> String {
        let decisions = Decision.allCases.map { "\(counts[$0] ?? 0) \(style.decision($0))" }.joined(separator: ", ")
        let tail = unreadable > 0 ? ", \(unreadable) \(style.error("unreadable"))" : ""
        return (lines > 0 ? "\n" : "") + "\(lines) \(lines == 1 ? "line" : "lines"): \(decisions)\(tail)\n"
    }

    /// Spaces that take `text` to `width` characters (the text itself may carry colour codes, so it is
    /// measured before painting).
    static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count))
    }
}
