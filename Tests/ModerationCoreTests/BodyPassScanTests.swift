import Testing

@testable import ModerationCore

/// Everything ``BodyScan`` notes about non-ASCII characters (letters counted, where word and host-name
/// characters lie, whether characters are single scalars or simple) agrees with a scalar-by-scalar
/// reading of the text, whatever the order in which a few kinds of scalar alternate (the scan remembers
/// the last ones it met) and wherever they meet a block edge.
@Suite struct BodyPassScanTests {
    /// What the scan should find, read one scalar at a time.
    private struct Expected: Equatable {
        var capitals = 0
        var lowercase = 0
        var nonASCIIWords = 0..<0
        var nonASCIINames = 0..<0
        var singleScalarCharacters = true
        var simpleCharacters = true

        init(_ bytes: LinkSyntax.Bytes) {
            var index = 0
            while index < bytes.count {
                let (scalar, length) = LinkSyntax.decodeScalar(bytes, at: index)
                defer { index += length }
                guard scalar.value >= 0x80 else {
                    if ("A"..."Z").contains(scalar) { capitals += 1 } else if ("a"..."z").contains(scalar) { lowercase += 1 }
                    continue
                }
                let properties = ScalarPropertyCache.shared.properties(of: scalar)
                switch properties.category {
                case .uppercaseLetter, .titlecaseLetter: capitals += 1
                case .lowercaseLetter: lowercase += 1
                default: break
                }
                if !properties.standsAlone {
                    singleScalarCharacters = false
                    simpleCharacters = simpleCharacters && ContentSignals.selectorCharacter(bytes, selector: index) != nil
                }
                let here = index..<index + length
                if ContentSignals.isWordCharacter(scalar, properties) { nonASCIIWords = Self.extended(nonASCIIWords, here) }
                if LinkScanner.isDomainCharacter(properties) { nonASCIINames = Self.extended(nonASCIINames, here) }
            }
        }

        init(_ scan: BodyScan) {
            capitals = scan.capitals
            lowercase = scan.lowercase
            nonASCIIWords = scan.nonASCIIWords
            nonASCIINames = scan.nonASCIINames
            singleScalarCharacters = scan.singleScalarCharacters
            simpleCharacters = scan.simpleCharacters
        }

        private static func extended(_ range: Range<Int>, _ by: Range<Int>) -> Range<Int> {
            range.isEmpty ? by : range.lowerBound..<by.upperBound
        }
    }

    /// More kinds of scalar than the scan remembers, each a letter in one case or another, a word or
    /// name character or neither, standing alone or not.
    private static let pieces = [
        "\u{FEFF}", "é", "É", "ß", "ǅ", "ᾈ", "❤️", "❤", "😀", "👍🏽", "Ж", "ж", "한", "日", "e\u{301}", "٣", "▬", "’",
        "Ａ", "ｍ", "🇫🇷", "\u{200D}", "#️", "a", "Z", " ", ".", "x.com", "<b>", "\r\n", "\u{3000}",
    ]

    static let texts: [String] = {
        var texts = BodyPassTests.texts
        texts += BodyPassRandomTexts.texts(from: pieces, count: 3000, maximumPieces: 60, seed: 0x5CA7)
        // Pairs of kinds alternating over several blocks, each shifted over a block edge.
        for (first, second) in zip(pieces, pieces.dropFirst(7) + pieces.prefix(7)) {
            for shift in 0...16 {
                texts.append(String(repeating: "x", count: shift) + String(repeating: first + "y" + second, count: 12))
            }
        }
        return texts
    }()

    @Test func scanAgreesWithScalarByScalarReading() {
        var joining = 0
        for text in Self.texts {
            var text = text
            let (scan, expected) = text.withUTF8 { (Expected(BodyScan($0)), Expected($0)) }
            if !expected.singleScalarCharacters { joining += 1 }
            #expect(scan == expected, "\(text.debugDescription)")
        }
        #expect(joining > 500)
    }
}
