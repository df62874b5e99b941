#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `PQconnectdbParams` receives: our defaults first, the caller's conninfo (expanded by libpq) after them
/// so it overrides them, and the client encoding last because decoding relies on UTF-8.
struct ConnectionParameters {
    let keywords: CStringArray
    let values: CStringArray
    /// Password-free, for error messages.
    let target: String

    init(conninfo: String?, options: ConnectOptions) throws(PostgresError) {
        var pairs: [(String, String)] = []
        if getenv("PGCONNECT_TIMEOUT").map({ $0.pointee == 0 }) ?? true {
            pairs.append(("connect_timeout", String(options.connectTimeoutSeconds)))
        }
        if let applicationName = options.applicationName {
            pairs.append(("fallback_application_name", applicationName))
        }
        let conninfo = PostgresConnection.nonEmpty(conninfo)
        if let conninfo {
            _ = try Conninfo.parse(conninfo)
            pairs.append(("dbname", conninfo))
        }
        pairs.append(("client_encoding", "UTF8"))
        keywords = CStringArray(pairs.map(\.0) + [nil])
        values = CStringArray(pairs.map(\.1) + [nil])
        target = PostgresConnection.describeTarget(conninfo)
    }
}
