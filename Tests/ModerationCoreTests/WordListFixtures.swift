import Foundation
import ModerationCore

/// Shared test data for the word-list and normalizer tests (from ../shared/testdata beside the package).
enum WordListFixtures {
    struct MissingData: Error, CustomStringConvertible {
        let path: String
        var description: String { "test data not found: \(path)" }
    }

    /// `<package root>/../shared/testdata`.
    static let testdata: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) { break }
            directory.deleteLastPathComponent()
        }
        return directory.deletingLastPathComponent().appendingPathComponent("shared/testdata")
    }()

    static func text(_ path: String) throws -> String {
        let url = testdata.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw MissingData(path: url.path) }
        return String(decoding: data, as: UTF8.self)
    }

    /// The LDNOOBW English list, one term or phrase per line, as reject entries.
    static func ldnoobw() throws -> [WordListEntry] {
        try text("wordlists/ldnoobw-en.txt").split(separator: "\n").map { line in
            WordListEntry(action: .reject, pattern: String(line))
        }
    }

    /// The comments labelled ham (CLASS 0) in the YouTube Spam Collection CSVs.
    static func hamComments() throws -> [String] {
        var comments: [String] = []
        for name in ["Youtube01-Psy.csv", "Youtube02-KatyPerry.csv", "Youtube03-LMFAO.csv"] {
            let records = csvRecords(try text("youtube-spam/\(name)"))
            for record in records.dropFirst() where record.count == 5 && record[4] == "0" {
                comments.append(record[3])
            }
        }
        return comments
    }

    static func naughtyStrings() throws -> [String] {
        try JSONDecoder().decode([String].self, from: Data(try text("naughty/blns.json").utf8))
    }

    static func xssPayloads() throws -> [String] {
        try text("xss/xss-payloads-combined.txt").split(separator: "\n").map(String.init)
    }

    /// RFC 4180: fields separated by commas, optionally quoted, `""` inside quotes is a quote, quoted fields
    /// may hold newlines; records end with LF or CRLF.
    static func csvRecords(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? scalars.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = scalars.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": quoted = true
            case ",":
                record.append(field)
                field = ""
            case "\r": break
            case "\n":
                record.append(field)
                records.append(record)
                (record, field) = ([], "")
            default: field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}

/// The word-list tests' name for the target's one seeded generator.
typealias WordListSeededGenerator = SplitMix64
