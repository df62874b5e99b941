import Foundation
import ModerationCore
import Testing

/// `JSONText` writes the JSON of stored reasons and log lines by hand, so it is checked against a JSON
/// parser on hostile text: every string must come back unchanged, on one line, with nothing unescaped
/// that a reader could take for a control character.
@Suite struct JSONTextTests {
    private func parsed(_ json: String) throws -> String? {
        try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String
    }

    /// What must never appear raw in the output: C0, DEL, C1, U+2028 and U+2029.
    private func hasRawControl(_ json: String) -> Bool {
        json.unicodeScalars.contains { (0..<0x20).contains($0.value) || (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029 }
    }

    @Test func exactEscapes() {
        #expect(JSONText.quoted("") == #""""#)
        #expect(JSONText.quoted("plain café 日本 😀") == "\"plain café 日本 😀\"")
        #expect(JSONText.quoted("a\"b\\c") == #""a\"b\\c""#)
        #expect(JSONText.quoted("l1\nl2\r\tx") == #""l1\nl2\r\tx""#)
        #expect(JSONText.quoted("\u{0}\u{1B}\u{7F}\u{80}\u{85}\u{9F}\u{A0}") == "\"\\u0000\\u001B\\u007F\\u0080\\u0085\\u009F\u{A0}\"")
        #expect(JSONText.quoted("a\u{2028}b\u{2029}c\u{2027}") == "\"a\\u2028b\\u2029c\u{2027}\"")
        // Escapes at both ends and back to back.
        #expect(JSONText.quoted("\"\"x\n") == #""\"\"x\n""#)
    }

    @Test func hostileTextRoundTripsOnOneLine() throws {
        var strings = try HTMLTestCorpora.naughtyStrings() + HTMLTestCorpora.xssPayloads()
        strings += HTMLTestCorpora.hostileStrings(count: 2_000, seed: 7)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let scalars = (0..<Int.random(in: 0...40, using: &generator)).compactMap { _ in
                Unicode.Scalar(UInt32.random(in: 0...0x2FFF, using: &generator))
            }
            strings.append(String(String.UnicodeScalarView(scalars)))
        }
        // Each prefixed: Foundation's parser drops a string's leading U+FEFF as if it were a byte order mark.
        for text in strings.map({ "x" + $0 }) {
            let json = JSONText.quoted(text)
            #expect(!hasRawControl(json), "raw control in \(json.debugDescription)")
            #expect(try parsed(json) == text, "\(text.debugDescription) did not round-trip")
            var appended = "prefix,"
            JSONText.appendQuoted(text, to: &appended)
            #expect(appended == "prefix," + json)
            var bytes = Array("prefix,".utf8)
            JSONText.appendQuoted(text, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "prefix," + json)
        }
    }
}
