/// A word list compiled for matching: entries with actions, matched as whole words against normalized text.
///
/// Matching reads the text both as written (case-folded) and normalized (`TextNormalizer`), and a hit on
/// either counts: look-alike letters, fullwidth forms, zero-width characters, leet and spaced-out letters
/// all match. Entries are normalized the same way, so what is compared is always normalized to normalized.
/// Words end at Unicode word boundaries, so "cialis" does not hit "specialist" nor "ass" "assistance" (the
/// Scunthorpe problem); a `*` wildcard at a pattern's end or start widens it to words starting or ending
/// with it.
///
/// - Leet: a word is also read as leet only when it mixes letters with leet digits (0 1 3 4 5 7) or `@`/`$`,
///   has no other digit and at least three letters and digits ("v1agra", "a$$", "fr33"; not "2024", "3d",
///   "covid19"), and its plain reading is matched too; "1" is read both as "i" and as "l".
/// - Spaced-out letters: two or more single letters separated by one to three spaces, dots, dashes or
///   underscores are also read as one word ("v i a g r a", "V. I. A. G. R. A"); each letter still counts
///   alone, so phrases over single letters ("s&m") match as well.
/// - Accents are kept: "café" does not match "cafe".
/// - Scripts written without spaces (Chinese, Japanese, Thai, ...) have no word boundaries to honour: there
///   every character is a word, so an entry in such a script matches wherever its characters appear in a
///   row.
///
/// The list is compiled into tries once, in `init`; `hits(in:)` costs time linear in the text's length and
/// independent of the number of entries.
public struct WordList: Sendable {
    /// The entries, validated, with patterns trimmed of surrounding whitespace.
    public let entries: [WordListEntry]
    private let matcher: WordMatcher
    private let isAllow: [Bool]
    /// Each entry as a reason names its rule ("reject viagra"), made once rather than per hit.
    let rules: [String]

    /// No entries: nothing ever hits.
    public static let empty = WordList()

    private init() {
        entries = []
        matcher = WordMatcher()
        isAllow = []
        rules = []
    }

    /// Validates every entry as `parse` does (an error names the pattern; `line` is nil) and compiles the
    /// list. Exact duplicates are kept in `entries` but reported once.
    public init(entries: [WordListEntry]) throws(WordListError) {
        var patterns: [WordPattern] = []
        patterns.reserveCapacity(entries.count)
        for entry in entries { patterns.append(try WordPattern(entry.pattern)) }
        let entries = zip(entries, patterns).map { WordListEntry(action: $0.action, pattern: $1.text) }
        var seen = Set<WordListEntry>()
        var compiled: [(entry: Int32, pattern: WordPattern)] = []
        for (index, entry) in entries.enumerated() where seen.insert(entry).inserted {
            compiled.append((Int32(index), patterns[index]))
        }
        self.entries = entries
        matcher = try WordMatcher(patterns: compiled)
        isAllow = entries.map { $0.action == .allow }
        rules = entries.map { $0.action.rawValue + " " + $0.pattern }
    }

    /// Every non-allow entry that hits `text`, minus hits inside a span matched by an allow entry; in text
    /// order, one hit per entry and span.
    public func hits(in text: String) -> [WordHit] {
        hits(in: text, shortcuts: true)
    }

    /// - Parameter shortcuts: whether plain ASCII words take the short ways through segmentation and
    ///   matching (always, but for tests that compare the result with the general way).
    func hits(in text: String, shortcuts: Bool) -> [WordHit] {
        hits(in: text, path: shortcuts ? .plainText : .general)
    }

    /// `hits(in:)` found the way `path` says (always `.plainText`, but for tests that compare the ways).
    func hits(in text: String, path: WordMatcher.ScanPath) -> [WordHit] {
        var hits: [WordHit] = []
        forEachHit(in: text, path: path) { entry, bytes, span in
            let lower = text.utf8.index(text.utf8.startIndex, offsetBy: span.lowerBound)
            let upper = text.utf8.index(text.utf8.startIndex, offsetBy: span.upperBound)
            hits.append(WordHit(
                entry: entries[entry], matched: String(decoding: UnsafeBufferPointer(rebasing: bytes[span]), as: UTF8.self),
                range: lower..<upper))
        }
        return hits
    }

    /// Calls `body` with each hit `hits(in:)` gives, in the same order: the entry's index, the text's UTF-8
    /// and the hit's byte span in it (on scalar boundaries), without building a `WordHit`.
    func forEachHit(
        in text: String, path: WordMatcher.ScanPath = .plainText,
        _ body: (Int, UnsafeBufferPointer<UInt8>, Range<Int>) -> Void
    ) {
        guard !entries.isEmpty else { return }
        // What the closure needs, taken out first: capturing `self` would copy the whole list (four
        // references retained and released) for every text.
        let (matcher, isAllow) = (self.matcher, self.isAllow)
        var utf8Text = text
        utf8Text.withUTF8 { bytes in
            var hits = matcher.scan(bytes, table: ScalarTable.shared, path: path)
            guard !hits.isEmpty else { return }
            // In place: a copy of the scan's array cost an allocation and a copy per text with hits.
            Self.excludeAllowed(from: &hits, isAllow: isAllow)
            for hit in hits { body(Int(hit.entry), bytes, hit.start..<hit.end) }
        }
    }

    /// Drops allow hits (`isAllow` by entry) from `counted`, and hits lying inside an allow hit's span;
    /// sorts and removes duplicates.
    private static func excludeAllowed(from counted: inout [RawWordHit], isAllow: [Bool]) {
        // Most texts hit no allow entry: then every hit counts, and no array is made to sort them out.
        if counted.contains(where: { isAllow[Int($0.entry)] }) {
            let raw = counted
            var allowed: [RawWordHit] = []
            counted.removeAll(keepingCapacity: true)
            for hit in raw {
                if isAllow[Int(hit.entry)] { allowed.append(hit) } else { counted.append(hit) }
            }
            // A hit is inside some allowed span when, among the spans starting at or before it, the
            // furthest-reaching one reaches its end.
            allowed.sort { $0.start < $1.start }
            var reach: [Int] = []
            reach.reserveCapacity(allowed.count)
            for span in allowed { reach.append(max(reach.last ?? 0, span.end)) }
            counted.removeAll { hit in
                var (low, high) = (0, allowed.count)
                while low < high {
                    let middle = (low + high) / 2
                    if allowed[middle].start <= hit.start { low = middle + 1 } else { high = middle }
                }
                return low > 0 && reach[low - 1] >= hit.end
            }
        }
        // Hits mostly come in text order already; the order is total, so sorting only when needed and
        // dropping repeats in place give what sorting and copying did.
        let precedes = { (left: RawWordHit, right: RawWordHit) in
            (left.start, left.end, left.entry) < (right.start, right.end, right.entry)
        }
        if zip(counted, counted.dropFirst()).contains(where: { precedes($1, $0) }) { counted.sort(by: precedes) }
        var kept = 0
        for index in counted.indices where kept == 0 || counted[kept - 1] != counted[index] {
            counted[kept] = counted[index]
            kept += 1
        }
        counted.removeLast(counted.count - kept)
    }
}
