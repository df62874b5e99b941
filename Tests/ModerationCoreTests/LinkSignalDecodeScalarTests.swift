import Testing

@testable import ModerationCore

/// `LinkSyntax.decodeScalar`, written out per length, decodes as the loop over continuation bytes it
/// replaced: every scalar of Unicode, and every lead byte followed by continuation bytes, ASCII or other
/// lead bytes, cut short at the end of the buffer or not.
@Suite struct LinkSignalDecodeScalarTests {
    /// The decoding as it was: a loop over the continuation bytes, not checking them.
    private static func reference(_ bytes: LinkSyntax.Bytes, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = bytes[index]
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard lead >= 0xC0 || lead < 0x80, index + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = UInt32(lead) & (length == 1 ? 0x7F : length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    @Test func everyScalarDecodesToItself() {
        var checked = 0
        for value in UInt32(0)...0x10_FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let bytes = Array(String(Character(scalar)).utf8)
            let (decoded, length) = bytes.withUnsafeBufferPointer { LinkSyntax.decodeScalar($0, at: 0) }
            if decoded != scalar || length != bytes.count {
                Issue.record("U+\(String(value, radix: 16)) decoded as U+\(String(decoded.value, radix: 16)), \(length) bytes")
            }
            checked += 1
        }
        #expect(checked == 0x11_0000 - 0x800)
    }

    @Test func anyLeadByteDecodesAsBefore() {
        let followers: [UInt8] = [0x80, 0x9F, 0xBF, 0x41, 0x00, 0xC3, 0xE2, 0xF0, 0xFF]
        var checked = 0
        for lead in UInt8(0)...0xFF {
            for first in followers {
                for second in followers {
                    for third in followers {
                        let bytes = [0x20, lead, first, second, third]
                        // Every cut of the buffer after the lead, so that a scalar may run past its end.
                        for end in 2...bytes.count {
                            bytes[..<end].withUnsafeBufferPointer { buffer in
                                let (new, newLength) = LinkSyntax.decodeScalar(buffer, at: 1)
                                let (old, oldLength) = Self.reference(buffer, at: 1)
                                #expect(new == old && newLength == oldLength, "\(Array(buffer))")
                            }
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked == 256 * 9 * 9 * 9 * 4)
    }
}
