import ArgumentParser
import Foundation
import ModerationStore

/// A comment status on the command line; `all` lifts the status filter.
enum StatusArgument: String, ExpressibleByArgument, CaseIterable, Sendable {
    case pending, approved, held, rejected, spam, all
}

/// The filters `review list` and the bulk decisions share. The reason-code filter is not here: `list`
/// calls it `--reason`, while the decisions use `--reason` for the moderator's own words and call the
/// filter `--reason-code`.
struct ReviewFilterOptions: ParsableArguments {
    @Option(name: .customLong("status"), help: "Comment status (repeatable): pending, approved, held, rejected, spam, or all (default: held).")
    var statuses: [StatusArgument] = []

    @Option(help: "Only this site.")
    var site: String?

    @Option(help: "Only this post.")
    var post: String?

    @Option(help: "Author name contains this (case-insensitive).")
    var author: String?

    @Option(help: "Author email (case-insensitive).")
    var email: String?

    @Option(help: ArgumentHelp("Author IP address or CIDR network.", valueName: "ip|cidr"))
    var ip: NetworkArgument?

    @Option(help: ArgumentHelp("Submitted at or after: 2h, 1d, 2026-11-28, RFC 3339 time.", valueName: "time"))
    var since: TimeArgument?

    @Option(help: ArgumentHelp("Submitted before: 2h, 1d, 2026-11-28, RFC 3339 time.", valueName: "time"))
    var before: TimeArgument?

    /// Whether any filter was given at all (a bulk decision needs one).
    var isEmpty: Bool {
        statuses.isEmpty && site == nil && post == nil && author == nil && email == nil && ip == nil
            && since == nil && before == nil
    }

    func validate() throws {
        for (name, value) in [("--site", site), ("--post", post), ("--author", author)] {
            if let value { try Self.checkText(value, option: name) }
        }
        if let email {
            try Self.checkText(email, option: "--email")
            let trimmed = email.trimmingCharacters(in: .whitespaces)
            guard trimmed.contains("@"), !trimmed.contains(where: \.isWhitespace), trimmed.count <= 320 else {
                throw ValidationError("--email: '\(TextStyle.visible(email))' is not an email address")
            }
        }
        if let since, let before, since.past() >= before.past() {
            throw ValidationError("--since must be earlier than --before")
        }
        if statuses.contains(.all) && statuses.count > 1 {
            throw ValidationError("--status all cannot be combined with other statuses")
        }
    }

    /// The store's filter, with `held` as the status when none was given.
    func filter(limit: Int?, reasonCode: String? = nil, now: Date = Date()) -> CommentFilter {
        let statuses: [String] = if self.statuses.isEmpty {
            ["held"]
        } else if self.statuses.contains(.all) {
            []
        } else {
            self.statuses.map(\.rawValue)
        }
        return CommentFilter(
            statuses: statuses, siteID: site, postID: post, authorName: author,
            email: email?.trimmingCharacters(in: .whitespaces), network: ip?.text, reasonCode: reasonCode,
            since: since?.past(from: now), before: before?.past(from: now), limit: limit)
    }

    /// A reason code filter (`word_hold`): lower-case letters, digits and underscores.
    static func checkReasonCode(_ code: String, option: String) throws {
        let valid = code.count <= 64 && code.first.map { $0.isASCII && $0.isLowercase } == true
            && code.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" }
        guard valid else {
            throw ValidationError("\(option): '\(TextStyle.visible(code))' is not a reason code (lower-case letters, digits and _)")
        }
    }

    static func checkText(_ value: String, option: String) throws {
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("\(option) is empty") }
        guard value.count <= 1000 else { throw ValidationError("\(option) is longer than 1000 characters") }
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{0}" }) else {
            throw ValidationError("\(option) contains a control character")
        }
    }
}
