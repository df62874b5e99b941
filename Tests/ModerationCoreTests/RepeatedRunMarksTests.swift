import Testing

@testable import ModerationCore

/// Repeated characters found from the blocks the body scan marks agree with the search over every block
/// and with the grapheme-by-grapheme way, for run lengths whose test reads past a block, on texts with
/// runs of every kind at every block offset and past the 4 KB the marks cover; and every block where a
/// run starts is marked.
@Suite struct RepeatedRunMarksTests {
    static let minimums = [2, 3, 5, 10, 17, 40]

    static let texts: [String] = {
        var texts = BodyPassTests.texts
        let pieces = ["!", "a", "é", "▬", "😂", "\u{3000}", " ", "ab", "❤️", "#️", "\u{FEFF}", "\u{FE30}", "e\u{301}"]
        for piece in pieces {
            for count in [2, 3, 9, 10, 11, 17, 40] {
                for shift in [0, 1, 5, 14, 15, 16, 31] {
                    texts.append(String(repeating: "x", count: shift) + String(repeating: piece, count: count) + "y" + piece)
                }
            }
            // Past the blocks marked: runs before, at and after 4 KB.
            for offset in [4060, 4090, 4096, 4100] {
                texts.append(String(repeating: "w ", count: offset / 2) + String(repeating: piece, count: 12) + " end")
            }
        }
        texts += BodyPassRandomTexts.texts(from: pieces + ["xx", "yyyyyyyyyyyy", "😂😂😂", "\n"], count: 2000, maximumPieces: 40, seed: 0x7E9)
        return texts
    }()

    @Test func marksFindWhatEveryBlockFinds() {
        var reported = 0
        for text in Self.texts {
            for minimum in Self.minimums {
                let policy = ContentSignalPolicy(repeatedCharacterRun: minimum)
                let marked = ContentSignals.repeatedCharacterReasons(text, policy: policy)
                var copy = text
                let simple = copy.withUTF8 { BodyScan($0).simpleCharacters }
                let unmarked = ContentSignals.repeatedCharacterReasons(text, policy: policy, singleScalars: simple)
                let general = ContentSignals.repeatedCharacterReasons(text, policy: policy, singleScalars: false)
                #expect(marked == unmarked, "\(text.debugDescription) at \(minimum)")
                #expect(marked == general, "\(text.debugDescription) at \(minimum)")
                reported += marked.count
            }
        }
        #expect(reported > 3000)
    }

    /// A scalar repeated `minimum` times from a covered block marks that block.
    @Test func everyRunStartIsMarked() {
        var checked = 0
        for text in Self.texts {
            for minimum in Self.minimums {
                var copy = text
                copy.withUTF8 { bytes in
                    let marks = BodyScan(bytes, runMinimum: minimum).runCandidates
                    #expect(marks.minimum == minimum)
                    var index = 0
                    while index < bytes.count {
                        let (scalar, length) = LinkSyntax.decodeScalar(bytes, at: index)
                        var end = index + length
                        var count = 1
                        while end + length <= bytes.count, LinkSyntax.decodeScalar(bytes, at: end).0 == scalar {
                            end += length
                            count += 1
                        }
                        if count >= minimum, scalar.value > 0x20, index / 16 < marks.covered {
                            #expect(marks.next(from: index / 16) == index / 16, "\(text.debugDescription) at \(index)")
                            checked += 1
                        }
                        index += length
                    }
                }
            }
        }
        #expect(checked > 1000)
    }

    /// The first marked block from any block is found, in each of the four words and across them.
    @Test func nextMarkedBlockIsTheFirstFromThere() {
        var generator = SplitMix64(seed: 0xB10C)
        for _ in 0..<200 {
            let count = Int.random(in: 0...5000, using: &generator)
            var marks = BodyScan.RunCandidates(minimum: 10, count: count)
            var marked = Set<Int>()
            for _ in 0..<Int.random(in: 0...12, using: &generator) where marks.covered > 0 {
                let block = Int.random(in: 0..<marks.covered, using: &generator)
                marks.mark(block)
                marked.insert(block)
            }
            for block in 0...marks.covered + 2 {
                let expected = marked.filter { $0 >= block }.min() ?? marks.covered
                #expect(marks.next(from: block) == expected, "\(count) bytes, from \(block)")
            }
        }
        #expect(BodyScan.RunCandidates(minimum: 10, count: 24).covered == 0)
        #expect(BodyScan.RunCandidates(minimum: 10, count: 25).covered == 1)
        #expect(BodyScan.RunCandidates(minimum: 1, count: 9000).covered == 0)
        #expect(BodyScan.RunCandidates(minimum: 2, count: 9000).covered == 256)
    }
}
