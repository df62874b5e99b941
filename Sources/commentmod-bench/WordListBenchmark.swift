import Foundation
import ModerationCore

/// `commentmod-bench words [--seconds N] [--sizes 1000,10000,100000] [--calls N]`: word-list matching
/// speed at 1k, 10k and 100k entries, for the body alone, the whole comment and each short field. `--calls N` makes exactly N calls per measurement instead of timing
/// batches, for instruction-counting profilers (`valgrind --tool=callgrind`), which the shared machine's
/// noisy clocks don't disturb.
///
/// Lists are LDNOOBW plus deterministic generated entries (whole words, prefix and suffix wildcards,
/// phrases, a few allow exceptions). The text is real: ham comments from the YouTube Spam Collection
/// concatenated to about 1 KB, matched as a comment's four fields (name, email, URL, body).
func runWordListBenchmark(arguments: [String]) {
    let seconds = option("--seconds", in: arguments).flatMap(Double.init).map { max($0, 0.01) } ?? 2.0
    let fixedCalls = option("--calls", in: arguments).flatMap { Int($0) }
    let testdata = benchmarkTestdata()
    guard let lists = try? BenchmarkWordLists(testdata: testdata),
          let comments = try? YouTubeComment.load(from: testdata),
          let body = YouTubeComment.joined(comments.filter { !$0.isSpam }, bytes: 1024).first
    else {
        print("test data not found under \(testdata.path)")
        return
    }
    let fields = ["Maria Gonzalez", "maria.gonzalez@example.com", "https://maria.example.org/blog", body]
    print("text: \(body.utf8.count) bytes of ham comments; fields: name, email, URL, body")
    print("entries   build ms   body µs   comment µs   comments/s   hits   name µs   email µs   URL µs")
    for size in listSizes(in: arguments) {
        guard let (list, build) = try? lists.list(size: size) else {
            print("\(size): generated list rejected")
            continue
        }
        let bodyTime = timePerCall(seconds: seconds / 2, calls: fixedCalls) { list.hits(in: body).count }
        let commentTime = timePerCall(seconds: seconds / 2, calls: fixedCalls) {
            fields.reduce(0) { $0 + list.hits(in: $1).count }
        }
        let hits = fields.reduce(0) { $0 + list.hits(in: $1).count }
        // The short fields alone: each costs a call's fixed work more than its few words.
        let fieldTimes = fields.dropLast().map { field in
            timePerCall(seconds: seconds / 6, calls: fixedCalls) { list.hits(in: field).count }
        }
        print(
            String(
                format: "%7d %10.1f %9.2f %12.2f %12.0f %6d %9.2f %10.2f %8.2f", size, build, bodyTime * 1e6,
                commentTime * 1e6, 1 / commentTime, hits, fieldTimes[0] * 1e6, fieldTimes[1] * 1e6, fieldTimes[2] * 1e6))
    }
}
