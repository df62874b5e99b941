import ByteMasks

extension ASCIIFastPath {
    /// Addresses up to this many bytes (nearly all of them) are split by `blockParts`.
    static let blockLimit = 64

    /// What `localPartEnd` and `hostnameLastLabelStart` decide, for an address of 1 to `blockLimit`
    /// bytes: the @-sign's index and where the domain's last label starts, or nil when either refuses; and
    /// whether the domain holds a capital letter (normalizing lowers it).
    /// Every byte is classified sixteen at a time into one bit per byte (`cm_email_classes_upto64`, whose
    /// `pmovmskb` gathers a block's bits in one instruction where Swift's SIMD masks took a dozen), and the
    /// rules are tested on the bits: a comment's address would otherwise cost twenty instructions a byte in
    /// branches.
    @inline(__always)
    static func blockParts(
        _ bytes: UnsafeBufferPointer<UInt8>
    ) -> (atIndex: Int, lastLabelStart: Int, domainHasCapital: Bool)? {
        let count = bytes.count
        guard count > 0, count <= blockLimit, let base = bytes.baseAddress else { return nil }
        let classes = cm_email_classes_upto64(base, count)
        let all: UInt64 = count == 64 ? ~0 : (1 &<< UInt64(count)) &- 1

        // The local part: a non-empty dot-atom before the first @-sign.
        let atIndex = (classes.at & all).trailingZeroBitCount
        guard atIndex > 0, atIndex < count else { return nil }
        let local: UInt64 = (1 &<< UInt64(atIndex)) &- 1
        let localDots = classes.dot & local
        guard (classes.atext | classes.dot) & local == local, localDots & 1 == 0,
              localDots &>> UInt64(atIndex &- 1) & 1 == 0, localDots & (localDots &>> 1) == 0
        else { return nil }

        // The domain: letters, digits, hyphens and dots (so no second @-sign); neither starting with a dot
        // or hyphen nor holding two of them side by side (`..`, `.-`, `-.`, `--`); at least one dot; a
        // letter last. Its labels are shorter than 64 bytes, since the whole address is.
        let domain = all & ~(local | (1 &<< UInt64(atIndex)))
        let marks = (classes.dot | classes.hyphen) & domain
        guard domain != 0, (classes.letterOrDigit | marks) & domain == domain,
              marks &>> UInt64(atIndex &+ 1) & 1 == 0, marks & (marks &>> 1) == 0,
              classes.letter &>> UInt64(count &- 1) & 1 == 1
        else { return nil }
        let dots = classes.dot & domain
        guard dots != 0 else { return nil }
        return (atIndex, 64 &- dots.leadingZeroBitCount, classes.capital & domain != 0)
    }
}
