import ArgumentParser
import Foundation
import ModerationStore
import PostgresClient

struct ReviewApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve", abstract: "Publish comments, exactly as the worker publishes (comment_published is notified).")

    @OptionGroup var options: DecisionOptions

    func run() async throws { try await DecisionRun(options: options, decision: .approve, reason: nil).run() }
}

struct ReviewRejectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reject", abstract: "Reject comments; a published one is withdrawn.")

    @OptionGroup var options: DecisionOptions
    @OptionGroup var why: DecisionReason

    func run() async throws { try await DecisionRun(options: options, decision: .reject, reason: why.reason).run() }
}

struct ReviewSpamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spam", abstract: "Mark comments as spam; a published one is withdrawn.")

    @OptionGroup var options: DecisionOptions
    @OptionGroup var why: DecisionReason

    func run() async throws { try await DecisionRun(options: options, decision: .spam, reason: why.reason).run() }
}

/// `--reason` of the decisions against a comment.
struct DecisionReason: ParsableArguments {
    @Option(help: "Why, in your words; recorded with the decision.")
    var reason: String?

    func validate() throws {
        if let reason { try NoteText.check(reason, option: "--reason") }
    }
}

struct ReviewRestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Put comments back in the held queue (a published one is withdrawn).")

    @OptionGroup var options: DecisionOptions

    func run() async throws { try await DecisionRun(options: options, decision: .restore, reason: nil).run() }
}

/// The flow every decision command shares: by ids at once; by filter with a preview, a confirmation and
/// the previewed versions as expectations (a comment changed in between is a conflict).
struct DecisionRun {
    let options: DecisionOptions
    let decision: ReviewDecision
    let reason: String?

    private var command: String { "review \(decision.rawValue)" }

    func run() async throws {
        let actor = try options.moderator.actor()
        let style = TextStyle.forStandardOutput()
        try await options.database.withConnection(applicationName: "commentmod review") { db in
            if options.isBulk {
                try await runBulk(actor: actor, style: style, on: db)
            } else {
                var request = request(ids: options.ids, actor: actor, detail: try JSONOutput.encode(["ids": options.ids]))
                if let expected = options.expectVersion, let id = options.ids.first {
                    request.expectedVersions = [id: expected]
                }
                report(try await ReviewStore.decide(request, on: db), style: style)
            }
        }
    }

    private func runBulk(actor: String, style: TextStyle, on db: PostgresConnection) async throws {
        let filter = options.filters.filter(limit: nil, reasonCode: options.reasonCode)
        let matched = try await ReviewStore.matching(filter, on: db)
        guard !matched.isEmpty else { throw CommandFailure("no comments match") }
        var sampleFilter = filter
        sampleFilter.limit = 5
        let sample = try await ReviewStore.list(sampleFilter, on: db)
        let verb = ReviewRendering.verb(decision)
        let preview = "\(options.dryRun ? "would \(verb)" : verb) \(matched.count) comment\(matched.count == 1 ? "" : "s")"
        if options.json && options.dryRun {
            print(try JSONOutput.encode(BulkPreview(count: matched.count, ids: matched.map(\.id), sample: sample)))
            return
        }
        // The preview goes to stderr when stdout is for JSON, so scripts still get one document.
        let previewText = "\(preview); the first \(sample.count):\n\(ReviewRendering.table(sample, now: Date(), style: style))\n"
        if options.json {
            FileHandle.standardError.write(Data(previewText.utf8))
        } else {
            print(previewText, terminator: "")
        }
        if options.dryRun { return }
        guard try Confirmation.confirm("\(verb.capitalized) \(matched.count) comments?", assumeYes: options.yes) else {
            throw CommandFailure("nothing changed")
        }
        let detail = try JSONOutput.encode(BulkDetail(filter: filter.detailJSON, count: matched.count))
        var request = request(ids: matched.map(\.id), actor: actor, detail: detail)
        request.expectedVersions = Dictionary(uniqueKeysWithValues: matched.map { ($0.id, $0.version) })
        report(try await ReviewStore.decide(request, on: db), style: style)
    }

    private func request(ids: [Int64], actor: String, detail: String) -> DecisionRequest {
        DecisionRequest(
            ids: ids, decision: decision, actor: actor, command: command, detail: detail,
            note: options.note, reason: reason, force: options.force)
    }

    private func report(_ outcome: DecisionOutcome, style: TextStyle) {
        if options.json {
            print((try? JSONOutput.encode(outcome)) ?? "{}")
        } else {
            print(ReviewRendering.outcome(outcome, decision: decision, style: style))
        }
    }
}

/// What the action log records of a bulk decision: the filter, so a reader sees which comments were meant.
struct BulkDetail: Encodable {
    let filter: [String: String]
    let count: Int
}

/// What `--dry-run --json` prints.
struct BulkPreview: Encodable {
    let count: Int
    let ids: [Int64]
    let sample: [ReviewComment]
}
