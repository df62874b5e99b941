extension WebsiteURLSyntax {
    /// Whether `bytes` are an ASCII `http://` or `https://` URL that `problem(in:)` accepts, decided in
    /// one pass over the bytes: a host name of two or more letter-digit-hyphen labels (the last one not
    /// all digits, one trailing dot allowed), an optional port from 1 to 65535, then a path, query or
    /// fragment without spaces, controls or backslashes. False means "not sure": anything else (IP
    /// addresses, internationalized names, every mistake) takes the general path, which also words the
    /// problem.
    static func isPlainWebAddress(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count <= blockLimit ? blockIsPlainWebAddress(bytes) : loopIsPlainWebAddress(bytes)
    }

    /// `isPlainWebAddress` byte by byte, for URLs of any length.
    static func loopIsPlainWebAddress(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Loops over indices rather than slices and closures.
        guard let hostStart = webHostStart(bytes) else { return false }
        var authorityEnd = hostStart
        var lastColon: Int?
        while authorityEnd < bytes.count, !isAuthorityEnd(bytes[authorityEnd]) {
            if bytes[authorityEnd] == UInt8(ascii: ":") { lastColon = authorityEnd }
            authorityEnd += 1
        }
        // The rest: anything but spaces, controls, backslashes and non-ASCII.
        var index = authorityEnd
        while index < bytes.count {
            let byte = bytes[index]
            if byte <= 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\\") { return false }
            index += 1
        }
        var hostEnd = authorityEnd
        if let colon = lastColon {
            hostEnd = colon
            guard isPort(bytes, colon + 1..<authorityEnd) else { return false }
        }
        if hostEnd > hostStart, bytes[hostEnd - 1] == UInt8(ascii: ".") { hostEnd -= 1 }
        guard hostEnd - hostStart <= 253 else { return false }
        var labels = 0
        var labelStart = hostStart
        var labelIsNumeric = true
        index = hostStart
        while true {
            if index == hostEnd || bytes[index] == UInt8(ascii: ".") {
                guard (1...63).contains(index - labelStart), bytes[labelStart] != UInt8(ascii: "-"),
                      bytes[index - 1] != UInt8(ascii: "-")
                else { return false }
                labels += 1
                if index == hostEnd { break }
                labelStart = index + 1
                labelIsNumeric = true
            } else {
                let byte = bytes[index]
                guard LinkSyntax.isASCIIAlphanumeric(byte) || byte == UInt8(ascii: "-") else { return false }
                if byte < 0x30 || byte > 0x39 { labelIsNumeric = false }
            }
            index += 1
        }
        // A name whose last label is numeric can only be an IPv4 address, which the general path checks.
        return labels >= 2 && !labelIsNumeric
    }

    /// Where the host starts after an `http://` or `https://` scheme (any letter case), or nil when
    /// `bytes` start with neither.
    /// The scheme is read as words: setting bit 5 of a byte turns only `H` and `h` into `h` (and the same
    /// for `t`, `p`, `s`), as lowering A...Z does, and `://` is compared as it is.
    @inline(__always)
    static func webHostStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count >= 7, let base = UnsafeRawPointer(bytes.baseAddress),
              UInt32(littleEndian: base.loadUnaligned(as: UInt32.self)) | 0x2020_2020 == 0x7074_7468  // "http"
        else { return nil }
        let schemeEnd = bytes[4] | 0x20 == UInt8(ascii: "s") ? 5 : 4
        guard schemeEnd + 3 <= bytes.count, bytes[schemeEnd] == UInt8(ascii: ":"), bytes[schemeEnd + 1] == UInt8(ascii: "/"),
              bytes[schemeEnd + 2] == UInt8(ascii: "/")
        else { return nil }
        return schemeEnd + 3
    }

    /// Whether `bytes[range]` is a port: one to five ASCII digits, 1 to 65535.
    static func isPort(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard (1...5).contains(range.count) else { return false }
        var port = 0
        for index in range {
            let digit = bytes[index] &- 0x30
            guard digit <= 9 else { return false }
            port = port * 10 + Int(digit)
        }
        return (1...65_535).contains(port)
    }

    @inline(__always)
    private static func isAuthorityEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
    }
}
