/// A SQL statement and its parameters. String interpolation makes every interpolated value a `$n` bind
/// parameter, so values never become SQL text:
///
/// ```swift
/// let query: PostgresQuery = "SELECT id FROM t WHERE a = \(x) AND b = ANY(\(ids)::bigint[])"
/// // sql: "SELECT id FROM t WHERE a = $1 AND b = ANY($2::bigint[])", binds: [x, ids]
/// ```
///
/// Interpolating another `PostgresQuery` splices its SQL in and renumbers its parameters, so fragments compose.
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The SQL text, with `$1`, `$2`, … standing for `binds`.
    public private(set) var sql: String
    /// The parameters, `binds[0]` for `$1`.
    public private(set) var binds: [PostgresBind]

    /// SQL the caller vouches for (composed from trusted fragments, never from user input), whose `$n`
    /// placeholders refer to `binds`.
    public init(unsafeSQL sql: String, binds: [PostgresBind] = []) {
        self.sql = sql
        self.binds = binds
    }

    public init(stringLiteral value: String) {
        self.init(unsafeSQL: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(unsafeSQL: stringInterpolation.sql, binds: stringInterpolation.binds)
    }

    /// The SQL text only; bound values never appear.
    public var description: String { sql }

    /// Appends `other`'s SQL, renumbering its placeholders after this query's.
    public mutating func append(_ other: PostgresQuery) {
        Self.splice(other, sql: &sql, binds: &binds)
    }

    /// Appends `fragment`'s SQL and parameters to `sql` and `binds`, its placeholders renumbered after
    /// those already bound. A fragment without parameters has no placeholder to renumber and is copied as
    /// it is (most shared fragments; the worker's claim splices one of several kilobytes for every batch).
    static func splice(_ fragment: PostgresQuery, sql: inout String, binds: inout [PostgresBind]) {
        guard !fragment.binds.isEmpty else {
            sql += fragment.sql
            return
        }
        sql += SQLPlaceholders.renumber(fragment.sql, offset: binds.count)
        binds += fragment.binds
    }

    /// `lhs` followed by `rhs`, its placeholders renumbered.
    public static func + (lhs: PostgresQuery, rhs: PostgresQuery) -> PostgresQuery {
        var result = lhs
        result.append(rhs)
        return result
    }

    /// `name` as a double-quoted SQL identifier, for the few places PostgreSQL cannot take a parameter
    /// (`CREATE DATABASE`, `LISTEN`).
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingAll("\"", with: "\"\"") + "\""
    }

    /// Collects literal SQL and `$n` parameters; see the type's documentation.
    public struct StringInterpolation: StringInterpolationProtocol {
        var sql: String
        var binds: [PostgresBind]

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql = ""
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            binds = []
            binds.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// A bind parameter.
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            binds.append(PostgresBind(value))
            sql += "$\(binds.count)"
        }

        /// A bind parameter, NULL when `value` is nil. (Its own overload, so optionals bind without the
        /// compiler's "debug description for an optional value" warning.)
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            binds.append(PostgresBind(value))
            sql += "$\(binds.count)"
        }

        /// A bind parameter whose value was encoded elsewhere (`PostgresBind.null`, or a bind taken from
        /// another query).
        public mutating func appendInterpolation(_ bind: PostgresBind) {
            binds.append(bind)
            sql += "$\(binds.count)"
        }

        /// Another query's SQL, its parameters renumbered to follow this one's.
        public mutating func appendInterpolation(_ query: PostgresQuery) {
            PostgresQuery.splice(query, sql: &sql, binds: &binds)
        }

        /// A double-quoted identifier, for names that cannot be parameters (databases, channels, columns).
        public mutating func appendInterpolation(identifier name: String) {
            sql += PostgresQuery.quoteIdentifier(name)
        }
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var result = ""
        result.reserveCapacity(utf8.count + 8)
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
