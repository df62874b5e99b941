/// The overall length limit and email-validator's wording of length errors.
enum EmailLength {
    /// RFC 3696 (errata 1690) and RFC 5321 4.5.3.1.3: 254 octets.
    static let maxAddressLength = 254

    /// `(N character(s) too many)`.
    static func reason(count: Int, limit: Int) -> String {
        let excess = count - limit
        return "(\(excess) character\(excess > 1 ? "s" : "") too many)"
    }

    /// Checks the address as given, as normalized, and with its domain in ASCII, each in UTF-8 octets,
    /// in that order (email-validator's `validate_email_length`).
    static func check(
        original: [Unicode.Scalar], normalized: [Unicode.Scalar], withASCIIDomain: [Unicode.Scalar]
    ) throws(EmailSyntaxError) {
        let forms: [([Unicode.Scalar], String?)] = [
            (original, nil),
            (normalized, "after normalization"),
            (withASCIIDomain, "when the part after the @-sign is converted to IDNA ASCII"),
        ]
        for (address, stage) in forms {
            let octets = address.reduce(0) { $0 + $1.utf8.count }
            let excess = octets - maxAddressLength
            guard excess > 0 else { continue }
            let plural = excess > 1 ? "s" : ""
            let detail: String
            if let stage {
                // After normalization the characters to blame cannot be told apart.
                detail = "\(stage) (\(excess) byte\(plural) too many)"
            } else if octets == address.count {
                detail = reason(count: address.count, limit: maxAddressLength)
            } else {
                let widest = address.map(\.utf8.count).max() ?? 1
                let fewest = max(1, excess / widest)
                detail = fewest == excess
                    ? "(\(excess) character\(plural) too many)" : "(\(fewest)-\(excess) character\(plural) too many)"
            }
            throw EmailSyntaxError(message: "The email address is too long \(detail).")
        }
    }
}
