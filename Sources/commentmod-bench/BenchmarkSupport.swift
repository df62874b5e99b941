import Foundation
import ModerationCore

// Helpers shared by the benchmarks: test data, word lists, CPU-time measurement.

/// `../shared/testdata` beside the package root.
func benchmarkTestdata() -> URL {
    var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while directory.path != "/",
          !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
        directory.deleteLastPathComponent()
    }
    return directory.deletingLastPathComponent().appendingPathComponent("shared/testdata")
}

/// The value of `--name VALUE` in `arguments`, if given.
func option(_ name: String, in arguments: [String]) -> String? {
    guard let flag = arguments.firstIndex(of: name), flag + 1 < arguments.count else { return nil }
    return arguments[flag + 1]
}

/// The word-list sizes of `--sizes 1000,10000,100000`.
func listSizes(in arguments: [String]) -> [Int] {
    option("--sizes", in: arguments)?.split(separator: ",").compactMap { Int($0) } ?? [1_000, 10_000, 100_000]
}

/// Seconds per call of `body`, from repeated batches of `batch` calls over `seconds` of wall time:
/// `cpu` is the thread CPU time of the fastest batch, `wall` the wall time of all batches per call. The
/// machine is shared: thread CPU time leaves out time spent preempted, and the fastest batch leaves out
/// batches slowed by a neighbour's cache traffic; wall time shows what the load left. With `calls`,
/// exactly that many calls are made and averaged, for instruction-counting profilers
/// (`valgrind --tool=callgrind`).
func measure(seconds: Double, calls: Int?, batch: Int = 50, _ body: () -> Int) -> (cpu: Double, wall: Double) {
    var sink = 0
    defer { if sink == -1 { print("") } }
    let clock = ContinuousClock()
    if let calls {
        let (start, cpuStart) = (clock.now, threadCPUTime())
        for _ in 0..<calls { sink &+= body() }
        let count = Double(max(calls, 1))
        return ((threadCPUTime() - cpuStart) / count, (clock.now - start).inSeconds / count)
    }
    for _ in 0..<batch { sink &+= body() }
    let start = clock.now
    var fastest = Double.infinity
    var made = 0
    repeat {
        let batchStart = threadCPUTime()
        for _ in 0..<batch { sink &+= body() }
        fastest = min(fastest, (threadCPUTime() - batchStart) / Double(batch))
        made += batch
    } while (clock.now - start).inSeconds < seconds
    return (fastest, (clock.now - start).inSeconds / Double(made))
}

/// Thread CPU seconds per call of `body`, as `measure` finds them.
func timePerCall(seconds: Double, calls: Int?, _ body: () -> Int) -> Double {
    measure(seconds: seconds, calls: calls, body).cpu
}

func threadCPUTime() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

extension Duration {
    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// One comment of the YouTube Spam Collection.
struct YouTubeComment {
    let author: String
    let content: String
    let isSpam: Bool

    /// The rows of every `youtube-spam/*.csv` under `testdata`, file by file in name order.
    static func load(from testdata: URL) throws -> [YouTubeComment] {
        let folder = testdata.appendingPathComponent("youtube-spam")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".csv") }.sorted()
        return try files.flatMap { file -> [YouTubeComment] in
            let csv = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            // Columns COMMENT_ID,AUTHOR,DATE,CONTENT,CLASS; the header row has no numeric class.
            return csvRows(csv).compactMap { row -> YouTubeComment? in
                guard row.count == 5, row[4] == "0" || row[4] == "1" else { return nil }
                return YouTubeComment(author: row[1], content: row[3], isSpam: row[4] == "1")
            }
        }
    }

    /// Contents joined with `separator` into texts of about `bytes` bytes each (a text stops before the
    /// comment that would take it over), in order; a last, shorter remainder is dropped.
    static func joined(_ comments: [YouTubeComment], bytes: Int, separator: String = " ") -> [String] {
        var texts: [String] = []
        var text = ""
        for comment in comments {
            if !text.isEmpty, text.utf8.count + comment.content.utf8.count > bytes {
                texts.append(text)
                text = ""
            }
            text += comment.content + separator
        }
        return texts
    }
}

/// RFC 4180 rows: quoted fields may hold commas, newlines and doubled quotes.
func csvRows(_ csv: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var inQuotes = false
    var previousWasQuote = false
    for character in csv {
        if inQuotes {
            if character == "\"" { inQuotes = false; previousWasQuote = true } else { field.append(character) }
            continue
        }
        if character == "\"" {
            if previousWasQuote { field.append("\"") }
            inQuotes = true
        } else if character == "," {
            row.append(field)
            field = ""
        } else if character == "\n" || character == "\r\n" {
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        } else {
            field.append(character)
        }
        previousWasQuote = false
    }
    return rows
}

/// Word lists of a given size: LDNOOBW (all reject) plus deterministic generated entries.
struct BenchmarkWordLists {
    let ldnoobw: [WordListEntry]

    init(testdata: URL) throws {
        let text = try String(
            contentsOf: testdata.appendingPathComponent("wordlists/ldnoobw-en.txt"), encoding: .utf8)
        ldnoobw = text.split(separator: "\n").map { WordListEntry(action: .reject, pattern: String($0)) }
    }

    /// `size` entries (at least LDNOOBW's), compiled, and the milliseconds compiling took.
    func list(size: Int) throws -> (WordList, milliseconds: Double) {
        let entries = ldnoobw + Self.generatedEntries(count: size - ldnoobw.count)
        let start = ContinuousClock.now
        let list = try WordList(entries: entries)
        return (list, (ContinuousClock.now - start).inSeconds * 1000)
    }

    /// Deterministic pseudo-words: 80 % whole words, 7 % prefix wildcards, 5 % suffix wildcards, 7 % two-
    /// or three-word phrases, 1 % allow entries; actions spread over reject, hold and flag.
    static func generatedEntries(count: Int) -> [WordListEntry] {
        let syllables = [
            "ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zi", "bra", "cro", "dle", "fen", "gro", "hax", "jun",
            "kel", "lum", "mor", "nix", "pla", "quo", "rin", "sto", "tra", "ux", "vel", "wex", "yol", "zor",
        ]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
        func word() -> String { (0..<(2 + next(3))).map { _ in syllables[next(syllables.count)] }.joined() }
        let actions: [WordAction] = [.reject, .hold, .flag]
        return (0..<max(0, count)).map { _ in
            let roll = next(100)
            let pattern =
                switch roll {
                case 0..<80: word()
                case 80..<87: word() + "*"
                case 87..<92: "*" + word()
                case 92..<99: (0..<(2 + next(2))).map { _ in word() }.joined(separator: " ")
                default: word()
                }
            return WordListEntry(action: roll == 99 ? .allow : actions[next(actions.count)], pattern: pattern)
        }
    }
}
