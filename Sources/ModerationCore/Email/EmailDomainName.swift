/// A domain name after validation, as email-validator's `validate_email_domain_name` returns it.
struct EmailDomainName {
    /// Labels in ASCII, internationalized ones as Punycode A-labels.
    var ascii: [Unicode.Scalar]
    /// Labels in Unicode: the A-labels decoded back.
    var unicode: [Unicode.Scalar]

    /// RFC 1035's limits: 253 octets for a name without its final dot, 63 for a label.
    static let maxLength = 253
    static let maxLabelLength = 63

    /// Names no address on the public Internet can use (IANA special-use domain names, as email-validator
    /// lists them); their subdomains are refused too.
    static let specialUseNames: [[Unicode.Scalar]] = ["arpa", "invalid", "local", "localhost", "onion", "test"]
        .map { Array($0.unicodeScalars) }

    /// Validates and normalizes a domain (not a bracketed literal).
    init(validating domain: [Unicode.Scalar]) throws(EmailSyntaxError) {
        if domain.count > Self.maxLength {
            throw EmailSyntaxError(message: "The email address is too long after the @-sign \(EmailLength.reason(count: domain.count, limit: Self.maxLength)).")
        }
        try Self.rejectNonHostnameCharacters(domain, after: "")
        try EmailCharacters.checkUnsafe(domain)
        let unmappable = domain.filter { !Self.isUTS46Candidate($0) }
        if !unmappable.isEmpty {
            throw EmailSyntaxError(message: "The part after the @-sign contains invalid characters: \(PythonText.sortedDisplays(unmappable)).")
        }

        let mapped = try Self.uts46Remap(domain)
        try Self.rejectNonHostnameCharacters(mapped, after: " after Unicode normalization")
        try EmailCharacters.checkDotAtom(
            mapped,
            atStart: { "An email address cannot have a \($0) immediately after the @-sign." },
            atEnd: { "An email address cannot end with a \($0)." },
            isHostname: true)
        let labels = mapped.split(separator: ".", omittingEmptySubsequences: false)
        if labels.contains(where: Self.isReservedLDHLabel) {
            throw EmailSyntaxError(message: "An email address cannot have two letters followed by two dashes immediately after the @-sign or after a period, except Punycode.")
        }

        let ascii: [Unicode.Scalar]
        // What `IDNA2008.decode(ascii)` gives, when the conversion to A-labels already worked it out: an
        // A-label made from a U-label decodes back to it (Punycode round-trips) and it passed the same checks.
        var decoded: [Unicode.Scalar]?
        if Self.isHostname(mapped) {
            ascii = mapped
        } else {
            var encoded: [Unicode.Scalar] = []
            var unicode: [Unicode.Scalar] = []
            for (index, label) in labels.enumerated() {
                if index > 0 {
                    encoded.append(".")
                    unicode.append(".")
                }
                do {
                    let converted = try IDNA2008.aLabel(Array(label))
                    encoded += converted.ascii
                    unicode += converted.unicode
                } catch {
                    throw EmailSyntaxError(message: "The part after the @-sign is invalid (\(error.message)).")
                }
            }
            guard Self.isHostname(encoded) else {
                throw EmailSyntaxError(message: "The email address contains invalid characters after the @-sign after IDNA encoding.")
            }
            ascii = encoded
            decoded = unicode
        }
        try Self.checkLengths(ascii, original: domain)
        try Self.checkDeliverableShape(ascii)

        self.ascii = ascii
        guard Self.containsALabelPrefix(ascii) else {
            self.unicode = ascii
            return
        }
        if let decoded {
            self.unicode = try Self.checkedUnicodeForm(decoded)
        } else {
            let decodedNow: [Unicode.Scalar]
            do {
                decodedNow = try IDNA2008.decode(ascii)
            } catch {
                throw EmailSyntaxError(message: "The part after the @-sign is not valid IDNA (\(error.message)).")
            }
            self.unicode = try Self.checkedUnicodeForm(decodedNow)
        }
    }

    /// Re-checks the Unicode form of the domain as email-validator does after decoding its A-labels.
    private static func checkedUnicodeForm(_ decoded: [Unicode.Scalar]) throws(EmailSyntaxError) -> [Unicode.Scalar] {
        try rejectNonHostnameCharacters(decoded, after: "")
        try EmailCharacters.checkUnsafe(decoded)
        // The Bidi Rule holds for every label once any label is right-to-left (RFC 5893 1.4), which the
        // idna package leaves to its caller.
        if decoded.contains(where: { ScalarProperties($0).isRightToLeftOrArabicNumber }) {
            for label in decoded.split(separator: ".", omittingEmptySubsequences: false) {
                do {
                    try IDNA2008.checkBidi(Array(label), checkingLeftToRight: true)
                } catch {
                    throw EmailSyntaxError(message: "The part after the @-sign is not valid IDNA (\(error.message)).")
                }
            }
        }
        // email-validator also encodes the result again; a U-label that decoding accepted is the canonical
        // form of the A-label it came from, so that cannot fail.
        return decoded
    }

    private static func rejectNonHostnameCharacters(_ text: [Unicode.Scalar], after stage: String) throws(EmailSyntaxError) {
        let invalid = text.filter { !EmailCharacters.isInternationalHostnameCharacter($0) }
        if !invalid.isEmpty {
            throw EmailSyntaxError(message: "The part after the @-sign contains invalid characters\(stage): \(PythonText.sortedDisplays(invalid)).")
        }
    }

