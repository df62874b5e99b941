import Foundation
import ModerationCore
import ModerationStore

/// Reads a word-list file for `rules words import`: the core's parser decides what a line means and
/// reports the first bad one; then each entry is checked against what the table stores, naming its line.
enum WordListFile {
    static func read(_ path: String) throws -> [WordListEntry] {
        let bytes = try contents(of: path)
        let name = path == "-" ? "standard input" : path
        do {
            _ = try WordList.parse(utf8: bytes)
        } catch {
            throw CommandFailure.usage(TextStyle.visible("\(name): \(error.description)"))
        }
        // Line by line now, only to name the line of an entry the table cannot hold: the whole file parsed,
        // so every line parses alone to the same entry (a byte-order mark can only start line 1).
        var entries: [WordListEntry] = []
        var number = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            for entry in (try? WordList.parse(utf8: line)) ?? [] {
                do {
                    entries.append(try WordRuleStore.checked(entry))
                } catch {
                    throw CommandFailure.usage(TextStyle.visible("\(name): line \(number): \(error.message)"))
                }
            }
        }
        return entries
    }

    private static func contents(of path: String) throws -> [UInt8] {
        if path == "-" {
            return Array((try? FileHandle.standardInput.readToEnd()) ?? Data())
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CommandFailure.usage(TextStyle.visible("\(path): cannot read: \(String(cString: strerror(errno)))"))
        }
        defer { try? handle.close() }
        do {
            return Array(try handle.readToEnd() ?? Data())
        } catch {
            throw CommandFailure.usage(TextStyle.visible("\(path): cannot read: \(error.localizedDescription)"))
        }
    }
}
