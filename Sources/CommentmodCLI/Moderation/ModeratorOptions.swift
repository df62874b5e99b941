import ArgumentParser
import Foundation

/// Who is acting: `--as NAME`, else the login name. Written into every event and action as
/// `moderator:NAME`, so the log says who did what.
struct ModeratorOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp("Moderator name recorded in events (default: your login name).",
                                                        valueName: "name"))
    var name: String?

    func validate() throws {
        if let name { _ = try Self.checked(name) }
    }

    /// `moderator:NAME`.
    func actor(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let name { return "moderator:" + (try Self.checked(name)) }
        guard let login = Self.loginName(environment: environment) else {
            throw CommandFailure.usage("cannot tell who you are: pass --as NAME")
        }
        return "moderator:" + login
    }

    static func checked(_ name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw ValidationError("--as: the moderator name is empty") }
        guard trimmed.count <= 100 else { throw ValidationError("--as: the moderator name is longer than 100 characters") }
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.isBidiControl }) else {
            throw ValidationError("--as: the moderator name contains a control character")
        }
        return trimmed
    }

    private static func loginName(environment: [String: String]) -> String? {
        for key in ["SUDO_USER", "LOGNAME", "USER"] {
            if let value = environment[key], let name = try? checked(value) { return name }
        }
        guard let entry = getpwuid(geteuid()), let raw = entry.pointee.pw_name else { return nil }
        return try? checked(String(cString: raw))
    }
}
