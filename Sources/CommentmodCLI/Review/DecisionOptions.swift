import ArgumentParser
import Foundation
import ModerationStore

/// What every decision command (`approve`, `reject`, `spam`, `restore`) takes.
struct DecisionOptions: ParsableArguments {
    @Argument(help: "Comment ids; or leave them out and give filters for a bulk decision.")
    var ids: [Int64] = []

    @OptionGroup var filters: ReviewFilterOptions

    @Option(name: .customLong("reason-code"), help: "Bulk: only comments carrying this reason code.")
    var reasonCode: String?

    @Option(help: "A note recorded with the decision.")
    var note: String?

    @Option(name: .customLong("expect-version"),
            help: "Refuse if the comment changed since this version (from list or show); one id only.")
    var expectVersion: Int?

    @Flag(help: "Decide even if the comment changed since --expect-version, or the worker has not decided it yet.")
    var force = false

    @Flag(name: .customLong("dry-run"), help: "Bulk: print what would be decided, change nothing.")
    var dryRun = false

    @Flag(help: "Bulk: do not ask for confirmation.")
    var yes = false

    @Flag(help: "Print the outcome as JSON.")
    var json = false

    @OptionGroup var moderator: ModeratorOptions
    @OptionGroup var database: DatabaseOptions

    var isBulk: Bool { ids.isEmpty }

    func validate() throws {
        if ids.isEmpty && filters.isEmpty && reasonCode == nil {
            throw ValidationError("give comment ids, or filters (--status, --site, --ip, --since, …) for a bulk decision")
        }
        if !ids.isEmpty && (!filters.isEmpty || reasonCode != nil) {
            throw ValidationError("give comment ids or filters, not both")
        }
        if let bad = ids.first(where: { $0 <= 0 }) { throw ValidationError("comment ids are positive, not \(bad)") }
        if let reasonCode { try ReviewFilterOptions.checkReasonCode(reasonCode, option: "--reason-code") }
        if let expectVersion {
            guard ids.count == 1 else { throw ValidationError("--expect-version takes exactly one comment id") }
            guard expectVersion > 0 else { throw ValidationError("--expect-version must be positive") }
        }
        if !isBulk && (dryRun || yes) {
            throw ValidationError("--dry-run and --yes are for decisions by filter; with ids the decision is immediate")
        }
        if dryRun && yes { throw ValidationError("--dry-run and --yes cannot be combined") }
        if let note { try NoteText.check(note, option: "--note") }
    }
}

/// Notes and reasons people write: kept as written (line breaks allowed), within reason.
enum NoteText {
    static func check(_ text: String, option: String) throws {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw ValidationError("\(option) is empty") }
        guard text.count <= 10_000 else { throw ValidationError("\(option) is longer than 10000 characters") }
        let forbidden = text.unicodeScalars.contains { scalar in
            scalar.properties.generalCategory == .control && scalar != "\n" && scalar != "\t"
        }
        guard !forbidden else { throw ValidationError("\(option) contains a control character") }
    }
}
