import Foundation
import Testing

@testable import ModerationCore

@Suite struct FieldValidatorTests {
    static let valid = CommentInput(
        siteID: "blog", postID: "hello-world", authorName: "Ada", authorEmail: "ada@example.com",
        authorURL: "https://ada.example", body: "Nice post.")

    private func validate(_ comment: CommentInput, limits: FieldLimits = .wordPress) -> [Reason] {
        FieldValidator.validate(comment, limits: limits) { _ in nil }
    }

    private func codes(_ comment: CommentInput, limits: FieldLimits = .wordPress) -> [String] {
        validate(comment, limits: limits).map(\.code)
    }

    private static func with(_ field: CommentField, _ value: String?) -> CommentInput {
        var comment = valid
        switch field {
        case .siteID: comment.siteID = value
        case .postID: comment.postID = value
        case .authorName: comment.authorName = value
        case .authorEmail: comment.authorEmail = value
        case .authorURL: comment.authorURL = value
        case .body: comment.body = value
        case .authorIP: comment.authorIP = value
        case .userAgent: comment.userAgent = value
        case .parentID: break
        }
        return comment
    }

    static let requiredFields: [CommentField] = [.siteID, .postID, .authorName, .authorEmail, .body]
    static let textFields: [CommentField] = requiredFields + [.authorURL]
    static let blanks: [String?] = [
        nil, "", " ", "   ", "\t\n", "\r\n", "\u{3000}", "\u{A0}", "\u{A0}\u{2003}\u{202F}", "\u{200B}",
        "\u{FEFF}", "\u{3164}", "\u{200B} \u{2060}", "\u{85}",
    ]

    @Test func aCompleteCommentPasses() {
        #expect(validate(Self.valid).isEmpty)
        var minimal = Self.valid
        minimal.authorURL = nil
        #expect(validate(minimal).isEmpty)
    }

    @Test(arguments: requiredFields, blanks)
    func blankRequiredFieldIsMissing(field: CommentField, blank: String?) {
        let reasons = validate(Self.with(field, blank))
        #expect(reasons.count == 1)
        #expect(reasons.first?.code == "missing_field")
        #expect(reasons.first?.field == field)
        #expect(reasons.first?.action == .reject)
    }

    @Test(arguments: blanks)
    func blankWebsiteIsNotGiven(blank: String?) {
        var calls = 0
        let reasons = FieldValidator.validate(Self.with(.authorURL, blank)) { _ in calls += 1; return nil }
        #expect(reasons.isEmpty)
        #expect(calls == 1)
    }

    @Test func everyProblemIsReportedInFieldOrder() {
        let reasons = validate(CommentInput())
        #expect(reasons.map(\.code) == Array(repeating: "missing_field", count: 5))
        #expect(reasons.map(\.field) == [.siteID, .postID, .authorName, .authorEmail, .body])

        var comment = Self.valid
        comment.authorName = String(repeating: "n", count: 246) + "\u{7}"
        comment.authorURL = "ftp://example.com"
        comment.body = nil
        let several = validate(comment)
        #expect(several.map(\.code) == ["control_character", "too_long", "invalid_url", "missing_field"])
        #expect(several.map(\.field) == [.authorName, .authorName, .authorURL, .body])
        #expect(several.allSatisfy { $0.action == .reject })
    }

    // MARK: lengths

    @Test func nameLimitCountsUnicodeScalars() {
        #expect(codes(Self.with(.authorName, String(repeating: "a", count: 245))).isEmpty)
        #expect(codes(Self.with(.authorName, String(repeating: "a", count: 246))) == ["too_long"])
        // 245 precomposed letters of 2 bytes each still count 245.
        #expect(codes(Self.with(.authorName, String(repeating: "é", count: 245))).isEmpty)
        // A decomposed "é" is one grapheme but two scalars, as mb_strlen counts it.
        let decomposed = String(repeating: "e\u{301}", count: 122) + "a"
        #expect(decomposed.unicodeScalars.count == 245 && decomposed.count == 123)
        #expect(codes(Self.with(.authorName, decomposed)).isEmpty)
        #expect(codes(Self.with(.authorName, decomposed + "\u{301}")) == ["too_long"])
        let reason = validate(Self.with(.authorName, String(repeating: "a", count: 246))).first
        #expect(reason?.rule == "max_name_length")
        #expect(reason?.field == .authorName)
        #expect(reason?.message == "Name is 246 characters long; at most 245 are allowed.")
    }

    @Test func surroundingWhiteSpaceDoesNotCount() {
        let padded = "  " + String(repeating: "a", count: 245) + "\u{3000}\n"
        #expect(codes(Self.with(.authorName, padded)).isEmpty)
        #expect(codes(Self.with(.authorName, "\nAda\n")).isEmpty)
    }

