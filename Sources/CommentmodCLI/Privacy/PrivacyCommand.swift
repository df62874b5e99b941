import ArgumentParser

struct PrivacyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privacy",
        abstract: "A person's data on request: export everything stored about an email address, or erase it.",
        subcommands: [PrivacyExportCommand.self, PrivacyEraseCommand.self]
    )
}
