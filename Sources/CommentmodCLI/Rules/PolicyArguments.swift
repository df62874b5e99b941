import ArgumentParser
import ModerationStore
import PostgresClient

/// `--site S KEY=VALUE… [--unset KEY…]`, shared by `rules policy set` and `rules test policy set`.
struct PolicySetArguments: ParsableArguments {
    @Option(help: ArgumentHelp("The site whose policy changes.", valueName: "site"))
    var site: String

    @Argument(help: ArgumentHelp("Settings such as max_links=3, moderation_mode=pre, link_allow_domains='[\"a.example\"]'.",
                                 valueName: "key=value"))
    var assignments: [String] = []

    @Option(name: .customLong("unset"), help: ArgumentHelp("A key to return to its default (repeatable).", valueName: "key"))
    var unset: [String] = []

    func resolve() throws -> (site: String, settings: [PolicySetting]) {
        guard let site = try RuleInput.scope(site).siteID else { throw CommandFailure.usage("--site is required") }
        return (site, try assignments.map(PolicyInput.setting))
    }
}

/// `--site S KEY…`, shared by `rules policy unset` and `rules test policy unset`.
struct PolicyUnsetArguments: ParsableArguments {
    @Option(help: ArgumentHelp("The site whose policy changes.", valueName: "site"))
    var site: String

    @Argument(help: ArgumentHelp("Keys to return to their defaults.", valueName: "key"))
    var keys: [String] = []
}

/// A checked policy change, ready for the store.
struct PolicyChange {
    let site: String
    let settings: [PolicySetting]
    let unset: [String]

    /// Reads the stored policy first (unset may name a bad key someone stored by hand), then checks.
    static func resolve(site: String, settings: [PolicySetting], unset: [String], on db: PostgresConnection) async throws -> PolicyChange {
        let stored = try await SitePolicyStore.load(site: site, on: db)[0]
        let keys = try PolicyInput.unsetKeys(unset, stored: stored)
        try PolicyInput.checkDistinct(settings, unset: keys)
        if settings.isEmpty, !keys.contains(where: stored.setKeys.contains) {
            let names = keys.map { "'\($0)'" }.joined(separator: ", ")
            throw CommandFailure(TextStyle.visible("nothing to unset: \(names) not set for site \(site)"))
        }
        return PolicyChange(site: site, settings: settings, unset: keys)
    }
}
