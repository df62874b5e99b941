extension ScriptContent {
    /// Decoding rounds: enough for double encoding (`&amp;#106;`, `%253C`), bounded so input cannot make
    /// the work grow.
    private static let decodingRounds = 3

    /// The text as a browser might finally see it: character references and percent-escapes decoded,
    /// repeatedly, then ASCII lower-cased.
    static func decoded(_ bytes: LinkSyntax.Bytes) -> [UInt8] {
        func lowercased<Bytes: Sequence<UInt8>>(_ text: Bytes) -> [UInt8] {
            text.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        }
        func isEncoded<Bytes: Sequence<UInt8>>(_ text: Bytes) -> Bool {
            text.contains { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "%") }
        }
        guard isEncoded(bytes) else { return lowercased(bytes) }
        var text = Array(bytes)
        for _ in 0..<decodingRounds {
            let next = decodeOnce(text)
            if next == text { break }
            text = next
            if !isEncoded(text) { break }
        }
        return lowercased(text)
    }

    private static func decodeOnce(_ text: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "%"), index + 2 < text.count, let high = hexValue(text[index + 1]),
                let low = hexValue(text[index + 2])
            {
                output.append(UInt8(high << 4 | low))
                index += 3
            } else if byte == UInt8(ascii: "&"), let (decoded, length) = characterReference(text, at: index) {
                output += decoded
                index += length
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    /// A numeric (`&#106;`, `&#x6A`, semicolon optional as browsers allow) or named character reference at
    /// `index`: its UTF-8 bytes and its length.
    private static func characterReference(_ text: [UInt8], at index: Int) -> ([UInt8], Int)? {
        var cursor = index + 1
        guard cursor < text.count else { return nil }
        if text[cursor] == UInt8(ascii: "#") {
            cursor += 1
            let hex = cursor < text.count && text[cursor] | 0x20 == UInt8(ascii: "x")
            if hex { cursor += 1 }
            let digitsStart = cursor
            var value: UInt32 = 0
            while cursor < text.count, cursor - digitsStart < 10,
                let digit = hex ? hexValue(text[cursor]) : decimalValue(text[cursor])
            {
                value = value &* (hex ? 16 : 10) &+ UInt32(digit)
                cursor += 1
            }
            guard cursor > digitsStart else { return nil }
            if cursor < text.count, text[cursor] == UInt8(ascii: ";") { cursor += 1 }
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            return (Array(String(scalar).utf8), cursor - index)
        }
        let nameStart = cursor
        while cursor < text.count, cursor - nameStart < 10, LinkSyntax.isASCIIAlphanumeric(text[cursor]) { cursor += 1 }
        let name = String(decoding: text[nameStart..<cursor], as: UTF8.self).lowercased()
        guard let replacement = namedReferences[name] else { return nil }
        let terminated = cursor < text.count && text[cursor] == UInt8(ascii: ";")
        guard terminated || legacyNames.contains(name) else { return nil }
        return (Array(replacement.utf8), cursor - index + (terminated ? 1 : 0))
    }

    /// References that spell the characters active content is made of.
    private static let namedReferences: [String: String] = [
        "lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t", "newline": "\n",
        "sol": "/", "bsol": "\\", "lpar": "(", "rpar": ")", "equals": "=", "semi": ";", "comma": ",",
        "period": ".", "excl": "!", "quest": "?", "num": "#", "percnt": "%", "lowbar": "_", "grave": "`",
        "nbsp": " ",
    ]

    /// Names browsers still decode without a semicolon.
    private static let legacyNames: Set<String> = ["lt", "gt", "amp", "quot", "nbsp"]

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - 0x30
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - 0x57
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - 0x37
        default: nil
        }
    }

    private static func decimalValue(_ byte: UInt8) -> UInt8? {
        byte >= 0x30 && byte <= 0x39 ? byte - 0x30 : nil
    }
}
