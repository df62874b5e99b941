import Testing
import ModerationCore

@Suite struct TextNormalizerTests {
    @Test(arguments: [
        // Fullwidth forms (NFKC).
        ("ＶＩＡＧＲＡ", "viagra"),
        ("ｆｒｅｅ　ｍｏｎｅｙ！", "free money!"),
        // Zero-width and other default-ignorable characters vanish inside words.
        ("vi\u{200B}ag\u{200B}ra", "viagra"),
        ("vi\u{200D}agra", "viagra"),
        ("\u{FEFF}via\u{FEFF}gra", "viagra"),
        ("vi\u{00AD}ag\u{00AD}ra", "viagra"),
        ("v\u{2060}i\u{200C}a\u{034F}gra", "viagra"),
        // Cyrillic and Greek look-alikes fold to Latin.
        ("раураl", "paypal"),
        ("vіagra", "viagra"),
        ("ѕех", "sex"),
        ("СОСА", "coca"),
        ("vi\u{03B1}gr\u{03B1}", "viagra"),
        ("ΡΙΝΟ", "pivo"),
        // Leet.
        ("v1agr@", "viagra"),
        ("fr33 m0n3y", "free money"),
        ("a$$hole", "asshole"),
        ("@ss", "ass"),
        ("$h1t", "shit"),
        // Spaced, dotted and hyphenated letters are joined back.
        ("v i a g r a", "viagra"),
        ("v.i.a.g.r.a", "viagra"),
        ("v-i-a-g-r-a", "viagra"),
        ("V. I. A. G. R. A.", "viagra."),
        ("buy v i a g r a now", "buy viagra now"),
        // Case folding, including non-ASCII.
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),
        ("İSTANBUL", "istanbul"),
        ("İstanbul", "istanbul"),
        ("ΣΟΦΟΣ", TextNormalizer.normalize("σοφος")),
        ("σοφος", TextNormalizer.normalize("σοφoς")),
    ])
    func normalizes(input: String, expected: String) {
        #expect(TextNormalizer.normalize(input) == expected)
    }

    @Test(arguments: ["2024", "1999", "covid19", "3d", "h264", "10:30", "$100", "4 5 6 7 8 9 2", "1 0 1"])
    func numbersAndCodesAreNotReadAsLeet(text: String) {
        #expect(TextNormalizer.normalize(text) == text)
    }

    @Test func asciiLettersAreTheirOwnLookAlikes() {
        // TS #39 alone maps "m" to "rn": "modern" would equal "modem" and "burn" "bum".
        #expect(TextNormalizer.normalize("modern") != TextNormalizer.normalize("modem"))
        #expect(TextNormalizer.normalize("burn") == "burn")
        #expect(TextNormalizer.normalize("click") != TextNormalizer.normalize("dick"))
    }

    @Test func greekFinalSigmaFoldsLikeSigma() {
        #expect(TextNormalizer.normalize("ς") == TextNormalizer.normalize("σ"))
        #expect(TextNormalizer.normalize("Σ") == TextNormalizer.normalize("σ"))
    }

    @Test func separatorsBetweenWordsAreKept() {
        #expect(TextNormalizer.normalize("Hello, World!") == "hello, world!")
        #expect(TextNormalizer.normalize("crypto...giveaway") == "crypto...giveaway")
    }

    @Test func combiningMarksAreKeptInCanonicalOrder() {
        // a + dot below + acute, typed in either order, is one canonical string.
        let one = TextNormalizer.normalize("a\u{0323}\u{0301}")
        let other = TextNormalizer.normalize("a\u{0301}\u{0323}")
        #expect(one == other)
        #expect(TextNormalizer.normalize("café") == TextNormalizer.normalize("cafe\u{0301}"))
        #expect(TextNormalizer.normalize("café") != "cafe")
    }

    @Test func idempotentOnGeneratedText() {
        var generator = WordListSeededGenerator(seed: 0x5EED_0001)
        for _ in 0..<20_000 {
            let text = TextNormalizerSamples.randomText(using: &generator)
            let once = TextNormalizer.normalize(text)
            #expect(TextNormalizer.normalize(once) == once, "\(Array(text.unicodeScalars.map(\.value)))")
        }
    }

    @Test func idempotentOnNaughtyStringsAndXSSPayloads() throws {
        for text in try WordListFixtures.naughtyStrings() + WordListFixtures.xssPayloads() {
            let once = TextNormalizer.normalize(text)
            #expect(TextNormalizer.normalize(once) == once, "\(text)")
        }
    }
}

/// Random text over the characters normalization cares about.
enum TextNormalizerSamples {
    static let pieces: [String] = [
        "a", "b", "i", "l", "m", "o", "s", "v", "x", "A", "I", "M", "O", "S", "V", "Z", "ß", "İ", "ı", "ſ",
        "0", "1", "2", "3", "4", "5", "7", "9", "@", "$", " ", " ", " ", ".", "-", "_", ",", "!", "'", "*",
        "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{00AD}", "\u{2060}", "\u{FE0F}", "\u{0301}", "\u{0323}",
        "\u{0307}", "\u{0308}", "а", "р", "у", "і", "ѕ", "о", "Α", "Ο", "ς", "σ", "Σ", "ν", "Ｖ", "ｉ", "！",
        "　", "中", "文", "ไ", "ท", "ย", "🖕", "🏻", "😂", "ﬁ", "ǅ", "Ⅻ", "①", "½", "™", "㍿", "ﷺ", "\t",
        "\n", "\u{202E}", "\u{0000}", "\u{FFFD}", "\u{10FFFF}", "가", "ᄀ", "ᅡ", "ʼ", "’", "—", "•", "·",
    ]

    static func randomText(using generator: inout WordListSeededGenerator) -> String {
        let length = Int.random(in: 0...14, using: &generator)
        var text = ""
        for _ in 0..<length {
            if Int.random(in: 0..<4, using: &generator) == 0 {
                // Now and then any scalar at all.
                let value = UInt32.random(in: 0...0x10FFFF, using: &generator)
                if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) }
            } else {
                text += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
        }
        return text
    }
}
