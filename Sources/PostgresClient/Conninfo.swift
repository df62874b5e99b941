import CLibPQ

/// libpq connection strings, read through libpq itself so that URIs, keyword strings, percent-encoding and
/// quoting all behave exactly as they will when connecting.
enum Conninfo {
    /// Whether libpq's `expand_dbname` treats `conninfo` as a connection string rather than a database name.
    static func isConnectionString(_ conninfo: String) -> Bool {
        conninfo.hasPrefix("postgresql://") || conninfo.hasPrefix("postgres://") || conninfo.contains("=")
    }

    /// The options `conninfo` sets explicitly, in libpq's order; a plain database name becomes `dbname`.
    static func parse(_ conninfo: String) throws(PostgresError) -> [(key: String, value: String)] {
        guard !conninfo.containsNUL else {
            throw PostgresError(kind: .malformedConnectionString, message: "it contains a NUL byte")
        }
        guard isConnectionString(conninfo) else { return [("dbname", conninfo)] }
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &errorMessage) else {
            let reason = errorMessage.map { String(cString: $0) } ?? "libpq could not parse it"
            if let errorMessage { PQfreemem(errorMessage) }
            throw PostgresError(kind: .malformedConnectionString, message: redactFragments(reason, of: conninfo))
        }
        defer { PQconninfoFree(options) }
        return values(of: options).compactMap { key, value in value.map { (key, $0) } }
    }

    /// libpq's defaults for options a conninfo leaves out (environment variables such as `PGHOST`, `PGUSER`).
    static func defaults() -> [String: String] {
        guard let options = PQconndefaults() else { return [:] }
        defer { PQconninfoFree(options) }
        var defaults: [String: String] = [:]
        for case let (key, value?) in values(of: options) {
            defaults[key] = value
        }
        return defaults
    }

    /// Every option name libpq knows.
    static func knownKeywords() -> Set<String> {
        guard let options = PQconndefaults() else { return [] }
        defer { PQconninfoFree(options) }
        return Set(values(of: options).map(\.key))
    }

    /// A keyword-form value, quoted so spaces, quotes and backslashes survive.
    static func quote(_ value: String) -> String {
        var quoted = "'"
        for character in value {
            if character == "'" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "'"
    }

    private static func values(of options: UnsafeMutablePointer<PQconninfoOption>) -> [(key: String, value: String?)] {
        var result: [(key: String, value: String?)] = []
        var option = options
        while let keyword = option.pointee.keyword {
            result.append((String(cString: keyword), option.pointee.val.map { String(cString: $0) }))
            option += 1
        }
        return result
    }

    /// libpq quotes fragments of the string it failed to parse, which may hold a password. A fragment is
    /// kept only when it is a syntax character (`"="`, `"]"`), an option name libpq knows, or a word the
    /// string uses as an option name (`fragment=`, so a misspelt name stays visible).
    static func redactFragments(_ message: String, of conninfo: String) -> String {
        let keywords = knownKeywords()
        var result = ""
        var remainder = Substring(PostgresError.oneLine(message))
        while let open = remainder.firstIndex(of: "\""),
            let close = remainder[remainder.index(after: open)...].firstIndex(of: "\"")
        {
            let fragment = remainder[remainder.index(after: open)..<close]
            let isSyntax = fragment.count == 1 && fragment.allSatisfy { !$0.isLetter && !$0.isNumber }
            let isName = keywords.contains(String(fragment)) || (!fragment.isEmpty && conninfo.contains(fragment + "="))
            result += remainder[...open] + (isSyntax || isName ? fragment : "…") + "\""
            remainder = remainder[remainder.index(after: close)...]
        }
        return result + remainder
    }
}
