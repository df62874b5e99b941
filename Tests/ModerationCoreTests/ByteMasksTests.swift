import ByteMasks
import Testing

/// The SSE2 masks against a byte-by-byte reading of the same 64 bytes.
@Suite("byte masks")
struct ByteMasksTests {
    private static func mask(_ bytes: [UInt8], _ test: (UInt8) -> Bool) -> UInt64 {
        var mask: UInt64 = 0
        for (index, byte) in bytes.enumerated() where test(byte) { mask |= 1 << UInt64(index) }
        return mask
    }

    /// Every byte value at every position, then random blocks.
    private static var blocks: [[UInt8]] {
        var generator = SystemRandomNumberGenerator()
        var blocks = (0..<4).map { part in (0..<64).map { UInt8(part * 64 + $0) } }
        blocks += (0..<4).map { part in (0..<64).map { UInt8(255 - part * 64 - $0) } }
        blocks += (0..<200).map { _ in (0..<64).map { _ in UInt8.random(in: 0...255, using: &generator) } }
        return blocks
    }

    @Test("equal, range, non-ASCII, letters and below agree with a byte-by-byte reading")
    func agreeWithBytes() {
        let ranges: [(UInt8, UInt8)] = [(0, 0), (0, 31), (0x30, 0x39), (0x41, 0x5A), (0x80, 0xBF), (0xC2, 0xF4), (1, 254), (0, 254), (1, 255), (200, 200)]
        for block in Self.blocks {
            block.withUnsafeBufferPointer { buffer in
                let p = buffer.baseAddress!
                for byte: UInt8 in [0, 0x20, 0x2E, 0x41, 0x7F, 0x80, 0xFF] {
                    #expect(cm_equal64(p, byte) == Self.mask(block) { $0 == byte })
                    #expect(cm_below64(p, byte) == Self.mask(block) { $0 < byte })
                }
                for (lower, upper) in ranges {
                    #expect(cm_range64(p, lower, upper) == Self.mask(block) { $0 >= lower && $0 <= upper })
                }
                #expect(cm_nonascii64(p) == Self.mask(block) { $0 >= 0x80 })
                #expect(cm_letters64(p) == Self.mask(block) { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) })
            }
        }
    }
}
