import Foundation
import ModerationCore
import PostgresClient

/// The word lists in `moderation.word_rules`. Every change commits in one transaction with its
/// `moderator_actions` row; the table's triggers tell the worker to reload.
public enum WordRuleStore {
    /// The longest pattern the table accepts, in Unicode scalars (PostgreSQL's `length`).
    public static let maxPatternLength = 500

    /// `entry` as it would be stored: validated as the core's word-list parser validates it (the same
    /// errors), its pattern trimmed, and within what the table can hold.
    public static func checked(_ entry: WordListEntry) throws(WordListError) -> WordListEntry {
        let stored = try WordList(entries: [entry]).entries[0]
        if stored.pattern.unicodeScalars.contains("\u{0}") {
            throw WordListError(message: "a pattern can't contain a NUL character (U+0000)")
        }
        let length = stored.pattern.unicodeScalars.count
        if length > maxPatternLength {
            throw WordListError(message: "the pattern is \(length) characters long; at most \(maxPatternLength) are stored")
        }
        return stored
    }

    public static func list(_ listing: RuleListing, on db: PostgresConnection) async throws -> [WordRule] {
        let rows = try await db.query("""
            SELECT \(WordRule.columns) FROM moderation.word_rules w
            WHERE \(filter(listing))
            ORDER BY w.site_id NULLS FIRST, w.id
            """)
        return try rows.map(WordRule.init(row:))
    }

    /// Adds one entry (checked with `checked`). An entry already listed in the scope is returned with
    /// `added` false, and nothing is recorded.
    public static func add(
        _ entry: WordListEntry, scope: RuleScope, actor: String, on db: PostgresConnection
    ) async throws -> (rule: WordRule, added: Bool) {
        let entry = try validated(entry)
        return try await db.transaction { tx in
            try await SitePolicyStore.requireSite(scope, on: tx)
            let inserted = try await tx.query("""
                INSERT INTO moderation.word_rules AS w (site_id, action, pattern, created_by)
                VALUES (\(scope.siteID), \(entry.action.rawValue), \(entry.pattern), \(actor))
                ON CONFLICT ON CONSTRAINT word_rules_unique DO NOTHING
                RETURNING \(WordRule.columns)
                """)
            if let row = inserted.first {
                let rule = try WordRule(row: row)
                _ = try await ModeratorActionStore.record(
                    actor: actor, command: "rules words add", detail: try RuleActionDetail.encode(rule), on: tx)
                return (rule, true)
            }
            let existing = try await tx.query("""
                SELECT \(WordRule.columns) FROM moderation.word_rules w
                WHERE w.site_id IS NOT DISTINCT FROM \(scope.siteID) AND w.action = \(entry.action.rawValue)
                  AND w.pattern = \(entry.pattern)
                """)
            guard let row = existing.first else {
                throw RuleStoreError.notFound("the entry conflicted with one that was removed at the same moment; try again")
            }
            return (try WordRule(row: row), false)
        }
    }

    /// The rules `selector` names, without removing them (for `rules test`). Throws `notFound` when
    /// nothing matches or an id is unknown.
    public static func find(_ selector: WordRuleSelector, on db: PostgresConnection) async throws -> [WordRule] {
        let rows = try await db.query("""
            SELECT \(WordRule.columns) FROM moderation.word_rules w WHERE \(match(selector)) ORDER BY w.id
            """)
        let rules = try rows.map(WordRule.init(row:))
        try expectMatches(rules, selector)
        return rules
    }

    /// Removes the rules `selector` names; all or nothing (an unknown id removes none).
    public static func remove(
        _ selector: WordRuleSelector, actor: String, on db: PostgresConnection
    ) async throws -> [WordRule] {
        try await db.transaction { tx in
            let rows = try await tx.query("""
                DELETE FROM moderation.word_rules w WHERE \(match(selector)) RETURNING \(WordRule.columns)
                """)
            let removed = try rows.map(WordRule.init(row:)).sorted { $0.id < $1.id }
            try expectMatches(removed, selector)
            _ = try await ModeratorActionStore.record(
                actor: actor, command: "rules words remove",
                detail: try RuleActionDetail.encode(["removed": removed]), on: tx)
            return removed
        }
    }

    /// What `importList` did.
    public struct ImportResult: Sendable, Equatable, Codable {
        public let added: [WordRule]
        /// Entries of the file that were already listed (duplicates within the file count once).
        public let alreadyPresent: Int
        /// With `replace`: the scope's entries the file does not have, now gone.
        public let removed: [WordRule]
    }

