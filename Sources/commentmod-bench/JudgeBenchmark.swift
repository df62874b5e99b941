import Foundation
import ModerationCore

/// `commentmod-bench judge [--seconds N] [--sizes 1000,10000,100000] [--calls N] [--phases none] [--reasons]`:
/// the whole pipeline, `CommentJudge().judge(_:rules:facts:)`, on a realistic mix of 1 KB comments, per
/// word-list size, with the cost of each phase measured alone. The judge renders the body of every
/// comment it approves (the worker publishes that HTML as it is), so its figure includes rendering; the
/// `render` column is that rendering alone, averaged over all comments (zero for those not approved).
///
/// `--seconds` is the time per measurement (default 1); `--calls N` makes exactly N passes over the mix
/// per measurement, for `valgrind --tool=callgrind`; `--phases none` times the judge alone; `--reasons`
/// prints each comment's verdict and reasons (with the first list size) instead.
///
/// The mix is real text: ham comments of the YouTube Spam Collection joined into bodies of about 1 KB,
/// with their authors' names, an email address made from the name and, for every other one, a website;
/// and one in six is spam of the same collection joined the same way, links included. Word lists are the
/// `words` benchmark's: LDNOOBW plus generated entries.
func runJudgeBenchmark(arguments: [String]) {
    let seconds = option("--seconds", in: arguments).flatMap(Double.init).map { max($0, 0.01) } ?? 1.0
    let fixedCalls = option("--calls", in: arguments).flatMap { Int($0) }
    let showPhases = option("--phases", in: arguments) != "none"
    let testdata = benchmarkTestdata()
    guard let lists = try? BenchmarkWordLists(testdata: testdata),
          let comments = try? YouTubeComment.load(from: testdata)
    else {
        print("test data not found under \(testdata.path)")
        return
    }
    let mix = JudgeMix(comments)
    let bodyBytes = mix.inputs.reduce(0) { $0 + ($1.body?.utf8.count ?? 0) } / max(mix.inputs.count, 1)
    let showReasons = arguments.contains("--reasons")
    print("mix: \(mix.inputs.count) comments (\(mix.spamCount) spam-like with links), bodies \(bodyBytes) bytes on average")
    if !showReasons {
        print("µs per comment: thread CPU time of the fastest batch (wall: all batches); phases measured alone")
        print()
        print("| entries | build ms | validation | words | links | signals | render | judge CPU | judge wall | comments/s CPU |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    }
    let judge = CommentJudge()
    // As the worker does when it starts: no measurement carries the tables built on first use.
    judge.prepare()
    let validator = EmailValidator()
    let facts = CommentFacts(
        previouslyApprovedCount: 3, secondsSinceLastFromIP: 86_400, secondsSinceLastFromEmail: 86_400,
        duplicateOnPost: false)
    var verdicts: [String] = []
    defer { if !verdicts.isEmpty { print("\nverdicts: " + verdicts.joined(separator: "; ")) } }
    for size in listSizes(in: arguments) {
        guard let (list, build) = try? lists.list(size: size) else {
            print("\(size): generated list rejected")
            continue
        }
        let rules = SiteRules(policy: .default, words: list)
        let judged = mix.inputs.map { judge.judge($0, rules: rules, facts: facts) }
        if showReasons {
            for (input, verdict) in zip(mix.inputs, judged) {
                let codes = verdict.reasons.map { "\($0.code)(\($0.match ?? ""))" }.joined(separator: " ")
                print("\(verdict.decision) \(input.authorEmail ?? "") \(input.authorURL ?? "-"): \(codes)")
            }
            return
        }
        let decisions = judged.map(\.decision)
        let approved = decisions.map { $0 == .approve }
        verdicts.append("\(size) entries: " + Decision.allCases.map { decision in
            "\(decisions.count { $0 == decision }) \(decision)"
        }.joined(separator: ", "))
        func perComment(_ phase: (CommentInput, Int) -> Int) -> (cpu: Double, wall: Double) {
            let perPass = measure(seconds: seconds, calls: fixedCalls, batch: 10) {
                var sink = 0
                for (index, comment) in mix.inputs.enumerated() { sink &+= phase(comment, index) }
                return sink
            }
            let count = Double(mix.inputs.count)
            return (perPass.cpu / count * 1e6, perPass.wall / count * 1e6)
        }
        // Judge first, so a profiler restricted to the judge (`--phases none`) sees nothing else.
        let total = perComment { comment, _ in judge.judge(comment, rules: rules, facts: facts).reasons.count }
        guard showPhases else {
            print("| \(size) | \(String(format: "%.0f", build)) |" + String(repeating: " – |", count: 5)
                + String(format: " **%.2f** | %.2f | %.0f |", total.cpu, total.wall, 1e6 / total.cpu))
            continue
        }
        let validation = perComment { comment, _ in
            FieldValidator.validate(comment, limits: rules.policy.fieldLimits) { address in
                if case .failure(let error) = validator.validate(address) { return error.message }
                return nil
            }.count
        }
        let words = perComment { comment, _ in
            [comment.authorName, comment.authorEmail, comment.authorURL, comment.body].reduce(0) { count, text in
                count + (text.map { rules.words.hits(in: $0).count } ?? 0)
            }
        }
        let links = perComment { comment, _ in LinkScanner.reasons(for: comment.body ?? "", policy: rules.links).count }
        let signals = perComment { comment, _ in
            ContentSignals.reasons(for: comment.body ?? "", field: .body, policy: rules.signals).count
                + ContentSignals.reasons(for: comment.authorName ?? "", field: .authorName, policy: rules.signals).count
        }
        let render = perComment { comment, index in
            approved[index] ? HTMLRenderer.render(comment.body ?? "").utf8.count : 0
        }
        let row = [validation, words, links, signals, render].map { String(format: "%.2f", $0.cpu) }
        print(
            "| \(size) | \(String(format: "%.0f", build)) | " + row.joined(separator: " | ")
                + String(format: " | **%.2f** | %.2f | %.0f |", total.cpu, total.wall, 1e6 / total.cpu))
    }
}

/// The comments the judge benchmark judges.
private struct JudgeMix {
    private(set) var inputs: [CommentInput] = []
    private(set) var spamCount = 0

    /// Up to 20 ham bodies and 4 spam bodies of about 1 KB.
    init(_ comments: [YouTubeComment]) {
        let ham = comments.filter { !$0.isSpam }
        let spam = comments.filter(\.isSpam)
        let hamBodies = YouTubeComment.joined(ham, bytes: 1024).prefix(20)
        let spamBodies = YouTubeComment.joined(spam, bytes: 1024).prefix(4)
        // Every fifth ham comment is followed by a spam one.
        for (index, body) in hamBodies.enumerated() {
            inputs.append(Self.input(body: body, author: ham[index * 7 % ham.count].author, index: index, spam: false))
            if index % 5 == 4, index / 5 < spamBodies.count {
                let spamIndex = index / 5
                inputs.append(Self.input(
                    body: spamBodies[spamBodies.startIndex + spamIndex], author: spam[spamIndex * 11 % spam.count].author,
                    index: index, spam: true))
                spamCount += 1
            }
        }
    }

    private static let domains = ["gmail.com", "yahoo.com", "outlook.com", "example.org", "web.de", "proton.me"]

    private static func input(body: String, author: String, index: Int, spam: Bool) -> CommentInput {
        let words = author.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        let local = words.isEmpty ? "reader\(index)" : words.joined(separator: ".")
        let website: String? =
            if spam { "http://cheap-\(local.replacingOccurrences(of: ".", with: "-")).example.com/offer" }
            else if index % 2 == 0 { "https://\(local.replacingOccurrences(of: ".", with: "")).example.org/blog" }
            else { nil }
        return CommentInput(
            siteID: "blog", postID: "post-\(index % 7)", authorName: author,
            authorEmail: "\(local)@\(domains[index % domains.count])", authorURL: website, body: body,
            authorIP: "203.0.113.\(index + 1)", userAgent: "Mozilla/5.0 (X11; Linux x86_64)")
    }
}
