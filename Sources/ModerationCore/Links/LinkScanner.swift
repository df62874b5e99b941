/// Finds and judges the links in a comment body.
///
/// What counts as one link:
/// - `http://` and `https://` URLs, `www.` forms, `<a href=…>` tags, and bare domains such as
///   `cheap-pills.com`, `example.co.uk` or `bit.ly/x`, internationalized (`пример.рф`) or in punycode.
/// - A bare domain needs a top-level domain from the Public Suffix List, written all lower-case or all
///   upper-case ("Mr.Smith" or "great.Love it" are sentences missing a space, not links), and no `@`
///   around it (an email address is not a link). A handful of top-level domains that are far more often
///   file extensions (`.py`, `.sh`, `.md`, `.zip`, `.mov`, …) count only with a path or port after them:
///   "setup.py" is a file, "evil.zip/x" is a link.
/// - Every occurrence counts, duplicates included, as WordPress counts every `<a href`: repeating one
///   link is what link spam looks like. The exception is a link inside an anchor's own text pointing at
///   the anchor's host (`<a href="https://x.org">https://x.org</a>`), which a reader sees as one link.
public enum LinkScanner {
    /// Every link in `body`, in order of appearance.
    public static func links(in body: String) -> [Link] {
        var body = body
        return body.withUTF8 { scan($0) }
    }

    /// Reasons: `too_many_links` (action hold, field body, match = count as text, rule "max_links"),
    /// `denied_link_domain` (action spam, match = host, rule = the deny entry).
    public static func reasons(for body: String, policy: LinkPolicy) -> [Reason] {
        var counted = 0
        var reasons: [Reason] = []
        var deniedHosts: Set<String> = []
        for link in links(in: body) {
            guard !policy.allowKeys.isEmpty || !policy.denyKeys.isEmpty, let host = DomainKey(host: link.host) else {
                counted += 1
                continue
            }
            let allowedBy = host.mostSpecificCover(in: policy.allowKeys)
            let deniedBy = host.mostSpecificCover(in: policy.denyKeys)
            if let deniedBy, deniedBy.labels.count >= allowedBy?.labels.count ?? 0 {
                counted += 1
                if deniedHosts.insert(link.host).inserted {
                    reasons.append(Reason(
                        code: "denied_link_domain", field: .body, match: link.host, rule: deniedBy.entry,
                        action: .spam, message: "The comment links to \(link.host), a domain this site blocks."
                    ))
                }
            } else if allowedBy == nil {
                counted += 1
            }
        }
        if policy.maxLinks > 0, counted >= policy.maxLinks {
            reasons.insert(Reason(
                code: "too_many_links", field: .body, match: String(counted), rule: "max_links", action: .hold,
                message: "The comment has \(counted) links; comments with \(policy.maxLinks) or more wait for a moderator."
            ), at: 0)
        }
        return reasons
    }

