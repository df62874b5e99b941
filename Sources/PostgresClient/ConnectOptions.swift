/// Defaults applied when connecting, each overridden by the caller's conninfo (and, for the timeout, by
/// `PGCONNECT_TIMEOUT`).
public struct ConnectOptions: Sendable {
    /// libpq's `connect_timeout`, used unless the conninfo or `PGCONNECT_TIMEOUT` sets one.
    public var connectTimeoutSeconds: Int = 10
    /// Sent as `fallback_application_name`, so a conninfo's or `PGAPPNAME`'s `application_name` still wins.
    public var applicationName: String? = nil

    public init(connectTimeoutSeconds: Int = 10, applicationName: String? = nil) {
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.applicationName = applicationName
    }
}
