/// A word-list pattern validated and normalized into the words the matcher looks for.
struct WordPattern: Sendable {
    enum Wildcard: Sendable {
        case none
        /// `payday*`: the last word matches any word it starts.
        case prefix
        /// `*coin`: the first word matches any word it ends.
        case suffix
    }

    /// The pattern as given, trimmed of surrounding whitespace.
    let text: String
    let wildcard: Wildcard
    /// One or more readings of the pattern (plain, leet), each its words' normalized UTF-8.
    let variants: [[[UInt8]]]

    init(_ pattern: String) throws(WordListError) {
        let trimmed = Self.trimmingWhitespace(pattern)
        guard !trimmed.isEmpty else { throw WordListError(message: "empty pattern") }
        if trimmed.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
            throw WordListError(message: "a pattern can't contain a line break")
        }
        var body = Substring(trimmed)
        let leading = body.hasPrefix("*")
        let trailing = body.count > 1 && body.hasSuffix("*")
        if leading && trailing {
            throw WordListError(message: "a `*` may start or end a pattern, not both: '\(trimmed)'")
        }
        if leading { body = body.dropFirst() }
        if trailing { body = body.dropLast() }
        if body.contains("*") {
            throw WordListError(message: "a `*` may only start or end a pattern: '\(trimmed)'")
        }
        text = trimmed
        wildcard = leading ? .suffix : trailing ? .prefix : .none
        let words = Self.words(of: String(body), wildcard: wildcard)
        switch words {
        case .failure(let error): throw WordListError(message: "\(error.message): '\(trimmed)'")
        case .success(let words): variants = Self.readings(words)
        }
    }

    /// Each word's forms: plain first, then its leet readings, if any.
    private static func words(of body: String, wildcard: Wildcard) -> Result<[[[UInt8]]], WordListError> {
        var body = body
        return body.withUTF8 { utf8 in
            TextSegmentation.segment(utf8, table: ScalarTable.shared) { segmentation in
                WordForms.with { forms in words(utf8, segmentation, wildcard: wildcard, forms: &forms) }
            }
        }
    }

    private static func words(
        _ utf8: UnsafeBufferPointer<UInt8>, _ segmentation: TextSegmentation, wildcard: Wildcard,
        forms: inout WordForms
    ) -> Result<[[[UInt8]]], WordListError> {
        let pieces = segmentation.pieces
        var words: [[[UInt8]]] = []
        var firstStart = -1
        var lastEnd = -1
        var runIndex = 0
        var index = 0
        while index < pieces.count {
            // Leet runs ("a$$hole") are one word in a pattern; spaced letters stay a phrase of letters,
            // which is what the same spaced text matches.
            while runIndex < segmentation.runs.count, segmentation.runs[runIndex].first < index { runIndex += 1 }
            let run = segmentation.runs[runIndex...].prefix { $0.first == index }.first { $0.kind == .leet }
            let end = run?.end ?? index + 1
            if run == nil && pieces[index].kind == .leetSymbol {
                index = end
                continue
            }
            let start = pieces[index].start
            let stop = pieces[end - 1].end
            forms.build(
                utf8, from: start, to: stop, traits: run?.traits ?? pieces[index].traits,
                units: run?.units ?? pieces[index].units, table: ScalarTable.shared)
            words.append(forms.readings)
            if firstStart < 0 { firstStart = start }
            lastEnd = stop
            index = end
        }
        if words.isEmpty { return .failure(WordListError(message: "nothing to match after normalization")) }
        if wildcard == .suffix && firstStart != 0 || wildcard == .prefix && lastEnd != utf8.count {
            return .failure(WordListError(message: "a `*` must touch the word it extends"))
        }
        return .success(words)
    }

    /// The plain reading, and the leet readings when some word has them (every word read the same way;
    /// the matcher tries every reading of each text word, so mixed readings in a text still match).
    private static func readings(_ words: [[[UInt8]]]) -> [[[UInt8]]] {
        let depth = words.map(\.count).max() ?? 1
        var variants: [[[UInt8]]] = []
        for reading in 0..<depth {
            let variant = words.map { $0[min(reading, $0.count - 1)] }
            if !variants.contains(variant) { variants.append(variant) }
        }
        return variants
    }

    static func trimmingWhitespace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(Substring(scalars[first...last]))
    }
}
