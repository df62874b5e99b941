import Foundation
import ModerationCore
import PostgresClient

/// `rules test`: judges the stored comments of a period twice, with the rules as stored and with one
/// proposed change applied in memory, and reports the comments whose verdict differs. Reads only; the
/// comments' facts are loaded as the worker loads them (`QueueStore.facts`), so the two judgements differ
/// by the change alone.
public enum RuleBacktest {
    /// Comments judged per round trip.
    public static let batchSize = 1000

    public static func run(
        _ proposal: RuleProposal, since: Date, on db: PostgresConnection
    ) async throws -> RuleBacktestReport {
        let stored = try await RulesStore.load(on: db)
        var plan = Plan(current: stored, proposed: stored)
        switch proposal {
        case .addWord(let entry, let scope):
            try await plan.addWord(entry, scope: scope, on: db)
        case .removeWords(let selector):
            plan.removeWords(try await WordRuleStore.find(selector, on: db))
        case .addBlock(let target, let scope, let reason):
            try await plan.addBlock(target, scope: scope, reason: reason, on: db)
        case .removeBlocks(let selector):
            plan.removeBlocks(try await BlockStore.find(selector, on: db))
        case .policy(let site, let settings, let unset):
            let (_, proposed) = try await SitePolicyStore.proposal(site: site, setting: settings, unsetting: unset, on: db)
            plan.setPolicy(proposed)
        }
        var report = RuleBacktestReport(
            since: since, sites: plan.sites ?? stored.map(\.siteID), scanned: 0, caught: [], released: [],
            reasonsOnly: 0, note: plan.note)
        guard plan.note == nil else { return report }
        let current = CompiledRules(plan.current), proposed = CompiledRules(plan.proposed)
        let judge = CommentJudge()
        var after: Int64 = 0
        while true {
            let batch = try await RuleBacktestStore.comments(
                since: since, sites: plan.sites, after: after, limit: batchSize, on: db)
            guard let last = batch.last else { break }
            after = last.id
            report.scanned += batch.count
            var factsNow: [Int64: CommentFacts]
            var blocksProposed: [Int64: [BlockFact]] = [:]
            var judged = batch
            if let change = plan.blocks {
                // Only comments whose matching blocks differ can change verdict: the rest are skipped.
                let ids = batch.map(\.id)
                let blocksNow = try await RuleBacktestStore.blocks(for: ids, adding: nil, removing: [], on: db)
                blocksProposed = try await RuleBacktestStore.blocks(
                    for: ids, adding: change.adding, removing: change.removing, on: db)
                judged = batch.filter { blocksNow[$0.id] ?? [] != blocksProposed[$0.id] ?? [] }
                factsNow = judged.isEmpty ? [:] : try await QueueStore.facts(for: judged.map(\.id), on: db)
            } else {
                factsNow = try await QueueStore.facts(for: batch.map(\.id), on: db)
            }
            for comment in judged {
                let facts = factsNow[comment.id] ?? .none
                var factsProposed = facts
                if plan.blocks != nil { factsProposed.blocks = blocksProposed[comment.id] ?? [] }
                let before = current.judge(comment, facts: facts, with: judge)
                let afterVerdict = proposed.judge(comment, facts: factsProposed, with: judge)
                guard let change = RuleBacktestChange.compare(comment, before: before, after: afterVerdict) else {
                    continue
                }
                if change.after > change.before {
                    report.caught.append(change)
                } else if change.after < change.before {
                    report.released.append(change)
                } else {
                    report.reasonsOnly += 1
                }
            }
        }
        return report
    }

    /// The rules before and after the change, and which comments it can touch.
    struct Plan {
        var current: [StoredSiteRules]
        var proposed: [StoredSiteRules]
        /// The sites whose comments are judged; nil for all.
        var sites: [String]?
        /// A block change: judged through the comments' block facts rather than the rules.
        var blocks: (adding: (target: BlockTarget, scope: RuleScope, reason: String?)?, removing: [Int64])?
        var note: String?

