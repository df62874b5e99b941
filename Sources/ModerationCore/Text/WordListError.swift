/// A word list or entry that can't be used, with the line it is on when it came from a file.
public struct WordListError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based line number in the parsed text, when the entry came from one.
    public let line: Int?
    public let message: String

    public init(line: Int? = nil, message: String) {
        self.line = line
        self.message = message
    }

    /// "line 3: unknown action 'rejekt' (expected reject, hold, flag or allow)"
    public var description: String {
        if let line { "line \(line): \(message)" } else { message }
    }

    /// The same error, located at `line`.
    func at(line: Int) -> WordListError { WordListError(line: line, message: message) }
}