    @Test func emailLimit() {
        let local = { (count: Int) in String(repeating: "e", count: count - "@example.com".count) + "@example.com" }
        var checked: [String] = []
        let atLimit = FieldValidator.validate(Self.with(.authorEmail, local(100))) { checked.append($0); return nil }
        #expect(atLimit.isEmpty)
        let over = FieldValidator.validate(Self.with(.authorEmail, local(101))) { checked.append($0); return nil }
        #expect(over.map(\.code) == ["too_long"])
        #expect(over.first?.rule == "max_email_length")
        #expect(checked.map(\.count) == [100, 101])
    }

    @Test func urlLimit() {
        let url = { (count: Int) in "https://example.com/" + String(repeating: "p", count: count - 20) }
        #expect(codes(Self.with(.authorURL, url(200))).isEmpty)
        #expect(codes(Self.with(.authorURL, url(201))) == ["too_long"])
        #expect(validate(Self.with(.authorURL, url(201))).first?.rule == "max_url_length")
    }

    @Test func bodyLimitCountsUTF8Bytes() {
        #expect(codes(Self.with(.body, String(repeating: "a", count: 65525))).isEmpty)
        #expect(codes(Self.with(.body, String(repeating: "a", count: 65526))) == ["too_long"])
        // "€" is 3 bytes: 21842 of them are 65526 bytes though only 21842 characters.
        #expect(codes(Self.with(.body, String(repeating: "€", count: 21842))) == ["too_long"])
        #expect(codes(Self.with(.body, String(repeating: "€", count: 21841) + "aa")).isEmpty)
        let reason = validate(Self.with(.body, String(repeating: "€", count: 21842))).first
        #expect(reason?.rule == "max_body_bytes")
        #expect(reason?.message == "Comment is 65526 bytes long; at most 65525 are allowed.")
    }

