extension ContentSignals {
    /// `mostly_capitals` when enough of the body's cased letters are capitals. Letters of scripts without
    /// case (Han, Arabic, Devanagari, …), digits and symbols are not counted at all.
    static func capitalsReason(_ text: String, policy: ContentSignalPolicy) -> Reason? {
        var text = text
        return text.withUTF8 { capitalsReason(BodyScan($0), policy: policy) }
    }

    /// `mostly_capitals` from the letters counted by `scan`.
    static func capitalsReason(_ scan: BodyScan, policy: ContentSignalPolicy) -> Reason? {
        guard policy.capitalsRatio > 0 else { return nil }
        let (upper, lower) = (scan.capitals, scan.lowercase)
        let cased = upper + lower
        guard cased > 0, cased >= policy.minLettersForCapitals else { return nil }
        guard Double(upper) / Double(cased) >= policy.capitalsRatio else { return nil }
        let percent = ReasonMessage.joined(String(upper * 100 / cased), "%")
        return Reason(
            code: "mostly_capitals", field: .body, match: percent, rule: "capitals_ratio", action: .approve,
            message: ReasonMessage.joined(percent, " of the comment's letters are capitals.")
        )
    }
}
