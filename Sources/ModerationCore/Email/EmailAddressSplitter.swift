/// An address cut into the pieces email-validator's `split_email` returns.
struct EmailAddressParts {
    /// The display name of a `Name <address>` form, unquoted; nil when there were no angle brackets.
    var displayName: [Unicode.Scalar]?
    /// The local part as written, quotes included.
    var localPart: [Unicode.Scalar]
    /// The local part with surrounding quotes removed and backslash escapes resolved.
    var unescapedLocalPart: [Unicode.Scalar]
    var isQuotedLocalPart: Bool
    /// Everything after the @-sign.
    var domainPart: [Unicode.Scalar]
}

/// Splits an address at its @-sign the way email-validator does: quotes protect @-signs and angle
/// brackets, and a special character that Unicode composes with what follows (such as `<` followed by
/// U+0338) is not special.
enum EmailAddressSplitter {
    static func split(_ email: [Unicode.Scalar]) throws(EmailSyntaxError) -> EmailAddressParts {
        let isASCII = UnicodeText.isASCII(email)
        let (left, right) = try splitAtUnquotedSpecial(email[...], stopAtAngleBracket: true, isASCII: isASCII)

        var displayName: [Unicode.Scalar]?
        var localPart: ArraySlice<Unicode.Scalar>
        var domainPart: ArraySlice<Unicode.Scalar>
        if right.first == "<" {
            displayName = try validatedDisplayName(left)
            guard right.contains(">") else {
                throw EmailSyntaxError(message: "An open angle bracket at the start of the email address has to be followed by a close angle bracket at the end.")
            }
            var bracketed = right
            while bracketed.last == " " { bracketed.removeLast() }
            guard bracketed.last == ">" else {
                throw EmailSyntaxError(message: "There can't be anything after the email address.")
            }
            let addressSpec = bracketed.dropFirst().dropLast()
            (localPart, domainPart) = try splitAtUnquotedSpecial(addressSpec, stopAtAngleBracket: false, isASCII: isASCII)
        } else {
            (localPart, domainPart) = (left, right)
        }
        if domainPart.first == "@" { domainPart.removeFirst() }

        let (unescaped, isQuoted) = try unquote(localPart)
        return EmailAddressParts(
            displayName: displayName, localPart: Array(localPart), unescapedLocalPart: unescaped,
            isQuotedLocalPart: isQuoted, domainPart: Array(domainPart))
    }

    /// Splits before the first @-sign (or `<`) outside quotes; the right part keeps that character.
    private static func splitAtUnquotedSpecial(
        _ text: ArraySlice<Unicode.Scalar>, stopAtAngleBracket: Bool, isASCII: Bool
    ) throws(EmailSyntaxError) -> (ArraySlice<Unicode.Scalar>, ArraySlice<Unicode.Scalar>) {
        var insideQuote = false
        var escaped = false
        var splitIndex = text.endIndex
        for index in text.indices {
            let scalar = text[index]
            if !isASCII, try composesWithFollowing(text, at: index) {
                // Kept as an ordinary character, and the quoting state is left as it was.
                continue
            }
            if insideQuote {
                if scalar == "\\" && !escaped {
                    escaped = true
                } else if scalar == "\"" && !escaped {
                    insideQuote = false
                    escaped = false
                } else {
                    escaped = false
                }
            } else if scalar == "\"" {
                insideQuote = true
            } else if scalar == "@" || (stopAtAngleBracket && scalar == "<") {
                splitIndex = index
                break
            }
        }
        guard splitIndex < text.endIndex else {
            if text.contains("\u{FF20}") {
                throw EmailSyntaxError(message: "The email address has the \"full-width\" at-sign (@) character instead of a regular at-sign.")
            }
            if text.contains("\u{FE6B}") {
                throw EmailSyntaxError(message: "The email address has the \"small commercial at\" character instead of a regular at-sign.")
            }
            throw EmailSyntaxError(message: "An email address must have an @-sign.")
        }
        return (text[..<splitIndex], text[splitIndex...])
    }

    /// Whether NFC would change this character given the (at most 31) characters after it, as
    /// email-validator checks on a window of that size.
    private static func composesWithFollowing(
        _ text: ArraySlice<Unicode.Scalar>, at index: Int
    ) throws(EmailSyntaxError) -> Bool {
        // Below U+0300 every character is a starter that NFC keeps and that composes with nothing below
        // U+0300 after it.
        let next = index + 1
        if text[index].value < 0x300 && (next == text.endIndex || text[next].value < 0x300) { return false }
        do {
            return try UnicodeText.nfcChangesFirst(text[index..<min(index + 32, text.endIndex)])
        } catch {
            throw EmailValidator.unicodeFailure
        }
    }

    /// Unquotes a display name and checks its characters.
    private static func validatedDisplayName(
        _ text: ArraySlice<Unicode.Scalar>
    ) throws(EmailSyntaxError) -> [Unicode.Scalar] {
        var trimmed = text
        while let last = trimmed.last, ScalarProperties(last).isPythonSpace { trimmed.removeLast() }
        let (name, quoted) = try unquote(trimmed)
        if !quoted {
            let invalid = name.filter { ($0 != " " && !EmailCharacters.isAtextOrDot($0)) || $0 == "." }
            if !invalid.isEmpty {
                throw EmailSyntaxError(message: "The display name contains invalid characters when not quoted: \(PythonText.sortedDisplays(invalid)).")
            }
        }
        try EmailCharacters.checkUnsafe(name, allowSpace: true)
        return name
    }

    /// Removes surrounding quotes and resolves backslash escapes (any character may be escaped).
    static func unquote(
        _ text: ArraySlice<Unicode.Scalar>
    ) throws(EmailSyntaxError) -> (value: [Unicode.Scalar], quoted: Bool) {
        var quoted = false
        var escaped = false
        var value: [Unicode.Scalar] = []
        value.reserveCapacity(text.count)
        for index in text.indices {
            let scalar = text[index]
            if quoted {
                if escaped {
                    value.append(scalar)
                    escaped = false
                } else if scalar == "\\" {
                    escaped = true
                } else if scalar == "\"" {
                    if index != text.endIndex - 1 {
                        let extra = text[(index + 1)...].map(PythonText.displayCharacter).joined(separator: ", ")
                        throw EmailSyntaxError(message: "Extra character(s) found after close quote: \(extra)")
                    }
                    break
                } else {
                    value.append(scalar)
                }
            } else if index == text.startIndex && scalar == "\"" {
                quoted = true
            } else {
                value.append(scalar)
            }
        }
        return (value, quoted)
    }
}
