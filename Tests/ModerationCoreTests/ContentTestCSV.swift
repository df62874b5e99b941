import Foundation

/// Just enough RFC 4180 to read the YouTube Spam Collection: quoted fields may hold commas, doubled
/// quotes and newlines. One reader for every test of this target (`WordListFixtures.csvRecords` parses).
enum ContentTestCSV {
    static func rows(of url: URL) throws -> [[String]] {
        WordListFixtures.csvRecords(try String(contentsOf: url, encoding: .utf8))
    }
}
