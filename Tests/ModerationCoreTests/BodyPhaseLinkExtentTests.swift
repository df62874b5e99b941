import Testing

@testable import ModerationCore

/// Where a link runs into a terminator, found sixteen bytes at a time, is where asking each character
/// finds it: from every scalar boundary of the link pieces' random texts, of texts cut short, and of texts
/// with each terminator at every offset against a block of sixteen. The same for the end trimmed of
/// sentence punctuation and unbalanced brackets, whose brackets are counted from the first one found.
@Suite struct BodyPhaseLinkExtentTests {
    /// `LinkSyntax.extentEnd` as it was, one character at a time.
    static func referenceExtentEnd(_ bytes: LinkSyntax.Bytes, from: Int) -> Int {
        var index = from
        while index < bytes.count {
            let length = LinkSyntax.terminatorLength(bytes, at: index)
            if length > 0 { return index }
            index += max(1, -length)
        }
        return index
    }

    /// The brackets of `start..<end` counted byte by byte, as `LinkSyntax.trimmedEnd` did: opened minus
    /// closed for `(`, `[` and `{`.
    static func referenceBrackets(_ bytes: LinkSyntax.Bytes, _ range: Range<Int>) -> [Int] {
        let pairs: [(UInt8, UInt8)] = [(0x28, 0x29), (0x5B, 0x5D), (0x7B, 0x7D)]
        return pairs.map { open, close in range.reduce(0) { $0 + (bytes[$1] == open ? 1 : bytes[$1] == close ? -1 : 0) } }
    }

    static let closers: [UInt8: Int] = [0x29: 0, 0x5D: 1, 0x7D: 2]
    static let sentence = Set(".,:;!?'*_~".utf8)

    /// `LinkSyntax.trimmedEnd` with the brackets counted byte by byte.
    static func referenceTrimmedEnd(_ bytes: LinkSyntax.Bytes, start: Int, end: Int) -> Int {
        var end = end
        var open = referenceBrackets(bytes, start..<end)
        while end > start {
            let last = bytes[end - 1]
            if let kind = Self.closers[last] {
                guard open[kind] < 0 else { return end }
                open[kind] += 1
                end -= 1
            } else if Self.sentence.contains(last) {
                end -= 1
            } else if (last == 0x99 || last == 0xA6) && end - start >= 3 && bytes[end - 3] == 0xE2 && bytes[end - 2] == 0x80 {
                end -= 3
            } else {
                return end
            }
        }
        return end
    }

    static func compare(_ text: [UInt8]) -> Int {
        text.withUnsafeBufferPointer { bytes in
            var compared = 0
            for start in 0...bytes.count where start == bytes.count || bytes[start] & 0xC0 != 0x80 {
                #expect(
                    LinkSyntax.extentEnd(bytes, from: start) == referenceExtentEnd(bytes, from: start),
                    "\(String(decoding: bytes, as: UTF8.self).debugDescription) from \(start)")
                // Where a link found from there ends, and a few ends close to the start.
                let extent = LinkSyntax.extentEnd(bytes, from: start)
                for end in Set([extent] + (start...min(bytes.count, start + 6))) {
                    #expect(
                        LinkSyntax.trimmedEnd(bytes, start: start, end: end) == referenceTrimmedEnd(bytes, start: start, end: end),
                        "\(String(decoding: bytes, as: UTF8.self).debugDescription) from \(start) to \(end)")
                }
                compared += 1
            }
            return compared
        }
    }

    @Test func extentEndIsTheOneFoundCharacterByCharacter() {
        var compared = 0
        for text in LinkSignalTests.texts.prefix(3000) {
            let whole = Array(text.utf8)
            compared += Self.compare(whole)
            // A buffer may end inside a scalar too.
            if whole.count > 1 { compared += Self.compare(Array(whole.dropLast())) }
        }
        #expect(compared > 50_000)
    }

    @Test func eachTerminatorAndBracketAtEveryOffset() {
        let stops = [
            " ", "\t", "\n", "\u{0}", "\u{1F}", "\u{7F}", "<", ">", "\"", "`", "\u{A0}", "\u{3000}", "“", "」", "\u{200B}",
            "\u{FEFF}", "\u{85}",
        ]
        let goesOn = [
            "é", "😀", "’", "…", "=", ";", "?", "~", "!", "'", "(", ")", "{", "}", "[", "]", "\\", "^", "|", "_",
        ]
        var compared = 0
        for stop in stops + goesOn {
            for offset in 0..<40 {
                for tail in 0..<20 {
                    let text = String(repeating: "a", count: offset) + stop + String(repeating: "b/", count: tail)
                    compared += Self.compare(Array(text.utf8))
                }
            }
        }
        #expect(compared > 100_000)
    }
}
