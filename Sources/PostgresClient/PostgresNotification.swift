/// A `NOTIFY` received on a channel this connection listens to.
public struct PostgresNotification: Sendable, Hashable {
    /// The channel name, as the server reports it (names longer than 63 bytes are truncated by the server).
    public let channel: String
    /// The payload text; empty for a `NOTIFY` without one.
    public let payload: String
    /// The server process of the session that sent it.
    public let backendPID: Int32

    public init(channel: String, payload: String, backendPID: Int32) {
        self.channel = channel
        self.payload = payload
        self.backendPID = backendPID
    }
}
