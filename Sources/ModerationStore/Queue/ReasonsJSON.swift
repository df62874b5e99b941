import ModerationCore

/// Reasons as the JSON array stored in `comments.reasons` and `comment_events.reasons`: keys in a fixed
/// order, absent optionals left out. Written by hand because Foundation's JSONEncoder costs more per
/// comment than judging it does, and the worker encodes every verdict.
enum ReasonsJSON {
    static func encode(_ reasons: [Reason]) -> String {
        // Built as bytes and made a String once: many small appends to a String cost more than the text.
        var out: [UInt8] = []
        out.reserveCapacity(2 + reasons.reduce(0) { $0 + 64 + $1.message.utf8.count + $1.code.utf8.count + ($1.match?.utf8.count ?? 0) + ($1.rule?.utf8.count ?? 0) })
        out.append(UInt8(ascii: "["))
        for (index, reason) in reasons.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"action":"#.utf8)
            JSONText.appendQuoted(reason.action.rawValue, to: &out)
            out.append(contentsOf: #","code":"#.utf8)
            JSONText.appendQuoted(reason.code, to: &out)
            if let field = reason.field {
                out.append(contentsOf: #","field":"#.utf8)
                JSONText.appendQuoted(field.rawValue, to: &out)
            }
            if let match = reason.match {
                out.append(contentsOf: #","match":"#.utf8)
                JSONText.appendQuoted(match, to: &out)
            }
            out.append(contentsOf: #","message":"#.utf8)
            JSONText.appendQuoted(reason.message, to: &out)
            if let rule = reason.rule {
                out.append(contentsOf: #","rule":"#.utf8)
                JSONText.appendQuoted(rule, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }
}
