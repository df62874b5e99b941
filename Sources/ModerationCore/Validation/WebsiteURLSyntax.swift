/// Checks a commenter's website: an absolute `http` or `https` URL with a host, as the issue asks.
///
/// Decisions, each a way a URL can fool a reader or a link:
/// - no scheme (`example.com`) is refused rather than guessed: WordPress prepends `http://`, but a
///   verdict cannot rewrite the field, and the renderer links only what it can trust as written;
/// - user info (`https://bank.example@evil.example/`) is refused: no homepage needs it and it is a classic
///   phishing disguise;
/// - a backslash is refused: browsers read it as `/` in http URLs, which hides the real host;
/// - hosts are checked by shape only (`HostNameSyntax`); internationalized names are welcome.
enum WebsiteURLSyntax {
    /// Why `url` is not acceptable, as a clause for a message ("it has no host name"), or nil when it is.
    static func problem(in url: String) -> String? {
        if url.utf8.withContiguousStorageIfAvailable(isPlainWebAddress) == true { return nil }
        // An ASCII URL is judged on its bytes, without Unicode properties or Foundation's character-aware
        // search (which a non-ASCII URL keeps: "\\" with a combining mark is no backslash).
        let isASCII = !url.utf8.contains { $0 >= 0x80 }
        let spaceOrControl =
            isASCII
            ? url.utf8.contains { $0 <= 0x20 || $0 == 0x7F }
            : url.unicodeScalars.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
        if spaceOrControl { return "it contains a space or a control character" }
        if isASCII ? url.utf8.contains(UInt8(ascii: "\\")) : url.contains("\\") { return "it contains a backslash" }
        let scheme: String
        switch webScheme(of: url) {
        case .success(let found): scheme = found
        case .failure(let problem): return problem.clause
        }
        let afterScheme = url.unicodeScalars.dropFirst(scheme.count + 3)
        let authority = Substring(afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
        if isASCII ? authority.utf8.contains(UInt8(ascii: "@")) : authority.contains("@") {
            return "it has a user name or password before the host, a common disguise for the real host"
        }
        return problem(inAuthority: authority)
    }

    /// Why a URL does not start with a web scheme, as a clause for a message.
    struct SchemeProblem: Error {
        let clause: String
    }

    /// `https` or `http` when `url` starts with it and `://` (in any case), or why not.
    static func webScheme(of url: String) -> Result<String, SchemeProblem> {
        let lowered = url.lowercased()
        if lowered.hasPrefix("https://") { return .success("https") }
        if lowered.hasPrefix("http://") { return .success("http") }
        if lowered.hasPrefix("https:") || lowered.hasPrefix("http:") {
            return .failure(SchemeProblem(clause: "the scheme must be followed by //"))
        }
        if let other = otherScheme(lowered) {
            return .failure(SchemeProblem(clause: "its scheme is \(other), not http or https"))
        }
        return .failure(SchemeProblem(clause: "it does not start with http:// or https://"))
    }

    /// The problem with a URL's authority (what follows `scheme://` up to a path, query or fragment).
    static func problem(inAuthority authority: Substring) -> String? {
        var host = authority
        var port: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]"),
                  HostNameSyntax.isIPv6(String(authority[authority.index(after: authority.startIndex)..<close]))
            else { return "its IPv6 address is not valid" }
            let rest = authority[authority.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return "its IPv6 address is not valid" }
                port = rest.dropFirst()
            }
        } else {
            if let colon = authority.lastIndex(of: ":") {
                port = authority[authority.index(after: colon)...]
                host = authority[..<colon]
            }
            guard !host.isEmpty else { return "it has no host name" }
            guard HostNameSyntax.isValid(String(host), allowSingleLabel: false) else {
                return "its host is not a valid name (such as example.com) or IPv4 address"
            }
        }
        if let port {
            guard port.utf8.count <= 5, port.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                  let number = Int(port), (1...65_535).contains(number)
            else { return "its port is not a number from 1 to 65535" }
        }
        return nil
    }

    /// The scheme of a URL with some other scheme (`javascript:`, `ftp://`), if it has one. A name with a
    /// dot before the colon (`example.com:8080`) is a host and port, not a scheme.
    private static func otherScheme(_ url: String) -> String? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let candidate = url[..<colon]
        guard let first = candidate.unicodeScalars.first, ("a"..."z").contains(first),
              !candidate.contains("."),
              candidate.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "+" || $0 == "-" })
        else { return nil }
        return String(candidate)
    }
}
