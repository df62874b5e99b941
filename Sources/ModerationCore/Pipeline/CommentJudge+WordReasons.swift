extension CommentJudge {
    /// Appends a reason for each word-list hit in `text`, in the order `WordList.hits(in:)` gives them.
    static func addWordReasons(_ text: String?, field: CommentField, words: WordList, to reasons: inout [Reason]) {
        guard let text, !text.isEmpty else { return }
        // The two arrays the closure reads, rather than the whole list it would copy.
        let (entries, rules) = (words.entries, words.rules)
        words.forEachHit(in: text) { entry, bytes, span in
            reasons.append(reason(
                action: entries[entry].action, rule: rules[entry],
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
        var name = field.rawValue
        let contains: StaticString = " contains \""
        let length = name.utf8.count + contains.utf8CodeUnitCount + matched.count + listed.utf8CodeUnitCount
        let message = name.withUTF8 { name in
            String(unsafeUninitializedCapacity: length) { buffer in
                var written = copy(name, into: buffer, at: 0)
                written = copy(contains, into: buffer, at: written)
                written = copy(matched, into: buffer, at: written)
                return copy(listed, into: buffer, at: written)
            }
        }
        return Reason(code: code, field: field, match: match, rule: rule, action: decision, message: message)
    }

    /// Copies `part` into `buffer` from `offset` (as much as fits); returns the offset after it.
    private static func copy(_ part: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        let count = min(part.count, buffer.count - offset)
        _ = UnsafeMutableBufferPointer(rebasing: buffer[offset..<offset + count]).initialize(from: part.prefix(count))
        return offset + count
    }

    private static func copy(_ part: StaticString, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        copy(UnsafeBufferPointer(start: part.utf8Start, count: part.utf8CodeUnitCount), into: buffer, at: offset)
    }
}
