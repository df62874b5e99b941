import ModerationCore

/// The JSON lines `check --json` and `check email --json` print, written straight into the output buffer:
/// keys sorted, no spaces, slashes unescaped, every key present (null when empty) so each line has the
/// same shape. Written by hand rather than with JSONEncoder because it runs once per input line and must
/// print nulls that Codable's synthesized conformances leave out.
enum CheckJSON {
    /// `{"body_html":…,"email_normalized":…,"reasons":[…],"verdict":"hold"}`; each reason is
    /// `{"action":…,"code":…,"field":…,"match":…,"message":…,"rule":…}`.
    static func append(_ verdict: Verdict, to output: inout CheckOutput) {
        output.append("{\"body_html\":")
        append(verdict.bodyHTML, to: &output)
        output.append(",\"email_normalized\":")
        append(verdict.emailNormalized, to: &output)
        output.append(",\"reasons\":[")
        for (index, reason) in verdict.reasons.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append("{\"action\":")
            append(reason.action.rawValue, to: &output)
            output.append(",\"code\":")
            append(reason.code, to: &output)
            output.append(",\"field\":")
            append(reason.field?.rawValue, to: &output)
            output.append(",\"match\":")
            append(reason.match, to: &output)
            output.append(",\"message\":")
            append(reason.message, to: &output)
            output.append(",\"rule\":")
            append(reason.rule, to: &output)
            output.append(UInt8(ascii: "}"))
        }
        output.append("],\"verdict\":")
        append(verdict.decision.rawValue, to: &output)
        output.append("}\n")
    }

    /// `{"error":"…","line":3}`: the answer to a line that could not be read as a comment.
    static func appendError(line: Int, message: String, to output: inout CheckOutput) {
        output.append("{\"error\":")
        append(message, to: &output)
        output.append(",\"line\":\(line)}\n")
    }

    /// `{"error":…,"normalized":…,"valid":…}`: the answer of `check email --json`.
    static func appendEmail(valid: Bool, normalized: String?, error: String?, to output: inout CheckOutput) {
        output.append("{\"error\":")
        append(error, to: &output)
        output.append(",\"normalized\":")
        append(normalized, to: &output)
        output.append(valid ? ",\"valid\":true}\n" : ",\"valid\":false}\n")
    }

    /// A JSON string, or `null` for nil. Escapes quote, backslash, C0 and C1 controls, DEL, and U+2028 and
    /// U+2029 (which some line readers split on), so every answer stays one line for every reader.
    static func append(_ text: String?, to output: inout CheckOutput) {
        guard let text else {
            output.append("null")
            return
        }
        var quoted = ""
        JSONText.appendQuoted(text, to: &quoted)
        output.append(quoted)
    }
}
