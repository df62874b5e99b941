import Foundation
import Testing
import UnicodeSupport

@testable import ModerationCore

/// The byte-level fast paths give exactly what the straightforward implementations in `Reference` give,
/// on the corpora and on random strings built to hit their edge cases.
@Suite struct FastPathEquivalenceTests {
    /// Each corpus text, also wrapped in white space, a CR or a control, as fields arrive.
    static let fieldTexts: [String] = FastPathCorpus.texts.flatMap { text in
        [text, " \(text) ", "\u{A0}\(text)\r", "\r\n\(text)\u{3000}", "\u{85}\(text)\u{1}", "\(text)\u{2028}"]
    }

    @Test func byteScansAgree() {
        for text in FastPathCorpus.texts {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                for start in [0, 1, 3, 7, 9, bytes.count / 2] where start <= bytes.count {
                    for end in [bytes.count, max(start, bytes.count - 5), min(bytes.count, start + 17)] {
                        let range = start..<end
                        let slice = bytes[range]
                        #expect(BlockScan.firstNonASCII(buffer, in: range) == slice.firstIndex { $0 >= 0x80 } ?? end)
                        #expect(
                            BlockScan.firstIndex(of: UInt8(ascii: ":"), or: UInt8(ascii: "<"), in: buffer, range)
                                == slice.firstIndex { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "<") } ?? end)
                        #expect(
                            ByteScan.firstLinkMarker(buffer, in: range)
                                == slice.firstIndex { $0 >= 0x80 || "<.:".utf8.contains($0) } ?? end)
                        #expect(
                            ByteScan.firstNonLetter(buffer, in: range)
                                == slice.firstIndex { !($0 >= 0x41 && $0 <= 0x5A || $0 >= 0x61 && $0 <= 0x7A) } ?? end)
                        for length in [2, 3, 10] {
                            #expect(
                                ByteScan.firstPossibleRun(buffer, in: range, length: length)
                                    == range.first {
                                        $0 + length <= end && bytes[$0] == bytes[$0 + 1] && bytes[$0] == bytes[$0 + length - 1]
                                    }, "\(text.debugDescription)")
                        }
                    }
                }
            }
        }
    }

    @Test func fieldTextChecksAgree() {
        var mismatches: [String] = []
        for text in Self.fieldTexts {
            let trimmed = FieldValidator.trimmed(text)
            if !trimmed.utf8.elementsEqual(Reference.trimmed(text).utf8) { mismatches.append("trimmed \(text.debugDescription)") }
            if FieldValidator.isBlank(text) != Reference.isBlank(text) { mismatches.append("blank \(text.debugDescription)") }
            for multiline in [false, true]
            where FieldValidator.refusedControlCharacter(in: text, multiline: multiline)
                != Reference.refusedControlCharacter(in: text, multiline: multiline) {
                mismatches.append("control (multiline: \(multiline)) \(text.debugDescription)")
            }
            if FieldValidator.scalarCount(text) != text.unicodeScalars.count { mismatches.append("count \(text.debugDescription)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test func lengthLimitsCountScalars() {
        for text in FastPathCorpus.texts where !Reference.isBlank(text) && Reference.refusedControlCharacter(in: text, multiline: true) == nil {
            let length = Reference.trimmed(text).unicodeScalars.count
            var comment = FieldValidatorTests.valid
            comment.authorName = text
            comment.body = text
            for limit in [length - 1, length] {
                let limits = FieldLimits(maxNameLength: limit, minBodyLength: limit + 1)
                let codes = FieldValidator.validate(comment, limits: limits) { _ in nil }
                    .map(\.code).filter { $0 == "too_long" || $0 == "too_short" }
                // The name is one too long at length - 1; the body one too short at length.
                let expected = limit < length ? ["too_long"] : ["too_short"]
                #expect(codes == expected, "\(text.debugDescription) at \(limit)")
            }
        }
    }

    static let websites: [String] = {
        let hosts = [
            "example.com", "EXAMPLE.COM.", "a.b", "x-y.example.org", "-x.example.org", "x-.example.org", "1.2.3.4",
            "300.2.3.4", "example.123", "example.123a", "a..b", ".example.com", "example.com..", "localhost",
            "[::1]", "[::1]:8080", "[zz]", "user@example.com", "ex_ample.com", "例え.jp", "xn--r8jz45g.jp",
            "é.example.com", String(repeating: "a", count: 63) + ".com", String(repeating: "a", count: 64) + ".com",
            Array(repeating: String(repeating: "b", count: 49), count: 5).joined(separator: ".") + ".com",
            Array(repeating: String(repeating: "c", count: 50), count: 5).joined(separator: ".") + ".co",
            "example.com:", "example.com:0", "example.com:1", "example.com:65535", "example.com:65536",
            "example.com:00080", "example.com:123456", "example.com:8a", "example.com:80:90", "",
        ]
        let schemes = ["http://", "https://", "HTTPS://", "HtTp://", "http:/", "https:", "ftp://", "javascript:", ""]
        let rests = ["", "/", "/blog?x=1#top", "?q", "#f", "/a b", "/a\\b", "/é", "/\u{7F}", "/\t", "/%20"]
        var urls: [String] = []
        for scheme in schemes {
            for host in hosts {
                for rest in rests { urls.append(scheme + host + rest) }
            }
        }
        return urls + FastPathCorpus.texts.prefix(2000).flatMap { ["https://\($0)", "http://example.com/\($0)", $0] }
    }()

    @Test func websiteURLChecksAgree() {
        var accepted = 0
        for url in Self.websites {
            #expect(WebsiteURLSyntax.problem(in: url) == Reference.websiteProblem(in: url), "\(url.debugDescription)")
            if url.utf8.withContiguousStorageIfAvailable(WebsiteURLSyntax.isPlainWebAddress) == true {
                accepted += 1
                #expect(Reference.websiteProblem(in: url) == nil, "fast path accepted \(url.debugDescription)")
            }
        }
        // The fast path does take the ordinary addresses.
        #expect(accepted > 500)
        #expect("https://maria.example.org/blog".utf8.withContiguousStorageIfAvailable(WebsiteURLSyntax.isPlainWebAddress) == true)
    }

    @Test func repeatedCharactersAgree() {
        for text in FastPathCorpus.texts {
            for minimum in [2, 3, 10] {
                let found = ContentSignals.repeatedCharacterReasons(text, policy: ContentSignalPolicy(repeatedCharacterRun: minimum))
                let expected = Reference.repeatedRuns(in: text, minimum: minimum).prefix(ContentSignals.maximumReasonsPerSignal)
                #expect(found.map(\.match) == expected.map(\.grapheme), "\(text.debugDescription) at \(minimum)")
                #expect(found.map(\.message) == expected.map { "The comment repeats \"\($0.grapheme)\" \($0.length) times in a row." })
            }
        }
    }

    @Test func capitalsAgree() {
        for text in FastPathCorpus.texts + FastPathCorpus.texts.map({ $0.uppercased() }) {
            for (ratio, minimum) in [(0.7, 20), (0.3, 1)] {
                let policy = ContentSignalPolicy(capitalsRatio: ratio, minLettersForCapitals: minimum)
                #expect(
                    ContentSignals.capitalsReason(text, policy: policy)?.match
                        == Reference.capitalsShare(in: text, ratio: ratio, minimum: minimum), "\(text.debugDescription)")
            }
        }
    }

    @Test func mixedScriptAgrees() {
        for text in FastPathCorpus.texts {
            let expected = Reference.mixedScriptWords(in: text)
            let found = ContentSignals.reasons(for: text, field: .authorName, policy: ContentSignalPolicy())
            #expect(found.map(\.match) == expected, "\(text.debugDescription)")
            // The body's check is skipped when its scan saw no non-ASCII word character.
            let inBody = ContentSignals.reasons(for: text, field: .body, policy: ContentSignalPolicy())
                .filter { $0.code == "mixed_script" }
            #expect(inBody.map(\.match) == expected, "\(text.debugDescription)")
        }
    }

    /// LDNOOBW plus words, phrases and wildcards taken from the YouTube comments themselves (so the
    /// corpora hit plenty), leet forms and a few allow entries.
    static func wordList() throws -> WordList {
        var entries = try WordListFixtures.ldnoobw()
        let words = FastPathCorpus.youTubeComments().prefix(400).flatMap { comment in
            comment.lowercased().split { !$0.isLetter }.map(String.init)
        }.filter { $0.count > 2 }
        let actions: [WordAction] = [.reject, .hold, .flag]
        for (index, word) in words.enumerated() where index % 7 == 0 {
            entries.append(WordListEntry(action: actions[index % 3], pattern: word))
            if index + 1 < words.count, index % 3 == 0 {
                entries.append(WordListEntry(action: .flag, pattern: "\(word) \(words[index + 1])"))
            }
            if index % 5 == 0 { entries.append(WordListEntry(action: .hold, pattern: "\(word.prefix(4))*")) }
            if index % 11 == 0 { entries.append(WordListEntry(action: .hold, pattern: "*\(word.suffix(4))")) }
        }
        entries += ["v1agra", "a$$", "fr33 m0ney", "s e x", "pаypal", "cl@ss", "café"].map {
            WordListEntry(action: .reject, pattern: $0)
        }
        entries += ["class", "assistance", "scunthorpe"].map { WordListEntry(action: .allow, pattern: $0) }
        return try WordList(entries: entries)
    }

    @Test func wordListShortcutsAgree() throws {
        let list = try Self.wordList()
        var hits = 0
        for text in FastPathCorpus.texts {
            let fast = list.hits(in: text)
            hits += fast.count
            #expect(fast == list.hits(in: text, shortcuts: false), "\(text.debugDescription)")
        }
        // The list does hit the corpora, shortcuts included.
        #expect(hits > 1000)
    }

    /// Segmentation's shortcuts (words one spacer apart opened directly; trailing ignorables) cut the
    /// same pieces and runs, with the same gaps, as the general way.
    @Test func segmentationShortcutsAgree() {
        func outline(_ text: inout String, shortcuts: Bool) -> [String] {
            text.withUTF8 { bytes in
                TextSegmentation.segment(bytes, table: ScalarTable.shared, shortcuts: shortcuts) { segmentation in
                    segmentation.pieces.indices.map { index in
                        let piece = segmentation.pieces[index]
                        return "\(piece.kind) \(piece.gapBefore) \(piece.units) \(piece.start)..<\(piece.end)"
                    } + segmentation.runs.map { "\($0.kind) \($0.first)..<\($0.end) \($0.units)" }
                }
            }
        }
        for text in FastPathCorpus.texts {
            var text = text
            #expect(outline(&text, shortcuts: true) == outline(&text, shortcuts: false), "\(text.debugDescription)")
        }
    }

    /// Plain words skip the walk from the trie's root by their first three letters: entries one or two
    /// letters long, prefix wildcards that short, phrases and suffixes must still be found through them.
    @Test func shortWordEntriesAgree() throws {
        let patterns = ["a*", "qu*", "x", "ox", "the end", "zz*", "*ing", "cat", "dog food", "te", "tea*", "o"]
        let list = try WordList(entries: patterns.map { WordListEntry(action: .hold, pattern: $0) })
        var generator = SplitMix64(seed: 0x7E1)
        let letters = Array("aquxotheNdzigcfT")
        var hits = 0
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 1...12, using: &generator)).map { _ in
                String((0..<Int.random(in: 1...6, using: &generator)).map { _ in letters.randomElement(using: &generator) ?? "a" })
            }.joined(separator: " ")
            let fast = list.hits(in: text)
            hits += fast.count
            #expect(fast == list.hits(in: text, shortcuts: false), "\(text.debugDescription)")
        }
        #expect(hits > 1000)
    }

    @Test func renderingAgrees() {
        for text in FastPathCorpus.texts {
            let (fast, slow) = (HTMLRenderer.render(text), HTMLRenderer.render(text, wordAtATime: false))
            #expect(fast.utf8.elementsEqual(slow.utf8), "\(text.debugDescription)")
        }
    }

    @Test func linkScanShortcutsAgree() {
        for text in FastPathCorpus.texts {
            var text = text
            let (fast, full) = text.withUTF8 { bytes in
                (LinkScanner.scan(bytes), LinkScanner.scan(bytes, skipping: false))
            }
            #expect(fast == full, "\(text.debugDescription)")
        }
    }

    /// Every scalar of the corpora, and one in 97 of all the others.
    static let scalars: [Unicode.Scalar] = {
        var seen = Set<Unicode.Scalar>()
        for text in FastPathCorpus.texts { seen.formUnion(text.unicodeScalars) }
        return Array(seen) + stride(from: 0, to: 0x11_0000, by: 97).compactMap(Unicode.Scalar.init)
    }()

    @Test func cachedPropertiesAreTheStandardLibrarys() {
        for scalar in Self.scalars {
            let cached = ScalarPropertyCache.shared.properties(of: scalar)
            #expect(cached.category == ScalarCategory(scalar.properties.generalCategory), "\(scalar.value)")
            #expect(cached.isWhitespace == scalar.properties.isWhitespace, "\(scalar.value)")
            #expect(cached.isDefaultIgnorable == scalar.properties.isDefaultIgnorableCodePoint, "\(scalar.value)")
            #expect(cached.joinsFollowingASCII == (String(String.UnicodeScalarView([scalar, "a"])).count == 1))
            #expect(cached.script == cm_script_of(scalar.value), "\(scalar.value)")
        }
    }

    /// What the grapheme shortcuts rely on: two scalars that stand alone are two characters, and a
    /// non-ASCII scalar followed by a printable ASCII one is two unless it joins it, and two before a
    /// control.
    @Test func standingAloneMeansACharacterBoundary() {
        let alone = Self.scalars.filter { ScalarPropertyCache.shared.properties(of: $0).standsAlone }
        #expect(alone.count > 1000)
        for (index, first) in alone.enumerated() {
            for second in [alone[(index * 7 + 3) % alone.count], alone[(index * 13 + 5) % alone.count], first] {
                #expect(String(String.UnicodeScalarView([first, second])).count == 2, "\(first.value) \(second.value)")
            }
        }
        for scalar in Self.scalars where !scalar.isASCII {
            let joins = ScalarPropertyCache.shared.properties(of: scalar).joinsFollowingASCII
            for next in ["a", "1", " ", "!", "~"] as [Unicode.Scalar] {
                #expect(String(String.UnicodeScalarView([scalar, next])).count == (joins ? 1 : 2), "\(scalar.value)")
            }
            for control in ["\n", "\r", "\u{0}", "\u{7F}"] as [Unicode.Scalar] {
                #expect(String(String.UnicodeScalarView([scalar, control])).count == 2, "\(scalar.value)")
            }
        }
    }

    @Test func scriptDecodingAgrees() {
        for text in FastPathCorpus.texts {
            var bytes = text
            #expect(bytes.withUTF8(ScriptContent.decoded) == Reference.scriptDecoded(text), "\(text.debugDescription)")
        }
    }

    /// Text without `<` is searched only when a colon ends a possible scheme or `data`, or an `=` a
    /// possible event handler.
    @Test func textsWithoutTagsAgree() {
        let cases: [(String, [String])] = [
            ("Note: see http://example.com :) at 10:30", []),
            ("JAVASCRIPT:alert(1)", ["javascript:"]),
            ("java\tscript :alert(1)", ["javascript:"]),
            ("vb\u{AD}script\u{FEFF}:msgbox", ["vbscript:"]),
            ("MOCHA:x", ["mocha:"]),
            ("data\u{200B}:text/html,hi", ["data:text/html"]),
            ("that: is all, a: b", []),
            ("watch?v=abc and x=1, onboarding = true", []),
            ("\" ONFOCUS =alert(1)", ["onfocus="]),
            ("x' onload/ /=eval(name)", ["onload="]),
            ("&#106;avascript:alert(1)", ["javascript:"]),
            ("&quot; onmouseover&equals;alert(1)", ["onmouseover="]),
        ]
        for (text, expected) in cases {
            var text = text
            let (fast, full) = text.withUTF8 { bytes in
                (ScriptContent.findings(in: bytes), ScriptContent.findings(in: bytes, skipping: false))
            }
            #expect(fast == expected, "\(text.debugDescription)")
            #expect(full == expected, "\(text.debugDescription)")
        }
    }

    /// The body scan's markers, gathered with letters and non-ASCII characters, are the bytes present.
    @Test func bodyScanMarkersAgree() {
        for text in FastPathCorpus.texts {
            var text = text
            let expected = text.utf8.reduce(UInt64(0)) { seen, byte in
                "<:=&%".utf8.contains(byte) ? seen | 1 << UInt64(byte) : seen
            }
            let (scanned, alone) = text.withUTF8 { (BodyScan($0).scriptMarkers, ScriptContent.Markers($0).present) }
            #expect(scanned == expected, "\(text.debugDescription)")
            #expect(alone == expected, "\(text.debugDescription)")
        }
    }

    @Test func scriptContentShortcutsAgree() {
        for text in FastPathCorpus.texts {
            var text = text
            let (fast, full) = text.withUTF8 { bytes in
                (ScriptContent.findings(in: bytes), ScriptContent.findings(in: bytes, skipping: false))
            }
            #expect(fast == full, "\(text.debugDescription)")
        }
    }
}
