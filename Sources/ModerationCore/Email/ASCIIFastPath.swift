/// The byte-level path for the common case: an ASCII address with a dot-atom local part and a plain
/// host-name domain. It only ever accepts, and accepts exactly what the full path would accept, with the same
/// normalized form; anything it is not sure of (any error, quotes, non-ASCII, `xn--` or other `--` labels) it
/// leaves to the full path, which then also produces the right error message.
enum ASCIIFastPath {
    private static let at = UInt8(ascii: "@")
    private static let dot = UInt8(ascii: ".")
    private static let hyphen = UInt8(ascii: "-")

    /// Lower-case RFC 2142 role mailboxes.
    private static let mailboxes: [[UInt8]] = EmailValidator.caseInsensitiveMailboxes.map { Array($0.utf8) }
    private static let specialUseNames: [[UInt8]] = EmailDomainName.specialUseNames.map { $0.map { UInt8($0.value) } }

    static func validate(_ address: String) -> ValidatedEmail? {
        guard let (normalized, atIndex) = normalized(address) else { return nil }
        // The normalized form is `localPart@domain`, in ASCII.
        var text = normalized
        let (localPart, domain) = text.withUTF8 { bytes in
            (String(decoding: UnsafeBufferPointer(rebasing: bytes[..<atIndex]), as: UTF8.self),
             String(decoding: UnsafeBufferPointer(rebasing: bytes[(atIndex + 1)...]), as: UTF8.self))
        }
        return ValidatedEmail(
            normalized: normalized, localPart: localPart, domain: domain, asciiDomain: domain, isInternationalized: false)
    }

    /// The normalized form of an address this path accepts, and the offset of its @-sign; nil when the
    /// full path must decide. The judge keeps only the normalized form: an address already in it, the
    /// common case, is returned as it is, without a copy.
    static func normalized(_ address: String) -> (String, atIndex: Int)? {
        address.utf8.withContiguousStorageIfAvailable { normalized(address, bytes: $0) } ?? nil
    }

    private static func normalized(_ address: String, bytes: UnsafeBufferPointer<UInt8>) -> (String, atIndex: Int)? {
        let count = bytes.count
        let atIndex: Int
        let lastLabelStart: Int
        let domainHasCapital: Bool
        if count <= blockLimit {
            guard let parts = blockParts(bytes) else { return nil }
            (atIndex, lastLabelStart, domainHasCapital) = parts
        } else {
            guard count <= EmailLength.maxAddressLength, let at = localPartEnd(bytes),
                count - (at + 1) <= EmailDomainName.maxLength,
                let labelStart = hostnameLastLabelStart(bytes, from: at + 1)
            else { return nil }
            (atIndex, lastLabelStart) = (at, labelStart)
            domainHasCapital = UnsafeBufferPointer(rebasing: bytes[(at + 1)...]).contains(where: isASCIIUppercase)
        }
        let lastLabel = UnsafeBufferPointer(rebasing: bytes[lastLabelStart...])
        // Special-use names are single labels of 4 to 9 letters.
        if (4...9).contains(lastLabel.count) && specialUseNames.contains(where: { equalsIgnoringASCIICase(lastLabel, $0) }) {
            return nil
        }

        let local = UnsafeBufferPointer(rebasing: bytes[..<atIndex])
        let lowerLocal = local.count <= EmailValidator.longestMailboxName
            && mailboxes.contains { equalsIgnoringASCIICase(local, $0) }
        if !lowerLocal && !domainHasCapital {
            // Already normalized: the address itself is the normalized form.
            return (address, atIndex)
        }
        let normalized = String(unsafeUninitializedCapacity: count) { buffer in
            for index in 0..<count {
                buffer[index] = index < atIndex && !lowerLocal ? bytes[index] : lowercase(bytes[index])
            }
            return count
        }
        return (normalized, atIndex)
    }

    /// The index of the @-sign ending a non-empty ASCII dot-atom local part, or nil.
    static func localPartEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var previousWasDot = true
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == at {
                return index > 0 && !previousWasDot ? index : nil
            } else if byte == dot {
                if previousWasDot { return nil }
                previousWasDot = true
            } else if EmailCharacters.isAtext(byte: byte) {
                previousWasDot = false
            } else {
                return nil
            }
        }
        return nil
    }

    /// For a domain of at least two labels of letters, digits and inner hyphens (no `--` anywhere, at most
    /// 63 octets each) whose last character is a letter: where its last label starts. Otherwise nil.
    static func hostnameLastLabelStart(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var labelStart = start
        var previous = dot
        for index in start..<bytes.count {
            let byte = bytes[index]
            if byte == dot {
                guard previous != dot, previous != hyphen, index - labelStart <= EmailDomainName.maxLabelLength else {
                    return nil
                }
                labelStart = index + 1
            } else if byte == hyphen {
                guard previous != dot, previous != hyphen else { return nil }
            } else if !EmailCharacters.isLetterDigitHyphen(byte: byte) {
                return nil
            }
            previous = byte
        }
        let end = bytes.count
        guard labelStart > start, labelStart < end, end - labelStart <= EmailDomainName.maxLabelLength,
            isASCIILetter(previous)
        else { return nil }
        return labelStart
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isASCIIUppercase(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        isASCIIUppercase(byte) ? byte | 0x20 : byte
    }

    private static func equalsIgnoringASCIICase(_ bytes: UnsafeBufferPointer<UInt8>, _ lowercased: [UInt8]) -> Bool {
        bytes.count == lowercased.count && zip(bytes, lowercased).allSatisfy { lowercase($0) == $1 }
    }
}
