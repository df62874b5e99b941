/// A match before allow exceptions: an entry index and the UTF-8 byte span it covers.
struct RawWordHit: Hashable, Sendable {
    var entry: Int32
    var start: Int
    var end: Int
}

extension WordMatcher {
    /// How `scan` walks a text; every way finds the same hits.
    enum ScanPath: Sendable {
        /// Plain ASCII words matched as they are read, with no pieces stored; the rest by the pieces way.
        case plainText
        /// The whole text segmented into stored pieces first, plain ASCII words then taking short ways.
        case pieces
        /// Pieces, every word normalized the general way: what the others are checked against.
        case general
    }

    /// Every entry matching `text` (valid UTF-8), allow entries included, in no particular order (a hit
    /// may repeat). Linear in the text's length: each word is normalized once per reading and walked once
    /// from the root of each trie, plus the phrase walks waiting at it.
    func scan(_ text: UnsafeBufferPointer<UInt8>, table: ScalarTable, path: ScanPath = .plainText) -> [RawWordHit] {
        guard !text.isEmpty else { return [] }
        var scan = WordScan(text: text, table: table, tables: tables, shortcuts: path != .general)
        if path == .plainText {
            scan.runPlainText()
        } else {
            scan.runPieces(from: 0)
        }
        // Moved out rather than copied: a copy is retained here and released with the scan.
        var hits: [RawWordHit] = []
        swap(&hits, &scan.hits)
        return hits
    }
}
