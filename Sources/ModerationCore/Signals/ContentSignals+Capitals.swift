extension ContentSignals {
    /// `mostly_capitals` when enough of the body's cased letters are capitals. Letters of scripts without
    /// case (Han, Arabic, Devanagari, …), digits and symbols are not counted at all.
    static func capitalsReason(_ text: String, policy: ContentSignalPolicy) -> Reason? {
        guard policy.capitalsRatio > 0 else { return nil }
        var upper = 0
        var lower = 0
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .titlecaseLetter: upper += 1
            case .lowercaseLetter: lower += 1
            default: break
            }
        }
        let cased = upper + lower
        guard cased > 0, cased >= policy.minLettersForCapitals else { return nil }
        let ratio = Double(upper) / Double(cased)
        guard ratio >= policy.capitalsRatio else { return nil }
        let percent = "\(upper * 100 / cased)%"
        return Reason(
            code: "mostly_capitals", field: .body, match: percent, rule: "capitals_ratio", action: .approve,
            message: "\(percent) of the comment's letters are capitals."
        )
    }
}
