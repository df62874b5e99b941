import Testing

@testable import ModerationCore

/// Validation reads each field once, on its UTF-8, and copies the trimmed text only for the checks that
/// need a string: what it reports, and what it hands to the email check, agree with the definitions on
/// Unicode scalars in `Reference`, field by field, on the fast-path corpora wrapped as fields arrive.
@Suite struct ValidationFieldReadingTests {
    static let limits = FieldLimits(maxNameLength: 20, maxEmailLength: 24, maxURLLength: 40, maxBodyBytes: 300, minBodyLength: 6)

    /// The reasons validation should give `text` in `field`, as (code, match) pairs, and the email it
    /// should hand on.
    static func expected(_ text: String, in field: CommentField) -> (reasons: [String], email: String?) {
        let value = Reference.trimmed(text)
        guard !Reference.isBlank(value) else { return (field == .authorURL ? [] : ["missing_field"], nil) }
        var reasons: [String] = []
        if let scalar = Reference.refusedControlCharacter(in: value, multiline: field == .body) {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            reasons.append("control_character U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex)
        }
        let scalars = value.unicodeScalars.count
        switch field {
        case .authorName:
            if scalars > limits.maxNameLength { reasons.append("too_long") }
        case .authorEmail:
            if scalars > limits.maxEmailLength { reasons.append("too_long") }
            reasons.append("invalid_email")
            return (reasons, value)
        case .authorURL:
            if scalars > limits.maxURLLength { reasons.append("too_long") }
            if Reference.websiteProblem(in: value) != nil { reasons.append("invalid_url") }
        default:
            if value.utf8.count > limits.maxBodyBytes { reasons.append("too_long") }
            if scalars < limits.minBodyLength { reasons.append("too_short") }
        }
        return (reasons, nil)
    }

    @Test func eachFieldAgreesWithTheScalarDefinitions() {
        var mismatches: [String] = []
        var checked = 0
        for (index, text) in FastPathEquivalenceTests.fieldTexts.enumerated() {
            // Every field for a third of the texts, the body for all: the body is the long one.
            let fields: [CommentField] = index % 3 == 0 ? [.authorName, .authorEmail, .authorURL, .body] : [.body]
            for field in fields {
                var comment = FieldValidatorTests.valid
                switch field {
                case .authorName: comment.authorName = text
                case .authorEmail: comment.authorEmail = text
                case .authorURL: comment.authorURL = text
                default: comment.body = text
                }
                var handedOn: String?
                let found = FieldValidator.validate(comment, limits: Self.limits) { email in
                    handedOn = email
                    return field == .authorEmail ? "refused" : nil
                }
                .filter { $0.field == field }
                .map { $0.code == "control_character" ? "\($0.code) \($0.match ?? "")" : $0.code }
                let (reasons, email) = Self.expected(text, in: field)
                if found != reasons { mismatches.append("\(field) \(text.debugDescription): \(found) != \(reasons)") }
                if field == .authorEmail, handedOn.map({ Array($0.utf8) }) != email.map({ Array($0.utf8) }) {
                    mismatches.append("email handed on for \(text.debugDescription)")
                }
                checked += 1
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(checked > 20_000)
    }

    /// A field with nothing to trim is handed on as given; one with white space around it, trimmed.
    @Test func theEmailCheckSeesTheTrimmedAddress() {
        for (raw, expected) in [("ada@example.com", "ada@example.com"), ("\u{3000} ada@example.com\r\n", "ada@example.com")] {
            var comment = FieldValidatorTests.valid
            comment.authorEmail = raw
            var seen: String?
            _ = FieldValidator.validate(comment) { email in
                seen = email
                return nil
            }
            #expect(seen == expected)
        }
    }
}
