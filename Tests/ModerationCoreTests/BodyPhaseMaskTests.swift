import ByteMasks
import Testing

@testable import ModerationCore

/// The 64-byte classifications of the body pass and the renderer (cm_body_masks.h) agree with a
/// byte-by-byte reading, and the body scan built on them agrees with the earlier scan
/// (``BodyPassReference``) on texts of every length from 0 to 200 bytes, so that every byte meets every
/// position relative to a 64-byte boundary and to the end of the text.
@Suite struct BodyPhaseMaskTests {
    private static func mask(_ bytes: [UInt8], count: Int = 64, _ test: (Int) -> Bool) -> UInt64 {
        var mask: UInt64 = 0
        for index in 0..<min(count, 64) where test(index) { mask |= 1 << UInt64(index) }
        return mask
    }

    /// Every byte value at every position, bytes the masks look for side by side, then random bytes; each
    /// 128 bytes, as the tests read past the first 64.
    private static var buffers: [[UInt8]] {
        var generator = SplitMix64(seed: 0x64B0)
        var buffers = (0..<4).map { part in (0..<128).map { UInt8(truncatingIfNeeded: part * 64 + $0) } }
        buffers += (0..<4).map { part in (0..<128).map { UInt8(truncatingIfNeeded: 255 - part * 64 - $0) } }
        let interesting = Array("<:=&%./-,hHwWpP\"'#>\t\n\r aAzZ@[`{".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC2, 0xA0, 0xEF, 0xFF]
        buffers += (0..<400).map { _ in (0..<128).map { _ in interesting.randomElement(using: &generator) ?? 0 } }
        buffers += (0..<200).map { _ in (0..<128).map { _ in UInt8.random(in: 0...255, using: &generator) } }
        // Prose: printable ASCII, alone or with one control, tab, line feed or DEL somewhere in the 64.
        buffers += (0..<300).map { n in
            var buffer = (0..<128).map { _ in UInt8.random(in: 0x20...0x7E, using: &generator) }
            if n % 7 != 0 { buffer[Int.random(in: 0..<64, using: &generator)] = [0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x7F][n % 6] }
            return buffer
        }
        // Long runs of one byte, for the run test at every distance.
        buffers += (0..<100).map { _ in
            let byte = interesting.randomElement(using: &generator) ?? 0
            return (0..<128).map { _ in Int.random(in: 0..<8, using: &generator) == 0 ? 0x41 : byte }
        }
        return buffers
    }

