import Foundation

/// The person `privacy export` and `privacy erase` are about: the address as given, trimmed. Stored
/// addresses are whatever a form posted, invalid ones included, so only the shape is checked here: text on
/// both sides of an "@" (which also keeps an erasure from redacting a bare word everywhere), one line, no
/// control characters.
struct PersonEmail: Sendable, Equatable {
    let address: String

    /// The address for a message: terminal-safe and at most 80 columns.
    var shown: String { TextTable.shorten(TextStyle.visible(address), to: 80) }

    /// Checks `--email`; every refusal is a usage error (exit 2) on one line.
    static func parse(_ argument: String) throws -> PersonEmail {
        let trimmed = argument.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw CommandFailure.usage("--email: the address is empty") }
        guard !trimmed.unicodeScalars.contains(where: isControl) else {
            throw CommandFailure.usage("--email: the address contains a control character")
        }
        guard trimmed.utf8.count <= 1000 else {
            throw CommandFailure.usage("--email: the address is longer than 1000 bytes")
        }
        guard trimmed.contains("@"), trimmed.first != "@", trimmed.last != "@" else {
            throw CommandFailure.usage("--email: \(TextTable.shorten(trimmed, to: 80)) is not an email address")
        }
        return PersonEmail(address: trimmed)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: true
        default: scalar.properties.isBidiControl
        }
    }
}
