import Testing

@testable import ModerationCore

/// The script check told by the body scan whether some `:` may end a scheme (``BodyScan/schemeColon``)
/// and some `=` an event handler (``BodyScan/handlerEquals``) finds what the full search finds: on the
/// XSS payloads, random texts of scheme and handler pieces, and texts of every length from 0 to 200 with
/// a colon or an equals sign at every position relative to a 64-byte boundary.
@Suite struct BodyPhaseScriptMarkTests {
    private static func expectAgrees(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            let scan = BodyScan(bytes)
            let colons = bytes.indices.contains { bytes[$0] == UInt8(ascii: ":") && ScriptContent.colonMayEndScheme(bytes, at: $0) }
            #expect(scan.schemeColon == colons, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            let equals = bytes.indices.contains { bytes[$0] == UInt8(ascii: "=") && ScriptContent.equalsMayEndHandler(bytes, at: $0) }
            #expect(scan.handlerEquals == equals, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            let told = ScriptContent.findings(
                in: bytes, present: scan.scriptMarkers, schemeColon: scan.schemeColon, handlerEquals: scan.handlerEquals)
            #expect(told == ScriptContent.findings(in: bytes, skipping: false), "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }

    @Test func agreesOnPayloadsAndRandomTexts() throws {
        let pieces = [
            "javascript:", "JavaScript:", "java\tscript:", "vbscript:", "data:", "DATA:", "dat\u{AD}a:", "t:", "a:", "x:",
            "Note:", "http://x.org", ":)", "onload=", "ONERROR =", "on/=", "o\u{AD}n=", "?v=", "id=", "on", "=", "&#58;", "&colon;", "%3A", "<a href=\"", "\">", "<img src=x onerror=", "=",
            " ", "\n", "\u{200B}", "\u{FEFF}", "é", "😀", "alert(1)", "text/html,", "<", ">",
        ]
        var texts = try HTMLTestCorpora.xssPayloads()
        texts += BodyPassRandomTexts.texts(from: pieces, count: 3000, maximumPieces: 30, seed: 0x5C0)
        for text in texts { Self.expectAgrees(text) }
    }

    /// The script check's lower-casing, four blocks of sixteen at a time and then one, lower-cases exactly
    /// the ASCII capitals, whatever the length and wherever they stand.
    @Test func lowercasesEveryCapitalAtEveryLength() {
        var generator = SplitMix64(seed: 0x10C5)
        let bytes = Array("AZaz@[`{ -:<=&%".utf8) + [0x00, 0x7F, 0x80, 0xC3, 0xC0, 0xDA, 0xFF]
        for length in 0...200 {
            for _ in 0..<4 {
                let text = (0..<length).map { _ in bytes.randomElement(using: &generator) ?? 0 }
                let lowered = text.withUnsafeBufferPointer { ScriptContent.lowercased($0) }
                #expect(lowered == text.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, "\(text)")
            }
        }
    }

    @Test func agreesWithAColonAtEveryPosition() {
        for before in ["t:", "a:", "x:", "T\u{AD}:", "a \t:", "on=", "onerror/=", "ONx =", "o=", "n="] {
            for length in 0...200 {
                for offset in Set([0, 1, length / 2, max(0, length - 1), length]) where offset <= length {
                    let text = String(repeating: "b", count: offset) + before + String(repeating: "c", count: length - offset)
                    Self.expectAgrees(text)
                }
            }
        }
    }
}
