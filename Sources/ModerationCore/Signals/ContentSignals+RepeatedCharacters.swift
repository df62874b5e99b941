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
            var runs = RunFinder(bytes: bytes, minimum: minimum)
            var start = 0
            while start < bytes.count {
                if bytes[start] < 0x80 {
                    // Grapheme breaking is the costly part, and ASCII needs none: an ASCII byte followed by
                    // another ASCII byte is a whole grapheme (CR LF is white space either way). Only the last
                    // byte before non-ASCII may take combining marks from what follows.
                    let end = ByteScan.firstNonASCII(bytes, in: start + 1..<bytes.count)
                    let lastTakesMarks = end < bytes.count
                    runs.addASCII(start..<(lastTakesMarks ? end - 1 : end))
                    start = end
                    guard lastTakesMarks else { continue }
                    start -= 1
                }
                let (scalar, length) = LinkSyntax.decodeScalar(bytes, at: start)
                let properties = ScalarPropertyCache.shared.properties(of: scalar)
                var end = start + length
                // A character ends before an ASCII one, unless it is a prepended mark taking the next
                // printable one, and between two scalars that stand alone; only otherwise are grapheme
                // rules needed.
                let next = end < bytes.count ? bytes[end] : 0
                let needsRules =
                    next < 0x80
                    ? properties.joinsFollowingASCII && next >= 0x20 && next != 0x7F
                    : !properties.standsAlone
                        || !ScalarPropertyCache.shared.properties(of: LinkSyntax.decodeScalar(bytes, at: end).0).standsAlone
                if needsRules {
                    let utf8 = original.utf8
                    let index = utf8.index(utf8.startIndex, offsetBy: start)
                    end = utf8.distance(from: utf8.startIndex, to: original.index(after: index))
                }
                runs.add(start..<end, count: 1, isWhitespace: properties.isWhitespace)
                start = end
            }
            runs.close()
            return runs.found.map { (LinkScanner.string(bytes, $0.grapheme), $0.length) }
        }
    }
}

/// Follows runs of one grapheme through a text, grapheme by grapheme, keeping those of `minimum` or more.
private struct RunFinder {
    let bytes: LinkSyntax.Bytes
    let minimum: Int
    /// Each grapheme with a long run, once, and its longest run.
    var found: [(grapheme: Range<Int>, length: Int)] = []
    /// The grapheme being repeated (nil after whitespace) and how often so far.
    private var current: Range<Int>?
    private var length = 0

    init(bytes: LinkSyntax.Bytes, minimum: Int) {
        self.bytes = bytes
        self.minimum = minimum
    }

    /// `count` more of `grapheme`: the run goes on, or the current one ends and this one starts.
    mutating func add(_ grapheme: Range<Int>, count: Int, isWhitespace: Bool) {
        if let run = current, !isWhitespace, same(run, grapheme) {
            length += count
            return
        }
        close()
        current = isWhitespace ? nil : grapheme
        length = count
    }

    /// Ends the current run.
    mutating func close() {
        if let run = current, length >= minimum {
            if let known = found.firstIndex(where: { same($0.grapheme, run) }) {
                found[known].length = max(found[known].length, length)
            } else {
                found.append((run, length))
            }
        }
        current = nil
        length = 0
    }

    /// The ASCII bytes of `range`, each a grapheme. Only the first run may continue the current one and
    /// only the last may go on after the range; a short run between them is never reported and merely
    /// ends the run before it, so only long ones are looked at, found by their first byte equalling the
    /// next one and the one `minimum - 1` on (`minimum` is at least 2). The first such byte starts a long
    /// run or lies in a short one: the first byte of a long run would be found before it.
    mutating func addASCII(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let firstEnd = runEnd(from: range.lowerBound, limit: range.upperBound)
        addRun(range.lowerBound..<firstEnd)
        guard firstEnd < range.upperBound else { return }
        var lastStart = range.upperBound - 1
        while lastStart > firstEnd, bytes[lastStart - 1] == bytes[range.upperBound - 1] { lastStart -= 1 }
        var cursor = firstEnd
        var skipped = false
        while cursor < lastStart {
            guard let candidate = ByteScan.firstPossibleRun(bytes, in: cursor..<lastStart, length: minimum) else {
                skipped = true
                break
            }
            skipped = skipped || candidate > cursor
            cursor = runEnd(from: candidate, limit: lastStart)
            if cursor - candidate >= minimum {
                if skipped { close() }
                skipped = false
                addRun(candidate..<cursor)
            } else {
                skipped = true
            }
        }
        if skipped { close() }
        addRun(lastStart..<range.upperBound)
    }

    /// Adds a run of one ASCII byte; C0 controls count as white space here, they end a run either way.
    private mutating func addRun(_ run: Range<Int>) {
        let byte = bytes[run.lowerBound]
        add(run.lowerBound..<run.lowerBound + 1, count: run.count, isWhitespace: byte <= 0x20)
    }

    private func runEnd(from start: Int, limit: Int) -> Int {
        var end = start + 1
        while end < limit, bytes[end] == bytes[start] { end += 1 }
        return end
    }

    private func same(_ left: Range<Int>, _ right: Range<Int>) -> Bool {
        guard left.count == right.count else { return false }
        if left.count == 1 { return bytes[left.lowerBound] == bytes[right.lowerBound] }
        return LinkSyntax.Bytes(rebasing: bytes[left]).elementsEqual(LinkSyntax.Bytes(rebasing: bytes[right]))
    }
}
