/// Email address syntax validation that accepts exactly what Python's email-validator 2.x accepts with
/// `check_deliverability=False` and every other option at its default, and normalizes as it does:
/// internationalized local parts (NFC), internationalized domains (UTS #46 and IDNA 2008), no quoted local
/// parts, no bracketed IP addresses, no display names, no special-use or dotless domains. No DNS.
///
/// Ordinary ASCII addresses take a byte-level path that touches neither ICU nor Foundation; everything else
/// follows email-validator's steps in its order, so errors are the ones it reports.
///
/// Characters are judged as email-validator on Python 3.11 judges them: with Unicode 14.0 for character
/// properties (a code point assigned later is unassigned, hence refused) and with UTS #46 and IDNA 2008 as
/// the `idna` package defines them. Known differences are in error wording only: a Punycode label holding a
/// code point assigned after Unicode 14.0 is refused as "not allowed" where email-validator, whose IDNA tables
/// are newer than its character database, reports an unknown directionality.
public struct EmailValidator: Sendable {
    public init() {}

    /// Validates one address.
    public func validate(_ address: String) -> Result<ValidatedEmail, EmailSyntaxError> {
        if let fast = ASCIIFastPath.validate(address) { return .success(fast) }
        return Self.validateFully(address)
    }

    /// `validate(_:)`'s normalized form alone, which is all the judge keeps: an ordinary ASCII address
    /// needs no strings made for its parts.
    func normalized(_ address: String) -> Result<String, EmailSyntaxError> {
        if let (fast, _) = ASCIIFastPath.normalized(address) { return .success(fast) }
        return Self.validateFully(address).map(\.normalized)
    }

    private static func validateFully(_ address: String) -> Result<ValidatedEmail, EmailSyntaxError> {
        do {
            return .success(try validateFully(Array(address.unicodeScalars)))
        } catch {
            return .failure(error)
        }
    }

    static let unicodeFailure = EmailSyntaxError(message: "The email address could not be checked: Unicode processing failed.")

    /// RFC 2142 role mailboxes, which are case-insensitive and so normalized to lower case.
    static let caseInsensitiveMailboxes: Set<String> = [
        "info", "marketing", "sales", "support", "abuse", "noc", "security", "postmaster", "hostmaster",
        "usenet", "news", "webmaster", "www", "uucp", "ftp",
    ]

    static let longestMailboxName = caseInsensitiveMailboxes.map(\.count).max() ?? 0

    /// email-validator's `validate_email`, step by step.
    static func validateFully(_ email: [Unicode.Scalar]) throws(EmailSyntaxError) -> ValidatedEmail {
        let parts = try EmailAddressSplitter.split(email)
        let original = parts.localPart + ["@"] + parts.domainPart

        let asGiven = try EmailLocalPart(validating: parts.unescapedLocalPart, quoted: parts.isQuotedLocalPart)
        var local = asGiven
        let normalizedLocal: [Unicode.Scalar]
        do {
            normalizedLocal = try UnicodeText.nfc(parts.unescapedLocalPart)
        } catch {
            throw unicodeFailure
        }
        if normalizedLocal != parts.unescapedLocalPart {
            do {
                local = try EmailLocalPart(validating: normalizedLocal, quoted: parts.isQuotedLocalPart)
            } catch {
                throw EmailSyntaxError(message: "After Unicode normalization: \(error.message)")
            }
        }
        if parts.isQuotedLocalPart {
            throw EmailSyntaxError(message: "Quoting the part before the @-sign is not allowed here.")
        }
        if let ascii = local.ascii, ascii.count <= longestMailboxName,
            caseInsensitiveMailboxes.contains(UnicodeText.string(ascii).lowercased())
        {
            local.text = Array(UnicodeText.string(local.text).lowercased().unicodeScalars)
            local.ascii = local.text
        }

        if parts.domainPart.isEmpty {
            throw EmailSyntaxError(message: "There must be something after the @-sign.")
        }
        if parts.domainPart.first == "[" && parts.domainPart.last == "]" {
            try EmailDomainLiteral.reject(Array(parts.domainPart.dropFirst().dropLast()))
        }
        let domain = try EmailDomainName(validating: parts.domainPart)

        let normalized = local.text + ["@"] + domain.unicode
        try EmailLength.check(
            original: original, normalized: normalized, withASCIIDomain: (local.ascii ?? local.text) + ["@"] + domain.ascii)
        if parts.displayName != nil {
            throw EmailSyntaxError(message: "A display name and angle brackets around the email address are not permitted here.")
        }
        return ValidatedEmail(
            normalized: UnicodeText.string(normalized), localPart: UnicodeText.string(local.text),
            domain: UnicodeText.string(domain.unicode), asciiDomain: UnicodeText.string(domain.ascii),
            isInternationalized: asGiven.needsSMTPUTF8)
    }
}
