extension ContentSignals {
    /// `repeated_characters` for each character (a user-perceived one: an emoji with its modifiers, a
    /// letter with its accents) repeated at least the policy's run length in a row; whitespace runs, such
    /// as indentation, are not reported.
    static func repeatedCharacterReasons(_ text: String, policy: ContentSignalPolicy) -> [Reason] {
        guard policy.repeatedCharacterRun >= 2 else { return [] }
        let found = longRuns(in: text, minimum: policy.repeatedCharacterRun)
        return found.prefix(maximumReasonsPerSignal).map { run in
            Reason(
                code: "repeated_characters", field: .body, match: run.grapheme, rule: "repeated_character_run",
                action: .approve, message: "The comment repeats \"\(run.grapheme)\" \(run.length) times in a row."
            )
        }
    }

    /// Each grapheme repeated at least `minimum` times in a row, once, with its longest run, in order.
    private static func longRuns(in text: String, minimum: Int) -> [(grapheme: String, length: Int)] {
        let original = text
        var text = text
        return text.withUTF8 { bytes in
            var found: [(grapheme: Range<Int>, length: Int)] = []
            // The grapheme being repeated (nil after whitespace) and how often so far.
            var current: Range<Int>?
            var length = 0
            func add(_ grapheme: Range<Int>, count: Int, isWhitespace: Bool) {
                if let run = current, !isWhitespace, same(bytes, run, grapheme) {
                    length += count
                    return
                }
                if let run = current, length >= minimum {
                    if let known = found.firstIndex(where: { same(bytes, $0.grapheme, run) }) {
                        found[known].length = max(found[known].length, length)
                    } else {
                        found.append((run, length))
                    }
                }
                current = isWhitespace ? nil : grapheme
                length = count
            }
            var start = 0
            if !bytes.contains(where: { $0 >= 0x80 }) {
                // ASCII only: every byte is a grapheme (CR LF is whitespace either way).
                while start < bytes.count {
                    var end = start + 1
                    while end < bytes.count, bytes[end] == bytes[start] { end += 1 }
                    if end - start >= minimum {
                        add(start..<start + 1, count: end - start, isWhitespace: bytes[start] <= 0x20)
                        add(0..<0, count: 0, isWhitespace: true)  // a maximal run: the next byte differs
                    }
                    start = end
                }
            }
            while start < bytes.count {
                let byte = bytes[start]
                if byte < 0x80, byte != 0x0D {
                    // Grapheme breaking is the costly part, and ASCII needs none: an ASCII byte followed
                    // by another ASCII byte (CR LF aside) is a whole grapheme. Only the last of a run may
                    // take combining marks from what follows.
                    var end = start + 1
                    while end < bytes.count, bytes[end] == byte { end += 1 }
                    let wholeRun = end == bytes.count || bytes[end] < 0x80
                    let count = wholeRun ? end - start : end - start - 1
                    if count > 0 { add(start..<start + 1, count: count, isWhitespace: byte <= 0x20) }
                    start += count
                    if wholeRun { continue }
                }
                let utf8 = original.utf8
                let index = utf8.index(utf8.startIndex, offsetBy: start)
                let end = utf8.distance(from: utf8.startIndex, to: original.index(after: index))
                add(start..<end, count: 1, isWhitespace: LinkSyntax.decodeScalar(bytes, at: start).0.properties.isWhitespace)
                start = end
            }
            add(0..<0, count: 0, isWhitespace: true)  // closes the last run
            return found.map { (LinkScanner.string(bytes, $0.grapheme), $0.length) }
        }
    }

    private static func same(_ bytes: LinkSyntax.Bytes, _ left: Range<Int>, _ right: Range<Int>) -> Bool {
        guard left.count == right.count else { return false }
        if left.count == 1 { return bytes[left.lowerBound] == bytes[right.lowerBound] }
        return LinkSyntax.Bytes(rebasing: bytes[left]).elementsEqual(LinkSyntax.Bytes(rebasing: bytes[right]))
    }
}
