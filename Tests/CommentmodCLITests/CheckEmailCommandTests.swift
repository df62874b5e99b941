import DatabaseTestSupport
import Foundation
import Testing

@Suite("commentmod check email")
struct CheckEmailCommandTests {
    typealias F = CheckFixtures

    /// A JSON string literal for `text`, as a script would write it.
    static func jsonString(_ text: String) throws -> String {
        String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
    }

    @Test("--json: valid, internationalized and invalid addresses, and lines that are not JSON strings")
    func jsonLines() async throws {
        let cases: [(input: String, normalized: String?, error: String?)] = [
            (try Self.jsonString("ann@example.org"), "ann@example.org", nil),
            (try Self.jsonString("Ann.Example+blog@Example.ORG"), "Ann.Example+blog@example.org", nil),
            (try Self.jsonString("Postmaster@EXAMPLE.com"), "postmaster@example.com", nil),
            (try Self.jsonString("jürgen@münchen.example"), "jürgen@münchen.example", nil),
            (try Self.jsonString("JÜRGEN@MÜNCHEN.EXAMPLE"), "JÜRGEN@münchen.example", nil),
            (try Self.jsonString("user@xn--mnchen-3ya.example"), "user@münchen.example", nil),
            (try Self.jsonString("用户@例子.广告"), "用户@例子.广告", nil),
            (try Self.jsonString("ann@ｅｘａｍｐｌｅ.org"), "ann@example.org", nil),
            (#""e\u0301@example.org""#, "\u{E9}@example.org", nil),
            (try Self.jsonString("bob@@example.org"), nil, "The part after the @-sign contains invalid characters: '@'."),
            (try Self.jsonString("a@b..com"), nil, "An email address cannot have two periods in a row."),
            (try Self.jsonString("ann@localhost"), nil, "The part after the @-sign is not valid. It should have a period."),
            (try Self.jsonString("Ann <ann@example.org>"), nil,
             "A display name and angle brackets around the email address are not permitted here."),
            (try Self.jsonString(""), nil, "An email address must have an @-sign."),
            ("ann@example.org", nil, "line 15: not valid JSON: invalid value around character 0"),
            ("42", nil, "line 16: not a JSON string: got a number (42)"),
            (#"{"email": "ann@example.org"}"#, nil, "line 17: not a JSON string: got an object"),
            ("", nil, "line 18: empty line"),
            (#""unterminated"#, nil, "line 19: not valid JSON: "),
            (try Self.jsonString("last@example.org"), "last@example.org", nil),
        ]
        let output = try await CommentmodProcess.run(["check", "email", "--json"], stdin: cases.map(\.input).joined(separator: "\n"))
        #expect(output.status == 1)
        #expect(output.stderr == "commentmod: 5 of 20 input lines could not be read; see the errors in the output\n")
        let lines = F.lines(output.stdout)
        try #require(lines.count == cases.count, "\(output.stdout)")
        for (expected, line) in zip(cases, lines) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == ["valid", "normalized", "error"], "\(line)")
            #expect(line.hasPrefix(#"{"error":"#) && line.contains(#","normalized":"#), "keys sorted: \(line)")
            #expect(object["valid"] as? Bool == (expected.normalized != nil), "\(expected.input)")
            #expect(object["normalized"] as? String == expected.normalized, "\(expected.input) → \(line)")
            if let error = expected.error {
                #expect((object["error"] as? String)?.hasPrefix(error) == true, "\(expected.input) → \(line)")
            } else {
                #expect(object["error"] is NSNull, "\(line)")
            }
        }
    }

    @Test("--json agrees with email-validator on every address of testdata/emails.tsv")
    func emailValidatorCorpus() async throws {
        let rows = try Self.labelledAddresses()
        try #require(rows.count > 500)
        let input = try rows.map { try Self.jsonString($0.address) }.joined(separator: "\n") + "\n"
        let output = try await CommentmodProcess.run(["check", "email", "--json"], stdin: input)
        #expect(output.status == 0, "\(output.stderr)")
        let objects = F.objects(output.stdout)
        try #require(objects.count == rows.count)
        for (row, object) in zip(rows, objects) {
            #expect(object?["valid"] as? Bool == row.valid, "\(String(reflecting: row.address))")
            if row.valid {
                #expect(object?["normalized"] as? String == row.normalized, "\(String(reflecting: row.address))")
            } else {
                #expect((object?["error"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test("text mode: plain lines in, 'valid NORMALIZED' or 'invalid ADDRESS MESSAGE' out; bad bytes exit 1")
    func textLines() async throws {
        let valid = try await CommentmodProcess.run(["check", "email"], stdin: "ann@example.org\r\nbob@@x\n\nJÜRGEN@MÜNCHEN.EXAMPLE")
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(F.lines(valid.stdout) == [
            "valid    ann@example.org",
            "invalid  bob@@x  The part after the @-sign contains invalid characters: '@'.",
            "invalid  \"\"  An email address must have an @-sign.",
            "valid    JÜRGEN@münchen.example",
        ])

        let bytes = Data("ann@example.org\nb".utf8) + Data([0xC3, 0x28]) + Data("@example.org\nx\u{1B}[31m@example.org\n".utf8)
        let broken = try await CheckProcess.run(["check", "email"], stdin: bytes)
        #expect(broken.status == 1)
        let lines = F.lines(broken.stdout)
        #expect(lines.count == 3)
        #expect(lines[1] == "error    line 2: not valid UTF-8 (byte 2)")
        #expect(lines[2].hasPrefix("invalid  x\\u{1B}[31m@example.org  "), "\(lines[2])")
    }

    @Test("--policy and --words belong to check, not to check email: usage error, exit 2")
    func foreignOptions() async throws {
        let output = try await CommentmodProcess.run(["check", "--words", "/dev/null", "email", "--json"], stdin: "")
        #expect(output.status == 2)
        #expect(output.stderr.contains("--policy and --words go with check"))
        #expect(output.stdout.isEmpty)
    }

    /// The rows of testdata/emails.tsv, unescaped as its README says.
    static func labelledAddresses() throws -> [(address: String, valid: Bool, normalized: String)] {
        let text = try String(contentsOf: F.testdata("emails.tsv"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).dropFirst().map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { unescape(String($0)) }
            return (fields[0], fields.count > 1 && fields[1] == "valid", fields.count > 2 ? fields[2] : "")
        }
    }

    private static func unescape(_ field: String) -> String {
        var result = ""
        var scalars = field.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\\", let next = scalars.next() else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch next {
            case "t": result += "\t"
            case "n": result += "\n"
            case "r": result += "\r"
            case "x":
                let hex = String(String.UnicodeScalarView([scalars.next(), scalars.next()].compactMap { $0 }))
                if let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) { result.unicodeScalars.append(decoded) }
            default: result.unicodeScalars.append(next)
            }
        }
        return result
    }
}
