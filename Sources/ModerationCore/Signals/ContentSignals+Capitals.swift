extension ContentSignals {
    /// `mostly_capitals` when enough of the body's cased letters are capitals. Letters of scripts without
    /// case (Han, Arabic, Devanagari, …), digits and symbols are not counted at all.
    static func capitalsReason(_ text: String, policy: ContentSignalPolicy) -> Reason? {
        guard policy.capitalsRatio > 0 else { return nil }
        var text = text
        let (upper, lower) = text.withUTF8 { bytes -> (Int, Int) in
            var (upper, lower) = (0, 0)
            // Eight ASCII bytes at once: a byte's high bit is set by the first addition from `A` (or `a`)
            // on, and by the second past `Z` (or `z`), and no byte carries into the next (high bits are
            // clear). The flags are added up per byte, in lanes whose total (at most 8 a word) is taken
            // before it passes 255.
            let high: UInt64 = 0x8080_8080_8080_8080
            var (upperLanes, lowerLanes, words): (UInt64, UInt64, Int) = (0, 0, 0)
            func sumLanes() {
                upper += Int((upperLanes &* 0x0101_0101_0101_0101) >> 56)
                lower += Int((lowerLanes &* 0x0101_0101_0101_0101) >> 56)
                (upperLanes, lowerLanes, words) = (0, 0, 0)
            }
            var index = 0
            while index < bytes.count {
                guard index + 8 <= bytes.count, let base = UnsafeRawPointer(bytes.baseAddress) else {
                    let byte = bytes[index]
                    guard byte >= 0x80 else {
                        if byte >= 0x41 && byte <= 0x5A { upper += 1 } else if byte >= 0x61 && byte <= 0x7A { lower += 1 }
                        index += 1
                        continue
                    }
                    index += countNonASCII(bytes, at: index, upper: &upper, lower: &lower)
                    continue
                }
                // The bytes before the first non-ASCII one (all eight when there is none) are counted at
                // once; the others are masked to zero, which counts as neither.
                let word = ByteScan.word(base, at: index)
                let nonASCII = word & high
                let asciiCount = nonASCII == 0 ? 8 : nonASCII.trailingZeroBitCount / 8
                let ascii = asciiCount == 8 ? word : word & (1 << UInt64(asciiCount * 8) - 1)
                upperLanes &+= ((ascii &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(ascii &+ 0x2525_2525_2525_2525) & high) >> 7
                lowerLanes &+= ((ascii &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(ascii &+ 0x0505_0505_0505_0505) & high) >> 7
                words &+= 1
                if words == 31 { sumLanes() }
                index &+= asciiCount
                if asciiCount < 8 { index += countNonASCII(bytes, at: index, upper: &upper, lower: &lower) }
            }
            sumLanes()
            return (upper, lower)
        }
        let cased = upper + lower
        guard cased > 0, cased >= policy.minLettersForCapitals else { return nil }
        guard Double(upper) / Double(cased) >= policy.capitalsRatio else { return nil }
        let percent = "\(upper * 100 / cased)%"
        return Reason(
            code: "mostly_capitals", field: .body, match: percent, rule: "capitals_ratio", action: .approve,
            message: "\(percent) of the comment's letters are capitals."
        )
    }

    /// Counts the non-ASCII scalar at `index` if it is a cased letter; returns its length.
    private static func countNonASCII(_ bytes: LinkSyntax.Bytes, at index: Int, upper: inout Int, lower: inout Int) -> Int {
        let (scalar, length) = LinkSyntax.decodeScalar(bytes, at: index)
        switch letterCase(of: scalar) {
        case .upper: upper += 1
        case .lower: lower += 1
        case nil: break
        }
        return length
    }

    private enum LetterCase { case upper, lower }

    @inline(never)
    private static func letterCase(of scalar: Unicode.Scalar) -> LetterCase? {
        switch ScalarPropertyCache.shared.properties(of: scalar).category {
        case .uppercaseLetter, .titlecaseLetter: .upper
        case .lowercaseLetter: .lower
        default: nil
        }
    }
}