    @Test func masksAgreeWithReadingEachByte() {
        for buffer in Self.buffers {
            buffer.withUnsafeBufferPointer { bytes in
                guard let p = bytes.baseAddress else { return }
                let b = Array(bytes)
                let block = cm_body_block64(p)
                #expect(Int(block.upper) == b[0..<64].count { $0 >= 0x41 && $0 <= 0x5A })
                #expect(Int(block.lower) == b[0..<64].count { $0 >= 0x61 && $0 <= 0x7A })
                #expect(block.nonascii == Self.mask(b) { b[$0] >= 0x80 })
                #expect(block.markers == Self.mask(b) { Array("<:=&%".utf8).contains(b[$0]) })
                #expect(block.dots == Self.mask(b) { b[$0] == UInt8(ascii: ".") })
                #expect(block.controls == Self.mask(b) { (b[$0] < 0x20 && b[$0] != 0x09 && b[$0] != 0x0A) || b[$0] == 0x7F })
                for last in 1...40 {
                    #expect(cm_runs64(p, Int32(last)) == Self.mask(b) { i in
                        b[i] > 0x20 && b[i] < 0x80 && b[i] == b[i + 1] && b[i] == b[i + last]
                    }, "\(b) at \(last)")
                }
                for allowed: UInt8 in [0x09, 0x0A] {
                    #expect(cm_refused64(p, allowed) == Self.mask(b) { i in
                        (b[i] < 0x20 && b[i] != 0x09 && b[i] != allowed) || b[i] == 0x7F || b[i] == 0xC2
                    }, "\(b) allowing \(allowed)")
                }
                #expect(cm_html_special64(p) == Self.mask(b) { i in
                    let (byte, later) = (b[i], b[i + 3])
                    return byte < 0x20 || byte == 0x7F || byte == 0xC2 || "\"#&'<>".utf8.contains(byte)
                        || (byte | 0x20 == UInt8(ascii: "h") && later | 0x20 == UInt8(ascii: "p"))
                        || (byte | 0x20 == UInt8(ascii: "w") && later == UInt8(ascii: "."))
                })
            }
        }
    }

    /// The occurrences of a byte are visited in order, every one up to the first taken, at every length
    /// and position.
    @Test func maskSearchVisitsEveryOccurrenceInOrder() {
        var generator = SplitMix64(seed: 0x5EA2)
        for length in 0...200 {
            for _ in 0..<6 {
                let bytes = (0..<length).map { _ in Array(":=a\u{0}".utf8).randomElement(using: &generator) ?? 0 }
                let taking = Int.random(in: 0...3, using: &generator)
                bytes.withUnsafeBufferPointer { buffer in
                    for byte in [UInt8(ascii: ":"), 0] {
                        var visited: [Int] = []
                        let found = MaskSearch.firstIndex(of: byte, in: buffer) { index in
                            visited.append(index)
                            return visited.count > taking
                        }
                        let occurrences = bytes.indices.filter { bytes[$0] == byte }
                        #expect(visited == Array(occurrences.prefix(taking + 1)))
                        #expect(found == (occurrences.count > taking ? occurrences[taking] : bytes.count))
                    }
                }
            }
        }
    }

    /// Texts of every length from 0 to 200 bytes (and some past 4 KB, where run marks end), made of
    /// pieces that the scan counts, marks or decodes.
    static let texts: [String] = {
        let pieces = [
            "a", "Z", "b", " ", ".", "<", ":", "=", "&", "%", "!!!", "aaaa", "é", "É", "😀", "❤️", "\u{FEFF}", "e\u{301}",
            "Ж", "日", "\r\n", "x.com", "www.", "http://", "::", "==", "%%", "&&", "<<<", "ǅ", "\u{200D}", "👍🏽",
        ]
        var generator = SplitMix64(seed: 0xB0D9)
        var texts: [String] = []
        for length in 0...200 {
            for _ in 0..<12 {
                var text = ""
                while text.utf8.count < length { text += pieces.randomElement(using: &generator) ?? "" }
                // Cut back to `length` bytes at a character boundary (or just below).
                while text.utf8.count > length { text.removeLast() }
                texts.append(text)
            }
        }
        for offset in [4030, 4040, 4064, 4090, 4100] {
            texts.append(String(repeating: "ab ", count: offset / 3) + "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!! <b>:=&% Ü")
        }
        return texts
    }()

    @Test func scanAgreesWithTheEarlierScanAtEveryLength() {
        for text in Self.texts {
            var text = text
            let (new, old) = text.withUTF8 { (BodyScan($0), BodyPassReference.Scan($0)) }
            #expect(new.capitals == old.capitals, "\(text.debugDescription)")
            #expect(new.lowercase == old.lowercase, "\(text.debugDescription)")
            #expect(new.scriptMarkers == old.scriptMarkers, "\(text.debugDescription)")
            #expect(new.hasNonASCIIWordCharacter == old.hasNonASCIIWordCharacter, "\(text.debugDescription)")
            #expect(new.singleScalarCharacters == old.singleScalarCharacters, "\(text.debugDescription)")
        }
    }

    /// Every covered block holding an ASCII run candidate (see ``BodyScan/RunCandidates``) is marked, and in
    /// an ASCII text no other block is.
    @Test func runMarksAreTheBlocksWithCandidates() {
        var marked = 0
        for text in Self.texts {
            for minimum in [2, 3, 5, 17, 40] {
                var copy = text
                copy.withUTF8 { bytes in
                    let marks = BodyScan(bytes, runMinimum: minimum).runCandidates
                    let isASCII = !bytes.contains { $0 >= 0x80 }
                    for block in 0..<marks.covered {
                        let candidate = (block * 16..<block * 16 + 16).contains { i in
                            bytes[i] > 0x20 && bytes[i] < 0x80 && bytes[i] == bytes[i + 1] && bytes[i] == bytes[i + minimum - 1]
                        }
                        let isMarked = marks.next(from: block) == block
                        if candidate { #expect(isMarked, "\(text.debugDescription) block \(block) at \(minimum)") }
                        if isASCII { #expect(isMarked == candidate, "\(text.debugDescription) block \(block) at \(minimum)") }
                        if isMarked { marked += 1 }
                    }
                }
            }
        }
        #expect(marked > 1000)
    }
}
