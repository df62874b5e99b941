extension WordList {
    /// Reads a word-list file: UTF-8, one `ACTION PATTERN` entry per line (`reject viagra`,
    /// `hold crypto giveaway`, `hold payday loan*`, `allow scunthorpe`). Blank lines and lines starting with
    /// `#` are ignored; LF or CRLF line ends; a leading byte-order mark is ignored. Every entry is validated
    /// as `init(entries:)` does, and the first bad line is reported with its number.
    public static func parse(_ text: String) throws(WordListError) -> [WordListEntry] {
        var entries: [WordListEntry] = []
        var number = 0
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            // Splitting valid UTF-8 at an ASCII byte leaves valid UTF-8.
            if let entry = try parseLine(String(decoding: line, as: UTF8.self), number: number) {
                entries.append(entry)
            }
        }
        return entries
    }

    /// Reads a word-list file from its bytes; invalid UTF-8 is an error naming the line.
    public static func parse(utf8 bytes: some Collection<UInt8>) throws(WordListError) -> [WordListEntry] {
        var entries: [WordListEntry] = []
        var number = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            guard let text = String(validating: line, as: UTF8.self) else {
                throw WordListError(line: number, message: "invalid UTF-8")
            }
            if let entry = try parseLine(text, number: number) { entries.append(entry) }
        }
        return entries
    }

    /// The file form of `entries`, one `action pattern` line each: `parse(format(list.entries))` gives
    /// `list.entries` back.
    public static func format(_ entries: [WordListEntry]) -> String {
        var text = ""
        for entry in entries { text += "\(entry.action.rawValue) \(entry.pattern)\n" }
        return text
    }

    private static func parseLine(_ rawLine: String, number: Int) throws(WordListError) -> WordListEntry? {
        var line = Substring(rawLine)
        if number == 1, line.unicodeScalars.first == "\u{FEFF}" { line = Substring(line.unicodeScalars.dropFirst()) }
        if line.unicodeScalars.last == "\r" { line = Substring(line.unicodeScalars.dropLast()) }
        let trimmed = WordPattern.trimmingWhitespace(String(line))
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return nil }
        let scalars = trimmed.unicodeScalars
        let actionEnd = scalars.firstIndex { $0.properties.isWhitespace } ?? scalars.endIndex
        let actionName = String(Substring(scalars[..<actionEnd]))
        guard let action = WordAction(rawValue: actionName.lowercased()) else {
            let expected = "expected reject, hold, flag or allow"
            throw WordListError(line: number, message: "unknown action '\(actionName)' (\(expected))")
        }
        let pattern = String(Substring(scalars[actionEnd...]))
        do {
            return WordListEntry(action: action, pattern: try WordPattern(pattern).text)
        } catch {
            throw error.at(line: number)
        }
    }
}
