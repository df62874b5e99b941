/// Why an address is not a valid email address: one sentence for a person, worded as email-validator words it
/// wherever this implementation can reproduce its text.
public struct EmailSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The one-line explanation.
    public let message: String

    /// Creates an error with the given explanation.
    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
