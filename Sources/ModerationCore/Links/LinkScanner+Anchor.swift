extension LinkScanner {
    /// An `<a …href=…>` tag starting at `index` and the index after it. Like WordPress's `<a [^>]*href`,
    /// the tag counts whatever its `href` holds; a missing `>` ends the tag at the next `<` or the end.
    static func anchor(in bytes: LinkSyntax.Bytes, at index: Int) -> (FoundLink, Int)? {
        guard index + 2 < bytes.count, bytes[index + 1] | 0x20 == UInt8(ascii: "a"),
            isSpaceOrSlash(bytes[index + 2])
        else { return nil }
        var cursor = index + 2
        var href: Range<Int>?
        while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ">"), bytes[cursor] != UInt8(ascii: "<") {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                cursor = (cursor + 1..<bytes.count).first { bytes[$0] == byte }.map { $0 + 1 } ?? bytes.count
            } else if href == nil, isSpaceOrSlash(bytes[cursor - 1]),
                LinkSyntax.matchesIgnoringCase(bytes, at: cursor, "href"),
                let (value, after) = attributeValue(in: bytes, afterName: cursor + 4)
            {
                href = value
                cursor = after
            } else {
                cursor += 1
            }
        }
        guard let href else { return nil }
        let end = cursor < bytes.count && bytes[cursor] == UInt8(ascii: ">") ? cursor + 1 : cursor
        return (FoundLink(text: href, host: host(ofReference: href, in: bytes), kind: .anchor), end)
    }

    /// Whether a `</a>` closing tag starts at `index`.
    static func closesAnchor(_ bytes: LinkSyntax.Bytes, at index: Int) -> Bool {
        guard index + 3 < bytes.count, bytes[index + 1] == UInt8(ascii: "/"),
            bytes[index + 2] | 0x20 == UInt8(ascii: "a")
        else { return false }
        return bytes[index + 3] == UInt8(ascii: ">") || isSpaceOrSlash(bytes[index + 3])
    }

    /// The value of an attribute whose name ends before `afterName` (`= "…"`, `= '…'` or unquoted) and the
    /// index after it; nil when no `=` follows the name.
    private static func attributeValue(in bytes: LinkSyntax.Bytes, afterName: Int) -> (Range<Int>, Int)? {
        var cursor = afterName
        while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 }
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") else { return nil }
        cursor += 1
        while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 }
        guard cursor < bytes.count else { return (cursor..<cursor, cursor) }
        let quote = bytes[cursor]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            let start = cursor + 1
            let close = (start..<bytes.count).first { bytes[$0] == quote } ?? bytes.count
            return (start..<close, min(close + 1, bytes.count))
        }
        let end = (cursor..<bytes.count).first { isSpace(bytes[$0]) || bytes[$0] == UInt8(ascii: ">") } ?? bytes.count
        return (cursor..<end, end)
    }

    /// The host an `href` points at: after `scheme://` or `//`, or the value itself when it starts with a
    /// domain; empty for a relative, fragment or `mailto:` reference.
    static func host(ofReference reference: Range<Int>, in bytes: LinkSyntax.Bytes) -> Range<Int> {
        let start = reference.first { !isSpace(bytes[$0]) } ?? reference.upperBound
        let value = start..<reference.upperBound
        if LinkSyntax.matchesIgnoringCase(bytes, at: start, "//"), value.count >= 2 {
            return hostRange(bytes, start + 2..<value.upperBound)
        }
        let schemeEnd = value.first { byte in
            !(LinkSyntax.isASCIIAlphanumeric(bytes[byte]) || "+-.".utf8.contains(bytes[byte]))
        } ?? value.upperBound
        if schemeEnd > start, schemeEnd + 3 <= value.upperBound, LinkSyntax.matchesIgnoringCase(bytes, at: schemeEnd, "://") {
            return hostRange(bytes, schemeEnd + 3..<value.upperBound)
        }
        if schemeEnd < value.upperBound, bytes[schemeEnd] == UInt8(ascii: ":") { return start..<start }
        let candidate = hostRange(bytes, value)
        guard candidate.allSatisfy({ bytes[$0] < 0x80 }) else {
            // Characters, not bytes, decide for the rest: a dot may carry a combining mark.
            let name = lowercased(bytes, candidate)
            return name.contains(".") && !name.hasPrefix(".") ? candidate : start..<start
        }
        let hasDot = candidate.contains { bytes[$0] == UInt8(ascii: ".") }
        return hasDot && bytes[candidate.lowerBound] != UInt8(ascii: ".") ? candidate : start..<start
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    private static func isSpaceOrSlash(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: "/")
    }
}
