import ByteMasks
@testable import ModerationCore
import Testing

/// The masks the output phase takes from ByteMasks (the renderer's AVX2 mask, the email address's byte
/// classes) against a byte-by-byte reading of the same bytes.
@Suite("output phase masks")
struct OutputPhaseMaskTests {
    /// Blocks of 67 bytes (the renderer's mask reads three past the 64): every byte value at every
    /// position, the bytes the mask names in every pairing three apart, then random blocks.
    private static var blocks: [[UInt8]] {
        var generator = SplitMix64(seed: 0xA7F2)
        var blocks = (0..<4).map { part in (0..<67).map { UInt8(truncatingIfNeeded: part * 64 + $0) } }
        blocks += (0..<4).map { part in (0..<67).map { UInt8(truncatingIfNeeded: 255 - part * 64 - $0) } }
        let named = Array("hHwWpP.&<>\"'#\t\n\r\u{7F}".utf8) + [0x00, 0x1F, 0x20, 0xC2, 0x80, 0xA0, 0x21, 0x3D]
        blocks += (0..<400).map { _ in
            (0..<67).map { _ in
                generator.next() % 2 == 0 ? named[Int(generator.next() % UInt64(named.count))] : UInt8(truncatingIfNeeded: generator.next())
            }
        }
        return blocks
    }

    /// `cm_html_special64`'s definition, read byte by byte.
    private static func htmlSpecial(_ block: [UInt8]) -> UInt64 {
        var mask: UInt64 = 0
        for index in 0..<64 {
            let byte = block[index], later = block[index + 3], folded = byte | 0x20
            let special = byte < 0x20 || byte == 0x7F || byte == 0xC2 || [0x22, 0x23, 0x26, 0x27, 0x3C, 0x3E].contains(byte)
                || (folded == UInt8(ascii: "h") && later | 0x20 == UInt8(ascii: "p"))
                || (folded == UInt8(ascii: "w") && later == UInt8(ascii: "."))
            if special { mask |= 1 << UInt64(index) }
        }
        return mask
    }

    @Test("the AVX2 renderer mask is the SSE2 one, where the processor has AVX2")
    func htmlMaskWithAVX2() {
        for block in Self.blocks {
            block.withUnsafeBufferPointer { buffer in
                guard let p = buffer.baseAddress else { return }
                let expected = Self.htmlSpecial(block)
                #expect(cm_html_special64(p) == expected, "\(block)")
                if HTMLWriter.hasAVX2 { #expect(cm_html_special64_avx2(p) == expected, "\(block)") }
            }
        }
    }

    /// Calls `body` on 3,000 random texts of 0...64 bytes of `alphabet`, each at a random offset of a
    /// buffer in which `filler` follows it (so that a read past the text would show in a class), with a
    /// function giving the mask of the text's bytes that pass a test.
    private static func forRandomTexts(
        seed: UInt64, of alphabet: [UInt8], before filler: UInt8,
        _ body: (_ text: UnsafePointer<UInt8>, _ count: Int, _ mask: ((UInt8) -> Bool) -> UInt64) -> Void
    ) {
        var generator = SplitMix64(seed: seed)
        for _ in 0..<3_000 {
            let count = Int(generator.next() % 65)
            let offset = Int(generator.next() % 16)
            var storage = [UInt8](repeating: filler, count: offset + count + 64)
            for index in 0..<count { storage[offset + index] = alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let text = Array(storage[offset..<offset + count])
            storage.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                body(base + offset, count) { test in
                    var mask: UInt64 = 0
                    for (index, byte) in text.enumerated() where test(byte) { mask |= 1 << UInt64(index) }
                    return mask
                }
            }
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    private static func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A }

    @Test("an address's byte classes are read from every length and alignment without a byte past it")
    func emailClasses() {
        // `A` after the address is a letter, a capital and atext.
        let alphabet = Array("aZ09.-@_+!#'`{~\\\" :()[]<>,;=?^|}$%&*/".utf8) + [0x00, 0x7F, 0xC3, 0xA9]
        Self.forRandomTexts(seed: 0xE4A1, of: alphabet, before: UInt8(ascii: "A")) { text, count, mask in
            let classes = cm_email_classes_upto64(text, count)
            #expect(classes.at == mask { $0 == UInt8(ascii: "@") })
            #expect(classes.dot == mask { $0 == UInt8(ascii: ".") })
            #expect(classes.hyphen == mask { $0 == UInt8(ascii: "-") })
            #expect(classes.letter == mask(Self.isLetter))
            #expect(classes.letterOrDigit == mask { Self.isLetter($0) || Self.isDigit($0) })
            #expect(classes.atext == mask { EmailCharacters.isAtext(byte: $0) })
            #expect(classes.capital == mask { (0x41...0x5A).contains($0) })
        }
    }

    @Test("a website's byte classes are read from every length and alignment without a byte past it")
    func urlClasses() {
        // `/` after the URL ends an authority.
        let alphabet = Array("aZ09.-:/?#@_~%\\ []".utf8) + [0x00, 0x09, 0x20, 0x21, 0x7E, 0x7F, 0x80, 0xC3, 0xFF]
        Self.forRandomTexts(seed: 0x0A11, of: alphabet, before: UInt8(ascii: "/")) { text, count, mask in
            let classes = cm_url_classes_upto64(text, count)
            #expect(classes.authorityEnd == mask { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") })
            #expect(classes.colon == mask { $0 == UInt8(ascii: ":") })
            #expect(classes.dot == mask { $0 == UInt8(ascii: ".") })
            #expect(classes.hyphen == mask { $0 == UInt8(ascii: "-") })
            #expect(classes.digit == mask(Self.isDigit))
            #expect(classes.letterOrDigit == mask { Self.isLetter($0) || Self.isDigit($0) })
            #expect(classes.refusedInPath == mask { $0 <= 0x20 || $0 >= 0x7F || $0 == UInt8(ascii: "\\") })
        }
    }

    @Test("the scheme is read as the byte comparison reads it, whatever the bytes around it")
    func webHostStart() {
        var generator = SplitMix64(seed: 0x5C4E)
        var urls = ["http://a.b", "HTTPS://a.b", "hTtPs://", "http:/", "https:/x", "http:\\\\x", "httpx://a", "http", "", "h"]
        let pieces = ["h", "H", "t", "T", "p", "P", "s", "S", ":", "/", "\u{08}", "(", "0", "X", "\u{1A}", "\u{0F}", "é"]
        for _ in 0..<20_000 {
            urls.append((0..<Int(generator.next() % 10)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined())
        }
        for url in urls {
            let bytes = Array(url.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                var expected: Int?
                if LinkSyntax.matchesIgnoringCase(buffer, at: 0, "http") {
                    let schemeEnd = buffer.count > 4 && buffer[4] | 0x20 == UInt8(ascii: "s") ? 5 : 4
                    if LinkSyntax.matchesIgnoringCase(buffer, at: schemeEnd, "://") { expected = schemeEnd + 3 }
                }
                #expect(WebsiteURLSyntax.webHostStart(buffer) == expected, "\(url.debugDescription)")
            }
        }
    }
}

