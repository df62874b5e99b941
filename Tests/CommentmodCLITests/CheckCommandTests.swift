import DatabaseTestSupport
import Foundation
import Testing

/// Comments and answers for the `commentmod check` tests, which run the real binary and need no database.
enum CheckFixtures {
    /// A comment every default rule lets through.
    static let valid: [String: String] = [
        "site_id": "blog", "post_id": "hello-world", "author_name": "Ann Example",
        "author_email": "ann@example.org", "author_url": "https://ann.example.org/",
        "body": "Thanks, this helped me fix my build.",
    ]

    /// The valid comment with some fields replaced; an empty value removes the field.
    static func comment(_ changes: [String: String] = [:]) -> [String: String] {
        var fields = valid
        for (key, value) in changes { fields[key] = value.isEmpty ? nil : value }
        return fields
    }

    /// One input line: the fields as a JSON object, with `extra` (raw JSON members) appended.
    static func line(_ fields: [String: String], extra: String? = nil) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var json = String(decoding: try encoder.encode(fields), as: UTF8.self)
        if let extra {
            json.removeLast()
            json += (fields.isEmpty ? "" : ",") + extra + "}"
        }
        return json
    }

    /// Every stdout line parsed as a JSON object (nil for a line that is not one).
    static func objects(_ stdout: String) -> [[String: Any]?] {
        lines(stdout).map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    static func lines(_ stdout: String) -> [String] {
        stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    static func codes(_ object: [String: Any]?) -> [String] {
        (object?["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    static func reason(_ object: [String: Any]?, _ code: String) -> [String: Any]? {
        (object?["reasons"] as? [[String: Any]] ?? []).first { $0["code"] as? String == code }
    }

    /// A file in a fresh temporary directory, removed with it by the caller's `defer`.
    static func temporaryFile(_ name: String, _ contents: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("commentmod-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url
    }

    static func remove(_ file: URL) {
        try? FileManager.default.removeItem(at: file.deletingLastPathComponent())
    }

    /// The directory holding Package.swift, the nearest one above this file.
    static let packageRoot: URL = sequence(first: URL(fileURLWithPath: #filePath).deletingLastPathComponent()) {
        $0.path == "/" ? nil : $0.deletingLastPathComponent()
    }.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("Package.swift").path) }
        ?? URL(fileURLWithPath: "/")

    static func testdata(_ relativePath: String) -> URL {
        packageRoot.appendingPathComponent("../shared/testdata").appendingPathComponent(relativePath)
    }
}

@Suite("commentmod check")
struct CheckCommandTests {
    typealias F = CheckFixtures

    @Test("verdicts and reason codes for the usual kinds of comment, one answer per line in order")
    func verdicts() async throws {
        let cases: [(input: String, verdict: String, codes: [String])] = [
            (try F.line(F.comment()), "approve", []),
            (try F.line(F.comment(["author_email": "ann@@example.org"])), "reject", ["invalid_email"]),
            (try F.line(F.comment(["author_email": "ann@localhost"])), "reject", ["invalid_email"]),
            (try F.line(F.comment(["author_name": "", "body": ""])), "reject", ["missing_field", "missing_field"]),
            (try F.line([:]), "reject", Array(repeating: "missing_field", count: 5)),
            (try F.line(F.comment(["body": "See http://one.example.com/a and https://two.example.net/b today"])),
             "hold", ["too_many_links"]),
            (try F.line(F.comment(["body": "Nice <script>alert(document.cookie)</script>"])),
             "spam", ["html_markup", "script_content"]),
            (try F.line(F.comment(["author_url": "javascript:alert(1)"])), "reject", ["invalid_url"]),
            (try F.line(F.comment(["body": "Line one\u{1}"])), "reject", ["control_character"]),
            (try F.line(F.comment(), extra: #""parent_id":-3"#), "reject", ["invalid_parent"]),
            (try F.line(F.comment(), extra: #""parent_id":12,"author_ip":"203.0.113.9","user_agent":"curl/8","id":99"#),
             "approve", []),
        ]
        let output = try await CommentmodProcess.run(["check", "--json"], stdin: cases.map(\.input).joined(separator: "\n") + "\n")
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.isEmpty)
        let objects = F.objects(output.stdout)
        try #require(objects.count == cases.count, "\(output.stdout)")
        for (expected, object) in zip(cases, objects) {
            #expect(object?["verdict"] as? String == expected.verdict, "\(expected.input) → \(String(describing: object))")
            #expect(F.codes(object) == expected.codes, "\(expected.input)")
        }

        let approved = objects[0]
        #expect(approved?["email_normalized"] as? String == "ann@example.org")
        #expect(approved?["body_html"] as? String == "<p>Thanks, this helped me fix my build.</p>")
        #expect(approved?["reasons"] as? [Any] != nil)
        // body_html is what would be published: null for every other verdict, present as a key.
        for object in objects.dropFirst().prefix(9) {
            #expect(object?.keys.contains("body_html") == true)
            #expect(object?["body_html"] is NSNull)
        }
        #expect(objects[1]?["email_normalized"] is NSNull)
        let links = F.reason(objects[5], "too_many_links")
        #expect(links?["field"] as? String == "body")
        #expect(links?["match"] as? String == "2")
        #expect(links?["rule"] as? String == "max_links")
        #expect(links?["action"] as? String == "hold")
        #expect((links?["message"] as? String)?.isEmpty == false)
        #expect(Set(F.reason(objects[3], "missing_field").map { Array($0.keys) } ?? []) ==
            ["code", "field", "match", "rule", "action", "message"])
    }

    @Test("JSON output: keys sorted, no escaped slashes, control characters escaped, one object per line")
    func jsonShape() async throws {
        let body = "Read https://example.org/docs/a/b \"quoted\" \\ tab\there\nsecond line é 😀 \u{2028}\u{2029}"
        let output = try await CommentmodProcess.run(["check", "--json"], stdin: try F.line(F.comment(["body": body])) + "\n")
        #expect(output.status == 0, "\(output.stderr)")
        let line = try #require(F.lines(output.stdout).first)
        #expect(line.hasPrefix(#"{"body_html":"<p>Read <a href=\"https://example.org/docs/a/b\" rel="#), "\(line)")
        #expect(line.contains(#" tab\there<br>\nsecond line é"#), "\(line)")
        #expect(!line.contains(#"\/"#))
        #expect(!line.contains("\t"))
        // Line and paragraph separators are escaped: some line readers split on them.
        #expect(line.contains(#"😀 \u2028\u2029</p>""#), "\(line)")
        #expect(!line.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" })
        let keys = ["\"body_html\":", "\"email_normalized\":", "\"reasons\":", "\"verdict\":"]
        let positions = keys.compactMap { line.range(of: $0)?.lowerBound }
        #expect(positions.count == keys.count && positions == positions.sorted())
        let object = try #require(F.objects(output.stdout).first ?? nil)
        #expect((object["body_html"] as? String)?.contains("second line é 😀 \u{2028}\u{2029}") == true)
    }

    @Test("a --words file: hits reject or hold as listed, whole words only, allow entries win")
    func wordList() async throws {
        let words = try F.temporaryFile("words.txt", """
            # site word list
            reject viagra
            hold crypto giveaway
            reject cialis
            flag  darn
            reject dick
            allow moby dick
            """)
        defer { F.remove(words) }
        let inputs = [
            F.comment(["body": "Cheap V1AGRA here"]),
            F.comment(["body": "Join the CRYPTO   giveaway now"]),
            F.comment(["body": "Ask a specialist about it"]),
            F.comment(["author_name": "viagra seller"]),
            F.comment(["body": "Well darn, that fixed it"]),
            F.comment(),
            F.comment(["body": "I loved Moby-Dick, the whale chapters most"]),
            F.comment(["body": "What a dick move"]),
        ]
        let output = try await CommentmodProcess.run(
            ["check", "--json", "--words", words.path], stdin: try inputs.map { try F.line($0) }.joined(separator: "\n"))
        #expect(output.status == 0, "\(output.stderr)")
        let objects = F.objects(output.stdout)
        try #require(objects.count == inputs.count, "\(output.stdout)")
        #expect(objects.map { $0?["verdict"] as? String } == ["reject", "hold", "approve", "reject", "approve", "approve", "approve", "reject"])
        #expect(F.codes(objects[0]) == ["word_reject"])
        #expect(F.reason(objects[0], "word_reject")?["rule"] as? String == "reject viagra")
        #expect(F.reason(objects[0], "word_reject")?["match"] as? String == "V1AGRA")
        #expect(F.codes(objects[1]) == ["word_hold"])
        #expect(F.codes(objects[2]) == [])
        #expect(F.reason(objects[3], "word_reject")?["field"] as? String == "author_name")
        #expect(F.codes(objects[4]) == ["word_flag"])
    }

    @Test("a --policy file changes the verdicts: max_links 5, moderation_mode pre")
    func policyFile() async throws {
        let twoLinks = try F.line(F.comment(["body": "See http://one.example.com/a and https://two.example.net/b"]))
        let fiveLinks = try F.line(F.comment(["body": (1...5).map { "https://l\($0).example.com/" }.joined(separator: " ")]))
        let input = [twoLinks, fiveLinks, try F.line(F.comment()), try F.line(F.comment(["author_email": "bad"]))]
            .joined(separator: "\n")

        let defaults = try await CommentmodProcess.run(["check", "--json"], stdin: input)
        #expect(F.objects(defaults.stdout).map { $0?["verdict"] as? String } == ["hold", "hold", "approve", "reject"])

        let generous = try F.temporaryFile("policy.json", #"{"max_links": 5}"#)
        defer { F.remove(generous) }
        let relaxed = try await CommentmodProcess.run(["check", "--json", "--policy", generous.path], stdin: input)
        #expect(relaxed.status == 0, "\(relaxed.stderr)")
        let relaxedObjects = F.objects(relaxed.stdout)
        #expect(relaxedObjects.map { $0?["verdict"] as? String } == ["approve", "hold", "approve", "reject"])
        #expect(F.reason(relaxedObjects[1], "too_many_links")?["match"] as? String == "5")

        let pre = try F.temporaryFile("policy.json", #"{"moderation_mode": "pre", "max_links": 0}"#)
        defer { F.remove(pre) }
        let held = try await CommentmodProcess.run(["check", "--json", "--policy", pre.path], stdin: input)
        let heldObjects = F.objects(held.stdout)
        #expect(heldObjects.map { $0?["verdict"] as? String } == ["hold", "hold", "hold", "reject"])
        #expect(F.codes(heldObjects[2]) == ["pre_moderation"])
        #expect(F.reason(heldObjects[2], "pre_moderation")?["rule"] as? String == "moderation_mode")
        #expect(heldObjects[2]?["body_html"] is NSNull)
    }

    @Test("facts: unknown without a database; a facts object fires the trust, flood, duplicate and block rules")
    func facts() async throws {
        let comment = try F.line(F.comment())
        let withFacts = { (facts: String) in try F.line(F.comment(), extra: "\"facts\":\(facts)") }
        let input = [
            comment,
            try withFacts(#"{"previously_approved_count": 0}"#),
            try withFacts(#"{"previously_approved_count": 3, "seconds_since_last_from_ip": 2.5}"#),
            try withFacts(#"{"duplicate_on_post": true}"#),
            try withFacts(#"{"blocks": [{"kind": "ip", "value": "203.0.113.9", "id": 7}]}"#),
            try withFacts("{}"),
            try withFacts("null"),
        ].joined(separator: "\n")
        let output = try await CommentmodProcess.run(["check", "--json"], stdin: input)
        #expect(output.status == 0, "\(output.stderr)")
        let objects = F.objects(output.stdout)
        #expect(objects.map { $0?["verdict"] as? String } == ["approve", "hold", "reject", "reject", "spam", "approve", "approve"])
        #expect(objects.map(F.codes) == [
            [], ["first_time_commenter"], ["flood"], ["duplicate_comment"], ["blocked_ip"], [], [],
        ])
        #expect(F.reason(objects[4], "blocked_ip")?["rule"] as? String == "block:7")
    }

    @Test("malformed lines in the middle: each gets an error object with its line number, the rest go on")
    func malformedLines() async throws {
        var input = Data()
        let lines: [Data] = [
            Data(try F.line(F.comment()).utf8),
            Data("this is not json".utf8),
            Data("[1, 2, 3]".utf8),
            Data(try F.line(F.comment(), extra: #""parent_id":"12""#).utf8),
            Data(#"{"site_id": "blog", "body": "caf"#.utf8) + Data([0xE9, 0xFF]) + Data(#""}"#.utf8),
            Data(),
            Data(try F.line(F.comment(["author_email": "x@@y"])).utf8),
            Data(#"{"body": 5}"#.utf8),
            Data("   \r".utf8),
            Data(#"{"site_id":"#.utf8),
            Data(#""just a string""#.utf8),
            Data(try F.line(F.comment(), extra: #""facts":{"duplicate_on_post":"yes"}"#).utf8),
            Data(try F.line(F.comment(["body": "Last line, no line end"])).utf8),
        ]
        for (index, line) in lines.enumerated() {
            input += line
            if index < lines.count - 1 { input += Data(index % 2 == 0 ? "\n".utf8 : "\r\n".utf8) }
        }
        let output = try await CheckProcess.run(["check", "--json"], stdin: input)
        #expect(output.status == 1)
        #expect(output.stderr == "commentmod: 10 of 13 input lines could not be read; see the errors in the output\n")
        let objects = F.objects(output.stdout)
        try #require(objects.count == lines.count, "\(output.stdout)")
        #expect(objects.allSatisfy { $0 != nil })
        let errors = objects.enumerated().compactMap { index, object in
            (object?["error"] as? String).map { (index + 1, object?["line"] as? Int, $0) }
        }
        #expect(errors.map(\.0) == [2, 3, 4, 5, 6, 8, 9, 10, 11, 12])
        #expect(errors.allSatisfy { $0.0 == $0.1 })
        let messages = Dictionary(uniqueKeysWithValues: errors.map { ($0.0, $0.2) })
        #expect(messages[2]?.hasPrefix("not valid JSON") == true)
        #expect(messages[3] == "not a JSON object: got an array")
        #expect(messages[4] == #"field 'parent_id': expected an integer, got a string ("12")"#)
        #expect(messages[5]?.hasPrefix("not valid UTF-8") == true)
        #expect(messages[6] == "empty line")
        #expect(messages[8] == "field 'body': expected a string, got a number (5)")
        #expect(messages[9] == "empty line")
        #expect(messages[10]?.hasPrefix("not valid JSON") == true)
        #expect(messages[11] == #"not a JSON object: got a string ("just a string")"#)
        #expect(messages[12] == #"field 'facts.duplicate_on_post': expected true or false, got a string ("yes")"#)
        #expect(objects.map { $0?["verdict"] as? String }.compactMap { $0 } == ["approve", "reject", "approve"])
        #expect(objects[0]?["verdict"] as? String == "approve")
        #expect(objects[6]?["verdict"] as? String == "reject")
        #expect(Set(objects[1]?.keys.map { $0 } ?? []) == ["line", "error"])
    }

    @Test("a line over 64 MiB is an error without holding it in memory; the next line is judged")
    func overlongLine() async throws {
        let huge = #"{"body":""# + String(repeating: "a", count: 65 << 20) + #""}"#
        let output = try await CommentmodProcess.run(["check", "--json"], stdin: huge + "\n" + (try F.line(F.comment())) + "\n")
        #expect(output.status == 1)
        let objects = F.objects(output.stdout)
        #expect(objects.count == 2)
        #expect(objects.first??["error"] as? String == "line is longer than 64 MiB")
        #expect(objects.last??["verdict"] as? String == "approve")
    }

    @Test("no input: no output, exit 0")
    func emptyInput() async throws {
        let output = try await CommentmodProcess.run(["check", "--json"], stdin: "")
        #expect(output.status == 0)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.isEmpty)
    }

    @Test("bad --policy files: exit 2, one line naming the file and the key")
    func badPolicy() async throws {
        let cases: [(String, String)] = [
            (#"{"max_linkz": 3}"#, "unknown policy key 'max_linkz' (did you mean 'max_links'?)"),
            (#"{"max_links": "lots"}"#, "policy key 'max_links': "),
            (#"{"moderation_mode": "sometimes"}"#, "policy key 'moderation_mode': "),
            (#"{"max_links": 2"#, "policy is not valid JSON"),
            ("[1]", "policy must be a JSON object"),
        ]
        for (document, expected) in cases {
            let file = try F.temporaryFile("site policy.json", document)
            defer { F.remove(file) }
            let output = try await CommentmodProcess.run(["check", "--json", "--policy", file.path], stdin: try F.line(F.comment()))
            #expect(output.status == 2, "\(document)")
            #expect(output.stdout.isEmpty)
            #expect(output.stderr.hasPrefix("commentmod: policy \(file.path): "), "\(output.stderr)")
            #expect(output.stderr.contains(expected), "\(output.stderr)")
            #expect(output.stderr.split(separator: "\n").count == 1, "\(output.stderr)")
        }
    }

    @Test("bad --words files: exit 2, one line naming the file and the line number")
    func badWords() async throws {
        let cases: [(Data, String)] = [
            (Data("reject viagra\n\n# fine\nrejekt cialis\n".utf8), "line 4: unknown action 'rejekt'"),
            (Data("hold ok\nreject\n".utf8), "line 2: "),
            (Data("hold ok\r\nhold caf".utf8) + Data([0xFF]) + Data("\n".utf8), "line 2: invalid UTF-8"),
        ]
        for (contents, expected) in cases {
            let file = try F.temporaryFile("words.txt", "")
            defer { F.remove(file) }
            try contents.write(to: file)
            let output = try await CommentmodProcess.run(["check", "--words", file.path], stdin: try F.line(F.comment()))
            #expect(output.status == 2)
            #expect(output.stdout.isEmpty)
            #expect(output.stderr.hasPrefix("commentmod: words \(file.path): \(expected)"), "\(output.stderr)")
            #expect(output.stderr.split(separator: "\n").count == 1, "\(output.stderr)")
        }
    }

    @Test("missing or unreadable files: exit 2, one line with the system's reason")
    func unreadableFiles() async throws {
        let missing = try await CommentmodProcess.run(["check", "--policy", "/nonexistent/policy.json"], stdin: "")
        #expect(missing.status == 2)
        #expect(missing.stderr == "commentmod: policy /nonexistent/policy.json: cannot read: No such file or directory\n")
        let directory = try await CommentmodProcess.run(["check", "--json", "--words", FileManager.default.temporaryDirectory.path], stdin: "")
        #expect(directory.status == 2)
        #expect(directory.stderr.hasSuffix(": cannot read: Is a directory\n"), "\(directory.stderr)")
        #expect(directory.stderr.split(separator: "\n").count == 1)
        let noValue = try await CommentmodProcess.run(["check", "--policy"], stdin: "")
        #expect(noValue.status == 2)
    }

    @Test("text mode: a block per comment, reasons in columns, errors in place, a summary, no colour in a pipe")
    func textMode() async throws {
        let input = [
            try F.line(F.comment()),
            try F.line(F.comment(["body": "See http://one.example.com/a and https://two.example.net/b"])),
            "{oops",
            try F.line(F.comment(["author_name": "Evil\u{1B}[2J\u{202E}Name", "author_email": "bad@@x"])),
        ].joined(separator: "\n")
        let output = try await CommentmodProcess.run(["check"], stdin: input)
        #expect(output.status == 1)
        #expect(output.stderr == "commentmod: 1 of 4 input lines could not be read; see the errors in the output\n")
        let lines = F.lines(output.stdout)
        #expect(lines.first == "#1 APPROVE  (no reasons)")
        #expect(lines.contains("  email:   ann@example.org"))
        #expect(lines.contains("  html:    <p>Thanks, this helped me fix my build.</p>"))
        #expect(lines.contains("#2 HOLD  (1 reason)"))
        #expect(lines.contains { $0.hasPrefix("  hold     too_many_links  body  \"2\"  The comment has 2 links") && $0.hasSuffix("[max_links]") })
        #expect(lines.contains { $0.hasPrefix("#3 ERROR  not valid JSON") })
        #expect(lines.contains("#4 REJECT  (2 reasons)"))
        #expect(lines.contains { $0.hasPrefix("  reject   invalid_email      author_email  -") })
        #expect(lines.contains { $0.hasPrefix("  reject   control_character  author_name   \"U+001B\"") })
        #expect(lines.last == "4 lines: 1 approve, 1 hold, 0 spam, 1 reject, 1 unreadable")
        // Nothing from the input reaches the terminal as a control or reordering character.
        #expect(!output.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" })
    }
}

/// Runs `commentmod` with stdin given as bytes (which `CommentmodProcess.run` takes only as a String),
/// for input that is not valid UTF-8.
enum CheckProcess {
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String], stdin: Data) async throws -> Output {
        try await OffPool.run { try runWaiting(arguments, stdin: stdin) }
    }

    private static func runWaiting(_ arguments: [String], stdin: Data) throws -> Output {
        let file = try CheckFixtures.temporaryFile("stdin", "")
        defer { CheckFixtures.remove(file) }
        try stdin.write(to: file)
        let process = Process()
        process.executableURL = try CommentmodProcess.executableURL
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: file)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("commentmod-check-\(UUID().uuidString).out")
        let err = out.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }
}
