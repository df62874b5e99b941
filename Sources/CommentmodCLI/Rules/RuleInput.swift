import Foundation
import ModerationCore
import ModerationStore

/// Parsing and checking of what moderators type for rules and authors. Everything is checked before the
/// database is touched, and every refusal is one line with exit 2.
enum RuleInput {
    /// `--site SITE`, or every site when absent.
    static func scope(_ site: String?) throws -> RuleScope {
        guard let site else { return .everySite }
        guard !site.isEmpty, !site.unicodeScalars.contains("\u{0}") else {
            throw CommandFailure.usage("--site: \(site.isEmpty ? "empty site id" : "the site id contains a NUL character")")
        }
        return .site(site)
    }

    /// A list command's `--site`: every rule, or the rules that apply to that site (checked like `scope`).
    static func listing(_ site: String?) throws -> RuleListing {
        guard let site else { return .all }
        _ = try scope(site)
        return .applyingTo(site)
    }

    /// An action as the word-list parser reads it (case-insensitive), with its error.
    static func action(_ name: String) throws -> WordAction {
        guard let action = WordAction(rawValue: name.lowercased()) else {
            throw CommandFailure.usage(
                TextStyle.visible("unknown action '\(name)' (expected reject, hold, flag or allow)"))
        }
        return action
    }

    /// A pattern typed as one argument or as several words (`hold crypto giveaway`), as it will be stored.
    static func entry(action name: String, pattern words: [String]) throws -> WordListEntry {
        let action = try action(name)
        guard !words.isEmpty else { throw CommandFailure.usage("missing pattern after the action") }
        do {
            return try WordRuleStore.checked(WordListEntry(action: action, pattern: words.joined(separator: " ")))
        } catch {
            throw CommandFailure.usage(TextStyle.visible("pattern: \(error.description)"))
        }
    }

    /// The text of a pattern given to `remove`, trimmed as stored patterns are.
    static func pattern(_ words: [String]) throws -> String {
        do {
            return try WordRuleStore.checked(WordListEntry(action: .flag, pattern: words.joined(separator: " "))).pattern
        } catch {
            throw CommandFailure.usage(TextStyle.visible("pattern: \(error.description)"))
        }
    }

    /// Ids given as arguments or `--id`.
    static func ids(_ texts: [String], what: String) throws -> [Int64] {
        try texts.map { text in
            guard text.allSatisfy(\.isASCII), let id = Int64(text), id > 0 else {
                throw CommandFailure.usage(TextStyle.visible("\(what): '\(text)' is not an id"))
            }
            return id
        }
    }

    /// `KIND VALUE` of a block: checked and written as the table stores it.
    static func blockTarget(kind name: String, value: String) throws -> BlockTarget {
        guard let kind = BlockFact.Kind(rawValue: name.lowercased()) else {
            throw CommandFailure.usage(TextStyle.visible("unknown block kind '\(name)' (expected ip, cidr, email or domain)"))
        }
        switch kind {
        case .ip:
            guard let address = NetworkArgument.parse(value), !address.isNetwork else {
                let hint = NetworkArgument.parse(value)?.isNetwork == true ? " (for a network, use cidr)" : ""
                throw CommandFailure.usage(TextStyle.visible("'\(value)' is not an IP address\(hint)"))
            }
            return BlockTarget(kind: .ip, value: address.text)
        case .cidr:
            guard let network = NetworkArgument.parse(value), network.isNetwork else {
                throw CommandFailure.usage(TextStyle.visible(
                    "'\(value)' is not a network in CIDR notation such as 203.0.113.0/24 (no bits set right of the mask)"))
            }
            return BlockTarget(kind: .cidr, value: network.text)
        case .email:
            return BlockTarget(kind: .email, value: try email(value))
        case .domain:
            return BlockTarget(kind: .domain, value: try domain(value))
        }
    }

    /// An email address email-validator accepts, trimmed and lower-cased: the worker compares blocks with
    /// the lower-cased, trimmed address of each comment.
    static func email(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if case .failure(let error) = EmailValidator().validate(trimmed) {
            throw CommandFailure.usage(TextStyle.visible("'\(text)' is not a valid email address: \(error.message)"))
        }
        return trimmed.lowercased()
    }

    /// A domain an email address can have (a single label blocks a whole top-level domain), lower-cased,
    /// without a trailing dot. Checked by putting it behind an address's @-sign.
    static func domain(_ text: String) throws -> String {
        var domain = text.trimmingCharacters(in: .whitespaces).lowercased()
        if domain.hasSuffix(".") { domain.removeLast() }
        let probe = domain.contains(".") ? "postmaster@\(domain)" : "postmaster@example.\(domain)"
        if domain.isEmpty || domain.hasPrefix("@") || domain.contains("@") {
            throw CommandFailure.usage(TextStyle.visible("'\(text)' is not a domain name"))
        }
        if case .failure(let error) = EmailValidator().validate(probe) {
            let why = error.message.replacingOccurrences(of: "The part after the @-sign", with: "The domain")
            throw CommandFailure.usage(TextStyle.visible("'\(text)' is not a valid domain: \(why)"))
        }
        return domain
    }

    /// `--expires`: a duration from now or a date, which must lie ahead.
    static func expiry(_ text: String?, now: Date = Date()) throws -> Date? {
        guard let text else { return nil }
        guard let time = TimeArgument(argument: text) else {
            throw CommandFailure.usage(TextStyle.visible(
                "--expires: '\(text)' is not a duration (7d, 12h, 2w) or a date (2026-11-28, 2026-11-28T10:00:00Z)"))
        }
        let date = time.future(from: now)
        guard date > now else { throw CommandFailure.usage(TextStyle.visible("--expires: '\(text)' is not in the future")) }
        return date
    }

    /// `--reason`: free text for people, stored as given (shown escaped).
    static func reason(_ text: String?) throws -> String? {
        guard let text else { return nil }
        if text.unicodeScalars.contains("\u{0}") { throw CommandFailure.usage("--reason: contains a NUL character") }
        guard text.unicodeScalars.count <= 500 else { throw CommandFailure.usage("--reason: longer than 500 characters") }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : text
    }

    /// `EMAIL` or `IP` (or network) of the author commands.
    static func author(_ text: String) throws -> AuthorKey {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.contains("@") {
            guard !trimmed.unicodeScalars.contains("\u{0}") else {
                throw CommandFailure.usage("the email address contains a NUL character")
            }
            return .email(trimmed.lowercased())
        }
        guard let network = NetworkArgument.parse(trimmed) else {
            throw CommandFailure.usage(TextStyle.visible(
                "'\(text)' is neither an email address nor an IP address or network (203.0.113.7, 2001:db8::/32)"))
        }
        return .network(network.text)
    }

    /// The block `author ban` makes for an author: the email address, the address or the network.
    static func authorBlock(_ text: String) throws -> BlockTarget {
        switch try author(text) {
        case .email:
            return BlockTarget(kind: .email, value: try email(text))
        case .network(let network):
            return BlockTarget(kind: network.contains("/") ? .cidr : .ip, value: network)
        }
    }

    /// `--days N`: a whole number of days from 1 to 3650.
    static func days(_ text: String) throws -> Int {
        guard text.allSatisfy(\.isASCII), let days = Int(text), (1...3650).contains(days) else {
            throw CommandFailure.usage(TextStyle.visible("--days: '\(text)' is not a number of days from 1 to 3650"))
        }
        return days
    }
}
