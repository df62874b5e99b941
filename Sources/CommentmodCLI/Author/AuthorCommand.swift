import ArgumentParser

/// `commentmod author …`: one commenter's history across sites, and blocks on them.
struct AuthorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "author",
        abstract: "An author's history (by email address, IP address or network), and bans.",
        subcommands: [AuthorShowCommand.self, AuthorBanCommand.self, AuthorUnbanCommand.self]
    )
}
