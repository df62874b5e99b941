/// Turns an approved comment body into HTML that is safe to publish.
///
/// - Every `&`, `<`, `>`, `"` and `'` is escaped; other Unicode is kept as it is.
/// - A blank line (empty or only spaces and tabs) separates `<p>` paragraphs; a single line break becomes
///   `<br>`. CRLF and CR count as LF; blank lines at the start and end are dropped.
/// - Control characters other than LF and tab (C0, DEL, C1) become U+FFFD, as HTML parsers treat NUL.
/// - `http://` and `https://` URLs and `www.` forms (given `https://`) become
///   `<a href="…" rel="nofollow ugc noopener">`, with the link's end decided by ``LinkSyntax`` so
///   trailing punctuation stays in the sentence. Bare domains ("example.com") stay text: linking them
///   would turn file names and sentence typos into links and hand spammers a clickable target.
///
/// The output contains no markup but `<p>`, `</p>`, `<br>`, `<a href="http…" rel="nofollow ugc noopener">`
/// and `</a>`, whatever the input. One pass over the UTF-8 bytes.
public enum HTMLRenderer {
    /// The body as HTML paragraphs; an empty or blank body gives an empty string.
    public static func render(_ body: String) -> String {
        render(body, wordAtATime: true)
    }

    /// - Parameter wordAtATime: whether plain text is passed over eight bytes at a time (always, but for
    ///   tests that compare the result with reading byte by byte).
    static func render(_ body: String, wordAtATime: Bool) -> String {
        var body = body
        return body.withUTF8 { bytes in
            // Links print their URL twice inside fixed markup; twice the input covers typical comments.
            var writer = HTMLWriter(capacity: bytes.count * 2 + 64, wordAtATime: wordAtATime)
            writer.render(bytes)
            return writer.string
        }
    }
}

/// The output buffer of one ``HTMLRenderer/render(_:)`` call.
struct HTMLWriter {
    private var output: [UInt8] = []
    private var paragraphOpen = false
    /// Line breaks seen since the last text: 1 is a `<br>`, 2 or more a new paragraph.
    private var pendingBreaks = 0

    private let wordAtATime: Bool

    init(capacity: Int, wordAtATime: Bool = true) {
        output.reserveCapacity(capacity)
        self.wordAtATime = wordAtATime
    }

    var string: String { String(decoding: output, as: UTF8.self) }

