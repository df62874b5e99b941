import ArgumentParser
import Foundation
import ModerationStore

struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List, inspect and decide held comments; undo decisions; add notes.",
        discussion: """
            Decisions take comment ids, or filters for a bulk decision (a preview, then a confirmation unless \
            --yes; --dry-run only previews). Each decision is one action in the log; `review undo` reverts an \
            action as one unit. Exit codes: 0 done; 1 nothing matched, an unknown id or a conflict; 2 bad usage.
            """,
        subcommands: [
            ReviewListCommand.self, ReviewShowCommand.self, ReviewApproveCommand.self, ReviewRejectCommand.self,
            ReviewSpamCommand.self, ReviewRestoreCommand.self, ReviewUndoCommand.self, ReviewNoteCommand.self,
        ]
    )
}

struct ReviewListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Comments waiting for a moderator (held by default), oldest first.")

    @OptionGroup var filters: ReviewFilterOptions
    @OptionGroup var database: DatabaseOptions

    @Option(help: "Carries this reason code (e.g. word_hold, too_many_links).")
    var reason: String?

    @Option(help: "At most this many comments (1-10000).")
    var limit = 50

    @Flag(help: "Print a JSON array.")
    var json = false

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be between 1 and 10000") }
        if let reason { try ReviewFilterOptions.checkReasonCode(reason, option: "--reason") }
    }

    func run() async throws {
        let comments = try await database.withConnection(applicationName: "commentmod review") {
            try await ReviewStore.list(filters.filter(limit: limit, reasonCode: reason), on: $0)
        }
        if json {
            print(try JSONOutput.encode(comments))
            return
        }
        guard !comments.isEmpty else {
            print("no comments match")
            return
        }
        print(ReviewRendering.table(comments, now: Date(), style: .forStandardOutput()))
    }
}

struct ReviewShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "One comment: every field, every reason, its history and notes, and the author's other recent comments.")

    @Argument(help: "Comment id.")
    var id: Int64

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        guard id > 0 else { throw ValidationError("comment ids are positive") }
    }

    func run() async throws {
        let detail = try await database.withConnection(applicationName: "commentmod review") {
            try await ReviewStore.show(id: id, on: $0)
        }
        guard let detail else { throw CommandFailure("no comment has id \(id)") }
        print(json ? try JSONOutput.encode(detail) : ReviewRendering.detail(detail, now: Date(), style: .forStandardOutput()))
    }
}

struct ReviewNoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Add a note to a comment's history (the comment itself does not change).")

    @Argument(help: "Comment id.")
    var id: Int64

    @Argument(help: "The note.")
    var text: String

    @OptionGroup var moderator: ModeratorOptions
    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print the event as JSON.")
    var json = false

    func validate() throws {
        guard id > 0 else { throw ValidationError("comment ids are positive") }
        try NoteText.check(text, option: "the note")
    }

    func run() async throws {
        let actor = try moderator.actor()
        let event = try await database.withConnection(applicationName: "commentmod review") {
            try await ReviewStore.addNote(text, to: id, actor: actor, on: $0)
        }
        print(json ? try JSONOutput.encode(event) : "noted on comment \(id) (event \(event.id))")
    }
}
