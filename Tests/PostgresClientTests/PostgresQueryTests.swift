import PostgresClient
import Testing

@Suite struct PostgresQueryTests {
    @Test func interpolatedValuesBecomeBindParameters() throws {
        let name = "Robert'); DROP TABLE students;--"
        let limit = 10
        let query: PostgresQuery = "SELECT * FROM t WHERE name = \(name) LIMIT \(limit)"
        #expect(query.sql == "SELECT * FROM t WHERE name = $1 LIMIT $2")
        #expect(try query.binds.map { try $0.text() } == [name, "10"])
        #expect(query.description == query.sql)
    }

    @Test func interpolatedStringLiteralsAreValuesToo() throws {
        let query: PostgresQuery = "SELECT \("lit'eral") AS v"
        #expect(query.sql == "SELECT $1 AS v")
        #expect(try query.binds.map { try $0.text() } == ["lit'eral"])
    }

    @Test func optionalNilAndExplicitNullBindAsNull() throws {
        let missing: String? = nil
        let query: PostgresQuery = "SELECT \(missing), \(PostgresBind.null), \(Optional("x"))"
        #expect(query.sql == "SELECT $1, $2, $3")
        #expect(try query.binds.map { try $0.text() } == [nil, nil, "x"])
    }

    @Test func composedQueriesRenumberTheirParameters() throws {
        let filter: PostgresQuery = "a = \(1) AND b = \(2)"
        let query: PostgresQuery = "SELECT \(0) FROM t WHERE \(filter) AND c = \(3)"
        #expect(query.sql == "SELECT $1 FROM t WHERE a = $2 AND b = $3 AND c = $4")
        #expect(try query.binds.map { try $0.text() } == ["0", "1", "2", "3"])

        var appended: PostgresQuery = "SELECT \(true)"
        appended.append(" WHERE x = \(7)")
        let added = appended + " AND y = ANY(\([1, 2])::int[])"
        #expect(added.sql == "SELECT $1 WHERE x = $2 AND y = ANY($3::int[])")
        #expect(try added.binds.map { try $0.text() } == ["true", "7", #"{"1","2"}"#])
    }

    @Test func renumberingSkipsLiteralsIdentifiersCommentsAndDollarQuotes() {
        let fragment = PostgresQuery(
            unsafeSQL: #"""
                SELECT '$1', 'it''s $1', E'\' $1', "$1", "a""$1", x$1, $1, $$ $1 $$, $tag$ $1 $tag$ -- $1
                /* $1 /* $1 */ $1 */ $2
                """#,
            binds: [PostgresBind(1), PostgresBind(2)]
        )
        let query: PostgresQuery = "\(10)\(20)\(30) \(fragment)"
        #expect(query.sql == #"""
            $1$2$3 SELECT '$1', 'it''s $1', E'\' $1', "$1", "a""$1", x$1, $4, $$ $1 $$, $tag$ $1 $tag$ -- $1
            /* $1 /* $1 */ $1 */ $5
            """#)
        #expect(query.binds.count == 5)
    }

    @Test func identifiersAreQuotedNotBound() {
        let query: PostgresQuery = "CREATE DATABASE \(identifier: #"we"ird db"#)"
        #expect(query.sql == #"CREATE DATABASE "we""ird db""#)
        #expect(query.binds.isEmpty)
        #expect(PostgresQuery.quoteIdentifier("plain") == #""plain""#)
    }
}