    /// email-validator's `uts46_valid_char`: code points UTS #46 mapping could not handle, refused up front
    /// with a clearer message. Dashes, joiners and the fullwidth full stop are let through on purpose.
    private static func isUTS46Candidate(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (0x80...0x9F).contains(value) { return false }
        if ((0x2010...0x2060).contains(value) && !(0x2024...0x2026).contains(value) && !(0x2028...0x202E).contains(value))
            || value == 0x00AD || value == 0x2064 || value == 0xFF0E || (0x200B...0x200D).contains(value)
            || (0x1BCA0...0x1BCA3).contains(value)
        {
            return true
        }
        let properties = ScalarProperties(scalar)
        switch properties.majorCategory {
        case .separator: return false
        case .other where !properties.isControl: return false
        default: return !properties.decomposesToFullStop
        }
    }

    /// UTS #46 processing without STD3 rules: ASCII is only lower-cased.
    private static func uts46Remap(_ domain: [Unicode.Scalar]) throws(EmailSyntaxError) -> [Unicode.Scalar] {
        if UnicodeText.isASCII(domain) {
            return domain.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32) ?? $0 : $0 }
        }
        let mapped: [Unicode.Scalar]
        var firstDisallowed: Int?
        do {
            mapped = try UnicodeText.uts46Map(domain)
            // Disallowed code points come out as U+FFFD; only then is it worth finding the first one.
            if mapped.contains("\u{FFFD}") { firstDisallowed = try UnicodeText.uts46FirstDisallowed(domain) }
        } catch {
            throw EmailValidator.unicodeFailure
        }
        if let index = firstDisallowed {
            let code = PythonText.codePoint(domain[index].value)
            throw EmailSyntaxError(message: "The part after the @-sign contains invalid characters (Codepoint \(code) not allowed at position \(index + 1) in \(PythonText.repr(domain))).")
        }
        return mapped
    }

    /// RFC 5890's reserved LDH labels: `??--…` other than `xn--`.
    private static func isReservedLDHLabel(_ label: ArraySlice<Unicode.Scalar>) -> Bool {
        guard label.count >= 4 else { return false }
        let start = label.startIndex
        guard label[start + 2] == "-" && label[start + 3] == "-" else { return false }
        return !("xX".unicodeScalars.contains(label[start]) && "nN".unicodeScalars.contains(label[start + 1]))
    }

    /// `DOT_ATOM_TEXT_HOSTNAME`: ASCII labels of letters, digits and inner hyphens, joined by dots.
    static func isHostname(_ text: [Unicode.Scalar]) -> Bool {
        guard !text.isEmpty else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            guard let first = label.first, let last = label.last else { return false }
            return isLetterOrDigit(first) && isLetterOrDigit(last)
                && label.allSatisfy { $0.isASCII && EmailCharacters.isLetterDigitHyphen(byte: UInt8($0.value)) }
        }
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "-" && scalar.isASCII && EmailCharacters.isLetterDigitHyphen(byte: UInt8(scalar.value))
    }

    private static func checkLengths(_ ascii: [Unicode.Scalar], original: [Unicode.Scalar]) throws(EmailSyntaxError) {
        if ascii.count > maxLength {
            if ascii == original {
                throw EmailSyntaxError(message: "The email address is too long after the @-sign \(EmailLength.reason(count: ascii.count, limit: maxLength)).")
            }
            let excess = ascii.count - maxLength
            throw EmailSyntaxError(message: "The email address is too long after the @-sign (\(excess) byte\(excess == 1 ? "" : "s") too many after IDNA encoding).")
        }
        for label in ascii.split(separator: ".", omittingEmptySubsequences: false) where label.count > maxLabelLength {
            throw EmailSyntaxError(message: "After the @-sign, periods cannot be separated by so many characters \(EmailLength.reason(count: label.count, limit: maxLabelLength)).")
        }
    }

    /// A globally deliverable domain has a dot, ends in a letter (every TLD does), and is not special-use.
    private static func checkDeliverableShape(_ ascii: [Unicode.Scalar]) throws(EmailSyntaxError) {
        if !ascii.contains(".") {
            throw EmailSyntaxError(message: "The part after the @-sign is not valid. It should have a period.")
        }
        guard let last = ascii.last, ("a"..."z").contains(last) || ("A"..."Z").contains(last) else {
            throw EmailSyntaxError(message: "The part after the @-sign is not valid. It is not within a valid top-level domain.")
        }
        for name in specialUseNames where isSameOrSubdomain(ascii, of: name) {
            throw EmailSyntaxError(message: "The part after the @-sign is a special-use or reserved name that cannot be used with email.")
        }
    }

    static func isSameOrSubdomain(_ domain: [Unicode.Scalar], of name: [Unicode.Scalar]) -> Bool {
        domain == name
            || (domain.count > name.count && domain[domain.count - name.count - 1] == "."
                && domain.suffix(name.count).elementsEqual(name))
    }

    private static func containsALabelPrefix(_ text: [Unicode.Scalar]) -> Bool {
        text.count >= 4 && (0...(text.count - 4)).contains { text[$0] == "x" && text[$0 + 1] == "n" && text[$0 + 2] == "-" && text[$0 + 3] == "-" }
    }
}
