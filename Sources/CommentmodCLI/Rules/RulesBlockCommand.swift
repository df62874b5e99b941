import ArgumentParser
import Foundation
import ModerationStore

struct RulesBlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "block",
        abstract: "Blocks on an IP address, a network, an email address or an email domain: their comments are spam.",
        subcommands: [BlockAddCommand.self, BlockRemoveCommand.self, BlockListCommand.self]
    )
}

struct BlockAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a block; an active one on the same value and site is reported, not doubled.")

    @OptionGroup var block: BlockAddArguments
    @OptionGroup var moderator: ModeratorOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (target, scope, expires, reason) = try block.resolve()
        let actor = try moderator.actor()
        let (stored, added) = try await RulesSession.run(database, command: "rules block add") { db in
            try await BlockStore.add(
                target, scope: scope, expiresAt: expires, reason: reason, actor: actor, command: "rules block add", on: db)
        }
        print(BlockText.added(stored, isNew: added, now: Date()))
    }
}

struct BlockRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove blocks by id, or the active block on KIND VALUE; exit 1 if none matched.")

    @OptionGroup var selection: BlockRemoveArguments
    @OptionGroup var moderator: ModeratorOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let selector = try selection.resolve()
        let actor = try moderator.actor()
        let removed = try await RulesSession.run(database, command: "rules block remove") { db in
            try await BlockStore.remove(selector, actor: actor, command: "rules block remove", on: db)
        }
        for block in removed { print("removed " + BlockText.describe(block)) }
    }
}

struct BlockListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List active blocks (with --all, expired ones too).")

    @Option(help: ArgumentHelp("Only the blocks that apply to this site (its own and every site's).", valueName: "site"))
    var site: String?

    @Flag(help: "Include expired blocks.")
    var all = false

    @Flag(help: "Print a JSON array of {id, site_id, kind, value, reason, expires_at, created_at, created_by, active}.")
    var json = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let listing = try RuleInput.listing(site)
        let blocks = try await RulesSession.run(database, command: "rules block list") { db in
            try await SitePolicyStore.requireSite(of: listing, on: db)
            return try await BlockStore.list(listing, includeExpired: all, on: db)
        }
        if json {
            print(try JSONOutput.encode(blocks))
        } else if blocks.isEmpty {
            print(all ? "no blocks" : "no active blocks")
        } else {
            print(BlockText.table(blocks, now: Date()).render(style: .forStandardOutput()))
        }
    }
}

/// Blocks written for people.
enum BlockText {
    static func describe(_ block: Block) -> String {
        "block \(block.id): \(block.kind.rawValue) \(TextStyle.visible(block.value)) \(block.scope.described)"
    }

    static func added(_ block: Block, isNew: Bool, now: Date) -> String {
        let expiry = RulesText.expiry(block.expiresAt, now: now)
        let ends = block.expiresAt == nil ? "no expiry" : "expires \(expiry)"
        return isNew ? "added \(describe(block)), \(ends)" : "already blocked by \(describe(block)), \(ends)"
    }

    static func table(_ blocks: [Block], now: Date) -> TextTable {
        var table = TextTable([
            .init("id", alignRight: true), .init("site", maxWidth: 30), .init("kind"), .init("value", maxWidth: 60),
            .init("expires"), .init("reason", maxWidth: 40), .init("by", maxWidth: 30),
        ])
        for block in blocks {
            table.append([
                String(block.id), RulesText.site(block.siteID), block.kind.rawValue, block.value,
                RulesText.expiry(block.expiresAt, now: now), block.reason ?? "", block.createdBy,
            ])
        }
        return table
    }
}
