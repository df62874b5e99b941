extension ContentSignals {
    /// `mostly_capitals` when enough of the body's cased letters are capitals. Letters of scripts without
    /// case (Han, Arabic, Devanagari, …), digits and symbols are not counted at all.
    static func capitalsReason(_ text: String, policy: ContentSignalPolicy) -> Reason? {
        guard policy.capitalsRatio > 0 else { return nil }
        var upper = 0
        var lower = 0
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if byte >= 0x41 && byte <= 0x5A { upper += 1 } else if byte >= 0x61 && byte <= 0x7A { lower += 1 }
                    index += 1
                    continue
                }
                let (scalar, length) = LinkSyntax.decodeScalar(bytes, at: index)
                switch letterCase(of: scalar) {
                case .upper: upper += 1
                case .lower: lower += 1
                case nil: break
                }
                index += length
            }
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
