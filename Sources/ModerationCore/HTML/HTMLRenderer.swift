import ByteMasks

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

    /// - Parameter wordAtATime: whether plain text is passed over sixteen bytes at a time (always, but for
    ///   tests that compare the result with reading byte by byte).
    static func render(_ body: String, wordAtATime: Bool) -> String {
        var source = body
        return source.withUTF8 { HTMLWriter.render($0, wordAtATime: wordAtATime) }
    }
}

/// The output of one ``HTMLRenderer/render(_:)`` call, written as bytes into a buffer sized before
/// rendering and made a `String` once, at the end. Every byte written is ASCII markup, U+FFFD or a slice of
/// the body cut on scalar boundaries, so the result is valid UTF-8 by construction and is not checked again
/// (checking costs as much as rendering). Appending each slice and entity to a `String` instead cost about
/// 700 instructions an append.
struct HTMLWriter {
    /// The body's UTF-8.
    private let bytes: LinkSyntax.Bytes
    private let output: UnsafeMutableBufferPointer<UInt8>
    /// Bytes written so far.
    private var count = 0
    /// Whether a write did not fit: the output is then incomplete, and rendering is done again with room
    /// for more.
    private var isFull = false
    private var paragraphOpen = false
    /// Line breaks seen since the last text: 1 is a `<br>`, 2 or more a new paragraph.
    private var pendingBreaks = 0

    private let wordAtATime: Bool

    /// Whether the 64-byte masks are taken with AVX2 (`cm_html_special64_avx2`, in half the instructions
    /// of the SSE2 `cm_html_special64`), asked of the processor once. Rendering a kilobyte spends half its
    /// instructions on these masks.
    static let hasAVX2 = cm_body_level_supported(CM_BODY_AVX2) != 0

    /// `bytes` (valid UTF-8) as HTML.
    static func render(_ bytes: LinkSyntax.Bytes, wordAtATime: Bool) -> String {
        // Links print their URL twice inside fixed markup, and each escape takes four to six bytes: twice
        // the input is room for a typical comment. A text of quotes or links needs more, and gets it.
        var capacity = bytes.count * 2 + 64
        while true {
            if let html = render(bytes, capacity: capacity, wordAtATime: wordAtATime) { return html }
            capacity *= 4
        }
    }

