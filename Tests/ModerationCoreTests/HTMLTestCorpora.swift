import Foundation

/// Third-party corpora from ../shared/testdata (see its README for provenance).
enum HTMLTestCorpora {
    /// The directory holding Package.swift, found from this file's path.
    static let packageRoot: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory.deleteLastPathComponent()
        }
        return directory
    }()

    static func testdata(_ relativePath: String) -> URL {
        packageRoot.appendingPathComponent("../shared/testdata").appendingPathComponent(relativePath)
    }

    /// The Big List of Naughty Strings.
    static func naughtyStrings() throws -> [String] {
        try JSONDecoder().decode([String].self, from: Data(contentsOf: testdata("naughty/blns.json")))
    }

    /// XSS payloads, one a line.
    static func xssPayloads() throws -> [String] {
        try String(contentsOf: testdata("xss/xss-payloads-combined.txt"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }


    /// Strings built from the pieces markup, URLs and escaping are made of.
    static func hostileStrings(count: Int, seed: UInt64) -> [String] {
        let pieces = [
            "<", ">", "\"", "'", "&", "=", "a", "h", "w", "Z", " ", "\n", "\r\n", "\r", "\t", "javascript:",
            "http://", "https://", "HTTP://", "www.", "x.org", "(", ")", "[", "]", ".", ",", "&#106;", "&amp;",
            "\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9F}", "é", "日本", "😀", "\u{202E}", "\u{200B}",
            "\u{A0}", "。", "“", "”", "’", "…", "/", "?", "#", ";", "%3C", "<a href=", "<script>", "onerror=",
            "`", "\\",
        ]
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let length = Int.random(in: 0...40, using: &generator)
            return (0..<length).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
        }
    }
}
