import Testing

@testable import ModerationCore

/// The renderer copies text as slices of the body's string and skips `h`/`w` that no `http`/`www.`
/// follows eight bytes at a time; a plain byte-by-byte renderer written from its documented rules, which
/// builds bytes and decodes them once, gives the same HTML on every corpus text and on texts built around
/// the cases those shortcuts treat specially (link starts at every offset, NBSP and C1 controls, both
/// encoded with a C2 lead byte, entities, line breaks).
@Suite struct RenderReferenceTests {
    /// The documented rules, one byte at a time.
    static func reference(_ body: String) -> String {
        let bytes = Array(body.utf8)
        var output: [UInt8] = []
        func append(_ text: String) { output += Array(text.utf8) }
        func escaped(_ range: Range<Int>) {
            var index = range.lowerBound
            while index < range.upperBound {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "&"): append("&amp;")
                case UInt8(ascii: "<"): append("&lt;")
                case UInt8(ascii: ">"): append("&gt;")
                case UInt8(ascii: "\""): append("&quot;")
                case UInt8(ascii: "'"): append("&#39;")
                case 0x09, 0x0A, 0x0D: output.append(byte)
                case 0..<0x20, 0x7F: append("\u{FFFD}")
                case 0xC2 where index + 1 < range.upperBound && bytes[index + 1] < 0xA0:
                    append("\u{FFFD}")
                    index += 1
                default: output.append(byte)
                }
                index += 1
            }
        }
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            var paragraphOpen = false
            var breaks = 0
            while index < bytes.count {
                var lineEnd = index
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A, bytes[lineEnd] != 0x0D { lineEnd += 1 }
                let next = lineEnd < bytes.count && bytes[lineEnd] == 0x0D && lineEnd + 1 < bytes.count
                    && bytes[lineEnd + 1] == 0x0A ? lineEnd + 2 : lineEnd + 1
                if bytes[index..<lineEnd].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    if lineEnd < bytes.count { breaks += 1 }
                    index = next
                    continue
                }
                append(!paragraphOpen ? "<p>" : breaks >= 2 ? "</p>\n<p>" : "<br>\n")
                paragraphOpen = true
                breaks = 1
                var position = index
                var textStart = index
                while position < lineEnd {
                    let byte = bytes[position] | 0x20
                    var end: Int?
                    var prefix = ""
                    if byte == UInt8(ascii: "h"), LinkSyntax.matchesIgnoringCase(buffer, at: position + 1, "ttp") {
                        end = LinkSyntax.schemeURLEnd(in: buffer, at: position)
                    } else if byte == UInt8(ascii: "w"), LinkSyntax.matchesIgnoringCase(buffer, at: position + 1, "ww.") {
                        end = LinkSyntax.wwwEnd(in: buffer, at: position)
                        prefix = "https://"
                    }
                    guard let end else {
                        position += 1
                        continue
                    }
                    escaped(textStart..<position)
                    append("<a href=\"" + prefix)
                    escaped(position..<end)
                    append("\" rel=\"nofollow ugc noopener\">")
                    escaped(position..<end)
                    append("</a>")
                    position = end
                    textStart = end
                }
                escaped(textStart..<max(textStart, lineEnd))
                index = max(next, position)
            }
            if paragraphOpen { append("</p>") }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Link starts, C2-led characters, entities and breaks at every offset around the eight-byte steps.
    static let shaped: [String] = {
        let parts = [
            "http://a.example/x", "HTTPS://b.example", "www.c.example", "hat", "w.x", "h", "w", "ttp", "\u{A0}",
            "\u{85}", "\u{9F}", "\u{A9}", "&", "\"", "'", "<", ">", "\t", "\r\n", "\n\n", "\u{7F}", "\u{1}", "é", "😀",
        ]
        var texts: [String] = []
        for (index, part) in parts.enumerated() {
            for padding in 0..<12 {
                let filler = String(repeating: "x", count: padding)
                let other = parts[(index * 7 + padding) % parts.count]
                texts.append(filler + part + " " + other + filler + part)
            }
        }
        return texts
    }()

    @Test func rendersAsTheByteByByteRulesDo() {
        var mismatches: [String] = []
        for text in FastPathCorpus.texts + Self.shaped {
            let expected = Self.reference(text)
            for rendered in [HTMLRenderer.render(text), HTMLRenderer.render(text, wordAtATime: false)]
            where !rendered.utf8.elementsEqual(expected.utf8) {
                mismatches.append(text.debugDescription)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
