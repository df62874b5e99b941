import Testing

@testable import ModerationCore

/// The length the link scan steps over a character by, read from its lead byte, is the decoded scalar's:
/// at every byte of the link pieces' random texts and of texts cut short, continuation bytes included.
@Suite struct BodyPhaseScalarLengthTests {
    @Test func lengthFromTheLeadByteIsTheDecodedLength() {
        var texts = LinkSignalTests.texts.prefix(3000).map { $0 }
        texts += ["é", "€", "😀", "👍🏽", "\u{10FFFF}", "\u{7F}", "\u{80}", "\u{7FF}", "\u{800}", "\u{FFFF}", "\u{10000}"]
        var compared = 0
        for text in texts {
            let whole = Array(text.utf8)
            // Cut anywhere too: a buffer may end inside a scalar, where both read one byte.
            for cut in Set([whole.count, max(0, whole.count - 1), max(0, whole.count - 2), max(0, whole.count - 3)]) {
                whole[..<cut].withUnsafeBufferPointer { bytes in
                    for index in 0..<bytes.count {
                        #expect(LinkSyntax.scalarLength(bytes, at: index) == LinkSyntax.decodeScalar(bytes, at: index).1)
                        compared += 1
                    }
                }
            }
        }
        #expect(compared > 100_000)
    }
}
