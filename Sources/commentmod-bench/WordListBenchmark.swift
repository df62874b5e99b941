import Foundation
import ModerationCore

/// `commentmod-bench words [--seconds N] [--sizes 1000,10000,100000] [--calls N]`: word-list matching
/// speed at 1k, 10k and 100k entries. `--calls N` makes exactly N calls per measurement instead of timing
/// batches, for instruction-counting profilers (`valgrind --tool=callgrind`), which the shared machine's
/// noisy clocks don't disturb.
///
/// Lists are LDNOOBW plus deterministic generated entries (whole words, prefix and suffix wildcards,
/// phrases, a few allow exceptions). The text is real: ham comments from the YouTube Spam Collection
/// concatenated to about 1 KB, matched as a comment's four fields (name, email, URL, body).
func runWordListBenchmark(arguments: [String]) {
    var seconds = 2.0
    if let flag = arguments.firstIndex(of: "--seconds"), flag + 1 < arguments.count,
       let value = Double(arguments[flag + 1]), value > 0 {
        seconds = value
    }
    var fixedCalls: Int?
    if let flag = arguments.firstIndex(of: "--calls"), flag + 1 < arguments.count {
        fixedCalls = Int(arguments[flag + 1])
    }
    var sizes = [1_000, 10_000, 100_000]
    if let flag = arguments.firstIndex(of: "--sizes"), flag + 1 < arguments.count {
        sizes = arguments[flag + 1].split(separator: ",").compactMap { Int($0) }
    }
    let testdata = benchmarkTestdata()
    let badWordsFile = testdata.appendingPathComponent("wordlists/ldnoobw-en.txt")
    let hamFile = testdata.appendingPathComponent("youtube-spam/Youtube01-Psy.csv")
    guard let badWords = try? String(contentsOf: badWordsFile, encoding: .utf8),
          let csv = try? String(contentsOf: hamFile, encoding: .utf8)
    else {
        print("test data not found under \(testdata.path)")
        return
    }
    let body = kilobyteOfHam(csv)
    let fields = ["Maria Gonzalez", "maria.gonzalez@example.com", "https://maria.example.org/blog", body]
    print("text: \(body.utf8.count) bytes of ham comments; fields: name, email, URL, body")
    print("entries   build ms   body µs   comment µs   comments/s   hits")
    let ldnoobw = badWords.split(separator: "\n").map { WordListEntry(action: .reject, pattern: String($0)) }
    for size in sizes {
        let entries = ldnoobw + generatedEntries(count: size - ldnoobw.count)
        let buildStart = ContinuousClock.now
        guard let list = try? WordList(entries: entries) else {
            print("\(size): generated list rejected")
            continue
        }
        let build = ContinuousClock.now - buildStart
        let bodyTime = timePerCall(seconds: seconds / 2, calls: fixedCalls) { list.hits(in: body).count }
        let commentTime = timePerCall(seconds: seconds / 2, calls: fixedCalls) {
            fields.reduce(0) { $0 + list.hits(in: $1).count }
        }
        let hits = fields.reduce(0) { $0 + list.hits(in: $1).count }
        print(
            String(
                format: "%7d %10.1f %9.2f %12.2f %12.0f %6d", size, milliseconds(build), bodyTime * 1e6,
                commentTime * 1e6, 1 / commentTime, hits))
    }
}

/// Seconds of CPU time per call of `body`: the fastest of repeated 50-call batches over `seconds` of wall
/// time. The machine is shared: thread CPU time leaves out time spent preempted, and the fastest batch
/// leaves out batches slowed by a neighbour's cache traffic.
private func timePerCall(seconds: Double, calls: Int?, _ body: () -> Int) -> Double {
    var sink = 0
    if let calls {
        let start = threadCPUTime()
        for _ in 0..<calls { sink &+= body() }
        return (threadCPUTime() - start) / Double(max(calls, 1)) + (sink == -1 ? 1 : 0)
    }
    for _ in 0..<100 { sink &+= body() }
    let clock = ContinuousClock()
    let start = clock.now
    var fastest = Double.infinity
    repeat {
        let batchStart = threadCPUTime()
        for _ in 0..<50 { sink &+= body() }
        fastest = min(fastest, (threadCPUTime() - batchStart) / 50)
    } while milliseconds(clock.now - start) / 1000 < seconds
    if sink == -1 { print("") }
    return fastest
}

private func threadCPUTime() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

private func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

private func benchmarkTestdata() -> URL {
    var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while directory.path != "/",
          !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
        directory.deleteLastPathComponent()
    }
    return directory.deletingLastPathComponent().appendingPathComponent("shared/testdata")
}

/// Ham (CLASS 0) comments of a YouTube Spam Collection CSV joined until about 1 KB.
private func kilobyteOfHam(_ csv: String) -> String {
    var text = ""
    for row in csvRows(csv) where row.count == 5 && row[4] == "0" {
        if text.utf8.count + row[3].utf8.count > 1024 { break }
        text += row[3] + " "
    }
    return text
}

/// RFC 4180 rows: quoted fields may hold commas, newlines and doubled quotes.
private func csvRows(_ csv: String) -> [[String]] {
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

/// Deterministic pseudo-words: 80 % whole words, 7 % prefix wildcards, 5 % suffix wildcards, 7 % two- or
/// three-word phrases, 1 % allow entries; actions spread over reject, hold and flag.
private func generatedEntries(count: Int) -> [WordListEntry] {
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
