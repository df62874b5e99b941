extension ContentSignals {
    /// `repeated_characters` for each character (a user-perceived one: an emoji with its modifiers, a
    /// letter with its accents) repeated at least the policy's run length in a row; whitespace runs, such
    /// as indentation, are not reported.
    /// - Parameters:
    ///   - singleScalars: ``BodyScan/simpleCharacters`` of `text` when known (every character one scalar,
    ///     or one scalar and a variation selector); false takes the general way whatever the text (for
    ///     tests that compare the two).
    ///   - candidates: ``BodyScan/runCandidates`` of `text` when known, with `singleScalars`.
    static func repeatedCharacterReasons(
        _ text: String, policy: ContentSignalPolicy, singleScalars: Bool? = nil,
        candidates: BodyScan.RunCandidates = BodyScan.RunCandidates()
    ) -> [Reason] {
        var reasons: [Reason] = []
        addRepeatedCharacterReasons(text, policy: policy, singleScalars: singleScalars, candidates: candidates, to: &reasons)
        return reasons
    }

    /// Appends ``repeatedCharacterReasons(_:policy:singleScalars:candidates:)`` to `reasons`, in place
    /// rather than through an array of their own.
    static func addRepeatedCharacterReasons(
        _ text: String, policy: ContentSignalPolicy, singleScalars: Bool?, candidates: BodyScan.RunCandidates,
        to reasons: inout [Reason]
    ) {
        guard policy.repeatedCharacterRun >= 2 else { return }
        longRuns(in: text, minimum: policy.repeatedCharacterRun, singleScalars: singleScalars, candidates: candidates, to: &reasons)
    }

    /// Appends a reason for each grapheme `runs` found, with its longest run, to `reasons`.
    private static func add(_ runs: RunFinder, to reasons: inout [Reason]) {
        for run in runs.found {
            let grapheme = UnsafeBufferPointer(rebasing: runs.bytes[run.grapheme])
            reasons.append(Reason(
                code: "repeated_characters", field: .body, match: LinkScanner.string(runs.bytes, run.grapheme),
                rule: "repeated_character_run", action: .approve, message: message(grapheme, repeated: run.length)
            ))
        }
    }

    /// "The comment repeats "`grapheme`" `count` times in a row.", written at its final size from the
    /// text's bytes and the count's digits.
    private static func message(_ grapheme: LinkSyntax.Bytes, repeated count: Int) -> String {
        let (opening, closing, ending): (StaticString, StaticString, StaticString) = (
            "The comment repeats \"", "\" ", " times in a row."
        )
        let length = opening.utf8CodeUnitCount + grapheme.count + closing.utf8CodeUnitCount
            + ReasonMessage.decimalLength(count) + ending.utf8CodeUnitCount
        return String(unsafeUninitializedCapacity: length) { buffer in
            var offset = ReasonMessage.copy(opening, into: buffer, at: 0)
            offset = ReasonMessage.copy(grapheme, into: buffer, at: offset)
            offset = ReasonMessage.copy(closing, into: buffer, at: offset)
            offset = ReasonMessage.writeDecimal(count, into: buffer, at: offset)
            return ReasonMessage.copy(ending, into: buffer, at: offset)
        }
    }

    /// Appends the reasons for the first graphemes (``maximumReasonsPerSignal``) repeated at least
    /// `minimum` times in a row, each once with its longest run, in order; made straight from the runs
    /// found, without an array of the graphemes' strings between them.
    private static func longRuns(
        in text: String, minimum: Int, singleScalars: Bool?, candidates: BodyScan.RunCandidates, to reasons: inout [Reason]
    ) {
        let original = text
        var text = text
        text.withUTF8 { bytes in
            var runs = RunFinder(bytes: bytes, minimum: minimum, limit: maximumReasonsPerSignal)
            var simple = singleScalars
            var candidates = candidates
            if simple == nil {
                let scan = BodyScan(bytes, runMinimum: minimum)
                (simple, candidates) = (scan.simpleCharacters, scan.runCandidates)
            }
            if simple ?? false {
                runs.addSingleScalarRuns(candidates: candidates)
                return add(runs, to: &reasons)
            }
            var start = 0
            while start < bytes.count {
                if bytes[start] < 0x80 {
                    // Grapheme breaking is the costly part, and ASCII needs none: an ASCII byte followed by
                    // another ASCII byte is a whole grapheme (CR LF is white space either way). Only the last
                    // byte before non-ASCII may take combining marks from what follows.
                    let end = BlockScan.firstNonASCII(bytes, in: start + 1..<bytes.count)
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
                if needsRules, let withSelector = variationSelectorEnd(bytes, base: start..<end, properties) {
                    end = withSelector
                } else if needsRules {
                    // `start` is a character boundary: the text from there, as a substring, is broken into
                    // characters forward only, without first looking back for the boundary before it.
                    let utf8 = original.utf8
                    let rest = Substring(original.unicodeScalars[utf8.index(utf8.startIndex, offsetBy: start)...])
                    end = start + rest.utf8.distance(from: rest.startIndex, to: rest.index(after: rest.startIndex))
                }
                runs.add(start..<end, count: 1, isWhitespace: properties.isWhitespace)
                start = end
            }
            runs.close()
            add(runs, to: &reasons)
        }
    }
}

extension ContentSignals {
    /// Where the character ends that starts with the scalar at `base` (with `properties`) when a variation
    /// selector (U+FE0E or U+FE0F, as in "❤️") follows it and then the end, an ASCII character or a scalar
    /// that stands alone; nil otherwise. Such a character is the base and the selector, which costs less
    /// to tell than asking the grapheme rules: nothing breaks before an extending selector but after a
    /// control (a base that stands alone and is no control, format or separator character), and after it
    /// nothing joins what follows (an ASCII character, or a scalar that stands alone, which is no mark,
    /// joiner, regional indicator or jamo).
    static func variationSelectorEnd(
        _ bytes: LinkSyntax.Bytes, base: Range<Int>, _ properties: CachedScalarProperties
    ) -> Int? {
        let selector = base.upperBound
        guard isSelector(bytes, at: selector) else { return nil }
        if base.count == 1 {
            guard bytes[base.lowerBound] >= 0x20, bytes[base.lowerBound] < 0x7F else { return nil }
        } else {
            switch properties.category {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                return nil
            default:
                guard properties.standsAlone else { return nil }
            }
        }
        let end = selector + 3
        guard end < bytes.count, bytes[end] >= 0x80 else { return end }
        return ScalarPropertyCache.shared.properties(of: LinkSyntax.decodeScalar(bytes, at: end).0).standsAlone ? end : nil
    }

    /// The character made of the variation selector at `selector` and the scalar before it, when
    /// ``variationSelectorEnd(_:base:_:)`` tells it one; nil otherwise (no selector there, nothing before
    /// it, or a base or what follows that grapheme rules would treat otherwise).
    static func selectorCharacter(_ bytes: LinkSyntax.Bytes, selector: Int) -> Range<Int>? {
        guard let base = selectorBase(bytes, selector: selector) else { return nil }
        let properties = ScalarPropertyCache.shared.properties(of: LinkSyntax.decodeScalar(bytes, at: base).0)
        return variationSelectorEnd(bytes, base: base..<selector, properties).map { base..<$0 }
    }

    /// Where the scalar before `selector` starts when the bytes at `selector` are a variation selector
    /// U+FE0E or U+FE0F and a scalar comes before it; nil otherwise.
    static func selectorBase(_ bytes: LinkSyntax.Bytes, selector: Int) -> Int? {
        guard selector > 0, isSelector(bytes, at: selector) else { return nil }
        var base = selector - 1
        while base > 0, base > selector - 4, bytes[base] & 0xC0 == 0x80 { base -= 1 }
        return bytes[base] & 0xC0 == 0x80 ? nil : base
    }

    /// Whether the bytes at `index` start a variation selector U+FE0E or U+FE0F.
    static func isSelector(_ bytes: LinkSyntax.Bytes, at index: Int) -> Bool {
        index + 3 <= bytes.count && bytes[index] == 0xEF && bytes[index + 1] == 0xB8
            && (bytes[index + 2] == 0x8E || bytes[index + 2] == 0x8F)
    }
}

/// Follows runs of one grapheme through a text, grapheme by grapheme, keeping those of `minimum` or more.
private struct RunFinder {
    let bytes: LinkSyntax.Bytes
    let minimum: Int
    /// How many graphemes are kept: the first ones, as only those are reported.
    let limit: Int
    /// Each grapheme with a long run, once, and its longest run: the first `limit` of them.
    var found: [(grapheme: Range<Int>, length: Int)] = []
    /// The grapheme being repeated (nil after whitespace) and how often so far.
    private var current: Range<Int>?
    private var length = 0

    init(bytes: LinkSyntax.Bytes, minimum: Int, limit: Int) {
        self.bytes = bytes
        self.minimum = minimum
        self.limit = limit
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
            } else if found.count < limit {
                // All the room at once: growing one by one reallocated 1.6 times a comment with runs.
                if found.isEmpty { found.reserveCapacity(limit) }
                found.append((run, length))
            }
        }
        current = nil
        length = 0
    }

    /// Every long run of a text whose characters are each one scalar (CR LF aside, which is white space
    /// either way) or one scalar and a variation selector (``BodyScan/simpleCharacters``), found without
    /// walking it character by character: only candidates are looked at (see `nextCandidate`), in text
    /// order, and each run is closed at once: maximal runs of one scalar, less a last one that takes a
    /// selector, and maximal runs of one scalar and selector are exactly its runs of characters.
    /// - Parameter candidates: the blocks where runs may start, when marked for `minimum`.
    mutating func addSingleScalarRuns(candidates marks: BodyScan.RunCandidates) {
        let marks = marks.minimum == minimum ? marks : BodyScan.RunCandidates()
        var start = nextCandidate(from: 0, marks: marks)
        while start < bytes.count {
            let lead = bytes[start]
            if lead == 0xEF, let base = ContentSignals.selectorBase(bytes, selector: start) {
                // A candidate selector is repeated with its base: the run starts at the base, which no run
                // before took (each ends before a base that takes a selector).
                let character = base..<start + 3
                var end = character.upperBound
                while end + character.count <= bytes.count, equal(base, end, length: character.count) { end += character.count }
                let count = (end - base) / character.count
                let baseIsWhitespace =
                    start - base == 1
                    ? bytes[base] <= 0x20
                    : ScalarPropertyCache.shared.properties(of: LinkSyntax.decodeScalar(bytes, at: base).0).isWhitespace
                if count >= minimum, !baseIsWhitespace { addClosed(character, count: count) }
                start = nextCandidate(from: end, marks: marks)
                continue
            }
            guard lead >= 0x80 else {
                var end = runEnd(from: start, limit: bytes.count)
                if ContentSignals.isSelector(bytes, at: end) { end -= 1 }
                if end - start >= minimum { addClosed(start..<start + 1, count: end - start) }
                // A base alone is left to its selector, a candidate of its own.
                start = nextCandidate(from: max(end, start + 1), marks: marks)
                continue
            }
            let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            var end = min(start + length, bytes.count)
            while end + length <= bytes.count, equal(start, end, length: length) { end += length }
            if ContentSignals.isSelector(bytes, at: end) { end -= length }
            if (end - start) / length >= minimum,
               !ScalarPropertyCache.shared.properties(of: LinkSyntax.decodeScalar(bytes, at: start).0).isWhitespace
            {
                addClosed(start..<start + length, count: (end - start) / length)
            }
            start = nextCandidate(from: max(end, start + length), marks: marks)
        }
    }

    /// The first index from `start` where a long run may start: a printable ASCII byte equal to the next
    /// one and to the one `minimum - 1` on (`minimum` is at least 2), the lead byte of a scalar followed
    /// by the same scalar, or a variation selector whose character (it and its base) follows it again.
    /// Runs of other bytes (white space, controls) are never reported, and a character that is not
    /// repeated is a run of one.
    private func nextCandidate(from start: Int, marks: BodyScan.RunCandidates) -> Int {
        let last = minimum - 1
        let lookahead = max(last, 4)
        // The lanes of the block at `index` that are printable ASCII bytes equal to the next one and to
        // the one `last` on.
        func asciiCandidates(_ base: UnsafeRawPointer, _ block: BlockScan.Block, at index: Int) -> BlockScan.Mask {
            (block .> BlockScan.splat(0x20)) .& (block .== BlockScan.load(base, at: index &+ 1))
                .& (block .== BlockScan.load(base, at: index &+ last))
        }
        func candidates(_ base: UnsafeRawPointer, at index: Int) -> BlockScan.Mask {
            let block = BlockScan.load(base, at: index)
            // A lead byte equal to the byte a scalar of two, three or four bytes on: a superset of the
            // scalars followed by themselves.
            let repeated = (block .== BlockScan.load(base, at: index &+ 2)) .| (block .== BlockScan.load(base, at: index &+ 3))
                .| (block .== BlockScan.load(base, at: index &+ 4))
            // The first two bytes of a variation selector.
            let selector = (block .== BlockScan.splat(0xEF)) .& (BlockScan.load(base, at: index &+ 1) .== BlockScan.splat(0xB8))
            return asciiCandidates(base, block, at: index) .| (BlockScan.inRange(block, 0xC0, 0xFF) .& repeated) .| selector
        }
        var index = start
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            // Marked blocks only, where the body scan marked them; each is tested as any other.
            var block = marks.next(from: index &>> 4)
            while block < marks.covered {
                let blockStart = block &* BlockScan.width
                var lanes = BlockScan.bits(candidates(base, at: blockStart))
                if blockStart < index { lanes &= ~0 &<< (index &- blockStart) }
                if lanes != 0 { return blockStart &+ lanes.trailingZeroBitCount }
                block = marks.next(from: block &+ 1)
            }
            index = max(index, marks.covered &* BlockScan.width)
            // Two blocks at a time, asking only what ASCII needs: the candidates of a block with a non-ASCII
            // byte (a lead byte or a selector) are looked for only in it, and most blocks have none.
            let width = BlockScan.width
            while index &+ 2 &* width &+ lookahead <= bytes.count {
                let (first, second) = (BlockScan.load(base, at: index), BlockScan.load(base, at: index &+ width))
                let firstFound = asciiCandidates(base, first, at: index) .| BlockScan.nonASCII(first)
                let secondFound = asciiCandidates(base, second, at: index &+ width) .| BlockScan.nonASCII(second)
                if BlockScan.any(firstFound .| secondFound) {
                    if BlockScan.any(firstFound), let lane = BlockScan.firstLane(candidates(base, at: index)) {
                        return index &+ lane
                    }
                    if BlockScan.any(secondFound), let lane = BlockScan.firstLane(candidates(base, at: index &+ width)) {
                        return index &+ width &+ lane
                    }
                }
                index &+= 2 &* width
            }
        }
        // The last bytes (fewer than two blocks and the lookahead) are tested a block at a time too, copied
        // before zeros: a zero equals no printable or lead byte, so nothing is found past the end, and the
        // lanes past the end are dropped.
        let remaining = bytes.count - index
        guard remaining > 0 else { return bytes.count }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: remaining + BlockScan.width + lookahead) { buffer in
            buffer.initialize(repeating: 0)
            guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return bytes.count }
            // One memmove: copying from the slice went byte by byte through the generic collection copy.
            target.update(from: source + index, count: remaining)
            let padded = UnsafeRawPointer(target)
            var offset = 0
            while offset < remaining {
                var lanes = BlockScan.bits(candidates(padded, at: offset))
                if remaining - offset < BlockScan.width { lanes &= 1 &<< (remaining - offset) - 1 }
                if lanes != 0 { return index + offset + lanes.trailingZeroBitCount }
                offset += BlockScan.width
            }
            return bytes.count
        }
    }

    /// Whether the `length` bytes at `left` equal those at `right`.
    private func equal(_ left: Int, _ right: Int, length: Int) -> Bool {
        for offset in 0..<length where bytes[left + offset] != bytes[right + offset] { return false }
        return true
    }

    /// A whole run of `count` of `grapheme`, then nothing: the next grapheme starts a run of its own.
    private mutating func addClosed(_ grapheme: Range<Int>, count: Int) {
        add(grapheme, count: count, isWhitespace: false)
        close()
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
        left.count == right.count && equal(left.lowerBound, right.lowerBound, length: left.count)
    }
}
