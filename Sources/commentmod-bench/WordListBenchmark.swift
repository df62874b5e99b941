import Foundation
import ModerationCore

/// `commentmod-bench words [--seconds N] [--sizes 1000,10000,100000] [--calls N] [--field F]`: word-list
/// matching speed at 1k, 10k and 100k entries, for the body alone, the whole comment and each short field.
/// `--calls N` makes exactly N calls per measurement instead of timing batches, for instruction-counting
/// profilers (`valgrind --tool=callgrind`), which the shared machine's noisy clocks don't disturb.
/// `--field name|email|url|body|emoji` times that one text alone (`emoji`: the body with emoji runs
/// between its sentences), so a profile counts nothing else; `--text T` times the text T alone.
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
    if let text = option("--text", in: arguments) {
        timeOneField(text, named: "given", lists: lists, sizes: listSizes(in: arguments), seconds: seconds, calls: fixedCalls)
        return
    }
    if let field = option("--field", in: arguments) {
        let texts = ["name": fields[0], "email": fields[1], "url": fields[2], "body": body, "emoji": withEmoji(body)]
        guard let text = texts[field] else {
            print("--field takes one of: \(texts.keys.sorted().joined(separator: ", "))")
            return
        }
        timeOneField(text, named: field, lists: lists, sizes: listSizes(in: arguments), seconds: seconds, calls: fixedCalls)
        return
    }
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

/// Times `hits(in:)` on `text` alone at each list size.
private func timeOneField(
    _ text: String, named name: String, lists: BenchmarkWordLists, sizes: [Int], seconds: Double, calls: Int?
) {
    print("text: \(name), \(text.utf8.count) bytes")
    print("entries   µs per call   hits")
    for size in sizes {
        guard let (list, _) = try? lists.list(size: size) else {
            print("\(size): generated list rejected")
            continue
        }
        let time = timePerCall(seconds: seconds, calls: calls) { list.hits(in: text).count }
        print(String(format: "%7d %13.3f %6d", size, time * 1e6, list.hits(in: text).count))
    }
}

/// `text` with a run of emoji (faces, hearts with a variation selector, a skin tone, a family joined by
/// zero-width joiners) after each sentence, as comments often have.
private func withEmoji(_ text: String) -> String {
    let runs = ["😂😂😂", "❤️❤️", "👍🏽", "🔥🔥🔥🔥", "👨‍👩‍👧", "🙏"]
    var result = ""
    var next = 0
    for character in text {
        result.append(character)
        if character == "." || character == "!" || character == "?" {
            result += " " + runs[next % runs.count]
            next += 1
        }
    }
    return result
}