    @Test func limitsComeFromThePolicy() throws {
        let policy = try Policy.fromJSON(#"{"max_name_length": 3, "max_body_bytes": 10, "min_body_length": 5}"#)
        let limits = policy.fieldLimits
        #expect(codes(Self.with(.authorName, "Ada"), limits: limits).isEmpty)
        #expect(codes(Self.with(.authorName, "Adam"), limits: limits) == ["too_long"])
        #expect(codes(Self.with(.body, "abcde"), limits: limits).isEmpty)
        #expect(codes(Self.with(.body, "  abcd \n"), limits: limits) == ["too_short"])
        #expect(codes(Self.with(.body, "0123456789x"), limits: limits) == ["too_long"])
        let short = validate(Self.with(.body, "abcd"), limits: limits).first
        #expect(short?.rule == "min_body_length")
        #expect(short?.field == .body)
        #expect(short?.action == .reject)
    }

    // MARK: control characters

    static let controlCharacters: [UInt32] = Array(0x00...0x1F) + [0x7F] + Array(0x80...0x9F)

    @Test(arguments: controlCharacters)
    func controlCharactersAreRefused(value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        let expected = "U+" + String(format: "%04X", value)
        let inBody = validate(Self.with(.body, "a\(Character(scalar))b"))
        let inName = validate(Self.with(.authorName, "A\(Character(scalar))da"))
        switch scalar {
        case "\t":
            #expect(inBody.isEmpty && inName.isEmpty)
        case "\n":
            #expect(inBody.isEmpty)
            #expect(inName.map(\.code) == ["control_character"] && inName.first?.match == expected)
        default:
            #expect(inBody.map(\.code) == ["control_character"])
            #expect(inBody.first?.match == expected)
            #expect(inBody.first?.field == .body)
            #expect(inName.map(\.code) == ["control_character"])
            #expect(inName.first?.match == expected)
        }
    }

    @Test func lineEndingsInTheBody() {
        #expect(codes(Self.with(.body, "one\r\ntwo\r\n\r\nthree")).isEmpty)
        #expect(codes(Self.with(.body, "one\ntwo\tthree")).isEmpty)
        #expect(validate(Self.with(.body, "one\rtwo")).first?.match == "U+000D")
        #expect(validate(Self.with(.body, "one\r\rtwo\n")).first?.match == "U+000D")
        #expect(validate(Self.with(.body, "one\u{85}two")).first?.match == "U+0085")
        #expect(validate(Self.with(.authorName, "A\r\nB")).first?.match == "U+000D")
        #expect(validate(Self.with(.siteID, "blog\u{0}")).first?.match == "U+0000")
        #expect(validate(Self.with(.postID, "p\u{1B}[31m")).first?.match == "U+001B")
    }

    @Test func onlyTheFirstControlCharacterOfAFieldIsReported() {
        let reasons = validate(Self.with(.body, "a\u{7}b\u{8}c\u{0}"))
        #expect(reasons.count == 1)
        #expect(reasons.first?.match == "U+0007")
    }

    @Test func formatCharactersAreNotControlCharacters() {
        #expect(codes(Self.with(.body, "a\u{200D}b\u{202E}c\u{FEFF}")).isEmpty)
        #expect(codes(Self.with(.body, "line\u{2028}next")).isEmpty)
    }

    // MARK: website

    @Test(arguments: [
        "http://example.com", "https://example.com/", "https://example.com/path?q=1&r=2#frag", "HTTPS://EXAMPLE.COM",
        "https://例え.jp", "https://例え.jp/パス", "https://xn--r8jz45g.jp", "http://example.com:8080/",
        "https://sub.sub.example.co.uk", "https://example.com.", "http://127.0.0.1/", "http://[::1]/",
        "http://[2001:db8::1]:8080/x", "https://my-site.example/%7Euser", "https://пример.рф",
    ])
    func goodWebsites(url: String) {
        #expect(codes(Self.with(.authorURL, url)).isEmpty, "\(validate(Self.with(.authorURL, url)))")
    }

    @Test(arguments: [
        "javascript:alert(1)", "JavaScript:alert(1)", "ftp://example.com", "mailto:ada@example.com",
        "data:text/html,<script>alert(1)</script>", "//example.com", "http://", "https://", "http:///example.com",
        "example.com", "www.example.com", "example.com:8080/x", "http:example.com", "http:/example.com",
        "https://exa mple.com", "https://example.com/a b", "http://user:pass@example.com",
        "https://bank.example@evil.example/", "http://example.com\\@evil.example", "http://localhost/",
        "http://999.1.1.1/", "http://0x7f.1/", "http://2130706433/", "http://-x.example/", "http://x-.example/",
        "http://exa_mple.com/", "http://a..b/", "http://example.com:0/", "http://example.com:99999/",
        "http://example.com:abc/", "http://example.com:/", "http://[::g]/", "http://[::1/", "http://[::1]x/",
        "https://ex%61mple.com/", "https://*.example.com/", "https://example.com\u{3000}/", "about:blank",
    ])
    func badWebsites(url: String) {
        let reasons = validate(Self.with(.authorURL, url))
        #expect(reasons.map(\.code).contains("invalid_url"), "\(url)")
        #expect(reasons.allSatisfy { $0.field == .authorURL && $0.action == .reject })
        #expect(reasons.first { $0.code == "invalid_url" }?.message.hasPrefix("Website must be an absolute") == true)
    }

    // MARK: email

    @Test func emailCheckIsCalledOnlyWhenAnEmailIsPresent() {
        var calls: [String] = []
        let check = { (email: String) -> String? in calls.append(email); return nil }
        _ = FieldValidator.validate(Self.with(.authorEmail, nil), emailCheck: check)
        _ = FieldValidator.validate(Self.with(.authorEmail, " \u{3000}"), emailCheck: check)
        #expect(calls.isEmpty)
        _ = FieldValidator.validate(Self.with(.authorEmail, "  ada@example.com\n"), emailCheck: check)
        #expect(calls == ["ada@example.com"])
    }

    @Test func emailCheckMessageBecomesTheReason() {
        let reasons = FieldValidator.validate(Self.with(.authorEmail, "ada@")) { _ in "It must have a domain." }
        #expect(reasons == [Reason(
            code: "invalid_email", field: .authorEmail, action: .reject, message: "It must have a domain.")])
    }

    // MARK: parent

    @Test func parentID() {
        var comment = Self.valid
        for parent: Int64 in [0, 1, .max] {
            comment.parentID = parent
            #expect(validate(comment).isEmpty)
        }
        comment.parentID = -1
        #expect(validate(comment).map(\.code) == ["invalid_parent"])
        #expect(validate(comment).first?.field == .parentID)
    }

    // MARK: hostile input

    @Test func naughtyStringsInEveryFieldNeverCrash() {
        let strings = PolicyTestData.naughtyStrings
        #expect(strings.count > 500)
        for text in strings {
            for field in Self.textFields + [.authorIP, .userAgent] {
                let reasons = validate(Self.with(field, text))
                #expect(reasons.allSatisfy { $0.action == .reject && $0.field == field && !$0.message.isEmpty })
            }
            let everywhere = CommentInput(
                siteID: text, postID: text, authorName: text, authorEmail: text, authorURL: text, body: text,
                authorIP: text, userAgent: text)
            let reasons = FieldValidator.validate(everywhere) { $0.isEmpty ? "empty" : nil }
            #expect(reasons.allSatisfy { $0.action == .reject })
            #expect(Set(reasons.map(\.code)).isSubset(of: [
                "missing_field", "too_long", "too_short", "invalid_email", "invalid_url", "control_character",
            ]))
        }
    }
}
