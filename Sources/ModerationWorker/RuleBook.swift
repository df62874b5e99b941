import ModerationCore
import ModerationStore

/// Every site's compiled rules, rebuilt when the rule tables notify a change. A site whose stored policy
/// or word list cannot be compiled is not judged by defaults, which might publish what its operator meant
/// to stop: its comments are held with reason `site_rules_invalid` until the rules are fixed.
struct RuleBook: Sendable {
    /// A site's rules, or why they cannot be used. The rules sit behind one reference: the worker reads a
    /// site's entry for every comment, and a copy of `SiteRules` itself retains each of its many parts.
    enum Entry: Sendable {
        case rules(Compiled)
        case invalid(String)
    }

    final class Compiled: Sendable {
        let rules: SiteRules

        init(_ rules: SiteRules) {
            self.rules = rules
        }
    }

    private(set) var sites: [String: Entry] = [:]
    /// Problems found while compiling, for the log.
    private(set) var problems: [String] = []

    init(stored: [StoredSiteRules] = []) {
        for site in stored {
            let policy: Policy
            do {
                policy = try Policy.fromJSON(site.policyJSON)
            } catch {
                sites[site.siteID] = .invalid("policy: \(error)")
                problems.append("site \(site.siteID): policy: \(error)")
                continue
            }
            do {
                sites[site.siteID] = .rules(Compiled(SiteRules(policy: policy, words: try WordList(entries: site.words))))
            } catch {
                sites[site.siteID] = .invalid("word list: \(error)")
                problems.append("site \(site.siteID): word list: \(error)")
            }
        }
    }

    func contains(_ siteID: String) -> Bool { sites.index(forKey: siteID) != nil }

    func entry(for siteID: String?) -> Entry? {
        siteID.flatMap { sites[$0] }
    }

    var count: Int { sites.count }
}
