import ArgumentParser
import Foundation
import ModerationStore

struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Per site and UTC day: submitted, approved, held, rejected, spam, and the median held wait.",
        discussion: """
            Counts are of events that day: submissions, and decisions by the worker or a moderator by the \
            status they set. The median wait is over the decisions that day that took a comment out of the \
            held queue; comments still held are counted apart ("still held"), not in the median.
            """
    )

    @Option(help: ArgumentHelp("Only this site.", valueName: "site"))
    var site: String?

    @Option(help: ArgumentHelp("From the start of the UTC day of this time: 30d, 2w, 2026-11-01, RFC 3339.",
                               valueName: "time"))
    var since = "30d"

    @Flag(help: "Print a JSON array of objects, one per site and day.")
    var json = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        guard let start = TimeArgument(argument: since) else {
            throw CommandFailure.usage("--since: \(TextTable.shorten(TextStyle.visible(since), to: 80)) is not a duration (30d, 12h, 2w) or a date")
        }
        let days = try await database.withConnection(applicationName: "commentmod stats") { connection -> [DailyStats]? in
            if let site, !(try await StatsStore.siteExists(site, on: connection)) { return nil }
            return try await StatsStore.daily(since: start.past(from: Date()), site: site, on: connection)
        }
        guard let days else {
            throw CommandFailure("no site \(TextTable.shorten(TextStyle.visible(site ?? ""), to: 80))")
        }
        if json {
            print(try JSONOutput.encode(days))
        } else {
            print(Self.render(days, style: .forStandardOutput()))
        }
    }

    static func render(_ days: [DailyStats], style: TextStyle) -> String {
        let number = { (title: String) in TextTable.Column(title, alignRight: true) }
        var table = TextTable([
            TextTable.Column("site", maxWidth: 30), TextTable.Column("day"), number("submitted"), number("approved"),
            number("held"), number("rejected"), number("spam"), number("median held wait"), number("from held"),
            number("still held"),
        ])
        for day in days {
            table.append([
                day.siteId, day.day, "\(day.submitted)", "\(day.approved)", "\(day.held)", "\(day.rejected)",
                "\(day.spam)", day.medianHeldSeconds.map(WaitDuration.describe(seconds:)) ?? "-", "\(day.heldDecided)",
                "\(day.stillHeld)",
            ])
        }
        let rendered = table.render(style: style)
        return days.isEmpty ? rendered + "\n" + style.dim("no submissions or decisions in this period") : rendered
    }
}
