import ArgumentParser
import Foundation
import ModerationStore

struct ReviewUndoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Revert a moderator's action (a bulk one as one unit); the undo is itself an action.",
        discussion: """
            EVENT_ID is any event of the action (decisions print it; `review show` lists them). --last undoes \
            your own newest action that is neither undone nor an undo, so repeating it walks back. Undoing an \
            undo redoes. A comment changed since the action is a conflict unless --force.
            """)

    @Argument(help: "An event id of the action to revert.")
    var eventID: Int64?

    @Flag(help: "Undo your own last action.")
    var last = false

    @Option(help: "A note recorded with the undo.")
    var note: String?

    @Flag(help: "Revert even comments changed since the action.")
    var force = false

    @Flag(help: "Print the outcome as JSON.")
    var json = false

    @OptionGroup var moderator: ModeratorOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        switch (eventID, last) {
        case (nil, false): throw ValidationError("give an event id or --last")
        case (.some, true): throw ValidationError("give an event id or --last, not both")
        case (.some(let id), false) where id <= 0: throw ValidationError("event ids are positive")
        default: break
        }
        if let note { try NoteText.check(note, option: "--note") }
    }

    func run() async throws {
        let actor = try moderator.actor()
        let target: UndoTarget = eventID.map(UndoTarget.event) ?? .lastBy(actor)
        let outcome = try await database.withConnection(applicationName: "commentmod review") {
            try await ReviewStore.undo(target, actor: actor, note: note, force: force, on: $0)
        }
        if json {
            print(try JSONOutput.encode(outcome))
        } else {
            print(ReviewRendering.undo(outcome, style: .forStandardOutput()))
        }
    }
}
