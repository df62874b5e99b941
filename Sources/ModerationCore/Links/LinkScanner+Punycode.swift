extension LinkScanner {
    /// Punycode (RFC 3492) decoding, for comparing an `xn--` label with its Unicode form. Only decoding is
    /// needed; UTS #46 mapping is left out because hosts are only compared, never resolved.
    enum Punycode {
        private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700
        private static let initialBias = 72, initialN = 128

        /// The Unicode label that `encoded` (without its `xn--` prefix) stands for, or nil when it is not
        /// valid punycode.
        static func decode(_ encoded: Substring) -> String? {
            let input = Array(encoded.utf8)
            guard input.count <= 256, input.allSatisfy({ $0 < 0x80 }) else { return nil }
            var output: [Unicode.Scalar] = []
            var position = 0
            if let delimiter = input.lastIndex(of: UInt8(ascii: "-")) {
                output = input[..<delimiter].map { Unicode.Scalar($0) }
                position = delimiter + 1
            }
            var n = initialN, i = 0, bias = initialBias
            while position < input.count {
                let oldI = i
                var weight = 1
                var k = base
                while true {
                    guard position < input.count, let digit = digitValue(input[position]) else { return nil }
                    position += 1
                    i += digit * weight
                    let threshold = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias
                    if digit < threshold { break }
                    weight *= base - threshold
                    k += base
                    // Valid labels are short; anything this large is garbage, and stopping keeps Int exact.
                    guard i < 0x11_0000 * 64, weight < 0x11_0000 * 64 else { return nil }
                }
                let count = output.count + 1
                bias = adapt(delta: i - oldI, count: count, first: oldI == 0)
                n += i / count
                i %= count
                guard let scalar = Unicode.Scalar(UInt32(clamping: n)), n >= initialN else { return nil }
                output.insert(scalar, at: i)
                i += 1
            }
            var result = ""
            result.unicodeScalars.append(contentsOf: output)
            return result
        }

        private static func digitValue(_ byte: UInt8) -> Int? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte) - 22
            case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(byte) - 97
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(byte) - 65
            default: nil
            }
        }

        private static func adapt(delta: Int, count: Int, first: Bool) -> Int {
            var delta = first ? delta / damp : delta / 2
            delta += delta / count
            var k = 0
            while delta > ((base - tMin) * tMax) / 2 {
                delta /= base - tMin
                k += base
            }
            return k + (base - tMin + 1) * delta / (delta + skew)
        }
    }
}
