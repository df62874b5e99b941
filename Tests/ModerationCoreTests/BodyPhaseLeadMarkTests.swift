import Testing

@testable import ModerationCore

/// The phases that read from the body scan's marks (``BodyScan/LeadMarks``) which non-ASCII characters
/// may be part of a host name or belong in a word find what asking each character finds: the link scan
/// its links, the mixed-script check its words; on random texts, long bodies, and texts of every length
/// from 0 to 200 with name, word and other characters at every position, and around the end of the bytes
/// the marks cover.
@Suite struct BodyPhaseLeadMarkTests {
    private static func expectMarkedScanAgrees(_ text: String) {
        var copy = text
        copy.withUTF8 { bytes in
            var scan = BodyScan(bytes)
            let marked = scan.withNameCharacters(count: bytes.count) { LinkScanner.scan(bytes, names: $0) }
            #expect(marked == LinkScanner.scan(bytes, skipping: false), "\(text.debugDescription)")
            let nonASCIIWords = scan.nonASCIIWords
            let words = scan.withWordMarks(count: bytes.count) { marks in
                ContentSignals.mixedScriptReasons(text, field: .body, nonASCIIWords: nonASCIIWords, wordMarks: marks)
            }
            #expect(words == ContentSignals.mixedScriptReasons(text, field: .body), "\(text.debugDescription)")
        }
    }

    @Test func markedWordsAgreeOnMixedScripts() {
        let pieces = [
            "pаypal", "Pаypal", "аpple", "раураl", "hello", "мир", "κόσμος", "ĝis", "naïve", "e\u{301}", "日本語", "かな",
            "한국", "ヽ༼ຈل͜ຈ༽ﾉ", "😀", "\u{FEFF}", "\u{200D}", "\u{200C}", "١٢٣", "x", "1", " ", ".", "-", "\n", "’",
        ]
        var flagged = 0
        var texts = BodyPassRandomTexts.texts(from: pieces, count: 4000, maximumPieces: 40, seed: 0x1EAD)
        // Bodies longer than the marks cover, with words on both sides of their end.
        texts += BodyPassRandomTexts.texts(from: pieces, count: 200, maximumPieces: 600, seed: 0x10A6)
        for text in texts {
            Self.expectMarkedScanAgrees(text)
            if !ContentSignals.mixedScriptReasons(text, field: .body).isEmpty { flagged += 1 }
        }
        #expect(flagged > 500)
    }

    @Test func markedScanAgreesOnRandomTextsAndLongBodies() {
        for text in LinkSignalTests.texts { Self.expectMarkedScanAgrees(text) }
    }

    @Test func markedScanAgreesAtEveryLengthAndPosition() {
        let pieces = ["пример.рф", "münchen.de", "é", "😀", "\u{FEFF}", "例え.テスト", "e\u{301}x.com", "x.com", "‚", "pаypal"]
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
            let cover = BodyScan.LeadMarks.covered
            for before in cover - 12...cover + 4 {
                Self.expectMarkedScanAgrees(String(repeating: "a ", count: before / 2) + String(repeating: "x", count: before % 2) + piece + "ü.de")
                compared += 1
            }
        }
        #expect(compared > 5_000)
    }
}