    mutating func render(_ bytes: LinkSyntax.Bytes) {
        var index = 0
        var atLineStart = true
        while index < bytes.count {
            if atLineStart {
                var probe = index
                while probe < bytes.count, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe += 1 }
                if probe == bytes.count { break }
                if bytes[probe] == 0x0A || bytes[probe] == 0x0D {
                    pendingBreaks += 1
                    index = Self.afterLineBreak(bytes, at: probe)
                    continue
                }
                openLine()
                atLineStart = false
            }
            index = appendText(bytes, from: index, stoppingAtLineBreak: true)
            guard index < bytes.count else { break }
            switch bytes[index] {
            case 0x0A, 0x0D:
                pendingBreaks = 1
                atLineStart = true
                index = Self.afterLineBreak(bytes, at: index)
            case UInt8(ascii: "h"), UInt8(ascii: "H"):
                index = appendLink(bytes, at: index, end: LinkSyntax.schemeURLEnd(in: bytes, at: index), prefix: "")
            default:  // w or W
                index = appendLink(bytes, at: index, end: LinkSyntax.wwwEnd(in: bytes, at: index), prefix: "https://")
            }
        }
        if paragraphOpen { append("</p>") }
    }

    private mutating func openLine() {
        if !paragraphOpen {
            append("<p>")
            paragraphOpen = true
        } else if pendingBreaks >= 2 {
            append("</p>\n<p>")
        } else {
            append("<br>\n")
        }
        pendingBreaks = 0
    }

    /// Writes a link from `start` to `end`, or just the one byte at `start` when no link starts there.
    private mutating func appendLink(_ bytes: LinkSyntax.Bytes, at start: Int, end: Int?, prefix: StaticString) -> Int {
        guard let end else {
            output.append(bytes[start])
            return start + 1
        }
        let url = LinkSyntax.Bytes(rebasing: bytes[start..<end])
        append("<a href=\"")
        append(prefix)
        _ = appendText(url, from: 0, stoppingAtLineBreak: false)
        append("\" rel=\"nofollow ugc noopener\">")
        _ = appendText(url, from: 0, stoppingAtLineBreak: false)
        append("</a>")
        return end
    }

    /// Copies escaped text from `start` and returns where it stopped: at the end or (when
    /// `stoppingAtLineBreak`) at a line break or where a link may start. Runs of plain bytes are copied
    /// whole.
    private mutating func appendText(_ bytes: LinkSyntax.Bytes, from start: Int, stoppingAtLineBreak: Bool) -> Int {
        var index = start
        let base = wordAtATime ? UnsafeRawPointer(bytes.baseAddress) : nil
        while index < bytes.count {
            let runStart = index
            while index < bytes.count {
                if let base, index + 8 <= bytes.count {
                    // Eight bytes at once up to the first that may need more than copying (a tab or an
                    // `h` that starts no link is then copied one at a time).
                    let special = Self.mayBeSpecial(ByteScan.word(base, at: index))
                    if special == 0 {
                        index += 8
                        continue
                    }
                    index += special.trailingZeroBitCount / 8
                }
                let byte = bytes[index]
                let copied = Self.isPlain(byte)
                    || (byte | 0x20 == UInt8(ascii: "h") || byte | 0x20 == UInt8(ascii: "w"))
                        && !(stoppingAtLineBreak && Self.mayStartLink(bytes, at: index))
                guard copied else { break }
                index += 1
            }
            output.append(contentsOf: LinkSyntax.Bytes(rebasing: bytes[runStart..<index]))
            guard index < bytes.count else { break }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                append(Self.entity(for: byte))
                index += 1
            case 0x0A, 0x0D, UInt8(ascii: "h"), UInt8(ascii: "H"), UInt8(ascii: "w"), UInt8(ascii: "W"):
                guard !stoppingAtLineBreak else { return index }
                output.append(byte)
                index += 1
            case 0xC2:
                // U+0080...U+009F (C1 controls) are C2 80...C2 9F.
                if index + 1 < bytes.count, bytes[index + 1] < 0xA0 {
                    append("\u{FFFD}")
                    index += 2
                } else {
                    output.append(byte)
                    index += 1
                }
            default:  // C0 controls but tab, and DEL
                append("\u{FFFD}")
                index += 1
            }
        }
        return index
    }

    private mutating func append(_ text: StaticString) {
        output.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private static func afterLineBreak(_ bytes: LinkSyntax.Bytes, at index: Int) -> Int {
        bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? index + 2 : index + 1
    }

    private static func entity(for byte: UInt8) -> StaticString {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        default: "&#39;"
        }
    }

    /// The high bit of each byte of `word` that is not plain or may start a link set (with
    /// `ByteScan.zeroBytes`' caveat: only the lowest is exact), tabs too; 0 when all eight are plain.
    @inline(__always)
    private static func mayBeSpecial(_ word: UInt64) -> UInt64 {
        let folded = word | 0x2020_2020_2020_2020
        return ByteScan.below(word, 0x20) | ByteScan.equalBytes(word, UInt8(ascii: "\""))
            | ByteScan.equalBytes(word, UInt8(ascii: "&")) | ByteScan.equalBytes(word, UInt8(ascii: "'"))
            | ByteScan.equalBytes(word, UInt8(ascii: "<")) | ByteScan.equalBytes(word, UInt8(ascii: ">"))
            | ByteScan.equalBytes(word, 0x7F) | ByteScan.equalBytes(word, 0xC2)
            | ByteScan.equalBytes(folded, UInt8(ascii: "h")) | ByteScan.equalBytes(folded, UInt8(ascii: "w"))
    }

    /// Whether the `h` or `w` at `index` may start a link (`http`, `www.`); most do not and are copied
    /// with the text around them.
    @inline(__always)
    private static func mayStartLink(_ bytes: LinkSyntax.Bytes, at index: Int) -> Bool {
        bytes[index] | 0x20 == UInt8(ascii: "h")
            ? LinkSyntax.matchesIgnoringCase(bytes, at: index + 1, "ttp")
            : LinkSyntax.matchesIgnoringCase(bytes, at: index + 1, "ww.")
    }

    /// Bytes copied as they are: not `& < > " '`, not a control but tab, not a letter that may start a
    /// link, not C2 (which leads C1 controls). Bit masks rather than a table: a static table would be
    /// lazily initialised and checked on every byte.
    @inline(__always)
    private static func isPlain(_ byte: UInt8) -> Bool {
        if byte >= 0x80 { return byte != 0xC2 }
        let special: (low: UInt64, high: UInt64) = (0x5000_00C4_FFFF_FDFF, 0x8080_0100_0080_0100)
        let mask = byte < 64 ? special.low >> byte : special.high >> (byte - 64)
        return mask & 1 == 0
    }
}
