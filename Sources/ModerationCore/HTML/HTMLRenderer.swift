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
        var body = body
        return body.withUTF8 { bytes in
            var writer = HTMLWriter(capacity: bytes.count + bytes.count / 8 + 16)
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

    init(capacity: Int) {
        output.reserveCapacity(capacity)
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

    /// Copies escaped text from `start` and returns where it stopped: at the end, at a line break or
    /// (when `stoppingAtLineBreak`) at a letter that may start a link. Runs of plain bytes are copied whole.
    private mutating func appendText(_ bytes: LinkSyntax.Bytes, from start: Int, stoppingAtLineBreak: Bool) -> Int {
        var index = start
        while index < bytes.count {
            let runStart = index
            while index < bytes.count, Self.byteClass[Int(bytes[index])] == .plain { index += 1 }
            output.append(contentsOf: LinkSyntax.Bytes(rebasing: bytes[runStart..<index]))
            guard index < bytes.count else { break }
            let byte = bytes[index]
            switch Self.byteClass[Int(byte)] {
            case .plain:
                break
            case .escaped:
                append(Self.entity(for: byte))
                index += 1
            case .control:
                append("\u{FFFD}")
                index += 1
            case .lead2:
                // U+0080...U+009F (C1 controls) are C2 80...C2 9F.
                if index + 1 < bytes.count, bytes[index + 1] < 0xA0 {
                    append("\u{FFFD}")
                    index += 2
                } else {
                    output.append(byte)
                    index += 1
                }
            case .lineBreak, .linkStart:
                if stoppingAtLineBreak { return index }
                output.append(byte)
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

    private enum ByteClass {
        case plain, escaped, control, lead2, lineBreak, linkStart
    }

    private static let byteClass: [ByteClass] = (0..<256).map { value in
        let byte = UInt8(value)
        switch byte {
        case 0x0A, 0x0D: return .lineBreak
        case 0x09: return .plain
        case 0x00...0x1F, 0x7F: return .control
        case 0xC2: return .lead2
        case _ where "&<>\"'".utf8.contains(byte): return .escaped
        case _ where "hHwW".utf8.contains(byte): return .linkStart
        default: return .plain
        }
    }
}
