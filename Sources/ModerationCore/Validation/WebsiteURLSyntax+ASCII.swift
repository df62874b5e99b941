extension WebsiteURLSyntax {
    /// Whether `bytes` are an ASCII `http://` or `https://` URL that `problem(in:)` accepts, decided in
    /// one pass over the bytes: a host name of two or more letter-digit-hyphen labels (the last one not
    /// all digits, one trailing dot allowed), an optional port from 1 to 65535, then a path, query or
    /// fragment without spaces, controls or backslashes. False means "not sure": anything else (IP
    /// addresses, internationalized names, every mistake) takes the general path, which also words the
    /// problem.
    static func isPlainWebAddress(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard LinkSyntax.matchesIgnoringCase(bytes, at: 0, "http") else { return false }
        var schemeEnd = 4
        if schemeEnd < bytes.count, bytes[schemeEnd] | 0x20 == UInt8(ascii: "s") { schemeEnd += 1 }
        guard LinkSyntax.matchesIgnoringCase(bytes, at: schemeEnd, "://") else { return false }
        let hostStart = schemeEnd + 3
        var authorityEnd = hostStart
        while authorityEnd < bytes.count, !isAuthorityEnd(bytes[authorityEnd]) { authorityEnd += 1 }
        // The rest: anything but spaces, controls, backslashes and non-ASCII.
        for byte in bytes[authorityEnd...] where byte <= 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\\") {
            return false
        }
        var hostEnd = authorityEnd
        if let colon = bytes[hostStart..<authorityEnd].lastIndex(of: UInt8(ascii: ":")) {
            hostEnd = colon
            let digits = bytes[colon + 1..<authorityEnd]
            guard (1...5).contains(digits.count), digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  (1...65_535).contains(digits.reduce(0) { $0 * 10 + Int($1 - 0x30) })
            else { return false }
        }
        if hostEnd > hostStart, bytes[hostEnd - 1] == UInt8(ascii: ".") { hostEnd -= 1 }
        guard hostEnd - hostStart <= 253 else { return false }
        var labels = 0
        var labelStart = hostStart
        var lastLabelIsNumeric = false
        for index in hostStart...hostEnd where index == hostEnd || bytes[index] == UInt8(ascii: ".") {
            let label = bytes[labelStart..<index]
            guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                  label.allSatisfy({ LinkSyntax.isASCIIAlphanumeric($0) || $0 == UInt8(ascii: "-") })
            else { return false }
            labels += 1
            lastLabelIsNumeric = label.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            labelStart = index + 1
        }
        // A name whose last label is numeric can only be an IPv4 address, which the general path checks.
        return labels >= 2 && !lastLabelIsNumeric
    }

    @inline(__always)
    private static func isAuthorityEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
    }
}
