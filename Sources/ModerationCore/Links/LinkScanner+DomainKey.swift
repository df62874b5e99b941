extension LinkScanner {
    /// A host name reduced for comparison: lower-cased labels with punycode decoded, so that
    /// `xn--mnchen-3ya.de`, `MÜNCHEN.de` and `münchen.de.` are one name.
    struct DomainKey: Sendable, Hashable {
        /// Labels from the top-level domain down: `["com", "example", "www"]`.
        let labels: [String]
        /// The policy entry as the site wrote it, reported as a reason's rule.
        let entry: String

        /// The key of a link's host; nil for an empty host.
        init?(host: String) {
            // Hosts found by the scanner are lower-case already; entries may not be.
            var lower = host.utf8.contains { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 } ? host.lowercased() : host
            var labels: [String] = lower.withUTF8 { bytes in
                var labels: [String] = []
                var start = 0
                for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ".") {
                    let label = LinkSyntax.Bytes(rebasing: bytes[start..<index])
                    let punycode = label.count > 4 && LinkSyntax.matchesIgnoringCase(label, at: 0, "xn--")
                    let decoded = punycode ? Punycode.decode(LinkScanner.string(label, 4..<label.count)[...]) : nil
                    labels.append(decoded ?? String(decoding: label, as: UTF8.self))
                    start = index + 1
                }
                return labels
            }
            // A fully qualified name's trailing dot names the same host.
            if labels.last == "" { labels.removeLast() }
            guard !labels.isEmpty, !labels.contains("") else { return nil }
            labels.reverse()
            self.labels = labels
            self.entry = host
        }

        /// The key of an allow or deny entry, which a site may write as `example.com`, `.example.com`,
        /// `*.example.com` or even `https://example.com/`; nil for an empty entry.
        init?(entry: String) {
            var name = Substring(entry).drop { $0.isWhitespace }
            while name.last?.isWhitespace == true { name = name.dropLast() }
            if let scheme = name.firstRange(of: "://") { name = name[scheme.upperBound...] }
            name = name.prefix { $0 != "/" }
            if name.hasPrefix("*.") { name = name.dropFirst(2) }
            while name.hasPrefix(".") { name = name.dropFirst() }
            guard let key = DomainKey(host: String(name)) else { return nil }
            self.labels = key.labels
            self.entry = entry
        }

        /// Whether this host is `other` or one of its subdomains.
        func isWithin(_ other: DomainKey) -> Bool {
            other.labels.count <= labels.count && zip(other.labels, labels).allSatisfy { $0 == $1 }
        }

        /// The entry with the most labels that this host is within.
        func mostSpecificCover(in entries: [DomainKey]) -> DomainKey? {
            entries.filter(isWithin).max { $0.labels.count < $1.labels.count }
        }
    }
}
