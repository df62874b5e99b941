/// An email address that passed syntax validation, in the normalized form email-validator 2.x gives.
public struct ValidatedEmail: Sendable, Hashable {
    /// The address to store and compare: `localPart@domain`, exactly email-validator's `normalized`.
    public let normalized: String
    /// The part before the @-sign, NFC-normalized (lower-cased for RFC 2142 role names such as `postmaster`).
    public let localPart: String
    /// The domain in Unicode: lower-cased and UTS #46-normalized, as email-validator's `domain`.
    public let domain: String
    /// The domain with internationalized labels in Punycode (`xn--…`), as email-validator's `ascii_domain`.
    public let asciiDomain: String
    /// Whether delivering to the address needs SMTPUTF8, i.e. the local part as given is not ASCII
    /// (email-validator's `smtputf8`).
    public let isInternationalized: Bool

    /// Creates a value from its parts; `EmailValidator` is the way to obtain a validated one.
    public init(normalized: String, localPart: String, domain: String, asciiDomain: String, isInternationalized: Bool) {
        self.normalized = normalized
        self.localPart = localPart
        self.domain = domain
        self.asciiDomain = asciiDomain
        self.isInternationalized = isInternationalized
    }
}
