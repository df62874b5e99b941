import DatabaseTestSupport
import Foundation
import Testing

@Suite("commentmod check on hostile input")
struct CheckCorpusTests {
    typealias F = CheckFixtures

    static func hostileStrings() throws -> [String] {
        let naughty = try JSONDecoder().decode([String].self, from: Data(contentsOf: F.testdata("naughty/blns.json")))
        let xss = try String(contentsOf: F.testdata("xss/xss-payloads-combined.txt"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        return naughty + xss
    }

    static let fields = ["body", "author_name", "author_email", "author_url"]

    @Test("every naughty string and XSS payload as body, name, email and URL: one well-formed answer each, safe HTML")
    func naughtyStringsAndPayloads() async throws {
        let strings = try Self.hostileStrings()
        try #require(strings.count > 1000)
        // The English bad-words list as reject entries, so word hits quote pieces of hostile text back.
        let terms = try String(contentsOf: F.testdata("wordlists/ldnoobw-en.txt"), encoding: .utf8)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let words = try F.temporaryFile("words.txt", terms.map { "reject \($0)" }.joined(separator: "\n"))
        defer { F.remove(words) }

        var inputs: [(field: String, value: String)] = []
        for string in strings {
            for field in Self.fields { inputs.append((field, string)) }
        }
        let stdin = try inputs.map { input in
            var fields = F.valid
            fields[input.field] = input.value
            return try F.line(fields)
        }.joined(separator: "\n") + "\n"
        let output = try await CommentmodProcess.run(["check", "--json", "--words", words.path], stdin: stdin)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.isEmpty)
        let objects = F.objects(output.stdout)
        try #require(objects.count == inputs.count, "\(objects.count) answers for \(inputs.count) lines")

        var approvedBodies = 0
        var wordHits = 0
        for (input, object) in zip(inputs, objects) {
            let label = "\(input.field) = \(String(reflecting: input.value))"
            let verdict = object?["verdict"] as? String
            #expect(["approve", "hold", "spam", "reject"].contains(verdict ?? ""), "\(label)")
            if let html = object?["body_html"] as? String {
                #expect(verdict == "approve", "\(label)")
                #expect(try Self.foreignMarkup(in: html) == nil, "\(label): \(html)")
                if input.field == "body" { approvedBodies += 1 }
            } else {
                #expect(verdict != "approve", "\(label)")
            }
            for reason in object?["reasons"] as? [[String: Any]] ?? [] {
                #expect(reason["message"] is String && reason["code"] is String, "\(label)")
                // A word hit quotes the field it was found in: the quote survived JSON both ways.
                if (reason["code"] as? String)?.hasPrefix("word_") == true, let match = reason["match"] as? String,
                   reason["field"] as? String == input.field {
                    wordHits += 1
                    #expect(input.value.unicodeScalars.count >= match.unicodeScalars.count, "\(label)")
                    #expect(input.value.contains(match) || input.value.lowercased().contains(match.lowercased()),
                            "\(label): \(match)")
                }
            }
        }
        #expect(approvedBodies > 100)
        #expect(wordHits > 0)
    }

    @Test("the markup checker refuses what the renderer must never emit")
    func checkerRefusesForeignMarkup() throws {
        for bad in ["<p><img src=x onerror=alert(1)></p>", "<p>a</p><script>", "<p><a href=\"javascript:x\" rel=\"nofollow ugc noopener\">x</a></p>",
                    "<p>\"</p>", "<p>a & b</p>", "<p><a href=\"https://x.org\" onclick=\"y\">x</a></p>"] {
            #expect(try Self.foreignMarkup(in: bad) != nil, "\(bad)")
        }
        for good in ["<p>&lt;b&gt; &amp; &quot;&#39;</p>", "<p>ﾟ<br>\n<a href=\"https://x.org/?a=1&amp;b\" rel=\"nofollow ugc noopener\">x</a></p>"] {
            #expect(try Self.foreignMarkup(in: good) == nil, "\(good)")
        }
    }

    /// The first tag or character in `html` that the renderer must never emit, or nil: only `<p>`,
    /// `</p>`, `<br>`, `<a href="http(s)://…" rel="nofollow ugc noopener">` and `</a>` are allowed, and
    /// outside them no `<`, `>`, quote, or `&` that does not start an entity.
    static func foreignMarkup(in html: String) throws -> String? {
        // Scalar semantics: a combining mark right after `>` (as in "<p>ﾟ") must not hide the tag.
        let allowed = try Regex(#"</?p>|<br>|</a>|<a href="https?://[^"<>'\s]*" rel="nofollow ugc noopener">"#)
            .matchingSemantics(.unicodeScalar)
        let entity = try Regex(#"&(amp|lt|gt|quot|#39);"#).matchingSemantics(.unicodeScalar)
        let text = html.replacing(allowed, with: "").replacing(entity, with: "")
        if let bad = text.unicodeScalars.first(where: { "<>\"'&".unicodeScalars.contains($0) }) {
            return "\(bad) in \(text)"
        }
        return nil
    }
}