    /// - Parameter skipping: whether to step over what cannot start a link without asking each byte
    ///   (always, but for tests that compare the result with asking each byte).
    static func scan(_ bytes: LinkSyntax.Bytes, skipping: Bool = true) -> [Link] {
        var links: [Link] = []
        // Host of the `<a>` whose content is being read: the same link repeated as its text is not counted.
        var anchorHost: String?
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                if let (link, end) = anchor(in: bytes, at: index) {
                    links.append(link)
                    anchorHost = link.host.isEmpty ? nil : link.host
                    index = end
                    continue
                }
                if closesAnchor(bytes, at: index) { anchorHost = nil }
                index += 1
            } else if skipping, bytes[index] < 0x80, !LinkSyntax.isASCIIAlphanumeric(bytes[index]),
                bytes[index] != UInt8(ascii: "-")
            {
                // No link starts at ASCII space or punctuation (a bare domain may start at a hyphen), nor in
                // the words after it up to the first one holding what a link needs.
                index = nextPossibleLink(in: bytes, after: index)
            } else if skipping, let end = plainWordEnd(in: bytes, at: index) {
                index = end
            } else if let (link, end) = plainLink(in: bytes, at: index) {
                if let link, link.host != anchorHost { links.append(link) }
                index = end
            } else {
                index += LinkSyntax.decodeScalar(bytes, at: index).1
            }
        }
        return links
    }

    /// Where scanning must look again after the ASCII space or punctuation at `separator`: the start of
    /// the first word holding `<`, non-ASCII, `://` or a dot followed by what a host name continues with
    /// (a `www.` form and a bare domain have such a dot inside, a URL has `://`, an anchor starts with
    /// `<`). The words before it hold no link, and the scan would step through them to that word's start,
    /// because a word of ASCII letters, digits and hyphens ends at the next space or punctuation.
    @inline(__always)
    private static func nextPossibleLink(in bytes: LinkSyntax.Bytes, after separator: Int) -> Int {
        let from = separator + 1
        var marker = from
        while case let found = ByteScan.firstLinkMarker(bytes, in: marker..<bytes.count), found < bytes.count {
            marker = found + 1
            let next = marker < bytes.count ? bytes[marker] : 0
            switch bytes[found] {
            case UInt8(ascii: "."):
                guard next >= 0x80 || LinkSyntax.isASCIIAlphanumeric(next) || next == UInt8(ascii: "-")
                    || next == UInt8(ascii: ".")
                else { continue }
            case UInt8(ascii: ":"):
                guard next == UInt8(ascii: "/") else { continue }
            default:
                break
            }
            var start = found
            while start > from, LinkSyntax.isASCIIAlphanumeric(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: "-") {
                start -= 1
            }
            return start
        }
        return bytes.count
    }

    /// Where the word at `index` (not ASCII space or punctuation) ends when no link can start there, as
    /// with most words: no URL or `www.` starts it, and without a dot inside no bare domain either; nil
    /// when one might.
    @inline(__always)
    private static func plainWordEnd(in bytes: LinkSyntax.Bytes, at index: Int) -> Int? {
        if bytes[index] >= 0x80 {
            guard nonASCIIDomainCharacterLength(bytes, at: index) > 0 else {
                return index + LinkSyntax.decodeScalar(bytes, at: index).1
            }
        } else if LinkSyntax.matchesIgnoringCase(bytes, at: index, "http")
            || LinkSyntax.matchesIgnoringCase(bytes, at: index, "www.")
        {
            return nil
        }
        let (end, hasInnerDot) = domainRun(in: bytes, from: index)
        return hasInnerDot ? nil : end
    }

    /// A URL, `www.` form or bare domain starting at `index`, and where scanning resumes; nil when nothing
    /// link-like starts there. A word that merely looks like a domain yields no link but is skipped whole,
    /// which keeps the scan linear.
    private static func plainLink(in bytes: LinkSyntax.Bytes, at index: Int) -> (Link?, Int)? {
        let byte = bytes[index] | 0x20
        if byte == UInt8(ascii: "h"), let end = LinkSyntax.schemeURLEnd(in: bytes, at: index) {
            let authority = (index..<end).first { LinkSyntax.matchesIgnoringCase(bytes, at: $0, "://") }.map { $0 + 3 } ?? end
            return (Link(text: string(bytes, index..<end), host: hostName(bytes, authority..<end), kind: .url), end)
        }
        if byte == UInt8(ascii: "w"), let end = LinkSyntax.wwwEnd(in: bytes, at: index) {
            return (Link(text: string(bytes, index..<end), host: hostName(bytes, index..<end), kind: .www), end)
        }
        return bareDomain(in: bytes, at: index)
    }

    /// The host at the start of `authority`: before any path, query or fragment, after any user
    /// information, without a port, lower-cased.
    static func hostName(_ bytes: LinkSyntax.Bytes, _ authority: Range<Int>) -> String {
        let end = authority.first { "/?#\\".utf8.contains(bytes[$0]) } ?? authority.upperBound
        var start = authority.lowerBound
        if let at = (start..<end).last(where: { bytes[$0] == UInt8(ascii: "@") }) { start = at + 1 }
        var hostEnd = end
        if start < end, bytes[start] == UInt8(ascii: "[") {
            hostEnd = (start..<end).first { bytes[$0] == UInt8(ascii: "]") }.map { $0 + 1 } ?? end
        } else if let colon = (start..<end).first(where: { bytes[$0] == UInt8(ascii: ":") }) {
            hostEnd = colon
        }
        return lowercased(bytes, start..<hostEnd)
    }

    /// The text of `range`, lower-cased; ASCII, the common case, without Unicode case mapping.
    static func lowercased(_ bytes: LinkSyntax.Bytes, _ range: Range<Int>) -> String {
        let slice = LinkSyntax.Bytes(rebasing: bytes[range])
        guard slice.allSatisfy({ $0 < 0x80 }) else { return String(decoding: slice, as: UTF8.self).lowercased() }
        return String(unsafeUninitializedCapacity: slice.count) { buffer in
            for (offset, byte) in slice.enumerated() {
                buffer[offset] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            }
            return slice.count
        }
    }

    static func string(_ bytes: LinkSyntax.Bytes, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
