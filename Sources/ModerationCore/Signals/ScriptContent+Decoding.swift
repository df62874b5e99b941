extension ScriptContent {
    /// Decoding rounds: enough for double encoding (`&amp;#106;`, `%253C`), bounded so input cannot make
    /// the work grow.
    private static let decodingRounds = 3

    /// The text as a browser might finally see it: character references and percent-escapes decoded,
    /// repeatedly, then ASCII lower-cased.
    static func decoded(_ bytes: LinkSyntax.Bytes) -> [UInt8] {
        func isEncoded(_ text: LinkSyntax.Bytes) -> Bool {
            ByteScan.firstIndex(of: UInt8(ascii: "&"), or: UInt8(ascii: "%"), in: text, text.indices) < text.count
        }
        guard isEncoded(bytes) else { return lowercased(bytes) }
        var text = Array(bytes)
        for _ in 0..<decodingRounds {
            guard let next = decodeOnce(text) else { break }
            text = next
            if !text.withUnsafeBufferPointer(isEncoded) { break }
        }
        return text.withUnsafeBufferPointer(lowercased)
    }

    /// The bytes with ASCII letters lower-cased.
    static func lowercased(_ text: LinkSyntax.Bytes) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: text.count) { output, count in
            func lowercase(_ range: Range<Int>) {
                for index in range {
                    let byte = text[index]
                    output[index] = byte &- 0x41 < 26 ? byte | 0x20 : byte
                }
            }
            var index = 0
            if let source = UnsafeRawPointer(text.baseAddress), let target = UnsafeMutableRawPointer(output.baseAddress) {
                // Eight ASCII bytes at once: 0x20 added to each byte from `A` to `Z` (the flag of the first
                // addition, without the second's, shifted to bit 5).
                while index + 8 <= text.count {
                    let word = ByteScan.word(source, at: index)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        let upper = (word &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(word &+ 0x2525_2525_2525_2525) & 0x8080_8080_8080_8080
                        target.storeBytes(of: (word | upper >> 2).littleEndian, toByteOffset: index, as: UInt64.self)
                    } else {
                        lowercase(index..<index + 8)
                    }
                    index += 8
                }
            }
            lowercase(index..<text.count)
            count = text.count
        }
    }

    /// One round of decoding; nil when nothing in `text` decodes.
    private static func decodeOnce(_ text: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        var index = 0
        // Bytes from here to `index` are copied as they are, in one go.
        var plainStart = 0
        while case let next = text.withUnsafeBufferPointer({
            ByteScan.firstIndex(of: UInt8(ascii: "%"), or: UInt8(ascii: "&"), in: $0, index..<$0.count)
        }), next < text.count {
            index = next
            let byte = text[index]
            let decoded: ([UInt8], Int)?
            if byte == UInt8(ascii: "%"), index + 2 < text.count, let high = hexValue(text[index + 1]),
                let low = hexValue(text[index + 2])
            {
                decoded = ([UInt8(high << 4 | low)], 3)
            } else if byte == UInt8(ascii: "&") {
                decoded = characterReference(text, at: index)
            } else {
                decoded = nil
            }
            guard let (replacement, length) = decoded else {
                index += 1
                continue
            }
            if output.isEmpty { output.reserveCapacity(text.count) }
            output += text[plainStart..<index]
            output += replacement
            index += length
            plainStart = index
        }
        guard plainStart > 0 else { return nil }
        output += text[plainStart...]
        return output
    }

    /// A numeric (`&#106;`, `&#x6A`, semicolon optional as browsers allow) or named character reference at
    /// `index`: its UTF-8 bytes and its length.
    static func characterReference(_ text: [UInt8], at index: Int) -> ([UInt8], Int)? {
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

    static func hexValue(_ byte: UInt8) -> UInt8? {
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
