import Testing

@testable import ModerationCore

/// Validation's shortcuts for the common case, each against the general way: a one-line field of
/// printable ASCII read eight bytes at a time.
@Suite struct OutputPhaseValidationTests {
    /// The definition `isPrintableASCIILine` shortens: printable ASCII or spaces, a printable one first and
    /// last.
    static func isPrintableASCIILine(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        return bytes.allSatisfy { (0x20...0x7E).contains($0) } && first != 0x20 && last != 0x20
    }

    /// Every byte value at every position of printable lines of every length up to 40, and at both ends.
    @Test func printableLinesAreFoundByWords() {
        var mismatches: [String] = []
        for length in 1...40 {
            let line = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            for position in 0..<length {
                for value in 0...255 {
                    var bytes = line
                    bytes[position] = UInt8(value)
                    let found = bytes.withUnsafeBufferPointer { FieldValidator.isPrintableASCIILine($0) }
                    if found != Self.isPrintableASCIILine(bytes) { mismatches.append("\(bytes)") }
                }
            }
        }
        #expect(mismatches.count == 0, "mismatches: \(mismatches.prefix(3))")
    }

    /// Two unusual bytes side by side (a borrow or carry from one must not hide the other), at every
    /// position of lines up to 24 bytes.
    @Test func neighbouringBytesDoNotHideEachOther() {
        let values: [UInt8] = [0x00, 0x01, 0x09, 0x1F, 0x20, 0x21, 0x7E, 0x7F, 0x80, 0xC2, 0xE2, 0xFF]
        var mismatches: [String] = []
        for length in 2...24 {
            for position in 0..<(length - 1) {
                for first in values {
                    for second in values {
                        var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: length)
                        bytes[position] = first
                        bytes[position + 1] = second
                        let found = bytes.withUnsafeBufferPointer { FieldValidator.isPrintableASCIILine($0) }
                        if found != Self.isPrintableASCIILine(bytes) { mismatches.append("\(bytes)") }
                    }
                }
            }
        }
        #expect(mismatches.count == 0, "mismatches: \(mismatches.prefix(3))")
    }

    /// The empty value is not a printable line (it is blank).
    @Test func emptyIsNotALine() {
        #expect(!FieldValidator.isPrintableASCIILine(UnsafeBufferPointer(start: nil, count: 0)))
    }
}

extension OutputPhaseValidationTests {
    /// Trimming looks up only characters whose lead byte may start white space: every white-space scalar
    /// of Swift's Unicode data starts with such a byte, and some of each lead byte are not white space.
    @Test func whiteSpaceStartsWithTheLeadBytesLookedUp() {
        var leads: Set<UInt8> = []
        for value in UInt32(0x80)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.isWhitespace else { continue }
            let lead = Array(String(scalar).utf8)[0]
            leads.insert(lead)
            #expect(FieldValidator.mayLeadWhiteSpace(lead), "U+\(String(value, radix: 16))")
        }
        #expect(leads == [0xC2, 0xE1, 0xE2, 0xE3])
    }
}

extension OutputPhaseValidationTests {
    /// The website check's block path takes the same URLs as its byte loop: the equivalence corpus of
    /// websites, and plain addresses with every byte value put at every position.
    @Test func websiteBlocksAgreeWithTheByteLoop() {
        var mismatches: [String] = []
        var accepted = 0
        func compare(_ bytes: [UInt8]) {
            bytes.withUnsafeBufferPointer { buffer in
                let loop = WebsiteURLSyntax.loopIsPlainWebAddress(buffer)
                if buffer.count <= WebsiteURLSyntax.blockLimit, WebsiteURLSyntax.blockIsPlainWebAddress(buffer) != loop {
                    mismatches.append(String(decoding: buffer, as: UTF8.self).debugDescription)
                }
                if loop { accepted += 1 }
            }
        }
        for url in FastPathEquivalenceTests.websites { compare(Array(url.utf8)) }
        let plain = [
            "http://a.bc", "https://x-y.example.org/blog?x=1#top", "HTTP://A.B.C.D:8080/", "https://1.2.3.example",
            "http://example.com:65535#f", "https://www.example.co.uk./a/b", "http://a-b-c.d-e.fg?q=1:2",
        ]
        let values: [UInt8] = [0x00, 0x09, 0x20, 0x21, 0x23, 0x2D, 0x2E, 0x2F, 0x30, 0x39, 0x3A, 0x3F, 0x40, 0x41,
                               0x5A, 0x5C, 0x5F, 0x61, 0x7A, 0x7E, 0x7F, 0x80, 0xC3, 0xFF]
        for url in plain {
            let bytes = Array(url.utf8)
            for length in 1...bytes.count { compare(Array(bytes.prefix(length))) }
            for position in bytes.indices {
                for value in values {
                    var changed = bytes
                    changed[position] = value
                    compare(changed)
                    changed.insert(value, at: position)
                    compare(changed)
                }
            }
            // The same address grown label by label up to past the block limit.
            var grown = bytes
            while grown.count <= WebsiteURLSyntax.blockLimit + 2 {
                grown.insert(contentsOf: Array("ab.".utf8), at: bytes.starts(with: Array("https".utf8)) ? 8 : 7)
                compare(grown)
            }
        }
        #expect(mismatches.count == 0, "mismatches: \(mismatches.prefix(5))")
        #expect(accepted > 1000)
    }
}

extension OutputPhaseValidationTests {
    /// The email fast path's block split tells whether the domain holds a capital, as reading the domain
    /// does, on addresses with capitals, digits and symbols at every position.
    @Test func emailBlocksFindTheDomainsCapitals() throws {
        var addresses = try EmailTestData.emailRows().map(\.address)
        for base in ["reader@example.org", "a.b-c@x-y.example.co", "Info@Sub.Example.ORG", "x@" + String(repeating: "ab.", count: 19) + "c"] {
            let bytes = Array(base.utf8)
            for position in bytes.indices {
                for value in Array("AZaz09.-@!{~".utf8) {
                    var changed = bytes
                    changed[position] = value
                    addresses.append(String(decoding: changed, as: UTF8.self))
                }
            }
        }
        var split = 0
        for address in addresses {
            let bytes = Array(address.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                guard let parts = ASCIIFastPath.blockParts(buffer) else { return }
                split += 1
                let capital = buffer[(parts.atIndex + 1)...].contains { (0x41...0x5A).contains($0) }
                #expect(parts.domainHasCapital == capital, "\(address.debugDescription)")
            }
        }
        #expect(split > 300)
    }
}
