/// A site's rules for links in comment bodies.
public struct LinkPolicy: Sendable, Hashable {
    /// Hold a comment whose counted links reach this number, as WordPress's `comment_max_links` does
    /// ("hold a comment if it contains 2 or more links"); 0 (or less) turns the limit off.
    public var maxLinks: Int
    /// Domains whose links are never counted, subdomains included (`example.com` covers `blog.example.com`).
    /// Entries may be written `example.com`, `.example.com`, `*.example.com` or `https://example.com/`,
    /// in Unicode or punycode.
    public var allowDomains: [String] {
        didSet { allowKeys = allowDomains.compactMap(LinkScanner.DomainKey.init(entry:)) }
    }
    /// Domains whose links make a comment spam, subdomains included, written as allow entries are. When
    /// an allow and a deny entry both cover a host, the more specific entry wins, and deny wins a tie.
    public var denyDomains: [String] {
        didSet { denyKeys = denyDomains.compactMap(LinkScanner.DomainKey.init(entry:)) }
    }

    /// The entries parsed once, when set, rather than for every comment.
    private(set) var allowKeys: [LinkScanner.DomainKey]
    private(set) var denyKeys: [LinkScanner.DomainKey]

    /// WordPress's defaults: hold at 2 links, no allowed or denied domains.
    public init(maxLinks: Int = 2, allowDomains: [String] = [], denyDomains: [String] = []) {
        self.maxLinks = maxLinks
        self.allowDomains = allowDomains
        self.denyDomains = denyDomains
        allowKeys = allowDomains.compactMap(LinkScanner.DomainKey.init(entry:))
        denyKeys = denyDomains.compactMap(LinkScanner.DomainKey.init(entry:))
    }
}
