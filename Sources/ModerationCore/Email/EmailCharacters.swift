/// The character classes of RFC 5322, RFC 6531 and RFC 952 as email-validator's `rfc_constants` defines
/// them, plus its check for unsafe Unicode characters.
enum EmailCharacters {
    /// ASCII `atext` (RFC 5322 3.2.3) as bit masks over bytes 0–63 and 64–127: letters, digits and
    /// ``!#$%&'*+-/=?^_`{|}~``. Bit masks keep the per-byte test free of table lookups.
    private static let atextLow: UInt64 = 0xA3FF_ACFA_0000_0000
    private static let atextHigh: UInt64 = 0x7FFF_FFFF_C7FF_FFFE

    static func isAtext(byte: UInt8) -> Bool {
        byte < 64 ? atextLow >> byte & 1 == 1 : byte < 128 && atextHigh >> (byte - 64) & 1 == 1
    }

    static func isAtext(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 128 && isAtext(byte: UInt8(scalar.value))
    }

    /// `ATEXT_RE`: ASCII atext or a dot.
    static func isAtextOrDot(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || isAtext(scalar)
    }

    /// `ATEXT_INTL` plus dot: atext, a dot, or anything from U+0080 on.
    static func isInternationalAtextOrDot(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x80 || isAtextOrDot(scalar)
    }

    /// Letters, digits and hyphen: RFC 952 host name characters.
    static func isLetterDigitHyphen(byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// `ATEXT_HOSTNAME_INTL`: letters, digits, hyphen, dot, or anything from U+0080 on.
    static func isInternationalHostnameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x80 || scalar == "." || isLetterDigitHyphen(byte: UInt8(scalar.value))
    }

    /// `QTEXT_INTL`: printable ASCII or anything from U+0080 on.
    static func isInternationalQtext(_ scalar: Unicode.Scalar) -> Bool {
        (0x20...0x7E).contains(scalar.value) || scalar.value >= 0x80
    }

    /// `DOT_ATOM_TEXT` (`allowingInternational` false) or `DOT_ATOM_TEXT_INTL` (true): runs of atext
    /// joined by single dots.
    static func isDotAtom(_ text: [Unicode.Scalar], allowingInternational: Bool) -> Bool {
        var previousWasDot = true
        for scalar in text {
            if scalar == "." {
                if previousWasDot { return false }
                previousWasDot = true
            } else if isAtext(scalar) || (allowingInternational && scalar.value >= 0x80) {
                previousWasDot = false
            } else {
                return false
            }
        }
        return !previousWasDot
    }

    /// email-validator's `check_unsafe_chars`: letters, numbers, punctuation and symbols are safe; a mark
    /// is safe except first; spaces only where allowed (quoted strings); line separators, controls,
    /// format characters, private use and unassigned code points never.
    static func checkUnsafe(_ text: [Unicode.Scalar], allowSpace: Bool = false) throws(EmailSyntaxError) {
        var unsafe: [Unicode.Scalar] = []
        for (index, scalar) in text.enumerated() {
            let properties = ScalarProperties(scalar)
            switch properties.majorCategory {
            case .letter, .number, .punctuation, .symbol:
                continue
            case .mark:
                if index == 0 { unsafe.append(scalar) }
            case .separator:
                if !(allowSpace && properties.isSpaceSeparator) { unsafe.append(scalar) }
            case .other:
                unsafe.append(scalar)
            }
        }
        if !unsafe.isEmpty {
            throw EmailSyntaxError(message: "The email address contains unsafe characters: \(PythonText.displaysInCodePointOrder(unsafe)).")
        }
    }

    /// email-validator's `check_dot_atom`: where dots (and, in host names, hyphens) may not go.
    static func checkDotAtom(
        _ text: [Unicode.Scalar], atStart: (String) -> String, atEnd: (String) -> String, isHostname: Bool
    ) throws(EmailSyntaxError) {
        if text.last == "." { throw EmailSyntaxError(message: atEnd("period")) }
        if text.first == "." { throw EmailSyntaxError(message: atStart("period")) }
        if contains(text, ".", ".") {
            throw EmailSyntaxError(message: "An email address cannot have two periods in a row.")
        }
        guard isHostname else { return }
        if text.last == "-" { throw EmailSyntaxError(message: atEnd("hyphen")) }
        if text.first == "-" { throw EmailSyntaxError(message: atStart("hyphen")) }
        if contains(text, ".", "-") || contains(text, "-", ".") {
            throw EmailSyntaxError(message: "An email address cannot have a period and a hyphen next to each other.")
        }
    }

    private static func contains(_ text: [Unicode.Scalar], _ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Bool {
        zip(text, text.dropFirst()).contains { $0 == first && $1 == second }
    }
}
