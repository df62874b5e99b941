import Testing

@testable import ModerationCore

/// The link scan that reads which non-ASCII characters may be part of a host name from the body scan's
/// marks (``BodyScan/NameLeads``) finds the links that asking each byte finds: on the link pieces' random
/// texts, long bodies, and texts of every length from 0 to 200 with name and other characters at every
/// position, and around the end of the bytes the marks cover.
@Suite struct BodyPhaseNameMarkTests {
    private static func expectMarkedScanAgrees(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var scan = BodyScan(bytes)
            let marked = scan.withNameCharacters(count: bytes.count) { LinkScanner.scan(bytes, names: $0) }
            #expect(marked == LinkScanner.scan(bytes, skipping: false), "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }

    @Test func markedScanAgreesOnRandomTextsAndLongBodies() {
        for text in LinkSignalTests.texts { Self.expectMarkedScanAgrees(text) }
    }

    @Test func markedScanAgreesAtEveryLengthAndPosition() {
        let pieces = ["пример.рф", "münchen.de", "é", "😀", "\u{FEFF}", "例え.テスト", "e\u{301}x.com", "x.com", "‚"]
        var compared = 0
        for piece in pieces {
            for length in 0...200 {
                for offset in Set([0, 1, length / 3, length / 2, max(0, length - 1), length]) where offset <= length {
                    let filler = String(repeating: "a", count: offset) + " "
                    let text = filler + piece + " " + String(repeating: "b.", count: (length - offset) / 2)
                    Self.expectMarkedScanAgrees(text)
                    compared += 1
                }
            }
            // Around the end of the marks: a name character starting before it and running past it.
            let cover = BodyScan.NameLeads.covered
            for before in cover - 12...cover + 4 {
                Self.expectMarkedScanAgrees(String(repeating: "a ", count: before / 2) + String(repeating: "x", count: before % 2) + piece + "ü.de")
                compared += 1
            }
        }
        #expect(compared > 5_000)
    }
}
