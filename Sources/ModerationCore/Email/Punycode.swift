/// Punycode (RFC 3492), the encoding of IDNA A-labels after their `xn--` prefix, behaving as Python's
/// `punycode` codec does: lower-case output, digits accepted in either case.
enum Punycode {
    private static let base = 36
    private static let initialBias = 72
    private static let initialCodePoint: UInt32 = 0x80
    private static let digits = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
    /// A delta beyond this cannot name a code point of a label that fits in a domain, so decoding stops
    /// before the arithmetic could overflow.
    private static let deltaLimit = 1 << 32

    /// Encodes a label; ASCII characters come first, then a hyphen if there were any, then the deltas.
    static func encode(_ text: [Unicode.Scalar]) -> [UInt8] {
        var output: [UInt8] = text.filter { $0.isASCII }.map { UInt8($0.value) }
        let basicCount = output.count
        if basicCount > 0 { output.append(UInt8(ascii: "-")) }
        var handled = basicCount
        var codePoint = initialCodePoint
        var delta = 0
        var bias = initialBias
        while handled < text.count {
            guard let next = text.lazy.map({ $0.value }).filter({ $0 >= codePoint }).min() else { break }
            delta += Int(next - codePoint) * (handled + 1)
            codePoint = next
            for scalar in text {
                if scalar.value < codePoint { delta += 1 }
                if scalar.value == codePoint {
                    var remainder = delta
                    var k = base
                    while true {
                        let t = threshold(k, bias)
                        if remainder < t { break }
                        output.append(digits[t + (remainder - t) % (base - t)])
                        remainder = (remainder - t) / (base - t)
                        k += base
                    }
                    output.append(digits[remainder])
                    bias = adapt(delta, count: handled + 1, first: handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            codePoint += 1
        }
        return output
    }

    /// Decodes the part of an A-label after `xn--`; nil when it is not valid Punycode or names a code point
    /// outside Unicode's scalar values.
    static func decode(_ text: [UInt8]) -> [Unicode.Scalar]? {
        let delimiter = text.lastIndex(of: UInt8(ascii: "-"))
        var output: [UInt32] = delimiter.map { text[..<$0].map(UInt32.init) } ?? []
        var position = delimiter.map { $0 + 1 } ?? 0
        let extendedStart = position
        var codePoint = Int(initialCodePoint)
        var index = -1
        var bias = initialBias
        while position < text.count {
            let numberStart = position
            var delta = 0
            var weight = 1
            var k = base
            while true {
                guard position < text.count, let digit = digitValue(text[position]) else { return nil }
                position += 1
                let t = threshold(k, bias)
                delta += digit * weight
                if delta > deltaLimit { return nil }
                if digit < t { break }
                weight *= base - t
                k += base
            }
            index += delta + 1
            codePoint += index / (output.count + 1)
            if codePoint > 0x10FFFF { return nil }
            index %= output.count + 1
            output.insert(UInt32(codePoint), at: index)
            bias = adapt(delta, count: output.count, first: numberStart == extendedStart)
        }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(output.count)
        for value in output {
            guard let scalar = Unicode.Scalar(value) else { return nil }
            scalars.append(scalar)
        }
        return scalars
    }

    private static func threshold(_ k: Int, _ bias: Int) -> Int {
        min(max(k - bias, 1), 26)
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): Int(byte - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): Int(byte - UInt8(ascii: "A"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0")) + 26
        default: nil
        }
    }

    private static func adapt(_ delta: Int, count: Int, first: Bool) -> Int {
        var delta = first ? delta / 700 : delta / 2
        delta += delta / count
        var divisions = 0
        while delta > 455 {
            delta /= 35
            divisions += base
        }
        return divisions + (base * delta) / (delta + 38)
    }
}
