extension CommentJudge {
    /// Appends a reason for each word-list hit in `text`, in the order `WordList.hits(in:)` gives them.
    static func addWordReasons(_ text: String?, field: CommentField, words: WordList, to reasons: inout [Reason]) {
        guard let text, !text.isEmpty else { return }
        words.forEachHit(in: text) { entry, bytes, span in
            reasons.append(reason(
                action: words.entries[entry].action, rule: words.rules[entry],
                matched: UnsafeBufferPointer(rebasing: bytes[span]), field: field))
        }
    }

    /// The reason for a hit of an entry with `action` and `rule` on the bytes `matched` of `field`. Each
    /// string is made in one allocation: a comment may hit many entries, and appending piece by piece
    /// costs several times as much per string.
    static func reason(action: WordAction, rule: String, matched: UnsafeBufferPointer<UInt8>, field: CommentField) -> Reason {
        let (code, decision, listed): (String, Decision, StaticString) =
            switch action {
            case .reject: ("word_reject", .reject, "\", listed as reject.")
            case .hold: ("word_hold", .hold, "\", listed as hold.")
            case .flag: ("word_flag", .approve, "\", listed as flag.")
            case .allow: ("word_allow", .approve, "\", listed as allow.")
            }
        let match = String(decoding: matched, as: UTF8.self)
        let name = field.rawValue
        let contains: StaticString = " contains \""
        let length = name.utf8.count + contains.utf8CodeUnitCount + matched.count + listed.utf8CodeUnitCount
        let message = String(unsafeUninitializedCapacity: length) { buffer in
            var written = 0
            func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                for byte in bytes where written < buffer.count {
                    buffer[written] = byte
                    written += 1
                }
            }
            var name = name
            name.withUTF8(put)
            put(UnsafeBufferPointer(start: contains.utf8Start, count: contains.utf8CodeUnitCount))
            put(matched)
            put(UnsafeBufferPointer(start: listed.utf8Start, count: listed.utf8CodeUnitCount))
            return written
        }
        return Reason(code: code, field: field, match: match, rule: rule, action: decision, message: message)
    }
}
