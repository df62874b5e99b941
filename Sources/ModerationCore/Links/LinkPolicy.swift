/// A site's rules for links in comment bodies.
public struct LinkPolicy: Sendable, Hashable {
    /// Hold a comment whose counted links reach this number, as WordPress's `comment_max_links` does
    /// ("hold a comment if it contains 2 or more links"); 0 (or less) turns the limit off.
    public var maxLinks: Int
    /// Domains whose links are never counted, subdomains included (`example.com` covers `blog.example.com`).
    public var allowDomains: [String]
    /// Domains whose links make a comment spam, subdomains included. When an allow and a deny entry both
    /// cover a host, the more specific entry wins, and deny wins a tie.
    public var denyDomains: [String]

    public init(maxLinks: Int = 2, allowDomains: [String] = [], denyDomains: [String] = []) {
        self.maxLinks = maxLinks
        self.allowDomains = allowDomains
        self.denyDomains = denyDomains
    }
}
