extension ASCIIFastPath {
    /// Addresses up to this many bytes (nearly all of them) are split by `blockParts`.
    static let blockLimit = 64

    /// What `localPartEnd` and `hostnameLastLabelStart` decide, for an address of 1 to `blockLimit`
    /// bytes: the @-sign's index and where the domain's last label starts, or nil when either refuses; and
    /// whether the domain holds a capital letter (normalizing lowers it).
    /// Every byte is classified sixteen at a time into one bit per byte, and the rules are tested on the
    /// bits: a comment's address would otherwise cost twenty instructions a byte in branches.
    @inline(__always)
    static func blockParts(
        _ bytes: UnsafeBufferPointer<UInt8>
    ) -> (atIndex: Int, lastLabelStart: Int, domainHasCapital: Bool)? {
        let count = bytes.count
        guard count > 0, count <= blockLimit, let base = UnsafeRawPointer(bytes.baseAddress) else { return nil }
        var classes = ByteClasses()
        if count >= BlockScan.width {
            var start = 0
            while start &+ BlockScan.width <= count {
                classes.add(BlockScan.load(base, at: start), at: start)
                start &+= BlockScan.width
            }
            // The last bytes in the block ending with the address: lanes seen already are classified
            // the same again.
            if start < count { classes.add(BlockScan.load(base, at: count &- BlockScan.width), at: count &- BlockScan.width) }
        } else {
            // A space belongs to no class, and bits past the address are masked off below.
            var block = BlockScan.splat(0x20)
            withUnsafeMutableBytes(of: &block) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base, count: count)) }
            classes.add(block, at: 0)
        }
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

    /// One bit per byte of an address for each class of byte the fast path's rules name.
    struct ByteClasses {
        var at: UInt64 = 0
        var dot: UInt64 = 0
        var hyphen: UInt64 = 0
        var letter: UInt64 = 0
        var letterOrDigit: UInt64 = 0
        /// RFC 5322 atext: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
        var atext: UInt64 = 0
        /// `A` to `Z`.
        var capital: UInt64 = 0

        /// Adds the classes of the sixteen bytes of `block`, which start at byte `start`.
        @inline(__always)
        mutating func add(_ block: BlockScan.Block, at start: Int) {
            func bits(_ mask: BlockScan.Mask) -> UInt64 { UInt64(truncatingIfNeeded: BlockScan.bits(mask)) &<< UInt64(start) }
            let letters = BlockScan.inRange(block | BlockScan.splat(0x20), UInt8(ascii: "a"), UInt8(ascii: "z"))
            let lettersOrDigits = letters .| BlockScan.inRange(block, UInt8(ascii: "0"), UInt8(ascii: "9"))
            let hyphens = BlockScan.equal(block, UInt8(ascii: "-"))
            let symbols = BlockScan.equal(block, 0x21) .| BlockScan.inRange(block, 0x23, 0x27)
                .| BlockScan.inRange(block, 0x2A, 0x2B) .| hyphens .| BlockScan.equal(block, 0x2F)
                .| BlockScan.equal(block, 0x3D) .| BlockScan.equal(block, 0x3F) .| BlockScan.inRange(block, 0x5E, 0x60)
                .| BlockScan.inRange(block, 0x7B, 0x7E)
            at |= bits(BlockScan.equal(block, UInt8(ascii: "@")))
            dot |= bits(BlockScan.equal(block, UInt8(ascii: ".")))
            hyphen |= bits(hyphens)
            letter |= bits(letters)
            letterOrDigit |= bits(lettersOrDigits)
            atext |= bits(lettersOrDigits .| symbols)
            capital |= bits(BlockScan.inRange(block, UInt8(ascii: "A"), UInt8(ascii: "Z")))
        }
    }
}
