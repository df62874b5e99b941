import ArgumentParser
import ModerationStore

struct RulesTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Try a word, block or policy change on the stored comments of the last N days, changing nothing.",
        discussion: """
            Each comment is judged now twice, with the current rules and with the change, on the same facts; \
            the report lists the comments whose verdict would be stronger (newly caught) or weaker (released). \
            It compares two judgements, not the decision stored with the comment.
            """,
        subcommands: [TestWordsCommand.self, TestBlockCommand.self, TestPolicyCommand.self]
    )
}

struct TestWordsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "words", abstract: "Try adding or removing a word-list entry.",
        subcommands: [TestWordsAddCommand.self, TestWordsRemoveCommand.self])
}

struct TestWordsAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Try `rules words add`.")

    @OptionGroup var rule: WordAddArguments
    @OptionGroup var backtest: BacktestOptions

    func run() async throws {
        let (entry, scope) = try rule.resolve()
        try await backtest.run("words add \(entry.action.rawValue) \(entry.pattern) \(scope.described)",
                               command: "rules test") { _ in .addWord(entry, scope: scope) }
    }
}

struct TestWordsRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Try `rules words remove`.")

    @OptionGroup var selection: WordRemoveArguments
    @OptionGroup var backtest: BacktestOptions

    func run() async throws {
        let selector = try selection.resolve()
        let what: String = switch selector {
        case .ids(let ids): "words remove --id " + ids.map(String.init).joined(separator: " --id ")
        case .pattern(let pattern, let action, let scope):
            "words remove \(action.map { "\($0.rawValue) " } ?? "")\(pattern) \(scope.described)"
        }
        try await backtest.run(what, command: "rules test") { _ in .removeWords(selector) }
    }
}

struct TestBlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "block", abstract: "Try adding or removing a block.",
        subcommands: [TestBlockAddCommand.self, TestBlockRemoveCommand.self])
}

struct TestBlockAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Try `rules block add` (as if active now, whatever --expires says).")

    @OptionGroup var block: BlockAddArguments
    @OptionGroup var backtest: BacktestOptions

    func run() async throws {
        let (target, scope, _, reason) = try block.resolve()
        try await backtest.run("block add \(target.kind.rawValue) \(target.value) \(scope.described)",
                               command: "rules test") { _ in .addBlock(target, scope: scope, reason: reason) }
    }
}

struct TestBlockRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Try `rules block remove`.")

    @OptionGroup var selection: BlockRemoveArguments
    @OptionGroup var backtest: BacktestOptions

    func run() async throws {
        let selector = try selection.resolve()
        let what: String = switch selector {
        case .ids(let ids): "block remove " + ids.map(String.init).joined(separator: " ")
        case .target(let target, let scope):
            "block remove \(target.kind.rawValue) \(target.value)\(scope.map { " \($0.described)" } ?? "")"
        }
        try await backtest.run(what, command: "rules test") { _ in .removeBlocks(selector) }
    }
}

struct TestPolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Try setting or unsetting policy keys.",
        subcommands: [TestPolicySetCommand.self, TestPolicyUnsetCommand.self])
}

struct TestPolicySetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set", abstract: "Try `rules policy set`.")

    @OptionGroup var change: PolicySetArguments
    @OptionGroup var backtest: BacktestOptions

    func run() async throws {
        let (site, settings) = try change.resolve()
        try await test(site: site, settings: settings, unset: change.unset, backtest: backtest)
    }
}

struct TestPolicyUnsetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unset", abstract: "Try `rules policy unset`.")

    @OptionGroup var change: PolicyUnsetArguments
    @OptionGroup var backtest: BacktestOptions

    func run() async throws {
        guard let site = try RuleInput.scope(change.site).siteID else { throw CommandFailure.usage("--site is required") }
        try await test(site: site, settings: [], unset: change.keys, backtest: backtest)
    }
}

private func test(site: String, settings: [PolicySetting], unset: [String], backtest: BacktestOptions) async throws {
    try PolicyInput.requireChange(settings, unset: unset)
    let what = (settings.map { "\($0.key)=\($0.json)" } + unset.map { "unset \($0)" }).joined(separator: " ")
    try await backtest.run("policy \(what) for site \(site)", command: "rules test") { db in
        let change = try await PolicyChange.resolve(site: site, settings: settings, unset: unset, on: db)
        return .policy(site: change.site, setting: change.settings, unsetting: change.unset)
    }
}
