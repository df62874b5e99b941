import ModerationCore

/// Reasons as the JSON array stored in `comments.reasons` and `comment_events.reasons`: keys in a fixed
/// order, absent optionals left out. Written by hand because Foundation's JSONEncoder costs more per
/// comment than judging it does, and the worker encodes every verdict.
enum ReasonsJSON {
    static func encode(_ reasons: [Reason]) -> String {
        var out = "["
        for (index, reason) in reasons.enumerated() {
            if index > 0 { out += "," }
            out += "{\"action\":"
            appendString(reason.action.rawValue, to: &out)
            out += ",\"code\":"
            appendString(reason.code, to: &out)
            if let field = reason.field {
                out += ",\"field\":"
                appendString(field.rawValue, to: &out)
            }
            if let match = reason.match {
                out += ",\"match\":"
                appendString(match, to: &out)
            }
            out += ",\"message\":"
            appendString(reason.message, to: &out)
            if let rule = reason.rule {
                out += ",\"rule\":"
                appendString(rule, to: &out)
            }
            out += "}"
        }
        return out + "]"
    }

    static func appendString(_ text: String, to out: inout String) {
        JSONText.appendQuoted(text, to: &out)
    }
}
