import Foundation

/// Texts that fast paths are compared with their references on: the Big List of Naughty Strings, XSS
/// payloads, the YouTube comments one by one and joined into 1 KB bodies, and seeded random strings made of
/// the pieces fast paths treat specially (controls, CR LF, white space, zero-width and default-ignorable
/// characters, combining marks, prepended marks, emoji sequences, look-alike letters, markup, escapes, URLs,
/// runs of one character).
enum FastPathCorpus {
    static let texts: [String] = {
        var texts = (try? HTMLTestCorpora.naughtyStrings()) ?? []
        texts += (try? HTMLTestCorpora.xssPayloads()) ?? []
        let comments = youTubeComments()
        texts += comments
        texts += joined(comments, bytes: 1024)
        texts += random(count: 3000, seed: 0x5EED)
        return texts
    }()

    /// The CONTENT column of every YouTube Spam Collection file.
    static func youTubeComments() -> [String] {
        ["Youtube01-Psy.csv", "Youtube02-KatyPerry.csv", "Youtube03-LMFAO.csv"].flatMap { file in
            let rows = (try? ContentTestCSV.rows(of: HTMLTestCorpora.testdata("youtube-spam/\(file)"))) ?? []
            return rows.dropFirst().compactMap { $0.count == 5 ? $0[3] : nil }
        }
    }

    /// `texts` joined with spaces into strings of about `bytes` bytes.
    static func joined(_ texts: [String], bytes: Int) -> [String] {
        var result: [String] = []
        var current = ""
        for text in texts {
            if !current.isEmpty, current.utf8.count + text.utf8.count > bytes {
                result.append(current)
                current = ""
            }
            current += text + " "
        }
        return result
    }

    static let pieces = [
        "a", "b", "Z", "x", "1", "0", "3", "@", "$", "'", ".", ",", "-", "_", "!", "?", "/", "\\", "#", "(", ")",
        "<", ">", "=", ":", ";", "&", "%", "\"", "`", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{0}", "\u{1}",
        "\u{1B}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{A0}", "\u{AD}", "\u{2028}", "\u{3000}", "\u{200B}",
        "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{3164}", "\u{301}", "\u{308}", "\u{600}", "\u{903}",
        "é", "ß", "İ", "ﬁ", "Ａ", "😂", "👍🏽", "👨‍👩‍👧", "🇫🇷", "❤️", "а", "о", "р", "Москва", "ο", "Ω", "日本", "カ",
        "한", "م", "न", "ل", "’", "“", "…", "。", "▬", "hello", "World", "viagra", "v1agr@", "pаypal", "café",
        "javascript", "&#58;", "&colon;", "%3A", "%3C", "&lt;", "&#106;", "onerror", "<script>", "<a href=",
        "http://", "https://", "www.", "example", ".com", ".org", "bit.ly/x", "setup.py", "<b>", "</a>",
        "aaaaaaaaaaa", "!!!!!!!!!!!", "oooooooooo", "SHOUTING", "\"onload/=", "' onfocus / /= ", "java\tscript",
        "data\u{200B}", "text/html", "vb\u{AD}script:", "<img src=x ", "mocha", "expression(",
    ]

    /// Seeded random strings of `pieces`, some with one piece repeated into a run.
    static func random(count: Int, seed: UInt64) -> [String] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let length = Int.random(in: 0...40, using: &generator)
            return (0..<length).map { _ in
                let piece = pieces.randomElement(using: &generator) ?? ""
                let repeats = Int.random(in: 0..<8, using: &generator) == 0 ? Int.random(in: 2...14, using: &generator) : 1
                return String(repeating: piece, count: repeats)
            }.joined()
        }
    }
}
