import ArgumentParser
import Foundation
import ModerationStore

struct PrivacyEraseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase a person's data, as WordPress's personal-data eraser does.",
        discussion: """
            Their comments keep their text (unless --delete-comments) under the name "Anonymous"; email, \
            website, IP address, user agent and referrer are removed, blocks on the address or those IP \
            addresses are removed, and every mention of them elsewhere is replaced by [erased]. One \
            transaction; the log records that an erasure happened and how much it changed, never what. \
            Asks first unless --yes. Exit 1 when nothing is stored about the address.
            """
    )

    @Option(help: ArgumentHelp("The person's email address (case-insensitive).", valueName: "address"))
    var email: String

    @Flag(name: .customLong("delete-comments"),
          help: "Delete the comments' text too; published ones are withdrawn, each row stays as a tombstone.")
    var deleteComments = false

    @Flag(help: "Do not ask for confirmation.")
    var yes = false

    @Flag(help: "Print what was erased as one JSON object of counts.")
    var json = false

    @OptionGroup var moderator: ModeratorOptions
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let person = try PersonEmail.parse(email)
        let actor = try moderator.actor()
        let counts = try await database.withConnection(applicationName: "commentmod privacy erase") { connection in
            if !yes {
                let preview = try await PrivacyStore.previewErasure(
                    email: person.address, deleteComments: deleteComments, actor: actor, on: connection)
                guard !preview.isEmpty else { throw nothingStored(person) }
                if isatty(STDIN_FILENO) == 1 {
                    let text = ErasureSummary.lines(preview, of: person, deleteComments: deleteComments, done: false)
                    FileHandle.standardError.write(Data((text.joined(separator: "\n") + "\n").utf8))
                }
                guard try Confirmation.confirm("Erase the personal data of \(person.shown)?", assumeYes: false) else {
                    throw CommandFailure("not confirmed; nothing was erased")
                }
            }
            return try await PrivacyStore.erase(email: person.address, deleteComments: deleteComments, actor: actor, on: connection)
        }
        guard !counts.isEmpty else { throw nothingStored(person) }
        if json {
            print(try JSONOutput.encode(counts))
        } else {
            print(ErasureSummary.lines(counts, of: person, deleteComments: deleteComments, done: true).joined(separator: "\n"))
        }
    }

    private func nothingStored(_ person: PersonEmail) -> CommandFailure {
        CommandFailure("nothing is stored about \(person.shown); nothing to erase")
    }
}
