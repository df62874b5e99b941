import Testing

@testable import ModerationCore

/// Decoding rounds that learn from their own output whether another is needed decode as rounds that
/// search the output again for `&` and `%`.
@Suite struct BodyPassDecodingTests {
    /// Escapes that decode, that do not, that decode into escapes (`&amp;`, `%25`, `%26`) and that become
    /// one only once their neighbour is decoded (`&%6Ct;`), mixed with prose.
    static let pieces = [
        "&", "%", "&amp;", "&AMP;", "amp;", "lt;", "&lt;", "&lt", "#", "#106;", "&#106;", "&#x3C", "&#x3c;", "&#60",
        "&colon;", "&equals;", "&nbsp;", "&eacute;", "&#233;", "%26", "%25", "%3C", "%3c", "%3A", "%6C", "6C", "%2", "%zz",
        "&%6Ct;", "%2526", "%253C", "&amp;#106;", "AT&T", "50%", ";", "x", "JavaScript", " ", "é", "😀",
    ]

    @Test func decodingAgreesWithTheReference() {
        var multiRound = 0
        for text in BodyPassRandomTexts.texts(from: Self.pieces, count: 30_000, maximumPieces: 10, seed: 0x2526) {
            var bytes = text
            let decoded = bytes.withUTF8(ScriptContent.decoded)
            let expected = Reference.scriptDecoded(text)
            #expect(decoded == expected, "\(text.debugDescription)")
            if expected.contains(UInt8(ascii: "<")), !text.contains("<"), !text.contains("&lt"), !text.contains("%3") {
                multiRound += 1
            }
        }
        #expect(multiRound > 100)
    }

    @Test func escapesMadeByDecodingAreDecodedAgain() {
        let cases: [(String, String)] = [
            ("&%6Ct;b", "<b"), ("%2526", "&"), ("%253C", "<"), ("&amp;#106;", "j"), ("&amp;amp;amp;lt;", "&lt;"),
            ("AT&T 50%", "at&t 50%"), ("&AMP;LT;", "<"),
        ]
        for (text, expected) in cases {
            var bytes = text
            #expect(bytes.withUTF8(ScriptContent.decoded) == Array(expected.utf8), "\(text.debugDescription)")
            #expect(Reference.scriptDecoded(text) == Array(expected.utf8), "\(text.debugDescription)")
        }
    }
}
