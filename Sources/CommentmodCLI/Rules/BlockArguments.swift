import ArgumentParser
import Foundation
import ModerationStore

/// `KIND VALUE [--site S] [--expires T] [--reason TEXT]`, shared by `rules block add` and `rules test block add`.
struct BlockAddArguments: ParsableArguments {
    @Argument(help: "ip, cidr, email or domain.")
    var kind: String

    @Argument(help: ArgumentHelp("203.0.113.7, 203.0.113.0/24, spammer@example.net or spam.example (and its subdomains).",
                                 valueName: "value"))
    var value: String

    @Option(help: ArgumentHelp("The site it applies to (default: every site).", valueName: "site"))
    var site: String?

    @Option(help: ArgumentHelp("When it ends: 7d, 12h, 2w, a date or an RFC 3339 time (default: never).", valueName: "time"))
    var expires: String?

    @Option(help: ArgumentHelp("Why, for other moderators (shown in the reason's message).", valueName: "text"))
    var reason: String?

    func resolve(now: Date = Date()) throws -> (target: BlockTarget, scope: RuleScope, expires: Date?, reason: String?) {
        (try RuleInput.blockTarget(kind: kind, value: value), try RuleInput.scope(site), try RuleInput.expiry(expires, now: now),
         try RuleInput.reason(reason))
    }
}

/// `ID…` or `KIND VALUE [--site S]`, shared by `rules block remove` and `rules test block remove`.
struct BlockRemoveArguments: ParsableArguments {
    @Argument(help: ArgumentHelp("Block ids, or KIND VALUE.", valueName: "id-or-kind-value"))
    var target: [String] = []

    @Option(help: ArgumentHelp("With KIND VALUE: the site's block (default: the block for every site).", valueName: "site"))
    var site: String?

    func resolve() throws -> BlockSelector {
        guard let first = target.first else { throw CommandFailure.usage("give block ids, or KIND VALUE") }
        if first.allSatisfy(\.isNumber) {
            guard site == nil else { throw CommandFailure.usage("--site goes with KIND VALUE, not with ids") }
            return .ids(try RuleInput.ids(target, what: "block id"))
        }
        guard target.count == 2 else {
            throw CommandFailure.usage("give block ids, or KIND VALUE (one kind and one value)")
        }
        return .target(try RuleInput.blockTarget(kind: target[0], value: target[1]), scope: try RuleInput.scope(site))
    }
}
