import UnicodeSupport

/// IDNA 2008 (RFC 5891–5893) label validation and A-label conversion as Python's `idna` package performs
/// them, with its messages. Code point classes come from RFC 5892's derivation over ICU's Unicode data.
enum IDNA2008 {
    /// A label or domain that IDNA 2008 rejects.
    struct Failure: Error {
        let message: String
    }

    private static let aLabelPrefix: [Unicode.Scalar] = ["x", "n", "-", "-"]
    private static let maxInputLength = 1024
    private static let maxLabelLength = 63
    private static let maxDomainLength = 253
    private static let viramaCombiningClass = 9

    /// Converts a U-label to its A-label (an ASCII label is validated and returned as it is). Also returns
    /// what `uLabel` gives for that A-label, which the validation has already worked out: the U-label itself,
    /// or the decoded form of an ASCII label.
    static func aLabel(_ label: [Unicode.Scalar]) throws(Failure) -> (ascii: [Unicode.Scalar], unicode: [Unicode.Scalar]) {
        if label.count > maxInputLength { throw Failure(message: "Label too long") }
        if UnicodeText.isASCII(label) {
            let decoded = try uLabel(label)
            if label.count > maxLabelLength { throw Failure(message: "Label too long") }
            return (label, decoded)
        }
        try checkLabel(label)
        let encoded = aLabelPrefix + Punycode.encode(label).map { Unicode.Scalar($0) }
        if encoded.count > maxLabelLength { throw Failure(message: "Label too long") }
        return (encoded, label)
    }

    /// Converts an A-label to its U-label, validating either kind.
    static func uLabel(_ label: [Unicode.Scalar]) throws(Failure) -> [Unicode.Scalar] {
        if label.count > maxInputLength { throw Failure(message: "Label too long") }
        guard UnicodeText.isASCII(label) else {
            try checkLabel(label)
            return label
        }
        let lowered = label.map(asciiLowercase)
        guard lowered.starts(with: aLabelPrefix) else {
            try checkLabel(lowered)
            return lowered
        }
        let encoded = lowered.dropFirst(aLabelPrefix.count).map { UInt8($0.value) }
        if encoded.isEmpty { throw Failure(message: "Malformed A-label, no Punycode eligible content found") }
        if encoded.last == UInt8(ascii: "-") { throw Failure(message: "A-label must not end with a hyphen") }
        guard let decoded = Punycode.decode(encoded) else { throw Failure(message: "Invalid A-label") }
        // RFC 5891 5.3: only the canonical spelling of a U-label is its A-label.
        if Punycode.encode(decoded) != encoded {
            throw Failure(message: "A-label is not the canonical Punycode encoding of its U-label")
        }
        try checkLabel(decoded)
        return decoded
    }

    /// Decodes an ASCII domain label by label (`idna.decode`).
    static func decode(_ domain: [Unicode.Scalar]) throws(Failure) -> [Unicode.Scalar] {
        if domain.count > maxInputLength || domain.count > maxDomainLength + 1 {
            throw Failure(message: "Domain too long")
        }
        var labels = domain.split(omittingEmptySubsequences: false, whereSeparator: isLabelSeparator)
        if labels.count == 1 && labels[0].isEmpty { throw Failure(message: "Empty domain") }
        let trailingDot = labels.last?.isEmpty == true
        if trailingDot { labels.removeLast() }
        var result: [Unicode.Scalar] = []
        for (index, label) in labels.enumerated() {
            let decoded = try uLabel(Array(label))
            if decoded.isEmpty { throw Failure(message: "Empty label") }
            if index > 0 { result.append(".") }
            result += decoded
        }
        if trailingDot { result.append(".") }
        return result
    }

