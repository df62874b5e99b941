import ArgumentParser

public struct Commentmod: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "commentmod",
        abstract: "Comment moderation on PostgreSQL.",
        subcommands: []
    )

    public init() {}
}
