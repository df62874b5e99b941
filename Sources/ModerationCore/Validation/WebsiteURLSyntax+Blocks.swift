import ByteMasks

extension WebsiteURLSyntax {
    /// Websites up to this many bytes (nearly all of them) are read by `blockIsPlainWebAddress`.
    static let blockLimit = 64

    /// `isPlainWebAddress` for a URL of at most `blockLimit` bytes: every byte is classified sixteen at a
    /// time, in place and into every class at once (`cm_url_classes_upto64`), into one bit per byte, and
    /// the rules on the host's labels are tested on those bits. Walking the host byte by byte cost about
    /// twenty instructions a byte in branches, and every comment with a website comes here.
    static func blockIsPlainWebAddress(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard count <= blockLimit, let hostStart = webHostStart(bytes), let base = bytes.baseAddress else { return false }
        let classes = cm_url_classes_upto64(base, count)

        // The authority runs from the host to the first `/`, `?` or `#`; after it, anything but spaces,
        // controls, backslashes and non-ASCII.
        let afterScheme = ~below(hostStart) & below(count)
        let ends = classes.authorityEnd & afterScheme
        let authorityEnd = ends == 0 ? count : ends.trailingZeroBitCount
        guard classes.refusedInPath & ~below(authorityEnd) & below(count) == 0 else { return false }
        let authority = afterScheme & below(authorityEnd)

        var hostEnd = authorityEnd
        let colons = classes.colon & authority
        if colons != 0 {
            let colon = 63 - colons.leadingZeroBitCount
            hostEnd = colon
            guard isPort(bytes, colon + 1..<authorityEnd) else { return false }
        }
        if hostEnd > hostStart, bytes[hostEnd - 1] == UInt8(ascii: ".") { hostEnd -= 1 }
        // Labels are shorter than 64 bytes and the name shorter than 254, since the whole URL is.
        let host = ~below(hostStart) & below(hostEnd)
        let dots = classes.dot & host
        let hyphens = classes.hyphen & host
        let first = below(hostStart + 1) & host
        let last = host & ~below(hostEnd - 1)
        guard host != 0, (classes.letterOrDigit | classes.hyphen | classes.dot) & host == host,
              // Two labels or more, none empty, none starting or ending with a hyphen.
              dots != 0, dots & (dots &>> 1) == 0, dots & (first | last) == 0,
              hyphens & ((dots &<< 1) | first) == 0, hyphens & ((dots &>> 1) | last) == 0
        else { return false }
        // A name whose last label is numeric can only be an IPv4 address, which the general path checks.
        let lastLabel = host & ~below(64 - dots.leadingZeroBitCount)
        return lastLabel & ~classes.digit != 0
    }

    /// The bits below `index`, all 64 from 64 on.
    @inline(__always)
    private static func below(_ index: Int) -> UInt64 {
        (UInt64(1) << UInt64(index)) &- 1
    }
}
