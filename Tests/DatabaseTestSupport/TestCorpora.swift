import Foundation

/// The third-party corpora in ../shared/testdata that bad-input tests feed to every entry point.
public enum TestCorpora {
    /// `<package root>/../shared/testdata`, found from this file's location as CI's checkout has it.
    public static var directory: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { break }
        }
        return url.appendingPathComponent("../shared/testdata").standardizedFileURL
    }

    /// The Big List of Naughty Strings.
    public static func naughtyStrings() throws -> [String] {
        let data = try Data(contentsOf: directory.appendingPathComponent("naughty/blns.json"))
        return try JSONDecoder().decode([String].self, from: data)
    }

    /// XSS payloads, one per line.
    public static func xssPayloads() throws -> [String] {
        let text = try String(contentsOf: directory.appendingPathComponent("xss/xss-payloads-combined.txt"), encoding: .utf8)
        return text.split(separator: "\n").map(String.init)
    }

    /// An evenly spread sample of both corpora, for tests that pay a process per string. Strings holding
    /// NUL are left out: no command line can carry them.
    public static func commandLineSample(limit: Int) throws -> [String] {
        let naughty = try naughtyStrings().filter { !$0.isEmpty && !$0.contains("\0") }
        let xss = try xssPayloads().filter { !$0.contains("\0") }
        func spread(_ all: [String], _ count: Int) -> [String] {
            guard all.count > count, count > 0 else { return all }
            return (0..<count).map { all[$0 * all.count / count] }
        }
        return spread(naughty, limit - limit / 3) + spread(xss, limit / 3)
    }
}