    /// Every IDNA 2008 rule for one label: NFC, hyphens, no leading mark, code point classes with their
    /// contextual rules, and the Bidi Rule.
    static func checkLabel(_ label: [Unicode.Scalar]) throws(Failure) {
        if label.count > maxInputLength { throw Failure(message: "Label too long") }
        if label.isEmpty { throw Failure(message: "Empty Label") }
        if label.count > maxDomainLength + 1 { throw Failure(message: "Label too long") }
        let isNFC: Bool
        do { isNFC = try UnicodeText.isNFC(label) } catch { throw Failure(message: "Label could not be normalized") }
        if !isNFC { throw Failure(message: "Label must be in Normalization Form C") }
        if label.count >= 4 && label[2] == "-" && label[3] == "-" {
            throw Failure(message: "Label has disallowed hyphens in 3rd and 4th position")
        }
        if label.first == "-" || label.last == "-" {
            throw Failure(message: "Label must not start or end with a hyphen")
        }
        if ScalarProperties(label[0]).majorCategory == .mark {
            throw Failure(message: "Label begins with an illegal combining character")
        }
        for (position, scalar) in label.enumerated() {
            var code: String { PythonText.codePoint(scalar.value) }
            switch ScalarProperties(scalar).idnaClass {
            case Int(CM_IDNA_PVALID):
                continue
            case Int(CM_IDNA_CONTEXTJ):
                guard let allowed = contextJAllows(label, at: position) else {
                    throw Failure(message: "Unknown codepoint adjacent to joiner \(code) at position \(position + 1) in \(PythonText.repr(label))")
                }
                if !allowed {
                    throw Failure(message: "Joiner \(code) not allowed at position \(position + 1) in \(PythonText.repr(label))")
                }
            case Int(CM_IDNA_CONTEXTO):
                if !contextOAllows(label, at: position) {
                    throw Failure(message: "Codepoint \(code) not allowed at position \(position + 1) in \(PythonText.repr(label))")
                }
            default:
                throw Failure(message: "Codepoint \(code) at position \(position + 1) of \(PythonText.repr(label)) not allowed")
            }
        }
        try checkBidi(label, checkingLeftToRight: false)
    }

    /// The Bidi Rule (RFC 5893 section 2), applied to labels with right-to-left characters or, when
    /// `checkingLeftToRight`, to every label.
    static func checkBidi(_ label: [Unicode.Scalar], checkingLeftToRight: Bool) throws(Failure) {
        if label.count > maxInputLength { throw Failure(message: "Label too long") }
        let directions = label.map { ScalarProperties($0).bidiClass }
        var hasRightToLeft = false
        for (index, direction) in directions.enumerated() {
            if direction == Int(CM_BIDI_NONE) {
                throw Failure(message: "Unknown directionality in label \(PythonText.repr(label)) at position \(index + 1)")
            }
            if Bidi.rightToLeftOrArabicNumber.contains(direction) { hasRightToLeft = true }
        }
        guard hasRightToLeft || checkingLeftToRight, let first = directions.first else { return }

        let rightToLeft: Bool
        if first == Int(CM_BIDI_R) || first == Int(CM_BIDI_AL) {
            rightToLeft = true
        } else if first == Int(CM_BIDI_L) {
            rightToLeft = false
        } else {
            throw Failure(message: "First codepoint in label \(PythonText.repr(label)) must be directionality L, R or AL")
        }
        var validEnding = false
        var numberType: Int?
        for (index, direction) in directions.enumerated() {
            if rightToLeft {
                if !Bidi.rightToLeftAllowed.contains(direction) {
                    throw Failure(message: "Invalid direction for codepoint at position \(index + 1) in a right-to-left label")
                }
                if Bidi.rightToLeftEnding.contains(direction) {
                    validEnding = true
                } else if direction != Int(CM_BIDI_NSM) {
                    validEnding = false
                }
                if direction == Int(CM_BIDI_AN) || direction == Int(CM_BIDI_EN) {
                    if let numberType, numberType != direction {
                        throw Failure(message: "Can not mix numeral types in a right-to-left label")
                    }
                    numberType = direction
                }
            } else {
                if !Bidi.leftToRightAllowed.contains(direction) {
                    throw Failure(message: "Invalid direction for codepoint at position \(index + 1) in a left-to-right label")
                }
                if direction == Int(CM_BIDI_L) || direction == Int(CM_BIDI_EN) {
                    validEnding = true
                } else if direction != Int(CM_BIDI_NSM) {
                    validEnding = false
                }
            }
        }
        if !validEnding { throw Failure(message: "Label ends with illegal codepoint directionality") }
    }

