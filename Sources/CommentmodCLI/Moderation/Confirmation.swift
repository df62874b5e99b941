import Foundation

/// Asks before a command changes many things at once. Without a terminal to ask on, it refuses rather
/// than guessing: scripts say `--yes`.
enum Confirmation {
    static func confirm(_ question: String, assumeYes: Bool) throws -> Bool {
        if assumeYes { return true }
        guard isatty(STDIN_FILENO) == 1 else {
            throw CommandFailure.usage("\(question.trimmingCharacters(in: .punctuationCharacters)): needs confirmation; pass --yes (standard input is not a terminal)")
        }
        // The preview printed before the question must reach the terminal first.
        fflush(nil)
        FileHandle.standardError.write(Data("\(question) [y/N] ".utf8))
        guard let answer = readLine() else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
