import Testing

@testable import ModerationCore

/// The plain-text loop takes the words of a window only up to its first other byte (a digit, `@`/`$`, a
/// non-ASCII byte): with that byte at every offset of the first two windows, right after a word, right
/// before one, inside one or alone in a gap, every path finds the same hits.
@Suite struct WordPhaseWindowLimitTests {
    @Test func firstOtherByteAtEveryOffsetAgrees() throws {
        let list = try PlainTextScanTests.list()
        let prose = "ok go how to kill time the end big bad wolf viagra cheap pills x it s free no way vital hell"
        var mismatches: [String] = []
        var hits = 0
        for other in ["7", "@", "$", "é", "\u{FEFF}", "😂"] {
            for offset in 0...140 {
                for join in [" \(other) ", "\(other) ", " \(other)", other] {
                    var text = String(repeating: prose + " ", count: 3)
                    let index = text.utf8.index(text.utf8.startIndex, offsetBy: min(offset, text.utf8.count))
                    // On a scalar boundary: the prose is ASCII.
                    text.insert(contentsOf: join, at: index)
                    if let mismatch = PlainTextScanTests.mismatch(list, text) { mismatches.append(mismatch) }
                    hits += list.hits(in: text).count
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(hits > 1000)
    }
}
