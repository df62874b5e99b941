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

    /// RFC 8259 string: quote, backslash and control characters escaped; everything else as UTF-8.
    static func appendString(_ text: String, to out: inout String) {
        out += "\""
        var plainStart = text.unicodeScalars.startIndex
        var index = plainStart
        let scalars = text.unicodeScalars
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let escape: String?
            switch scalar {
            case "\"": escape = "\\\""
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escape = nil
            }
            if let escape {
                out.unicodeScalars.append(contentsOf: scalars[plainStart..<index])
                out += escape
                plainStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        out.unicodeScalars.append(contentsOf: scalars[plainStart..<scalars.endIndex])
        out += "\""
    }
}