    /// `bytes` as HTML when that fits in `capacity` bytes; nil when it does not.
    private static func render(_ bytes: LinkSyntax.Bytes, capacity: Int, wordAtATime: Bool) -> String? {
        // Up to a kilobyte lives on the stack (larger temporary allocations ask the runtime about the
        // stack's bounds, which costs more than a malloc).
        guard capacity > 1024 else {
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) {
                render(bytes, into: $0, wordAtATime: wordAtATime)
            }
        }
        // A body of a kilobyte or two, the common one, renders into a fixed buffer on the stack: zeroing
        // it costs a fifth of a malloc and free of that size (which glibc serves from its bins, not its
        // per-thread cache). The buffer is tried whenever the first attempt's room is at most twice its
        // size: most bodies need little more than their own length, and one that does not fit is rendered
        // again with a larger heap buffer, as any other.
        // 2048 bytes: glibc zeroes more with `rep stosb`, whose cost grows with the size.
        if capacity <= 4096, #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
            var storage = InlineArray<2048, UInt8>(repeating: 0)
            var span = storage.mutableSpan
            if let html = span.withUnsafeMutableBufferPointer({ render(bytes, into: $0, wordAtATime: wordAtATime) }) {
                return html
            }
        }
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        return render(bytes, into: buffer, wordAtATime: wordAtATime)
    }

    private static func render(
        _ bytes: LinkSyntax.Bytes, into output: UnsafeMutableBufferPointer<UInt8>, wordAtATime: Bool
    ) -> String? {
        var writer = HTMLWriter(bytes: bytes, output: output, wordAtATime: wordAtATime)
        writer.render()
        guard !writer.isFull else { return nil }
        let written = UnsafeBufferPointer(rebasing: output[..<writer.count])
        // Valid UTF-8 by construction (see the type's comment). Apple platforms have UTF8Span from their
        // 26 releases only (always on Linux): before them the bytes are checked as they are copied.
        if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
            return String(copying: UTF8Span(unchecked: written.span))
        }
        return String(decoding: written, as: UTF8.self)
    }

    private init(bytes: LinkSyntax.Bytes, output: UnsafeMutableBufferPointer<UInt8>, wordAtATime: Bool) {
        self.bytes = bytes
        self.output = output
        self.wordAtATime = wordAtATime
    }

    private mutating func render() {
        let bytes = self.bytes
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
            index = appendText(bytes, from: index, to: bytes.count, stoppingAtLineBreak: true)
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
        if paragraphOpen { write("</p>") }
    }

    private mutating func openLine() {
        if !paragraphOpen {
            write("<p>")
            paragraphOpen = true
        } else if pendingBreaks >= 2 {
            write("</p>\n<p>")
        } else {
            write("<br>\n")
        }
        pendingBreaks = 0
    }

    /// Writes a link from `start` to `end`, or just the one byte at `start` when no link starts there.
    private mutating func appendLink(_ bytes: LinkSyntax.Bytes, at start: Int, end: Int?, prefix: StaticString) -> Int {
        guard let end else {
            appendSource(start..<start + 1)
            return start + 1
        }
        write("<a href=\"")
        write(prefix)
        _ = appendText(bytes, from: start, to: end, stoppingAtLineBreak: false)
        write("\" rel=\"nofollow ugc noopener\">")
        _ = appendText(bytes, from: start, to: end, stoppingAtLineBreak: false)
        write("</a>")
        return end
    }

    /// Copies escaped text from `start` up to `end` and returns where it stopped: at `end` or (when
    /// `stoppingAtLineBreak`) at a line break or where a link may start. Runs of plain bytes are copied
    /// whole.
    private mutating func appendText(
        _ bytes: LinkSyntax.Bytes, from start: Int, to end: Int, stoppingAtLineBreak: Bool
    ) -> Int {
        var index = start
        let start64 = wordAtATime ? bytes.baseAddress : nil
        let base = UnsafeRawPointer(start64)
        // The bytes from `chunk` that may need more than copying, 64 of them classified at once and read
        // bit by bit as the text is copied, so that each byte is classified once however many escapes,
        // apostrophes or letters that start no link lie among them.
        var chunk = -64
        var special: UInt64 = 0
        let avx2 = Self.hasAVX2
        while index < end {
            let runStart = index
            while index < end {
                if let start64, index &+ 67 <= end {
                    // The mask's test reads three bytes past the 64, as the block test below.
                    if index >= chunk &+ 64 {
                        chunk = index
                        special = avx2 ? cm_html_special64_avx2(start64 + index) : cm_html_special64(start64 + index)
                    }
                    let pending = special & ~0 &<< UInt64(index &- chunk)
                    guard pending != 0 else {
                        index = chunk &+ 64
                        continue
                    }
                    index = chunk &+ pending.trailingZeroBitCount
                } else if let base, index &+ BlockScan.width &+ 3 <= end {
                    // Sixteen bytes at once (with the three after them, to see whether an `h` or `w` is
                    // followed where a link's `http` or `www.` would be) up to the first that may need more
                    // than copying.
                    guard let lane = BlockScan.firstLane(Self.mayBeSpecial(base, at: index)) else {
                        index &+= BlockScan.width
                        continue
                    }
                    index &+= lane
                }
                let byte = bytes[index]
                if Self.isPlain(byte)
                    || (byte | 0x20 == UInt8(ascii: "h") || byte | 0x20 == UInt8(ascii: "w"))
                        && !(stoppingAtLineBreak && Self.mayStartLink(bytes, at: index))
                {
                    index += 1
                } else if byte == 0xC2, index + 1 < end, bytes[index + 1] >= 0xA0 {
                    // U+00A0...U+00BF: kept, both bytes, so that the run ends on a scalar boundary.
                    index += 2
                } else {
                    break
                }
            }
            appendSource(runStart..<index)
            guard index < end else { break }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                writeEntity(for: byte)
                index += 1
            case 0x0A, 0x0D, UInt8(ascii: "h"), UInt8(ascii: "H"), UInt8(ascii: "w"), UInt8(ascii: "W"):
                guard !stoppingAtLineBreak else { return index }
                appendSource(index..<index + 1)
                index += 1
            case 0xC2:
                // U+0080...U+009F (C1 controls) are C2 80...C2 9F: the run stopped at one.
                write("\u{FFFD}")
                index += index + 1 < end ? 2 : 1
            default:  // C0 controls but tab, and DEL
                write("\u{FFFD}")
                index += 1
            }
        }
        return index
    }

    /// Appends the body's bytes `range` as they are. Every range the renderer copies lies on scalar
    /// boundaries; a bound that did not would be moved back to the start of its scalar (as a `String`'s
    /// scalar view does with such an index), so that the output stays valid UTF-8 whatever happens.
    private mutating func appendSource(_ range: Range<Int>) {
        guard !range.isEmpty, let base = bytes.baseAddress else { return }
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower > 0, bytes[lower] & 0xC0 == 0x80 { lower -= 1 }
        while upper < bytes.count, upper > 0, bytes[upper] & 0xC0 == 0x80 { upper -= 1 }
        guard lower < upper else { return }
        write(base + lower, count: upper - lower)
    }

    /// Writes `length` bytes from `source`, or notes that they do not fit.
    @inline(__always)
    private mutating func write(_ source: UnsafePointer<UInt8>, count length: Int) {
        guard length <= output.count &- count, let start = output.baseAddress else {
            isFull = true
            return
        }
        (start + count).update(from: source, count: length)
        count &+= length
    }

    /// Writes the entity for `byte` (`&`, `<`, `>`, `"` or `'`). With room for eight bytes, its bytes are
    /// stored as one word (the bytes after it are overwritten by what follows or lie past the output)
    /// rather than copied by `memcpy`, a call of twenty instructions for five bytes: apostrophes are
    /// common in comments.
    @inline(__always)
    private mutating func writeEntity(for byte: UInt8) {
        guard output.count &- count >= 8, let start = output.baseAddress else {
            write(Self.entity(for: byte))
            return
        }
        // The entities' UTF-8, first byte lowest.
        let (word, length): (UInt64, Int) = switch byte {
        case UInt8(ascii: "&"): (0x3B_70_6D_61_26, 5)  // &amp;
        case UInt8(ascii: "<"): (0x3B_74_6C_26, 4)  // &lt;
        case UInt8(ascii: ">"): (0x3B_74_67_26, 4)  // &gt;
        case UInt8(ascii: "\""): (0x3B_74_6F_75_71_26, 6)  // &quot;
        default: (0x3B_39_33_23_26, 5)  // &#39;
        }
        UnsafeMutableRawPointer(start + count).storeBytes(of: word.littleEndian, as: UInt64.self)
        count &+= length
    }

    /// Writes markup, an entity or U+FFFD.
    @inline(__always)
    private mutating func write(_ text: StaticString) {
        write(text.utf8Start, count: text.utf8CodeUnitCount)
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

    /// The lanes of the sixteen bytes at `index` that are not plain, or are an `h` three bytes before a
    /// `p` or a `w` three before a dot; none when all sixteen are plain or letters that start no link.
    /// Tabs and `#` are flagged too: what is flagged is looked at again byte by byte.
    @inline(__always)
    private static func mayBeSpecial(_ base: UnsafeRawPointer, at index: Int) -> BlockScan.Mask {
        let block = BlockScan.load(base, at: index)
        let later = BlockScan.load(base, at: index &+ 3)
        let lower = block | BlockScan.splat(0x20)
        let http = BlockScan.equal(lower, UInt8(ascii: "h")) .& BlockScan.equal(later | BlockScan.splat(0x20), UInt8(ascii: "p"))
        let www = BlockScan.equal(lower, UInt8(ascii: "w")) .& BlockScan.equal(later, UInt8(ascii: "."))
        let controls = BlockScan.inRange(block, 0x00, 0x1F) .| BlockScan.equal(block, 0x7F) .| BlockScan.equal(block, 0xC2)
        // Masking bits lets one comparison find `"`, `#`, `&` and `'` (0x22, 0x23, 0x26, 0x27), and one
        // `<` and `>` (0x3C, 0x3E).
        let quotes = BlockScan.equal(block & BlockScan.splat(0xFA), 0x22)
        let angles = BlockScan.equal(block & BlockScan.splat(0xFD), UInt8(ascii: "<"))
        return http .| www .| controls .| quotes .| angles
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
