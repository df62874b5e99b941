import ArgumentParser

/// `commentmod rules …`: the word lists, blocks and policies the worker judges by, and `rules test` to
/// try a change on stored comments first.
struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Word lists, blocks and site policies; `rules test` tries a change on stored comments first.",
        discussion: "Every change is recorded in moderation.moderator_actions and reaches running workers at once.",
        subcommands: [RulesWordsCommand.self, RulesBlockCommand.self, RulesPolicyCommand.self, RulesTestCommand.self]
    )
}
