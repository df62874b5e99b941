extension LinkScanner {
    /// A host name reduced for comparison: lower-cased labels with punycode decoded, so that
    /// `xn--mnchen-3ya.de`, `MÜNCHEN.de` and `münchen.de.` are one name.
    struct DomainKey {
        /// Labels from the top-level domain down: `["com", "example", "www"]`.
        let labels: [String]
        /// The policy entry as the site wrote it, reported as a reason's rule.
        let entry: String

        /// The key of a link's host; nil for an empty host.
        init?(host: String) {
            let labels = host.lowercased().split(separator: ".", omittingEmptySubsequences: false)
                .map { label in label.hasPrefix("xn--") ? Punycode.decode(label.dropFirst(4)) ?? String(label) : String(label) }
            // A fully qualified name's trailing dot names the same host.
            let trimmed = labels.last == "" ? Array(labels.dropLast()) : labels
            guard !trimmed.isEmpty, !trimmed.contains("") else { return nil }
            self.labels = trimmed.reversed()
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
