import ModerationCore
import PostgresClient

/// What a block is on, in the form the table stores: an IP address (`203.0.113.7`) or network
/// (`203.0.113.0/24`) for the `network` column, a lower-case email address or domain for `value`.
/// The commands validate and canonicalize; the store binds the value as given.
public struct BlockTarget: Sendable, Hashable, Codable {
    public let kind: BlockFact.Kind
    public let value: String

    public init(kind: BlockFact.Kind, value: String) {
        self.kind = kind
        self.value = value
    }

    /// Whether the value goes in the `network` column.
    public var isNetwork: Bool { kind == .ip || kind == .cidr }

    /// Kinds whose value is personal data: the action log records a digest of it, never the value, so that
    /// an erasure leaves it in no table (the log is append-only).
    public var isPersonal: Bool { kind == .ip || kind == .email }

    /// The condition that a row of `moderation.blocks k` is on exactly this target.
    var sameTarget: PostgresQuery {
        isNetwork
            ? "k.kind = \(kind.rawValue) AND k.network = \(value)::cidr"
            : "k.kind = \(kind.rawValue) AND k.value = \(value)"
    }
}