    /// Adds every entry to the scope's list in one transaction; with `replace`, also removes the scope's
    /// entries that are not in `entries`, so the list becomes exactly the file. Entries are checked with
    /// `checked` by the caller, which knows their line numbers; they are checked again here.
    public static func importList(
        _ entries: [WordListEntry], scope: RuleScope, replace: Bool, actor: String, on db: PostgresConnection
    ) async throws -> ImportResult {
        var unique: [WordListEntry] = []
        var seen = Set<WordListEntry>()
        for entry in entries {
            let stored = try validated(entry)
            if seen.insert(stored).inserted { unique.append(stored) }
        }
        let actions = unique.map(\.action.rawValue)
        let patterns = unique.map(\.pattern)
        let count = unique.count
        return try await db.transaction { tx in
            try await SitePolicyStore.requireSite(scope, on: tx)
            var removed: [WordRule] = []
            if replace {
                removed = try await tx.query("""
                    DELETE FROM moderation.word_rules w
                    WHERE w.site_id IS NOT DISTINCT FROM \(scope.siteID)
                      AND NOT EXISTS (SELECT 1 FROM unnest(\(actions)::text[], \(patterns)::text[]) AS i(action, pattern)
                                      WHERE i.action = w.action AND i.pattern = w.pattern)
                    RETURNING \(WordRule.columns)
                    """).map(WordRule.init(row:)).sorted { $0.id < $1.id }
            }
            let added = try await tx.query("""
                INSERT INTO moderation.word_rules AS w (site_id, action, pattern, created_by)
                SELECT \(scope.siteID), i.action, i.pattern, \(actor)
                FROM unnest(\(actions)::text[], \(patterns)::text[]) WITH ORDINALITY AS i(action, pattern, n)
                ORDER BY i.n
                ON CONFLICT ON CONSTRAINT word_rules_unique DO NOTHING
                RETURNING \(WordRule.columns)
                """).map(WordRule.init(row:)).sorted { $0.id < $1.id }
            let result = ImportResult(added: added, alreadyPresent: count - added.count, removed: removed)
            if !added.isEmpty || !removed.isEmpty {
                struct Detail: Encodable {
                    let scope: RuleScope
                    let replace: Bool
                    let added: [WordRule]
                    let removed: [WordRule]
                    let alreadyPresent: Int
                }
                let detail = Detail(
                    scope: scope, replace: replace, added: added, removed: removed, alreadyPresent: result.alreadyPresent)
                _ = try await ModeratorActionStore.record(
                    actor: actor, command: "rules words import", detail: try RuleActionDetail.encode(detail), on: tx)
            }
            return result
        }
    }

    private static func validated(_ entry: WordListEntry) throws -> WordListEntry {
        do {
            return try checked(entry)
        } catch {
            throw RuleStoreError.invalidWord(error)
        }
    }

    private static func filter(_ listing: RuleListing) -> PostgresQuery {
        switch listing {
        case .all: "true"
        case .scope(let scope): "w.site_id IS NOT DISTINCT FROM \(scope.siteID)"
        case .applyingTo(let site): "(w.site_id IS NULL OR w.site_id = \(site))"
        }
    }

    private static func match(_ selector: WordRuleSelector) -> PostgresQuery {
        switch selector {
        case .ids(let ids):
            return "w.id = ANY (\(ids)::bigint[])"
        case .pattern(let pattern, let action, let scope):
            return """
                w.site_id IS NOT DISTINCT FROM \(scope.siteID) AND w.pattern = \(pattern)
                AND (\(action?.rawValue)::text IS NULL OR w.action = \(action?.rawValue))
                """
        }
    }

    /// Throws `notFound` (so a transaction rolls back) unless `found` is everything `selector` asked for.
    private static func expectMatches(_ found: [WordRule], _ selector: WordRuleSelector) throws {
        switch selector {
        case .ids(let ids):
            let missing = Set(ids).subtracting(found.map(\.id)).sorted()
            if !missing.isEmpty {
                let list = missing.map(String.init).joined(separator: ", ")
                throw RuleStoreError.notFound("no word rule with id \(list)")
            }
        case .pattern(let pattern, let action, let scope):
            if found.isEmpty {
                let what = (action.map { "\($0.rawValue) " } ?? "") + "'\(pattern)'"
                throw RuleStoreError.notFound("no word rule \(what) \(scope.described)")
            }
        }
    }
}

extension RuleScope {
    /// "for every site" or "for site blog", for messages.
    public var described: String {
        switch self {
        case .everySite: "for every site"
        case .site(let id): "for site \(id)"
        }
    }
}
