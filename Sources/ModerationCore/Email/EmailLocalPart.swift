/// The local part (before the @-sign) after validation, as email-validator's `validate_email_local_part`
/// returns it.
struct EmailLocalPart {
    /// The normalized local part; a quoted one is re-quoted with minimal escaping.
    var text: [Unicode.Scalar]
    /// The same when it is ASCII, nil when it needs SMTPUTF8.
    var ascii: [Unicode.Scalar]?
    var needsSMTPUTF8: Bool

    /// Validates a local part (already unquoted when `quoted`).
    init(validating local: [Unicode.Scalar], quoted: Bool) throws(EmailSyntaxError) {
        if local.isEmpty {
            throw EmailSyntaxError(message: "There must be something before the @-sign.")
        }
        if EmailCharacters.isDotAtom(local, allowingInternational: false) {
            (text, ascii, needsSMTPUTF8) = (local, local, false)
            return
        }
        if EmailCharacters.isDotAtom(local, allowingInternational: true) {
            try EmailCharacters.checkUnsafe(local)
            (text, ascii, needsSMTPUTF8) = (local, nil, true)
            return
        }
        if quoted {
            let invalid = local.filter { !EmailCharacters.isInternationalQtext($0) }
            if !invalid.isEmpty {
                throw EmailSyntaxError(message: "The email address contains invalid characters in quotes before the @-sign: \(PythonText.sortedDisplays(invalid)).")
            }
            let international = local.contains { !(0x20...0x7E).contains($0.value) }
            try EmailCharacters.checkUnsafe(local, allowSpace: true)
            var requoted: [Unicode.Scalar] = ["\""]
            for scalar in local {
                if scalar == "\"" || scalar == "\\" { requoted.append("\\") }
                requoted.append(scalar)
            }
            requoted.append("\"")
            (text, ascii, needsSMTPUTF8) = (requoted, international ? nil : requoted, international)
            return
        }

        // Not valid: find the reason.
        let invalid = local.filter { !EmailCharacters.isInternationalAtextOrDot($0) }
        if !invalid.isEmpty {
            throw EmailSyntaxError(message: "The email address contains invalid characters before the @-sign: \(PythonText.sortedDisplays(invalid)).")
        }
        try EmailCharacters.checkDotAtom(
            local,
            atStart: { "An email address cannot start with a \($0)." },
            atEnd: { "An email address cannot have a \($0) immediately before the @-sign." },
            isHostname: false)
        throw EmailSyntaxError(message: "The email address contains invalid characters before the @-sign.")
    }
}
