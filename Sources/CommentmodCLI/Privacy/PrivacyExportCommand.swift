import ArgumentParser
import ModerationStore

struct PrivacyExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print everything stored about an email address as one JSON document.",
        discussion: """
            The person's comments with every column (IP address, user agent, referrer, body, status, reasons, \
            dates), each with its events and notes; blocks, word rules and moderator actions that name the \
            address or the person's IP addresses; notes elsewhere that mention them. Exit 1 when nothing is stored.
            """
    )

    @Option(help: ArgumentHelp("The person's email address (case-insensitive).", valueName: "address"))
    var email: String

    @Flag(help: "Print JSON (the only format; accepted for symmetry with the other commands).")
    var json = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let person = try PersonEmail.parse(email)
        let document = try await database.withConnection(applicationName: "commentmod privacy export") {
            try await PrivacyStore.export(email: person.address, on: $0)
        }
        guard let document else { throw CommandFailure("nothing is stored about \(person.shown)") }
        print(document)
    }
}
