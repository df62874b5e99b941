import UnicodeSupport

/// The Unicode properties of one code point that email validation asks about, as Python 3.11's
/// `unicodedata` (Unicode 14.0) and the `idna` package report them: code points assigned after Unicode 14.0
/// read as unassigned (see `cm_idna.h`).
struct ScalarProperties {
    private let info: UInt32

    init(_ scalar: Unicode.Scalar) {
        info = cm_char_info(scalar.value)
    }

    /// The general category, numbered as `CM_GC_*`.
    var category: Int { Int(info & 0x1F) }
    /// The bidi class, numbered as `CM_BIDI_*`; `CM_BIDI_NONE` for unassigned code points.
    var bidiClass: Int { Int((info >> 5) & 0x1F) }
    /// The canonical combining class.
    var combiningClass: Int { Int((info >> 10) & 0xFF) }
    /// The joining type, numbered as `CM_JT_*`.
    var joiningType: Int { Int((info >> 18) & 0x7) }
    /// The script among those RFC 5892's contextual rules name, numbered as `CM_SCRIPT_*`.
    var script: Int { Int((info >> 21) & 0x7) }
    /// The IDNA 2008 derived property value, numbered as `CM_IDNA_*`.
    var idnaClass: Int { Int((info >> 24) & 0x7) }
    /// Whether the code point's decomposition mapping contains U+002E FULL STOP.
    var decomposesToFullStop: Bool { (info >> 27) & 1 == 1 }

    /// The first letter of the general category's name, as Python's `unicodedata.category(c)[0]`.
    var majorCategory: MajorCategory {
        switch category {
        case Int(CM_GC_LU)...Int(CM_GC_LO): .letter
        case Int(CM_GC_MN)...Int(CM_GC_MC): .mark
        case Int(CM_GC_ND)...Int(CM_GC_NO): .number
        case Int(CM_GC_ZS)...Int(CM_GC_ZP): .separator
        case Int(CM_GC_PD)...Int(CM_GC_PO), Int(CM_GC_PI), Int(CM_GC_PF): .punctuation
        case Int(CM_GC_SM)...Int(CM_GC_SO): .symbol
        default: .other
        }
    }

    /// Letters, numbers, punctuation and symbols: what email-validator displays quoted and counts as safe.
    var isLetterNumberPunctuationOrSymbol: Bool {
        switch majorCategory {
        case .letter, .number, .punctuation, .symbol: true
        case .mark, .separator, .other: false
        }
    }

    /// Category Cc.
    var isControl: Bool { category == Int(CM_GC_CC) }

    /// Category Zs.
    var isSpaceSeparator: Bool { category == Int(CM_GC_ZS) }

    /// Python's `str.isspace` for one character: bidi class WS, B or S, or category Zs.
    var isPythonSpace: Bool {
        let bidi = bidiClass
        return bidi == Int(CM_BIDI_WS) || bidi == Int(CM_BIDI_B) || bidi == Int(CM_BIDI_S)
            || category == Int(CM_GC_ZS)
    }

    /// Python's `str.isprintable` for one non-space character: not a control, format, surrogate,
    /// private-use, unassigned or separator code point.
    var isPythonPrintable: Bool {
        switch majorCategory {
        case .other, .separator: false
        case .letter, .mark, .number, .punctuation, .symbol: true
        }
    }

    /// Whether the bidi class is one that makes a domain right-to-left (R, AL or AN).
    var isRightToLeftOrArabicNumber: Bool {
        let bidi = bidiClass
        return bidi == Int(CM_BIDI_R) || bidi == Int(CM_BIDI_AL) || bidi == Int(CM_BIDI_AN)
    }
}

/// The general-category groups, by the first letter of the category's name.
enum MajorCategory {
    case letter, mark, number, punctuation, symbol, separator, other
}
