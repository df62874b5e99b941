/// The length limits field validation applies. Defaults are WordPress's column sizes
/// (`wp_get_comment_fields_max_lengths`): it counts names, emails and URLs with `mb_strlen`, that is in
/// code points, so these are Unicode scalars here too; the body limit is in UTF-8 bytes.
public struct FieldLimits: Sendable, Hashable {
    /// Longest author name, in Unicode scalars.
    public var maxNameLength: Int
    /// Longest author email, in Unicode scalars.
    public var maxEmailLength: Int
    /// Longest website URL, in Unicode scalars.
    public var maxURLLength: Int
    /// Longest body, in UTF-8 bytes.
    public var maxBodyBytes: Int
    /// Shortest body, in Unicode scalars after trimming; 1 only asks for a body.
    public var minBodyLength: Int

    public init(
        maxNameLength: Int = 245, maxEmailLength: Int = 100, maxURLLength: Int = 200, maxBodyBytes: Int = 65525,
        minBodyLength: Int = 1
    ) {
        self.maxNameLength = maxNameLength
        self.maxEmailLength = maxEmailLength
        self.maxURLLength = maxURLLength
        self.maxBodyBytes = maxBodyBytes
        self.minBodyLength = minBodyLength
    }

    /// WordPress's limits: name 245, email 100, URL 200 characters, body 65525 bytes.
    public static let wordPress = FieldLimits()
}

extension Policy {
    /// The field limits this policy sets.
    public var fieldLimits: FieldLimits {
        FieldLimits(
            maxNameLength: maxNameLength, maxEmailLength: maxEmailLength, maxURLLength: maxURLLength,
            maxBodyBytes: maxBodyBytes, minBodyLength: minBodyLength)
    }
}
