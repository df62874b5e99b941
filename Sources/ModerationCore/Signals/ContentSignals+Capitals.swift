extension ContentSignals {
    /// `mostly_capitals` when enough of the body's cased letters are capitals. Letters of scripts without
    /// case (Han, Arabic, Devanagari, …), digits and symbols are not counted at all.
    static func capitalsReason(_ text: String, policy: ContentSignalPolicy) -> Reason? {
        var text = text
        return text.withUTF8 { bytes in
            let scan = BodyScan(bytes)
            return capitalsReason(capitals: scan.capitals, lowercase: scan.lowercase, policy: policy)
        }
    }

    /// `mostly_capitals` from the cased letters a ``BodyScan`` counted: `capitals` and `lowercase`.
    static func capitalsReason(capitals upper: Int, lowercase lower: Int, policy: ContentSignalPolicy) -> Reason? {
        guard policy.capitalsRatio > 0 else { return nil }
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
