import ArgumentParser
import Foundation
import ModerationCore
import ModerationStore

struct RulesWordsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "words",
        abstract: "Word-list entries (ACTION PATTERN), per site or for every site.",
        subcommands: [WordsAddCommand.self, WordsRemoveCommand.self, WordsListCommand.self, WordsImportCommand.self,
                      WordsExportCommand.self]
    )
}

struct WordsAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an entry; one already listed is reported, not doubled.")

    @OptionGroup var rule: WordAddArguments
    @OptionGroup var moderator: ModeratorOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (entry, scope) = try rule.resolve()
        let actor = try moderator.actor()
        let (added, isNew) = try await RulesSession.run(database, command: "rules words add") { db in
            try await WordRuleStore.add(entry, scope: scope, actor: actor, on: db)
        }
        let text = "\(added.action.rawValue) \(TextStyle.visible(added.pattern)) \(scope.described)"
        print(isNew ? "added word rule \(added.id): \(text)" : "already listed as word rule \(added.id): \(text)")
    }
}

struct WordsRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove entries by pattern (and action, site) or by id; exit 1 if none matched.")

    @OptionGroup var selection: WordRemoveArguments
    @OptionGroup var moderator: ModeratorOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let selector = try selection.resolve()
        let actor = try moderator.actor()
        let removed = try await RulesSession.run(database, command: "rules words remove") { db in
            try await WordRuleStore.remove(selector, actor: actor, on: db)
        }
        for rule in removed {
            print("removed word rule \(rule.id): \(rule.action.rawValue) \(TextStyle.visible(rule.pattern)) \(rule.scope.described)")
        }
    }
}

struct WordsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List entries: all, or those that apply to one site (its own and every site's).")

    @Option(help: ArgumentHelp("Only the entries that apply to this site.", valueName: "site"))
    var site: String?

    @Flag(help: "Print a JSON array of {id, site_id, action, pattern, created_at, created_by}.")
    var json = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let listing = try RuleInput.listing(site)
        let rules = try await RulesSession.run(database, command: "rules words list") { db in
            try await SitePolicyStore.requireSite(of: listing, on: db)
            return try await WordRuleStore.list(listing, on: db)
        }
        if json {
            print(try JSONOutput.encode(rules))
            return
        }
        if rules.isEmpty {
            print("no word rules")
            return
        }
        let now = Date()
        var table = TextTable([
            .init("id", alignRight: true), .init("site", maxWidth: 30), .init("action"), .init("pattern", maxWidth: 60),
            .init("created"), .init("by", maxWidth: 30),
        ])
        for rule in rules {
            table.append([
                String(rule.id), RulesText.site(rule.siteID), rule.action.rawValue, rule.pattern,
                RulesText.ago(rule.createdAt, now: now), rule.createdBy,
            ])
        }
        print(table.render(style: .forStandardOutput()))
    }
}

struct WordsImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add every entry of an ACTION PATTERN file in one transaction; a bad line changes nothing.")

    @Argument(help: ArgumentHelp("The file, or - for standard input.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The site's list (default: the list for every site).", valueName: "site"))
    var site: String?

    @Flag(help: "Make the list exactly the file: entries not in it are removed.")
    var replace = false

    @OptionGroup var moderator: ModeratorOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let scope = try RuleInput.scope(site)
        let actor = try moderator.actor()
        let entries = try WordListFile.read(file)
        let result = try await RulesSession.run(database, command: "rules words import") { db in
            try await WordRuleStore.importList(entries, scope: scope, replace: replace, actor: actor, on: db)
        }
        var parts = ["\(result.added.count) added", "\(result.alreadyPresent) already present"]
        if replace { parts.append("\(result.removed.count) removed") }
        print("imported \(TextStyle.visible(file == "-" ? "standard input" : file)) \(scope.described): "
            + parts.joined(separator: ", "))
    }
}

struct WordsExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print one list (a site's own, or every site's) as ACTION PATTERN lines, as import reads them.",
        discussion: "On a terminal, control characters in patterns are shown escaped; redirected, they are written as stored.")

    @Option(help: ArgumentHelp("The site's own list (default: the list for every site).", valueName: "site"))
    var site: String?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let scope = try RuleInput.scope(site)
        let rules = try await RulesSession.run(database, command: "rules words export") { db in
            try await SitePolicyStore.requireSite(scope, on: db)
            return try await WordRuleStore.list(.scope(scope), on: db)
        }
        var text = WordList.format(rules.map(\.entry))
        if isatty(STDOUT_FILENO) == 1 {
            text = text.split(separator: "\n").map { TextStyle.visible(String($0)) + "\n" }.joined()
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
