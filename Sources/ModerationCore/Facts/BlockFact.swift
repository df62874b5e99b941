/// A block entry that matched the comment, as the worker found it in the database.
public struct BlockFact: Sendable, Hashable, Codable {
    /// What the entry blocks.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// One IP address.
        case ip
        /// An IP network (`203.0.113.0/24`); reported as `blocked_ip`.
        case cidr
        /// One email address.
        case email
        /// A domain, of the email address or the website.
        case domain
    }

    public var kind: Kind
    /// The blocked value as stored (`203.0.113.9`, `spam@example.com`, `example.com`).
    public var value: String
    /// The block's row id, for `rules` commands and the reason's `rule` (`block:<id>`).
    public var id: Int64?
    /// Why a moderator added it, if they said.
    public var reason: String?

    public init(kind: Kind, value: String, id: Int64? = nil, reason: String? = nil) {
        self.kind = kind
        self.value = value
        self.id = id
        self.reason = reason
    }
}
