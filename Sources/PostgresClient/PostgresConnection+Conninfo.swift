extension PostgresConnection {
    /// A password-free description of where `conninfo` (or libpq's defaults, for nil) connects, for logs:
    /// `host=/run/postgresql port=5432 dbname=comments user=commentmod`.
    public static func describeTarget(_ conninfo: String?) -> String {
        var values: [String: String] = [:]
        if let conninfo = nonEmpty(conninfo) {
            guard let explicit = try? Conninfo.parse(conninfo) else { return "malformed connection string" }
            for (key, value) in explicit { values[key] = value }
        }
        // With a service, the service file supplies what is missing, so the environment's values would mislead.
        if values["service"] == nil {
            for (key, value) in Conninfo.defaults() where values[key] == nil {
                values[key] = value
            }
        }
        let shown = ["service", "host", "hostaddr", "port", "dbname", "user"].compactMap { key -> String? in
            guard let value = values[key], !value.isEmpty else { return nil }
            let plain = value.allSatisfy { !$0.isWhitespace && $0 != "'" && $0 != "\\" }
            return "\(key)=" + (plain ? value : Conninfo.quote(value))
        }
        return shown.isEmpty ? "libpq defaults" : shown.joined(separator: " ")
    }

    /// `base` (a URI, a keyword string, a database name, or nil for libpq's defaults) as a keyword string
    /// with `overrides` applied, e.g. `conninfo(url, overriding: ["dbname": "other"])`. The result carries the
    /// password if `base` does: pass it to `connect`, not to a log.
    public static func conninfo(_ base: String?, overriding overrides: [String: String]) throws -> String {
        var options = try nonEmpty(base).map { conninfo throws(PostgresError) in try Conninfo.parse(conninfo) } ?? []
        let known = Conninfo.knownKeywords()
        for (key, value) in overrides.sorted(by: { $0.key < $1.key }) {
            guard known.contains(key) else {
                throw PostgresError(kind: .malformedConnectionString, message: "unknown connection option \"\(key)\"")
            }
            guard !value.containsNUL else {
                throw PostgresError(kind: .malformedConnectionString, message: "the value of \"\(key)\" contains a NUL byte")
            }
            if let index = options.firstIndex(where: { $0.key == key }) {
                options[index].value = value
            } else {
                options.append((key, value))
            }
        }
        return options.map { "\($0.key)=\(Conninfo.quote($0.value))" }.joined(separator: " ")
    }

    static func nonEmpty(_ conninfo: String?) -> String? {
        guard let conninfo, conninfo.contains(where: { !$0.isWhitespace }) else { return nil }
        return conninfo
    }
}

extension PostgresConnection {
    /// The options `conninfo` sets explicitly, as libpq parses them (a plain database name gives `dbname`);
    /// includes the password if there is one, so keep the result out of logs.
    public static func conninfoOptions(_ conninfo: String) throws -> [String: String] {
        var options: [String: String] = [:]
        for (key, value) in try Conninfo.parse(conninfo) {
            options[key] = value
        }
        return options
    }
}
