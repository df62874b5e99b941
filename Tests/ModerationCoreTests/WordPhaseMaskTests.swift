import ByteMasks
import Testing

@testable import ModerationCore

/// The plain-text loop finds words 64 bytes at a time in the masks of `cm_word_masks64`: the masks must
/// say what the scalar table says of every byte, and the loop must find the hits of the pieces and general
/// ways where words cross a window's end, fill a window, sit in a text's last 64 bytes or in a text
/// shorter than a window, after gaps of several separators, or next to bytes it leaves to the general way.
@Suite struct WordPhaseMaskTests {
    /// Each byte value at every lane of a window: a letter where the table has an ASCII letter, an other
    /// byte where it has neither that nor an ASCII separator, and nothing else set.
    @Test func masksAgreeWithTheScalarTable() {
        let table = ScalarTable.shared
        var mismatches: [String] = []
        for byte in 0...255 {
            let isLetter = table.isASCIILetter[byte]
            let isOther = !isLetter && !table.isASCIISeparator[byte]
            for lane in 0..<64 {
                var bytes = [UInt8](repeating: UInt8(ascii: " "), count: 64)
                bytes[lane] = UInt8(byte)
                let masks = bytes.withUnsafeBufferPointer { cm_word_masks64($0.baseAddress) }
                let bit: UInt64 = 1 << UInt64(lane)
                if masks.letters != (isLetter ? bit : 0) || masks.others != (isOther ? bit : 0) {
                    mismatches.append("byte \(byte) at lane \(lane)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// The masks of a text's last bytes (`cm_word_masks_tail`) are those of the bytes followed by zeros,
    /// for every count below 64, with the bytes read where they lie (nothing past them).
    @Test func tailMasksAreThoseOfTheZeroPaddedBytes() {
        var generator = SplitMix64(seed: 0x7A11)
        var mismatches: [Int] = []
        for count in 0..<64 {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let padded = bytes + [UInt8](repeating: 0, count: 64 - count)
            let expected = padded.withUnsafeBufferPointer { cm_word_masks64($0.baseAddress) }
            // An allocation of exactly `count` bytes, as a text's last bytes are (run with the address sanitizer, a
            // read past them fails).
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(count, 1))
            defer { buffer.deallocate() }
            _ = buffer.initialize(from: bytes)
            let masks = cm_word_masks_tail(buffer.baseAddress, count)
            if masks.letters != expected.letters || masks.others != expected.others { mismatches.append(count) }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    /// Prose of words from one to 70 letters with gaps of one to 70 ASCII separators, now and then a digit,
    /// a non-ASCII letter, an ignorable, `@` or `$` next to a word, at random offsets against the windows.
    @Test func proseAcrossWindowsAgrees() throws {
        let list = try PlainTextScanTests.list()
        var generator = SplitMix64(seed: 0xB10C_64)
        let words = PlainTextScanTests.words.filter { $0.utf8.allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A } }
        let gaps = [" ", " ", " ", ", ", ". ", "  ", " - ", "!\n", "'", "\t", "...", "(", ") ", "\u{2019}"]
        let trouble = ["é", "2", "\u{200B}", "@", "$", "😂", "\u{FEFF}", "a\u{FEFF}b", "x\u{301}", "日本", "Ｆ"]
        var mismatches: [String] = []
        var hits = 0
        for _ in 0..<4000 {
            var text = String(repeating: " ", count: Int.random(in: 0..<3, using: &generator))
            for index in 0..<Int.random(in: 1...60, using: &generator) {
                if index > 0 {
                    text += Int.random(in: 0..<30, using: &generator) == 0
                        ? String(repeating: " ", count: Int.random(in: 60...70, using: &generator))
                        : gaps.randomElement(using: &generator) ?? " "
                }
                switch Int.random(in: 0..<40, using: &generator) {
                case 0:
                    let letters = (0..<Int.random(in: 60...70, using: &generator)).map { _ in
                        Character(UnicodeScalar(UInt8.random(in: 0x61...0x7A, using: &generator)))
                    }
                    text += String(letters)
                case 1, 2: text += trouble.randomElement(using: &generator) ?? "é"
                default: text += words.randomElement(using: &generator) ?? "the"
                }
            }
            if let mismatch = PlainTextScanTests.mismatch(list, text) { mismatches.append(mismatch) }
            hits += list.hits(in: text).count
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(hits > 10_000)
    }

    /// A pattern's words at every offset against the windows' ends and the text's end, so every cut of
    /// the words is read, in texts shorter and longer than a window.
    @Test func wordsAtEveryOffsetAreFound() throws {
        let list = try WordList(entries: ["viagra", "big bad wolf", "cheap*", "*burger"].map {
            WordListEntry(action: .hold, pattern: $0)
        })
        for lead in 0..<140 {
            for text in ["Viagra", "the big bad wolf.", "so, cheapest pills", "hamburger"] {
                let padded = String(repeating: "ab ", count: lead / 3) + String(repeating: " ", count: lead % 3) + text
                for tail in ["", " ", "  x", String(repeating: " ", count: 70)] {
                    #expect(list.hits(in: padded + tail).count == 1, "\((padded + tail).debugDescription)")
                    #expect(PlainTextScanTests.mismatch(list, padded + tail) == nil)
                }
            }
        }
    }

    /// Texts of every length from 0 to 200 made of random bytes of every kind the masks tell apart (ASCII
    /// letters, separators, digits, `@`, `$`, and non-ASCII scalars: letters, marks, ignorables, emoji),
    /// so every byte kind stands at every position relative to a window and to the text's end.
    @Test func textsOfEveryLengthAgree() throws {
        let list = try PlainTextScanTests.list()
        var generator = SplitMix64(seed: 0x64_0200)
        let pieces: [String] = ["a", "b", "i", "s", "x", "t", "e", " ", " ", " ", ".", "'", "-", "0", "1", "3", "@", "$",
            "é", "\u{301}", "\u{200D}", "\u{FE0F}", "\u{FEFF}", "😂", "а", "\u{2019}", "\n"]
        var mismatches: [String] = []
        for length in 0...200 {
            for _ in 0..<20 {
                var text = ""
                while text.utf8.count < length {
                    if Int.random(in: 0..<3, using: &generator) == 0 {
                        text += PlainTextScanTests.words.randomElement(using: &generator) ?? "a"
                    } else {
                        text += pieces.randomElement(using: &generator) ?? " "
                    }
                }
                if let mismatch = PlainTextScanTests.mismatch(list, text) { mismatches.append(mismatch) }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// A byte order mark (U+FEFF, ignorable) touching a separator is passed over as one, and joins letters
    /// otherwise: before and after words, in runs, between letters, at every offset against a window.
    @Test func byteOrderMarksAreTransparent() throws {
        let list = try WordList(entries: ["viagra", "big bad wolf", "ab"].map { WordListEntry(action: .hold, pattern: $0) })
        let mark = "\u{FEFF}"
        let cases: [(String, Int)] = [
            ("viagra\(mark) now", 1), ("via\(mark)gra", 1), ("a\(mark)b", 1), ("\(mark)viagra\(mark)", 1),
            ("big\(mark) \(mark)bad \(mark)\(mark)wolf\(mark)\(mark) ok", 1), ("big bad\(mark)\(mark)wolf", 0),
            ("vi\(mark) agra", 0), ("ab\(mark)\(mark) b\(mark)", 1), ("a\(mark) b\(mark)", 1), ("x \(mark)a b", 0), ("x. \(mark)a b", 0),
            ("big \(mark)\u{301}bad wolf", 0), ("big\(mark)2 viagra", 1),
        ]
        for (text, count) in cases {
            for lead in [0, 1, 12, 13, 14, 58, 59, 60, 61, 62, 63, 64] {
                // A word of its own before the case, ending at every lane around a window's end.
                let padded = lead == 0 ? text : String(repeating: "q", count: lead + 1) + " " + text
                #expect(list.hits(in: padded).count == count, "\(padded.debugDescription)")
                #expect(PlainTextScanTests.mismatch(list, padded) == nil)
            }
        }
    }
}
