/// How email-validator (Python) writes characters and strings into its error messages, reproduced so the
/// messages read the same.
enum PythonText {
    /// `repr(text)`: quoted with `'` (or `"` when the text holds `'` but no `"`), escaping what Python escapes.
    static func repr(_ text: some Collection<Unicode.Scalar>) -> String {
        let quote: Unicode.Scalar = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var result = String(quote)
        for scalar in text {
            switch scalar {
            case quote, "\\": result += "\\" + String(scalar)
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\x" + hex(scalar.value, digits: 2, uppercase: false)
                } else if scalar.isASCII || ScalarProperties(scalar).isPythonPrintable {
                    result.unicodeScalars.append(scalar)
                } else if scalar.value <= 0xFF {
                    result += "\\x" + hex(scalar.value, digits: 2, uppercase: false)
                } else if scalar.value <= 0xFFFF {
                    result += "\\u" + hex(scalar.value, digits: 4, uppercase: false)
                } else {
                    result += "\\U" + hex(scalar.value, digits: 8, uppercase: false)
                }
            }
        }
        result.unicodeScalars.append(quote)
        return result
    }

    /// email-validator's `safe_character_display`: a visible character in quotes, anything else by its
    /// Unicode name or, lacking one, as U+XXXX.
    static func displayCharacter(_ scalar: Unicode.Scalar) -> String {
        if scalar == "\\" { return "\"\\\"" }
        if ScalarProperties(scalar).isLetterNumberPunctuationOrSymbol { return repr(CollectionOfOne(scalar)) }
        // Python formats with at least four digits below U+FFFF and eight from there on.
        let fallback = "U+" + hex(scalar.value, digits: scalar.value < 0xFFFF ? 4 : 8, uppercase: true)
        return UnicodeText.name(scalar) ?? fallback
    }

    /// `", ".join(sorted({display(c) for c in characters}))`: distinct displays in code-point order of the
    /// display text, as email-validator lists invalid characters.
    static func sortedDisplays(_ characters: some Sequence<Unicode.Scalar>) -> String {
        let displays = Set(characters.map(displayCharacter))
        return displays.sorted(by: codePointOrder).joined(separator: ", ")
    }

    /// `", ".join(display(c) for c in sorted(set(characters)))`: distinct characters in code-point order.
    static func displaysInCodePointOrder(_ characters: some Sequence<Unicode.Scalar>) -> String {
        Set(characters).sorted { $0.value < $1.value }.map(displayCharacter).joined(separator: ", ")
    }

    /// Python's `"U+%04X"` formatting of a code point, as the idna package writes them.
    static func codePoint(_ value: UInt32) -> String {
        "U+" + hex(value, digits: 4, uppercase: true)
    }

    /// Python compares strings by code point, not by Swift's canonical equivalence.
    static func codePointOrder(_ left: String, _ right: String) -> Bool {
        left.unicodeScalars.lexicographicallyPrecedes(right.unicodeScalars) { $0.value < $1.value }
    }

    static func hex(_ value: UInt32, digits: Int, uppercase: Bool) -> String {
        let text = String(value, radix: 16, uppercase: uppercase)
        return text.count >= digits ? text : String(repeating: "0", count: digits - text.count) + text
    }
}
