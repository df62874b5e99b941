import Testing

@testable import ModerationCore

/// The body's signals, gathered sixteen bytes at a time, agree with the way they were gathered before
/// (``BodyPassReference``) on every text of the fast-path corpus, on long bodies (past the blocks whose
/// letter counts are added up at once) and on texts whose non-ASCII characters straddle block edges.
@Suite struct BodyPassTests {
    /// The corpus, long bodies, and each of a few texts shifted by 0 to 17 bytes so that every character
    /// meets every block edge.
    static let texts: [String] = {
        let comments = FastPathCorpus.youTubeComments()
        var texts = FastPathCorpus.texts
        texts += FastPathCorpus.joined(comments, bytes: 9000)
        texts += FastPathCorpus.joined(FastPathCorpus.random(count: 2000, seed: 0xB0D7), bytes: 6000)
        let shifted = ["Ünïcödé ÀÉÎ😀 Straße ΑΒΓ абв <a href=x>:=&%", "👍🏽❤️ e\u{301} 한국어 日本語 🇫🇷 ǅ ᾈ"]
        for text in shifted {
            for shift in 0...17 { texts.append(String(repeating: "x", count: shift) + String(repeating: text, count: 3)) }
        }
        return texts
    }()

    @Test func bodyScanAgreesWithTheWordAtATimeScan() {
        var nonASCII = 0
        for text in Self.texts {
            var text = text
            let (new, old) = text.withUTF8 { (BodyScan($0), BodyPassReference.Scan($0)) }
            if text.utf8.contains(where: { $0 >= 0x80 }) { nonASCII += 1 }
            #expect(new.capitals == old.capitals, "\(text.debugDescription)")
            #expect(new.lowercase == old.lowercase, "\(text.debugDescription)")
            #expect(new.scriptMarkers == old.scriptMarkers, "\(text.debugDescription)")
            #expect(new.hasNonASCIIWordCharacter == old.hasNonASCIIWordCharacter, "\(text.debugDescription)")
            #expect(new.singleScalarCharacters == old.singleScalarCharacters, "\(text.debugDescription)")
        }
        #expect(nonASCII > 1000)
    }

    /// Letters counted in lanes are added up before a lane overflows, however long the body.
    @Test func longBodiesCountEveryLetter() {
        for (letter, count) in [("A", 70_000), ("z", 4079), ("Q", 4080), ("q", 4097)] {
            var text = String(repeating: letter, count: count)
            let scan = text.withUTF8 { BodyScan($0) }
            #expect(scan.capitals + scan.lowercase == count)
            #expect((letter.uppercased() == letter ? scan.capitals : scan.lowercase) == count)
        }
    }

    /// Runs found from candidates agree with the character-by-character way, for run lengths whose
    /// candidate test reads past the block and for texts with runs of every kind at every block offset.
    @Test func repeatedRunsFromCandidatesAgree() {
        var runTexts = Self.texts
        for piece in ["!", "a", "é", "▬", "😂", "\u{3000}", " ", "ab"] {
            for count in [2, 9, 10, 11, 17, 40] {
                for shift in [0, 5, 15, 16] {
                    runTexts.append(String(repeating: "x", count: shift) + String(repeating: piece, count: count) + "y" + piece)
                }
            }
        }
        var reported = 0
        for text in runTexts {
            for minimum in [2, 3, 10, 17, 40] {
                let policy = ContentSignalPolicy(repeatedCharacterRun: minimum)
                let fast = ContentSignals.repeatedCharacterReasons(text, policy: policy)
                reported += fast.count
                #expect(fast == ContentSignals.repeatedCharacterReasons(text, policy: policy, singleScalars: false), "\(text.debugDescription) at \(minimum)")
            }
        }
        #expect(reported > 5000)
    }

