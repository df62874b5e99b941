import ArgumentParser
import ModerationCore
import ModerationStore

/// `ACTION PATTERN… [--site SITE]`, shared by `rules words add` and `rules test words add`.
struct WordAddArguments: ParsableArguments {
    @Argument(help: "reject, hold, flag or allow.")
    var action: String

    @Argument(help: ArgumentHelp(
        "The pattern: a word, a phrase (one argument or several words), `word*` or `*word`. Use -- before a pattern starting with -.",
        valueName: "pattern"))
    var pattern: [String] = []

    @Option(help: ArgumentHelp("The site whose list it joins (default: the list for every site).", valueName: "site"))
    var site: String?

    func resolve() throws -> (entry: WordListEntry, scope: RuleScope) {
        (try RuleInput.entry(action: action, pattern: pattern), try RuleInput.scope(site))
    }
}

/// `PATTERN… [--action A] [--site S]` or `--id N…`, shared by `rules words remove` and `rules test words remove`.
struct WordRemoveArguments: ParsableArguments {
    @Argument(help: ArgumentHelp("The pattern as listed.", valueName: "pattern"))
    var pattern: [String] = []

    @Option(help: ArgumentHelp("Only the entry with this action (default: any action).", valueName: "action"))
    var action: String?

    @Option(help: ArgumentHelp("The site's list (default: the list for every site).", valueName: "site"))
    var site: String?

    @Option(name: .customLong("id"), help: ArgumentHelp("Remove by id instead (repeatable).", valueName: "id"))
    var ids: [String] = []

    func resolve() throws -> WordRuleSelector {
        if !ids.isEmpty {
            guard pattern.isEmpty, action == nil, site == nil else {
                throw CommandFailure.usage("--id names entries on its own: drop the pattern, --action and --site")
            }
            return .ids(try RuleInput.ids(ids, what: "--id"))
        }
        guard !pattern.isEmpty else { throw CommandFailure.usage("give the pattern to remove, or --id N") }
        return .pattern(try RuleInput.pattern(pattern), action: try action.map(RuleInput.action), scope: try RuleInput.scope(site))
    }
}