    /// RFC 5892 Appendix A.1 and A.2 (ZERO WIDTH NON-JOINER and JOINER); nil when a neighbour is a code
    /// point the idna package cannot look up.
    private static func contextJAllows(_ label: [Unicode.Scalar], at position: Int) -> Bool? {
        let scalar = label[position]
        guard scalar == "\u{200C}" || scalar == "\u{200D}" else { return false }
        if position > 0 {
            let previous = label[position - 1]
            let combiningClass = ScalarProperties(previous).combiningClass
            if combiningClass == 0 && UnicodeText.name(previous) == nil { return nil }
            if combiningClass == viramaCombiningClass { return true }
        }
        guard scalar == "\u{200C}" else { return false }
        let before = label[..<position].reversed().lazy.map { ScalarProperties($0).joiningType }
            .first { $0 != Int(CM_JT_T) }
        guard before == Int(CM_JT_L) || before == Int(CM_JT_D) else { return false }
        let after = label[(position + 1)...].lazy.map { ScalarProperties($0).joiningType }
            .first { $0 != Int(CM_JT_T) }
        return after == Int(CM_JT_R) || after == Int(CM_JT_D)
    }

    /// RFC 5892 Appendix A.3 to A.9.
    private static func contextOAllows(_ label: [Unicode.Scalar], at position: Int) -> Bool {
        let value = label[position].value
        switch value {
        case 0x00B7:
            return position > 0 && position < label.count - 1 && label[position - 1] == "l" && label[position + 1] == "l"
        case 0x0375:
            return position < label.count - 1 && ScalarProperties(label[position + 1]).script == Int(CM_SCRIPT_GREEK)
        case 0x05F3, 0x05F4:
            return position > 0 && ScalarProperties(label[position - 1]).script == Int(CM_SCRIPT_HEBREW)
        case 0x30FB:
            let japanese = [Int(CM_SCRIPT_HIRAGANA), Int(CM_SCRIPT_KATAKANA), Int(CM_SCRIPT_HAN)]
            return label.contains { $0 != "\u{30FB}" && japanese.contains(ScalarProperties($0).script) }
        case 0x0660...0x0669:
            return !label.contains { (0x06F0...0x06F9).contains($0.value) }
        case 0x06F0...0x06F9:
            return !label.contains { (0x0660...0x0669).contains($0.value) }
        default:
            return false
        }
    }

    /// The label separators `idna.decode` splits on: full stop and its ideographic and fullwidth forms.
    private static func isLabelSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "\u{3002}" || scalar == "\u{FF0E}" || scalar == "\u{FF61}"
    }

    private static func asciiLowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar
    }

    /// Bidi class sets of RFC 5893's rules.
    private enum Bidi {
        static let rightToLeftOrArabicNumber = BidiClassSet(CM_BIDI_R, CM_BIDI_AL, CM_BIDI_AN)
        static let rightToLeftAllowed = BidiClassSet(
            CM_BIDI_R, CM_BIDI_AL, CM_BIDI_AN, CM_BIDI_EN, CM_BIDI_ES, CM_BIDI_CS, CM_BIDI_ET, CM_BIDI_ON, CM_BIDI_BN,
            CM_BIDI_NSM)
        static let rightToLeftEnding = BidiClassSet(CM_BIDI_R, CM_BIDI_AL, CM_BIDI_EN, CM_BIDI_AN)
        static let leftToRightAllowed = BidiClassSet(
            CM_BIDI_L, CM_BIDI_EN, CM_BIDI_ES, CM_BIDI_CS, CM_BIDI_ET, CM_BIDI_ON, CM_BIDI_BN, CM_BIDI_NSM)
    }

    /// A set of bidi classes (all below 32) as a bit mask.
    private struct BidiClassSet {
        private let mask: UInt32

        init(_ classes: Int...) {
            mask = classes.reduce(0) { $0 | 1 << UInt32($1) }
        }

        func contains(_ bidiClass: Int) -> Bool {
            (0..<32).contains(bidiClass) && mask & 1 << UInt32(bidiClass) != 0
        }
    }
}
