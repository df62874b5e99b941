import ArgumentParser
import Foundation
import ModerationStore

struct AuthorBanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ban",
        abstract: "Block an email address, IP address or network (as `rules block add`): their comments become spam.")

    @Argument(help: ArgumentHelp("An email address, IP address or network.", valueName: "email-or-ip"))
    var author: String

    @Option(help: ArgumentHelp("The site it applies to (default: every site).", valueName: "site"))
    var site: String?

    @Option(help: ArgumentHelp("When it ends: 7d, 12h, 2w, a date or an RFC 3339 time (default: never).", valueName: "time"))
    var expires: String?

    @Option(help: ArgumentHelp("Why, for other moderators.", valueName: "text"))
    var reason: String?

    @OptionGroup var moderator: ModeratorOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let target = try RuleInput.authorBlock(author)
        let scope = try RuleInput.scope(site)
        let expiresAt = try RuleInput.expiry(expires)
        let why = try RuleInput.reason(reason)
        let actor = try moderator.actor()
        let (block, added) = try await RulesSession.run(database, command: "author ban") { db in
            try await BlockStore.add(target, scope: scope, expiresAt: expiresAt, reason: why, actor: actor,
                                     command: "author ban", on: db)
        }
        print(BlockText.added(block, isNew: added, now: Date()))
    }
}

struct AuthorUnbanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unban",
        abstract: "Remove the active blocks on exactly this email address, IP address or network; exit 1 if there were none.",
        discussion: "Blocks on a whole domain or a wider network still apply; they are listed afterwards.")

    @Argument(help: ArgumentHelp("An email address, IP address or network.", valueName: "email-or-ip"))
    var author: String

    @Option(help: ArgumentHelp("Only the site's block (default: on every site, the every-site block included).",
                               valueName: "site"))
    var site: String?

    @OptionGroup var moderator: ModeratorOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let key = try RuleInput.author(author)
        let target: BlockTarget = switch key {
        case .email(let email): BlockTarget(kind: .email, value: email)
        case .network(let network): BlockTarget(kind: network.contains("/") ? .cidr : .ip, value: network)
        }
        let scope = try site.map { try RuleInput.scope($0) }
        let actor = try moderator.actor()
        let (removed, remaining) = try await RulesSession.run(database, command: "author unban") { db in
            if let scope { try await SitePolicyStore.requireSite(scope, on: db) }
            let removed = try await BlockStore.remove(.target(target, scope: scope), actor: actor, command: "author unban", on: db)
            return (removed, try await BlockStore.matching(key, on: db))
        }
        for block in removed { print("removed " + BlockText.describe(block)) }
        for block in remaining { print("still applies: " + BlockText.describe(block)) }
    }
}