        mutating func addWord(_ given: WordListEntry, scope: RuleScope, on db: PostgresConnection) async throws {
            let entry: WordListEntry
            do {
                entry = try WordRuleStore.checked(given)
            } catch {
                throw RuleStoreError.invalidWord(error)
            }
            try await SitePolicyStore.requireSite(scope, on: db)
            sites = scope.siteID.map { [$0] }
            if try await WordRuleStore.list(.scope(scope), on: db).contains(where: { $0.entry == entry }) {
                note = "'\(entry.action.rawValue) \(entry.pattern)' is already listed \(scope.described): nothing would change"
                return
            }
            proposed = proposed.map { site in
                guard scope.siteID == nil || scope.siteID == site.siteID else { return site }
                return StoredSiteRules(siteID: site.siteID, policyJSON: site.policyJSON, words: site.words + [entry])
            }
        }

        mutating func removeWords(_ rules: [WordRule]) {
            sites = Self.sites(of: rules.map(\.scope))
            proposed = proposed.map { site in
                var words = site.words
                // One occurrence per removed row: the same entry may also be listed for every site.
                for rule in rules where rule.siteID == nil || rule.siteID == site.siteID {
                    if let index = words.firstIndex(of: rule.entry) { words.remove(at: index) }
                }
                return StoredSiteRules(siteID: site.siteID, policyJSON: site.policyJSON, words: words)
            }
        }

        mutating func addBlock(
            _ target: BlockTarget, scope: RuleScope, reason: String?, on db: PostgresConnection
        ) async throws {
            try await SitePolicyStore.requireSite(scope, on: db)
            sites = scope.siteID.map { [$0] }
            let existing = try await BlockStore.list(.scope(scope), includeExpired: false, on: db)
            if let block = existing.first(where: { $0.target == target }) {
                note = "\(target.kind.rawValue) \(target.value) is already blocked \(scope.described) (block \(block.id)): nothing would change"
                return
            }
            blocks = ((target, scope, reason), [])
        }

        mutating func removeBlocks(_ removed: [Block]) {
            sites = Self.sites(of: removed.map(\.scope))
            blocks = (nil, removed.map(\.id))
            if !removed.contains(where: \.active) {
                note = "every block named has expired already: nothing would change"
            }
        }

        mutating func setPolicy(_ policy: SitePolicy) {
            sites = [policy.siteID]
            proposed = proposed.map { site in
                guard site.siteID == policy.siteID else { return site }
                return StoredSiteRules(siteID: site.siteID, policyJSON: policy.document, words: site.words)
            }
        }

        /// The sites a set of scopes covers; nil (all) when one of them is every site.
        private static func sites(of scopes: [RuleScope]) -> [String]? {
            var ids = Set<String>()
            for scope in scopes {
                guard let id = scope.siteID else { return nil }
                ids.insert(id)
            }
            return ids.sorted()
        }
    }
}

/// Every site's rules compiled as the worker compiles them: a site whose policy or word list cannot be
/// compiled holds its comments with `site_rules_invalid`.
struct CompiledRules {
    private enum Entry {
        case rules(SiteRules)
        case invalid(String)
    }

    private var sites: [String: Entry] = [:]

    init(_ stored: [StoredSiteRules]) {
        for site in stored {
            do {
                let policy = try Policy.fromJSON(site.policyJSON)
                do {
                    sites[site.siteID] = .rules(SiteRules(policy: policy, words: try WordList(entries: site.words)))
                } catch {
                    sites[site.siteID] = .invalid("word list: \(error)")
                }
            } catch {
                sites[site.siteID] = .invalid("policy: \(error)")
            }
        }
    }

    func judge(_ comment: RuleBacktestComment, facts: CommentFacts, with judge: CommentJudge) -> Verdict {
        switch sites[comment.siteID] {
        case .rules(let rules):
            return judge.judge(comment.input, rules: rules, facts: facts)
        case .invalid(let problem):
            let reason = Reason(
                code: "site_rules_invalid", rule: "sites.policy", action: .hold,
                message: "The site's stored rules cannot be used (\(problem)); held until they are fixed.")
            return Verdict(decision: .hold, reasons: [reason])
        case nil:
            let reason = Reason(code: "unknown_site", field: .siteID, action: .hold, message: "The comment has no known site.")
            return Verdict(decision: .hold, reasons: [reason])
        }
    }
}
