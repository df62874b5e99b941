import ArgumentParser
import Foundation
import ModerationStore

struct AuthorShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Comment counts by status, first and last seen, approval rate, sites, recent comments and matching blocks.",
        discussion: "An email address is compared case-insensitively; an IP network (203.0.113.0/24) covers its addresses.")

    @Argument(help: ArgumentHelp("An email address, IP address or network.", valueName: "email-or-ip"))
    var author: String

    @Option(help: ArgumentHelp("Recent comments to show.", valueName: "n"))
    var limit = "20"

    @Flag(help: "Print one JSON object: {counts, total, first_seen, last_seen, approval_rate, sites, recent, blocks}.")
    var json = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let key = try RuleInput.author(author)
        guard limit.allSatisfy(\.isASCII), let recent = Int(limit), (0...10_000).contains(recent) else {
            throw CommandFailure.usage(TextStyle.visible("--limit: '\(limit)' is not a number from 0 to 10000"))
        }
        let history = try await RulesSession.run(database, command: "author show") { db in
            try await AuthorStore.history(of: key, recent: recent, on: db)
        }
        if json {
            print(try JSONOutput.encode(history))
        } else {
            print(AuthorText.render(history, author: key, now: Date(), style: .forStandardOutput()))
        }
    }
}

/// An author's history for people.
enum AuthorText {
    static func render(_ history: AuthorHistory, author: AuthorKey, now: Date, style: TextStyle) -> String {
        let who: String = switch author {
        case .email(let email): email
        case .network(let network): network
        }
        var lines = [style.bold("author " + TextStyle.visible(who))]
        guard history.total > 0 else {
            lines.append("no comments")
            lines += blocks(history, now: now, style: style)
            return lines.joined(separator: "\n")
        }
        let counts = AuthorHistory.statuses.map { "\($0) \(history.counts[$0] ?? 0)" }.joined(separator: ", ")
        lines.append("comments   \(history.total): \(counts)")
        if let rate = history.approvalRate {
            lines.append("approved   \(Int((rate * 100).rounded())) % of those approved, rejected or marked spam")
        }
        if let first = history.firstSeen, let last = history.lastSeen {
            lines.append("seen       first \(RulesText.ago(first, now: now)), last \(RulesText.ago(last, now: now))")
        }
        let sites = history.sites.map { "\(TextStyle.visible($0.siteID)) (\($0.total))" }.joined(separator: ", ")
        lines.append("sites      \(sites)")
        lines += blocks(history, now: now, style: style)
        if !history.recent.isEmpty {
            lines.append("")
            lines.append(style.bold("recent comments"))
            var table = TextTable([
                .init("id", alignRight: true), .init("site", maxWidth: 20), .init("post", maxWidth: 20),
                .init("status", paint: BacktestText.paintStatus), .init("submitted"), .init("name", maxWidth: 20),
                .init(isEmail(author) ? "ip" : "email", maxWidth: 30), .init("body", maxWidth: 50),
            ])
            for comment in history.recent {
                table.append([
                    String(comment.id), comment.siteID, comment.postID ?? "", comment.status,
                    RulesText.ago(comment.submittedAt, now: now), comment.authorName ?? "",
                    (isEmail(author) ? comment.authorIP : comment.authorEmail) ?? "", comment.body ?? "",
                ])
            }
            lines.append(table.render(style: style))
        }
        return lines.joined(separator: "\n")
    }

    private static func isEmail(_ author: AuthorKey) -> Bool {
        if case .email = author { return true }
        return false
    }

    private static func blocks(_ history: AuthorHistory, now: Date, style: TextStyle) -> [String] {
        guard !history.blocks.isEmpty else { return ["blocks     none active"] }
        return ["", style.bold("active blocks"), BlockText.table(history.blocks, now: now).render(style: style)]
    }
}
