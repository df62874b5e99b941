/// The first phase: are the submitted fields present, well formed and within the limits? Every failure is
/// a reason with action `.reject`; all of them are reported, at most one per field and problem, in field
/// order (site, post, parent, name, email, website, body).
///
/// How fields are read, and why:
/// - Values are trimmed of Unicode white space first, as WordPress trims before storing; limits apply
///   to the trimmed value. A value that is empty once white space and default-ignorable characters
///   (zero-width spaces, U+3164 HANGUL FILLER, …) are ignored is missing: it would show as blank.
/// - Lengths count Unicode scalars (WordPress's `mb_strlen` counts code points), the body UTF-8 bytes.
/// - Control characters (general category Cc: C0, DEL, C1) are refused, except tab anywhere and, in the
///   body, line feed and a carriage return that starts a CRLF (browsers submit textarea lines as CRLF).
///   Name, email, website, site and post id are one-line inputs, so a line break there is refused too:
///   a browser's text input cannot send one.
/// - A parent id of 0 means "no parent" (WordPress's convention); a negative one is `invalid_parent`.
public enum FieldValidator {
    /// Validates `comment` against `limits`.
    /// - Parameter emailCheck: called with the trimmed email, only when one is present; returns nil when
    ///   the address is acceptable, or the message for an `invalid_email` reason.
    public static func validate(
        _ comment: CommentInput, limits: FieldLimits = .wordPress, emailCheck: (String) -> String?
    ) -> [Reason] {
        validate(comment, limits: limits, bodyMayHoldControl: true, emailCheck: emailCheck)
    }

    /// ``validate(_:limits:emailCheck:)``, told whether the body may hold a control character it may not
    /// (``BodyScan/mayHoldRefusedControl``): when it cannot, the body is not searched for one again.
    static func validate(
        _ comment: CommentInput, limits: FieldLimits, bodyMayHoldControl: Bool, emailCheck: (String) -> String?
    ) -> [Reason] {
        var reasons: [Reason] = []
        text(comment.siteID, .siteID, required: true, into: &reasons)
        text(comment.postID, .postID, required: true, into: &reasons)
        if let parent = comment.parentID, parent < 0 {
            reasons.append(Reason(
                code: "invalid_parent", field: .parentID, match: String(parent), action: .reject,
                message: "The parent comment id must be a positive number."))
        }
        if let name = text(comment.authorName, .authorName, required: true, into: &reasons) {
            tooLong(scalars: name, of: comment.authorName, limit: limits.maxNameLength, .authorName, into: &reasons)
        }
        if let email = text(comment.authorEmail, .authorEmail, required: true, into: &reasons) {
            tooLong(scalars: email, of: comment.authorEmail, limit: limits.maxEmailLength, .authorEmail, into: &reasons)
            if let message = emailCheck(email.string(of: comment.authorEmail)) {
                reasons.append(Reason(code: "invalid_email", field: .authorEmail, action: .reject, message: message))
            }
        }
        if let url = text(comment.authorURL, .authorURL, required: false, into: &reasons) {
            tooLong(scalars: url, of: comment.authorURL, limit: limits.maxURLLength, .authorURL, into: &reasons)
            if let problem = WebsiteURLSyntax.problem(in: url.string(of: comment.authorURL)) {
                reasons.append(Reason(
                    code: "invalid_url", field: .authorURL, action: .reject,
                    message: "Website must be an absolute http:// or https:// address: \(problem)."))
            }
        }
        if let body = text(comment.body, .body, required: true, searchingControls: bodyMayHoldControl, into: &reasons) {
            tooLong(body.byteCount, limit: limits.maxBodyBytes, .body, into: &reasons)
            // A scalar takes at most four bytes: most bodies are long enough without counting.
            if (body.byteCount + 3) / 4 < limits.minBodyLength,
               case let length = body.scalarCount(of: comment.body), length < limits.minBodyLength {
                reasons.append(Reason(
                    code: "too_short", field: .body, rule: "min_body_length", action: .reject,
                    message: "Comment is \(length) characters long; at least \(limits.minBodyLength) are required."))
            }
        }
        return reasons
    }

    /// Reports a missing required value or a refused control character; returns the trimmed value when
    /// there is one to check further.
    ///
    /// Inlined: each field is read in a few instructions (ids and names are short printable ASCII), and a
    /// call for each of six fields cost more than the reading.
    /// - Parameter searchingControls: false when the value is known to hold no control character it may not.
    @inline(__always) @discardableResult
    private static func text(
        _ raw: String?, _ field: CommentField, required: Bool, searchingControls: Bool = true,
        into reasons: inout [Reason]
    ) -> TrimmedField? {
        // A missing value is blank, as an empty one: no empty string is made to read it.
        let value = raw.map { TrimmedField($0, multiline: field == .body, searchingControls: searchingControls) } ?? .blank
        guard value.isBlank || value.refusedControl != nil else { return value }
        return report(value, field, required: required, into: &reasons)
    }

    /// `text`'s reasons for a `value` that is blank or holds a refused control character.
    @inline(never)
    private static func report(
        _ value: TrimmedField, _ field: CommentField, required: Bool, into reasons: inout [Reason]
    ) -> TrimmedField? {
        guard !value.isBlank else {
            if required {
                reasons.append(Reason(
                    code: "missing_field", field: field, action: .reject, message: "\(label(field)) is required."))
            }
            return nil
        }
        if let scalar = value.refusedControl {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let name = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            let message = scalar == "\n" || scalar == "\r"
                ? "\(label(field)) must be a single line; it contains a line break (\(name))."
                : "\(label(field)) contains the control character \(name), which is not allowed."
            reasons.append(Reason(code: "control_character", field: field, match: name, action: .reject, message: message))
        }
        return value
    }

    /// `tooLong` for a length in Unicode scalars of `value` (read from `raw`), counted only when the UTF-8
    /// length could exceed `limit`.
    private static func tooLong(
        scalars value: TrimmedField, of raw: String?, limit: Int, _ field: CommentField, into reasons: inout [Reason]
    ) {
        guard value.byteCount > limit else { return }
        tooLong(value.scalarCount(of: raw), limit: limit, field, into: &reasons)
    }

    private static func tooLong(_ length: Int, limit: Int, _ field: CommentField, into reasons: inout [Reason]) {
        guard length > limit else { return }
        let (rule, unit) = switch field {
        case .authorName: ("max_name_length", "characters")
        case .authorEmail: ("max_email_length", "characters")
        case .authorURL: ("max_url_length", "characters")
        default: ("max_body_bytes", "bytes")
        }
        reasons.append(Reason(
            code: "too_long", field: field, rule: rule, action: .reject,
            message: "\(label(field)) is \(length) \(unit) long; at most \(limit) are allowed."))
    }

    /// The field's name as the comment form shows it.
    private static func label(_ field: CommentField) -> String {
        switch field {
        case .siteID: "Site id"
        case .postID: "Post id"
        case .parentID: "Parent comment id"
        case .authorName: "Name"
        case .authorEmail: "Email"
        case .authorURL: "Website"
        case .body: "Comment"
        case .authorIP: "IP address"
        case .userAgent: "User agent"
        }
    }
}
