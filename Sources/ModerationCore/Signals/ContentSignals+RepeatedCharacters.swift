extension ContentSignals {
    /// `repeated_characters` for each character (a user-perceived one: an emoji with its modifiers, a
    /// letter with its accents) repeated at least the policy's run length in a row; whitespace runs, such
    /// as indentation, are not reported.
    static func repeatedCharacterReasons(_ text: String, policy: ContentSignalPolicy) -> [Reason] {
        guard policy.repeatedCharacterRun >= 2 else { return [] }
        var longest: [Character: Int] = [:]
        var order: [Character] = []
        var current: Character?
        var run = 0
        func close() {
            guard let character = current, run >= policy.repeatedCharacterRun else { return }
            if longest[character] == nil { order.append(character) }
            longest[character] = max(longest[character] ?? 0, run)
        }
        for character in text {
            if character == current {
                run += 1
                continue
            }
            close()
            current = character.isWhitespace ? nil : character
            run = 1
        }
        close()
        return order.prefix(maximumReasonsPerSignal).map { character in
            let count = longest[character] ?? 0
            return Reason(
                code: "repeated_characters", field: .body, match: String(character), rule: "repeated_character_run",
                action: .approve, message: "The comment repeats \"\(character)\" \(count) times in a row."
            )
        }
    }
}
