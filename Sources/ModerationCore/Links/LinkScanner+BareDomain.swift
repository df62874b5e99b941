extension LinkScanner {
    /// Top-level domains that appear far more often as file extensions than as web sites; a bare domain
    /// ending in one counts only with a path or port after it ("setup.py" is a file, "evil.zip/x" a link).
    /// Hosts in them still count when written as a URL, a `www.` form or an anchor.
    static let fileExtensionTopLevelDomains: Set<String> = [
        "cab", "cc", "java", "mk", "mm", "md", "mov", "pid", "pm", "ps", "pub", "py", "rs", "sh", "so", "zip",
    ]

    /// A bare domain starting at `index` (nil when no domain-like word starts there) and where scanning
    /// resumes.
    /// - Parameter names: see ``LinkScanner/reasons(in:policy:nonASCIINames:)``.
    static func bareDomain(in bytes: LinkSyntax.Bytes, at index: Int, names: NameCharacters) -> (FoundLink?, Int)? {
        guard isDomainCharacter(bytes, at: index, names: names) > 0 else { return nil }
        let (runEnd, hasInnerDot) = domainRun(in: bytes, from: index, names: names)
        // Dots ending a sentence are not part of the name.
        var domainEnd = runEnd
        while domainEnd > index, bytes[domainEnd - 1] == UInt8(ascii: ".") { domainEnd -= 1 }
        // Most words have no dot inside; they are done without allocating.
        guard hasInnerDot, mayStartBareDomain(bytes, at: index),
            let topLevelStart = lastLabelOfValidName(bytes, index..<domainEnd),
            let topLevel = knownTopLevelDomain(bytes, topLevelStart..<domainEnd)
        else { return (nil, runEnd) }

        var end = domainEnd
        if domainEnd == runEnd, domainEnd < bytes.count {
            let next = bytes[domainEnd]
            if next == UInt8(ascii: "@") { return (nil, runEnd) }  // the local part of an email address
            let port = next == UInt8(ascii: ":") && domainEnd + 1 < bytes.count
                && (0x30...0x39).contains(bytes[domainEnd + 1])
            if port || next == UInt8(ascii: "/") || next == UInt8(ascii: "?") || next == UInt8(ascii: "#") {
                end = max(domainEnd, LinkSyntax.trimmedEnd(bytes, start: index, end: LinkSyntax.extentEnd(bytes, from: domainEnd)))
            }
        }
        let hasPathOrPort = end > domainEnd && bytes[domainEnd] != UInt8(ascii: "?") && bytes[domainEnd] != UInt8(ascii: "#")
        if fileExtensionTopLevelDomains.contains(topLevel), !hasPathOrPort { return (nil, runEnd) }
        return (FoundLink(text: index..<end, host: index..<domainEnd, kind: .bareDomain), max(end, runEnd))
    }

    /// Where the run of domain characters and dots from `start` (a domain character) ends, and whether
    /// a dot in it comes before another domain character: dots that end a sentence do not count.
    @inline(__always)
    static func domainRun(in bytes: LinkSyntax.Bytes, from start: Int, names: NameCharacters) -> (end: Int, hasInnerDot: Bool) {
        var end = start
        var firstDot = -1
        while end < bytes.count {
            let byte = bytes[end]
            if LinkSyntax.isASCIIAlphanumeric(byte) || byte == UInt8(ascii: "-") {
                end += 1
            } else if byte == UInt8(ascii: ".") {
                if firstDot < 0 { firstDot = end }
                end += 1
            } else if byte >= 0x80, case let length = nonASCIIDomainCharacterLength(bytes, at: end, names: names), length > 0 {
                end += length
            } else {
                break
            }
        }
        // Inside means before the last character that is not a dot.
        return (end, firstDot >= 0 && firstDot < end - 1 && bytes[firstDot + 1..<end].contains { $0 != UInt8(ascii: ".") })
    }

    /// The lower-cased top-level domain when `label` is a known one written in one case: "com" or "COM",
    /// not "Com", which is more likely a sentence run into the previous one.
    static func knownTopLevelDomain(_ bytes: LinkSyntax.Bytes, _ label: Range<Int>) -> String? {
        // An ASCII label, the common case, is told in one case by its bytes and lower-cased byte by byte.
        var (upper, lower) = (false, false)
        for index in label {
            let byte = bytes[index]
            guard byte < 0x80 else { return knownTopLevelDomain(string(bytes, label)) }
            if byte &- 0x41 < 26 { upper = true } else if byte &- 0x61 < 26 { lower = true }
        }
        guard !(upper && lower) else { return nil }
        let name = lowercased(bytes, label)
        return KnownTopLevelDomains.all.contains(name) ? name : nil
    }

    static func knownTopLevelDomain(_ label: String) -> String? {
        let lower = label.lowercased()
        guard label == lower || label == label.uppercased(), KnownTopLevelDomains.all.contains(lower) else {
            return nil
        }
        return lower
    }

    /// A bare domain is not part of a path, a file name or an email address.
    private static func mayStartBareDomain(_ bytes: LinkSyntax.Bytes, at index: Int) -> Bool {
        guard index > 0 else { return true }
        switch bytes[index - 1] {
        case UInt8(ascii: "."), UInt8(ascii: "@"), UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "_"): return false
        default: return true
        }
    }

    /// Where the last label of `name` starts, when its labels are valid (non-empty, at most 63 characters,
    /// neither starting nor ending with a hyphen); nil otherwise.
    private static func lastLabelOfValidName(_ bytes: LinkSyntax.Bytes, _ name: Range<Int>) -> Int? {
        var start = name.lowerBound
        while true {
            var labelEnd = start
            while labelEnd < name.upperBound, bytes[labelEnd] != UInt8(ascii: ".") { labelEnd += 1 }
            guard labelEnd > start, bytes[start] != UInt8(ascii: "-"), bytes[labelEnd - 1] != UInt8(ascii: "-") else {
                return nil
            }
            let characters = (start..<labelEnd).count { bytes[$0] & 0xC0 != 0x80 }
            guard characters <= 63 else { return nil }
            if labelEnd == name.upperBound { return start }
            start = labelEnd + 1
        }
    }

    /// The byte length of the character at `index` when it can be part of a host name (ASCII letter,
    /// digit or hyphen; any other letter, mark or digit for internationalized names), else 0.
    private static func isDomainCharacter(_ bytes: LinkSyntax.Bytes, at index: Int, names: NameCharacters) -> Int {
        let byte = bytes[index]
        if byte < 0x80 { return LinkSyntax.isASCIIAlphanumeric(byte) || byte == UInt8(ascii: "-") ? 1 : 0 }
        return nonASCIIDomainCharacterLength(bytes, at: index, names: names)
    }

    /// The same for the non-ASCII character at `index`, which can only be part of a name inside `names`.
    @inline(__always)
    static func nonASCIIDomainCharacterLength(_ bytes: LinkSyntax.Bytes, at index: Int, names: NameCharacters) -> Int {
        names.contains(index) ? nonASCIIDomainCharacterLength(bytes, at: index, marks: names) : 0
    }

    /// The same inside `names`' range. Kept out of line, as the scan loops that call it are.
    @inline(never)
    private static func nonASCIIDomainCharacterLength(_ bytes: LinkSyntax.Bytes, at index: Int, marks: NameCharacters) -> Int {
        let lead = bytes[index]
        guard let marked = marks.marks.isMarked(index, lead: lead) else { return nonASCIIDomainCharacterLength(bytes, at: index) }
        return marked ? BodyScan.LeadMarks.View.length(lead: lead) : 0
    }

    /// Kept out of line: looking up Unicode properties makes the caller fetch type metadata on every
    /// call, ASCII included.
    @inline(never)
    private static func nonASCIIDomainCharacterLength(_ bytes: LinkSyntax.Bytes, at index: Int) -> Int {
        let (scalar, length) = LinkSyntax.decodeScalar(bytes, at: index)
        return isDomainCharacter(ScalarPropertyCache.shared.properties(of: scalar)) ? length : 0
    }

    /// Whether a non-ASCII scalar with `properties` can be part of an internationalized host name: a
    /// letter, mark or decimal digit.
    @inline(__always)
    static func isDomainCharacter(_ properties: CachedScalarProperties) -> Bool {
        switch properties.category {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
            return true
        default:
            return false
        }
    }
}
