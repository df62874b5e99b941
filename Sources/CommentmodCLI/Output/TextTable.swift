/// Aligned columns for people at a terminal. Cells are one line each: line breaks and tabs become spaces,
/// control and bidirectional characters are shown escaped (a comment cannot drive the moderator's
/// terminal), and a column with a width limit shortens its cells with "…".
struct TextTable {
    struct Column {
        let title: String
        var maxWidth: Int?
        var alignRight = false
        /// Applied after padding, so escape sequences never count towards the width.
        var paint: (@Sendable (String, TextStyle) -> String)?

        init(_ title: String, maxWidth: Int? = nil, alignRight: Bool = false,
             paint: (@Sendable (String, TextStyle) -> String)? = nil) {
            self.title = title
            self.maxWidth = maxWidth
            self.alignRight = alignRight
            self.paint = paint
        }
    }

    var columns: [Column]
    private(set) var rows: [[String]] = []

    init(_ columns: [Column]) {
        self.columns = columns
    }

    mutating func append(_ cells: [String]) {
        rows.append(columns.indices.map { index in
            let text = index < cells.count ? Self.oneLine(cells[index]) : ""
            return Self.shorten(text, to: columns[index].maxWidth)
        })
    }

    func render(style: TextStyle) -> String {
        var widths = columns.map { Self.width(of: $0.title) }
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], Self.width(of: cell)) }
        }
        var lines: [String] = []
        let header = columns.enumerated().map { index, column in
            pad(column.title, to: widths[index], right: column.alignRight, last: index == columns.count - 1)
        }
        lines.append(style.bold(header.joined(separator: "  ")))
        for row in rows {
            let cells = row.enumerated().map { index, cell in
                let padded = pad(cell, to: widths[index], right: columns[index].alignRight, last: index == row.count - 1)
                return columns[index].paint.map { $0(padded, style) } ?? padded
            }
            lines.append(cells.joined(separator: "  "))
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, to width: Int, right: Bool, last: Bool) -> String {
        let fill = String(repeating: " ", count: max(0, width - Self.width(of: text)))
        if right { return fill + text }
        return last ? text : text + fill
    }

    /// `text` on one line and safe for a terminal, runs of white space collapsed.
    static func oneLine(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace { result.unicodeScalars.append(" ") }
            pendingSpace = false
            result.unicodeScalars.append(scalar)
        }
        return TextStyle.visible(result)
    }

    /// At most `limit` columns wide, ending in "…" when something was cut.
    static func shorten(_ text: String, to limit: Int?) -> String {
        guard let limit, width(of: text) > limit else { return text }
        var result = ""
        var used = 0
        for character in text {
            let w = width(of: character)
            if used + w > limit - 1 { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }

    static func width(of text: String) -> Int {
        text.reduce(0) { $0 + width(of: $1) }
    }

    /// Terminal columns a character takes: two for East Asian wide and fullwidth forms and emoji, else
    /// one. Approximate by block, which is what alignment needs; nothing is decided by it.
    static func width(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