    /// Messages made at their final size read as interpolated ones.
    @Test func reasonMessagesAreTheirPiecesJoined() {
        let values = ["", "!", "▬", "👍🏽", "e\u{301}", "<script", String(repeating: "long piece ", count: 40), "\u{0}"]
        for value in values {
            for number in [0, 7, 100, -3, Int.max] {
                #expect(ReasonMessage.joined("The comment repeats \"", value, "\" ", String(number), " times in a row.")
                    == "The comment repeats \"\(value)\" \(number) times in a row.")
                #expect(ReasonMessage.joined(value, "%") == "\(value)%")
            }
        }
    }

    /// Mixed-script words found only where the scan saw non-ASCII word characters are all of them.
    @Test func mixedScriptWithinTheScannedRangeAgrees() {
        let spoofs = ["pаypal", "аpple", "Gооgle", "раураl", "ΑΒC", "日本語abc", "Zoë", "ab😀аb", "x\u{301}у"]
        var texts = Self.texts
        for (index, spoof) in spoofs.enumerated() {
            texts.append("😂 \(spoof) 👍🏽 ok" + String(repeating: " é", count: index))
            texts.append(String(repeating: "❤️ ", count: index * 3) + spoof + String(repeating: " 🙂", count: index))
        }
        var found = 0
        for text in texts {
            var bytes = text
            let words = bytes.withUTF8 { BodyScan($0).nonASCIIWords }
            let within = ContentSignals.mixedScriptReasons(text, field: .body, nonASCIIWords: words)
            found += within.count
            #expect(within == ContentSignals.mixedScriptReasons(text, field: .body), "\(text.debugDescription)")
        }
        #expect(found > 100)
    }

    /// A character made of a base and a variation selector ("❤️"), told without the grapheme rules, is
    /// the standard library's character whatever comes before and after it.
    @Test func variationSelectorsEndCharactersAsTheGraphemeRulesDo() {
        let bases = ["a", " ", "~", "\n", "\r", "\t", "\u{7F}", "❤", "é", "\u{FEFF}", "\u{200D}", "\u{200C}", "\u{301}",
                     "👍", "🇫", "क", "्", "\u{0600}", "ᄀ", "가", "\u{E000}", "\u{378}", "\u{2028}", "\u{85}", "\u{FE0F}"]
        let followers = ["", "a", "\n", "\r\n", "❤", "\u{FE0F}", "\u{FE0E}", "\u{200D}", "\u{301}", "🏽", "🇫", "क", "\u{0600}",
                         "ᅡ", "\u{FEFF}", "😀"]
        var checked = 0
        var shortcuts = 0
        for base in bases {
            for selector in ["\u{FE0F}", "\u{FE0E}"] {
                for follower in followers {
                    var text = base + selector + follower
                    let end = text.withUTF8 { bytes in
                        let (scalar, length) = LinkSyntax.decodeScalar(bytes, at: 0)
                        return ContentSignals.variationSelectorEnd(
                            bytes, base: 0..<length, ScalarPropertyCache.shared.properties(of: scalar))
                    }
                    if let end {
                        shortcuts += 1
                        #expect(end == text.first.map { String($0).utf8.count }, "\(text.debugDescription)")
                    }
                    for count in [1, 3, 10] {
                        let text = "x" + String(repeating: base + selector + follower, count: count) + "😀"
                        for minimum in [2, 3] {
                            let policy = ContentSignalPolicy(repeatedCharacterRun: minimum)
                            let found = ContentSignals.repeatedCharacterReasons(text, policy: policy, singleScalars: false)
                            let expected = Reference.repeatedRuns(in: text, minimum: minimum).prefix(ContentSignals.maximumReasonsPerSignal)
                            #expect(found.map(\.match) == expected.map(\.grapheme), "\(text.debugDescription) at \(minimum)")
                            checked += found.count
                        }
                    }
                }
            }
        }
        #expect(checked > 500)
        #expect(shortcuts > 100)
    }

    /// The markers of decoded text are those of the text and those decoding wrote.
    @Test func decodingKeepsMarkersAndNotesThoseItWrites() {
        let markers = "<:=".utf8.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }
        var decodedSome = 0
        for text in Self.texts + ["&lt;&colon;&equals;", "%253C%3a&amp;#61;", "&&#35;60;", "&#x3c&#58&#61;"] {
            var bytes = text
            bytes.withUTF8 { bytes in
                var written: UInt64 = 0
                let decoded = ScriptContent.decoded(bytes, writing: &written)
                if written != 0 { decodedSome += 1 }
                let expected = decoded.withUnsafeBufferPointer { ScriptContent.Markers($0).present } & markers
                #expect((ScriptContent.Markers(bytes).present | written) & markers == expected, "\(text.debugDescription)")
            }
        }
        #expect(decodedSome > 20)
    }
}
