/// A link found in a comment body.
public struct Link: Sendable, Hashable {
    /// The link as written: the whole URL, `www.` form or domain with its path, or an anchor's `href` value.
    public let text: String
    /// The host, lower-cased; an internationalized name stays in the form it was written (Unicode or
    /// punycode). Empty for an anchor whose `href` names no host (a relative or `mailto:` link).
    public let host: String
    /// How the link was written.
    public let kind: Kind

    /// How a link was written.
    public enum Kind: String, Sendable {
        /// `http://…` or `https://…`.
        case url
        /// `www.example.com…` without a scheme.
        case www
        /// A domain with a known top-level domain and no scheme, such as `cheap-pills.com` or `bit.ly/x`.
        case bareDomain
        /// An HTML `<a href=…>` tag.
        case anchor
    }

    /// A link as found; `host` is expected lower-cased, as the scanner makes it.
    public init(text: String, host: String, kind: Kind) {
        self.text = text
        self.host = host
        self.kind = kind
    }
}
