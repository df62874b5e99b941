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
        var body = body
        return body.withUTF8 { reasons(in: $0, policy: policy, nonASCIINames: 0..<$0.count) }
    }

    /// ``reasons(for:policy:)`` of the text `bytes`.
    /// - Parameter nonASCIINames: where the non-ASCII characters that may be part of a host name lie
    ///   (``BodyScan/nonASCIINames``): the scan steps over the others as it does over ASCII punctuation,
    ///   without asking their properties.
    static func reasons(in bytes: LinkSyntax.Bytes, policy: LinkPolicy, nonASCIINames names: Range<Int>) -> [Reason] {
        reasons(in: bytes, policy: policy, names: NameCharacters(names))
    }

    /// ``reasons(in:policy:nonASCIINames:)`` with what the body scan knows of the name characters.
    static func reasons(in bytes: LinkSyntax.Bytes, policy: LinkPolicy, names: NameCharacters) -> [Reason] {
        var reasons: [Reason] = []
        addReasons(in: bytes, policy: policy, names: names, to: &reasons)
        return reasons
    }

    /// Appends ``reasons(in:policy:names:)`` to `reasons`, in place rather than through an array of their
    /// own.
    static func addReasons(in bytes: LinkSyntax.Bytes, policy: LinkPolicy, names: NameCharacters, to reasons: inout [Reason]) {
        guard policy.allowKeys.isEmpty, policy.denyKeys.isEmpty else {
            let found = LinkScanner.reasons(for: scan(bytes, names: names), policy: policy)
            reasons += found
            return
        }
        // Without allow or deny entries every link counts, and only the count matters: no link is
        // made a string.
        guard policy.maxLinks > 0 else { return }
        var counted = 0
        visitLinks(in: bytes, skipping: true, names: names) { _ in counted += 1 }
        if counted >= policy.maxLinks { reasons.append(tooManyLinks(counted, policy: policy)) }
    }

    /// The reasons for `links`, found in a body, under `policy`.
    static func reasons(for links: [Link], policy: LinkPolicy) -> [Reason] {
        var counted = 0
        var reasons: [Reason] = []
        var deniedHosts: Set<String> = []
        for link in links {
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
            reasons.insert(tooManyLinks(counted, policy: policy), at: 0)
        }
        return reasons
    }

    private static func tooManyLinks(_ counted: Int, policy: LinkPolicy) -> Reason {
        Reason(
            code: "too_many_links", field: .body, match: String(counted), rule: "max_links", action: .hold,
            message: ReasonMessage.joined(
                "The comment has ", String(counted), " links; comments with ", String(policy.maxLinks),
                " or more wait for a moderator.")
        )
    }

    /// - Parameters:
    ///   - skipping: whether to step over what cannot start a link without asking each byte (always, but
    ///     for tests that compare the result with asking each byte).
    ///   - nonASCIINames: see ``reasons(in:policy:nonASCIINames:)``; nil for anywhere.
    static func scan(_ bytes: LinkSyntax.Bytes, skipping: Bool = true, nonASCIINames: Range<Int>? = nil) -> [Link] {
        var links: [Link] = []
        let names = NameCharacters(nonASCIINames ?? 0..<bytes.count)
        visitLinks(in: bytes, skipping: skipping, names: names) { links.append($0.link(in: bytes)) }
        return links
    }

    /// Every link of `bytes`, with what the body scan knows of its name characters.
    static func scan(_ bytes: LinkSyntax.Bytes, names: NameCharacters) -> [Link] {
        var links: [Link] = []
        visitLinks(in: bytes, skipping: true, names: names) { links.append($0.link(in: bytes)) }
        return links
    }

    /// A link as the scan finds it: byte ranges, made a ``Link`` only when one is asked for.
    struct FoundLink {
        /// The link as written.
        let text: Range<Int>
        /// The host's bytes, to be lower-cased; empty when the link names no host.
        let host: Range<Int>
        let kind: Link.Kind

        func link(in bytes: LinkSyntax.Bytes) -> Link {
            Link(text: string(bytes, text), host: lowercased(bytes, host), kind: kind)
        }
    }

    /// Calls `visit` with every link of `bytes`, in order.
    @inline(__always)
    private static func visitLinks(
        in bytes: LinkSyntax.Bytes, skipping: Bool, names: NameCharacters, _ visit: (FoundLink) -> Void
    ) {
        // Host of the `<a>` whose content is being read: the same link repeated as its text is not counted.
        var anchorHost: String?
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                if let (link, end) = anchor(in: bytes, at: index) {
                    visit(link)
                    anchorHost = link.host.isEmpty ? nil : lowercased(bytes, link.host)
                    index = end
                    continue
                }
                if closesAnchor(bytes, at: index) { anchorHost = nil }
                index += 1
            } else if skipping,
                byte < 0x80 ? !LinkSyntax.isASCIIAlphanumeric(byte) && byte != UInt8(ascii: "-") : !names.contains(index)
            {
                // No link starts at ASCII space or punctuation (a bare domain may start at a hyphen), nor at
                // a non-ASCII character that cannot be part of a name; nor in the words after it up to the
                // first one holding what a link needs.
                let from = byte < 0x80 ? index + 1 : index + LinkSyntax.scalarLength(bytes, at: index)
                index = nextPossibleLink(in: bytes, from: from, names: names)
            } else if skipping, let end = plainWordEnd(in: bytes, at: index, names: names) {
                index = end
            } else if let (link, end) = plainLink(in: bytes, at: index, names: names) {
                if let link, anchorHost == nil || lowercased(bytes, link.host) != anchorHost { visit(link) }
                index = end
            } else {
                index += LinkSyntax.scalarLength(bytes, at: index)
            }
        }
    }

    /// Where scanning must look again from `from`, after ASCII space or punctuation (or a non-ASCII
    /// character outside `names`): the start of the first word holding `<`, `://`, a dot followed
    /// by what a host name continues with (a non-ASCII character only inside `names`, or after `www`) or a
    /// non-ASCII character inside `names` (a `www.` form and a bare domain have such a dot inside, a URL
    /// has `://`, an anchor starts with `<`). The words
    /// before it hold no link, and the scan would step through them to that word's start, because a word
    /// of ASCII letters, digits and hyphens ends at the next space or punctuation.
    @inline(__always)
    private static func nextPossibleLink(in bytes: LinkSyntax.Bytes, from: Int, names: NameCharacters) -> Int {
        var marker = from
        while case let found = nextLinkMarker(bytes, from: marker, nonASCII: marker < names.upperBound, names: names),
            found < bytes.count
        {
            marker = found + 1
            let next = marker < bytes.count ? bytes[marker] : 0
            switch bytes[found] {
            case UInt8(ascii: "."):
                // A non-ASCII character outside `names` continues no host name, only a `www.` form's
                // ("www.😀.com"): sentences ending in a dot and an emoji or U+FEFF are not looked at.
                guard next >= 0x80
                    ? names.contains(marker) || LinkSyntax.matchesIgnoringCase(bytes, at: found - 3, "www")
                    : LinkSyntax.isASCIIAlphanumeric(next) || next == UInt8(ascii: "-") || next == UInt8(ascii: ".")
                else { continue }
            case UInt8(ascii: ":"):
                guard next == UInt8(ascii: "/") else { continue }
            case UInt8(ascii: "<"):
                break
            default:
                // A non-ASCII character outside `names` starts no word the scan must read: it steps over it.
                guard names.contains(found) else {
                    marker = found + LinkSyntax.scalarLength(bytes, at: found)
                    continue
                }
            }
            var start = found
            while start > from, LinkSyntax.isASCIIAlphanumeric(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: "-") {
                start -= 1
            }
            return start
        }
        return bytes.count
    }

    /// ``firstLinkMarker(_:in:nonASCII:)`` from `start` to the end of `bytes`, read from the marks of
    /// `names` where they tell; there, of the non-ASCII characters only those that may be part of a host
    /// name count (the others are stepped over as below, without leaving the search).
    @inline(__always)
    private static func nextLinkMarker(
        _ bytes: LinkSyntax.Bytes, from start: Int, nonASCII: Bool, names: NameCharacters
    ) -> Int {
        let marks = names.links
        guard start < marks.end else { return firstLinkMarker(bytes, in: start..<bytes.count, nonASCII: nonASCII) }
        if let found = marks.first(from: start, nonASCII: nonASCII, names: names.marks) { return found }
        return firstLinkMarker(bytes, in: marks.end..<bytes.count, nonASCII: nonASCII)
    }

    /// The first index in `range` of `<`, `:` followed by `/`, `.` followed by `-` or a byte above it
    /// (what a host name continues with among them) or, when asked, a byte at or above 0x80;
    /// `range.upperBound` when there is none. Kept out of line: the body scan's marks answer for a usual
    /// body, and the vector constants of this search would be set up on every call of the caller.
    @inline(never)
    private static func firstLinkMarker(_ bytes: LinkSyntax.Bytes, in range: Range<Int>, nonASCII: Bool) -> Int {
        func markers(_ base: UnsafeRawPointer, at index: Int) -> BlockScan.Mask {
            let block = BlockScan.load(base, at: index)
            let next = BlockScan.load(base, at: index &+ 1)
            let dot = BlockScan.equal(block, UInt8(ascii: ".")) .& .!BlockScan.inRange(next, 0x00, 0x2C)
            let scheme = BlockScan.equal(block, UInt8(ascii: ":")) .& BlockScan.equal(next, UInt8(ascii: "/"))
            let markers = dot .| scheme .| BlockScan.equal(block, UInt8(ascii: "<"))
            return nonASCII ? markers .| BlockScan.nonASCII(block) : markers
        }
        var start = range.lowerBound
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            // A sieve first, two blocks at a time: `.`, `:` and `<` lie in 0x2E...0x3C (with `/`, `;` and the
            // digits), and most pairs of blocks of prose hold none of those bytes, nor a non-ASCII one when
            // those count. Only a pair that does is searched.
            let width = BlockScan.width
            while start &+ 2 &* width &+ 1 <= bytes.count, start &+ 2 &* width <= range.upperBound {
                let (first, second) = (BlockScan.load(base, at: start), BlockScan.load(base, at: start &+ width))
                var sieve = BlockScan.inRange(first, 0x2E, 0x3C) .| BlockScan.inRange(second, 0x2E, 0x3C)
                if nonASCII { sieve = sieve .| BlockScan.nonASCII(first | second) }
                if BlockScan.any(sieve) {
                    if let lane = BlockScan.firstLane(markers(base, at: start)) { return start &+ lane }
                    if let lane = BlockScan.firstLane(markers(base, at: start &+ width)) { return start &+ width &+ lane }
                }
                start &+= 2 &* width
            }
        }
        return BlockScan.firstIndex(
            in: bytes, start..<range.upperBound, lookahead: 1,
            block: markers,
            matches: { index in
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                switch bytes[index] {
                case UInt8(ascii: "<"): return true
                case UInt8(ascii: "."): return next >= UInt8(ascii: "-")
                case UInt8(ascii: ":"): return next == UInt8(ascii: "/")
                case let byte: return nonASCII && byte >= 0x80
                }
            })
    }

    /// Where the word at `index` (not ASCII space or punctuation) ends when no link can start there, as
    /// with most words: no URL or `www.` starts it, and without a dot inside no bare domain either; nil
    /// when one might.
    @inline(__always)
    private static func plainWordEnd(in bytes: LinkSyntax.Bytes, at index: Int, names: NameCharacters) -> Int? {
        if bytes[index] >= 0x80 {
            guard nonASCIIDomainCharacterLength(bytes, at: index, names: names) > 0 else {
                return index + LinkSyntax.decodeScalar(bytes, at: index).1
            }
        } else if LinkSyntax.matchesIgnoringCase(bytes, at: index, "http")
            || LinkSyntax.matchesIgnoringCase(bytes, at: index, "www.")
        {
            return nil
        }
        let (end, hasInnerDot) = domainRun(in: bytes, from: index, names: names)
        return hasInnerDot ? nil : end
    }

    /// A URL, `www.` form or bare domain starting at `index`, and where scanning resumes; nil when nothing
    /// link-like starts there. A word that merely looks like a domain yields no link but is skipped whole,
    /// which keeps the scan linear.
    private static func plainLink(in bytes: LinkSyntax.Bytes, at index: Int, names: NameCharacters) -> (FoundLink?, Int)? {
        let byte = bytes[index] | 0x20
        if byte == UInt8(ascii: "h"), let end = LinkSyntax.schemeURLEnd(in: bytes, at: index) {
            // `schemeURLEnd` matched `http`, an optional `s` and `://`.
            let authority = index + (bytes[index + 4] == UInt8(ascii: ":") ? 7 : 8)
            return (FoundLink(text: index..<end, host: hostRange(bytes, authority..<end), kind: .url), end)
        }
        if byte == UInt8(ascii: "w"), let end = LinkSyntax.wwwEnd(in: bytes, at: index) {
            return (FoundLink(text: index..<end, host: hostRange(bytes, index..<end), kind: .www), end)
        }
        return bareDomain(in: bytes, at: index, names: names)
    }

    /// The host at the start of `authority`: before any path, query or fragment, after any user
    /// information, without a port.
    static func hostRange(_ bytes: LinkSyntax.Bytes, _ authority: Range<Int>) -> Range<Int> {
        var start = authority.lowerBound
        var end = authority.lowerBound
        // The last `@` before the path ends any user information; the first `:` after it, a port.
        var colon: Int?
        scan: while end < authority.upperBound {
            switch bytes[end] {
            case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "\\"): break scan
            case UInt8(ascii: "@"): (start, colon) = (end + 1, nil)
            case UInt8(ascii: ":"): if colon == nil { colon = end }
            default: break
            }
            end += 1
        }
        if start < end, bytes[start] == UInt8(ascii: "[") {
            var close = start
            while close < end, bytes[close] != UInt8(ascii: "]") { close += 1 }
            return start..<(close < end ? close + 1 : end)
        }
        return start..<(colon ?? end)
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
