import ArgumentParser
import Foundation
import ModerationStore
import PostgresClient

/// `--days N --json --limit N` of every `rules test` command, and the run they share.
struct BacktestOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Judge the comments submitted in the last N days.", valueName: "n"))
    var days = "30"

    @Option(help: ArgumentHelp("Table rows per group; JSON always has every comment.", valueName: "n"))
    var limit = "50"

    @Flag(help: "Print one JSON object: {since, days, sites, scanned, caught, released, reasons_only, note}.")
    var json = false

    @OptionGroup var database: DatabaseOptions

    /// Resolves the proposal on the connection (some need the stored rules to be checked), runs the
    /// backtest and prints the report. Exit 0 whatever it finds.
    func run(
        _ description: String, command: String, proposal: (PostgresConnection) async throws -> RuleProposal
    ) async throws {
        let days = try RuleInput.days(days)
        guard limit.allSatisfy(\.isASCII), let rows = Int(limit), rows >= 0 else {
            throw CommandFailure.usage(TextStyle.visible("--limit: '\(limit)' is not a number of rows"))
        }
        let since = Date().addingTimeInterval(-Double(days) * 86_400)
        let report = try await RulesSession.run(database, command: command) { db in
            try await RuleBacktest.run(try await proposal(db), since: since, on: db)
        }
        if json {
            print(try JSONOutput.encode(BacktestJSON(days: days, report: report)))
        } else {
            print(BacktestText.render(report, change: description, days: days, rows: rows, style: .forStandardOutput()))
        }
    }

    private struct BacktestJSON: Encodable {
        let days: Int
        let since: Date
        let sites: [String]
        let scanned: Int
        let caught: [RuleBacktestChange]
        let released: [RuleBacktestChange]
        let reasonsOnly: Int
        let note: String?

        init(days: Int, report: RuleBacktestReport) {
            self.days = days
            since = report.since
            sites = report.sites
            scanned = report.scanned
            caught = report.caught
            released = report.released
            reasonsOnly = report.reasonsOnly
            note = report.note
        }
    }
}

/// A backtest report for people.
enum BacktestText {
    static func render(_ report: RuleBacktestReport, change: String, days: Int, rows: Int, style: TextStyle) -> String {
        let sites = report.sites.isEmpty ? "no site" : report.sites.map(TextStyle.visible).joined(separator: ", ")
        var lines = ["proposed: \(TextStyle.visible(change))"]
        if let note = report.note {
            lines.append(TextStyle.visible(note))
            return lines.joined(separator: "\n")
        }
        lines.append("judged \(report.scanned) comment\(report.scanned == 1 ? "" : "s") of the last \(days) d on \(sites), "
            + "each with the current rules and with the change (not against the stored decisions)")
        if report.caught.isEmpty && report.released.isEmpty {
            lines.append("no comment would change verdict")
        }
        for (title, changes) in [("newly caught", report.caught), ("released", report.released)] where !changes.isEmpty {
            lines.append("")
            lines.append(style.bold("\(title): \(changes.count)"))
            lines.append(table(changes.prefix(rows), style: style))
            if changes.count > rows { lines.append("… and \(changes.count - rows) more (--limit, or --json for all)") }
        }
        if report.reasonsOnly > 0 {
            lines.append("")
            lines.append("\(report.reasonsOnly) more would keep their verdict with different reasons")
        }
        return lines.joined(separator: "\n")
    }

    private static func table(_ changes: ArraySlice<RuleBacktestChange>, style: TextStyle) -> String {
        let now = Date()
        var table = TextTable([
            .init("id", alignRight: true), .init("site", maxWidth: 20), .init("status", paint: paintStatus),
            .init("submitted"), .init("verdict now → proposed"), .init("reasons", maxWidth: 60),
        ])
        for change in changes {
            let reasons = change.reasonsAdded.map { "+" + $0 } + change.reasonsRemoved.map { "−" + $0 }
            table.append([
                String(change.id), change.siteID, change.status, RulesText.ago(change.submittedAt, now: now),
                "\(change.before.rawValue) → \(change.after.rawValue)", reasons.joined(separator: " "),
            ])
        }
        return table.render(style: style)
    }

    /// A padded status cell in its colour, the padding left outside the escape sequence.
    @Sendable static func paintStatus(_ padded: String, _ style: TextStyle) -> String {
        let name = padded.trimmingCharacters(in: .whitespaces)
        return style.status(name) + String(repeating: " ", count: padded.count - name.count)
    }
}
