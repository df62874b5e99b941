import ArgumentParser
import Foundation
import ModerationCore
import ModerationStore

struct RulesPolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Per-site policies: show the effective values, set or unset keys.",
        subcommands: [PolicyShowCommand.self, PolicySetCommand.self, PolicyUnsetCommand.self]
    )
}

struct PolicyShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Every key's effective value, marking the keys the site sets.")

    @Option(help: ArgumentHelp("One site (default: every site).", valueName: "site"))
    var site: String?

    @Flag(help: "Print JSON: one object with --site, else an array of {site_id, valid, error, policy, set_keys, stored}.")
    var json = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        if let site { _ = try RuleInput.scope(site) }
        let policies = try await RulesSession.run(database, command: "rules policy show") { db in
            try await SitePolicyStore.load(site: site, on: db)
        }
        let views = try policies.map(PolicyView.init)
        if json {
            print(site == nil ? try JSONOutput.encode(views) : try JSONOutput.encode(views[0]))
            return
        }
        if views.isEmpty {
            print("no sites")
            return
        }
        let style = TextStyle.forStandardOutput()
        print(views.map { $0.render(style: style) }.joined(separator: "\n\n"))
    }
}

struct PolicySetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set keys of a site's policy (KEY=VALUE; a bare word is a string), checked as the worker reads them.")

    @OptionGroup var change: PolicySetArguments
    @OptionGroup var moderator: ModeratorOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (site, settings) = try change.resolve()
        try await PolicyUpdate.run(site: site, settings: settings, unset: change.unset, command: "rules policy set",
                                   moderator: moderator, database: database)
    }
}

struct PolicyUnsetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unset", abstract: "Return keys of a site's policy to their defaults; exit 1 if none was set.")

    @OptionGroup var change: PolicyUnsetArguments
    @OptionGroup var moderator: ModeratorOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        guard let site = try RuleInput.scope(change.site).siteID else { throw CommandFailure.usage("--site is required") }
        try await PolicyUpdate.run(site: site, settings: [], unset: change.keys, command: "rules policy unset",
                                   moderator: moderator, database: database)
    }
}

/// The shared body of `policy set` and `policy unset`.
enum PolicyUpdate {
    static func run(
        site: String, settings: [PolicySetting], unset: [String], command: String, moderator: ModeratorOptions,
        database: DatabaseOptions
    ) async throws {
        try PolicyInput.requireChange(settings, unset: unset)
        let actor = try moderator.actor()
        let (before, after) = try await RulesSession.run(database, command: command) { db in
            let change = try await PolicyChange.resolve(site: site, settings: settings, unset: unset, on: db)
            return try await SitePolicyStore.update(
                site: change.site, setting: change.settings, unsetting: change.unset, actor: actor, command: command, on: db)
        }
        if before == after {
            print("site \(TextStyle.visible(site)): policy unchanged")
        } else {
            print("site \(TextStyle.visible(site)): policy now \(TextStyle.visible(after.document))")
        }
    }
}

/// A site's policy as `policy show` prints it.
struct PolicyView: Encodable {
    let siteID: String
    let valid: Bool
    let error: String?
    /// Every key's effective value; nil when the stored policy cannot be read.
    let policy: PolicyJSONValue?
    let setKeys: [String]
    /// The stored document: only the keys set.
    let stored: PolicyJSONValue

    init(_ site: SitePolicy) throws {
        siteID = site.siteID
        setKeys = site.setKeys
        let decoder = JSONDecoder()
        stored = try decoder.decode(PolicyJSONValue.self, from: Data(site.document.utf8))
        switch site.effective {
        case .success(let effective):
            valid = true
            error = nil
            policy = try decoder.decode(PolicyJSONValue.self, from: Data(effective.toJSON().utf8))
        case .failure(let failure):
            valid = false
            error = failure.description
            policy = nil
        }
    }

    func render(style: TextStyle) -> String {
        var lines = ["site " + style.bold(TextStyle.visible(siteID))]
        guard let policy else {
            lines.append(style.error("invalid policy: \(TextStyle.visible(error ?? ""))")
                + " (the worker holds this site's comments with site_rules_invalid)")
            lines.append("stored: \(TextStyle.visible(stored.serialized()))")
            return lines.joined(separator: "\n")
        }
        var table = TextTable([.init("key"), .init("value", maxWidth: 70), .init("")])
        for key in Policy.keys {
            let value = policy[key: key.name]?.serialized() ?? key.defaultValue
            table.append([key.name, value, setKeys.contains(key.name) ? "set" : "default"])
        }
        lines.append(table.render(style: style))
        return lines.joined(separator: "\n")
    }
}
