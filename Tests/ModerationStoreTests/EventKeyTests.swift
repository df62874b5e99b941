import DatabaseTestSupport
import Foundation
import ModerationStore
import PostgresClient
import Testing

/// sql/0015: the event log keyed by (comment_id, id), with a BRIN index for the lookup by id alone.
@Suite("event log key: upgrade with events, bounded lookups by event id")
struct EventKeyTests {
    private static let eventsInOrder: PostgresQuery = """
        SELECT id, comment_id, actor, from_status, to_status, kind, action_id
        FROM moderation.comment_events ORDER BY id
        """

    private static func rows(_ db: PostgresConnection, _ sql: PostgresQuery) async throws -> [String] {
        try await db.query(sql).map { row in
            try (0..<row.columnCount).map { try row.decode(String?.self, at: $0) ?? "∅" }.joined(separator: "|")
        }
    }

    @Test("an upgrade from 0014 keeps every event, and undo by event id still finds its action")
    func upgradeKeepsEvents() async throws {
        try await TestDatabase.withDatabase(suite: "event_key") { conninfo in
            let db = try await PostgresConnection.connect(conninfo)
            let all = try TestDatabase.migrations()
            try await Migrator(migrations: all.filter { $0.version < 15 }).migrate(on: db)
            try await TestDatabase.addSite("blog", on: db)
            var ids: [Int64] = []
            for n in 0..<5 {
                ids.append(try await db.query("""
                    SELECT moderation.submit_comment(site_id => 'blog', post_id => 'p', author_name => 'Ann',
                        author_email => 'ann@example.org', body => \("comment \(n)"))
                    """)[0].decode(Int64.self, at: 0))
            }
            try await db.execute("DELETE FROM moderation.queue")
            try await db.execute("UPDATE moderation.comments SET status = 'held', decided_at = now()")
            try await db.execute("""
                INSERT INTO moderation.comment_events (comment_id, actor, from_status, to_status)
                SELECT id, 'worker-test', 'pending', 'held' FROM moderation.comments
                """)
            let rejection = try await ReviewStore.decide(DecisionRequest(
                ids: Array(ids.prefix(3)), decision: .reject, actor: "moderator:ann", command: "review reject"), on: db)
            let before = try await Self.rows(db, Self.eventsInOrder)
            #expect(before.count == 5 + 5 + 3)

            try await Migrator(migrations: all).migrate(on: db)
            #expect(try await Self.rows(db, Self.eventsInOrder) == before)
            let key = try await db.query("""
                SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'comment_events_pkey'
                """)
            #expect(try key.map { try $0.decode(String.self, at: 0) } == ["PRIMARY KEY (comment_id, id)"])

            let undo = try await ReviewStore.undo(.event(rejection.changed[1].eventId), actor: "moderator:ann", on: db)
            #expect(undo.undoneActionId == rejection.actionId)
            #expect(Set(undo.changed.map(\.id)) == Set(ids.prefix(3)))
            await db.close()
        }
    }

    @Test("a lookup by event id reads one block range of the log, not the log")
    func idLookupIsBounded() async throws {
        try await TestDatabase.withDatabase(suite: "event_key_lookup") { conninfo in
            let db = try await PostgresConnection.connect(conninfo)
            try await Migrator(migrations: try TestDatabase.migrations()).migrate(on: db)
            try await TestDatabase.addSite("blog", on: db)
            let comment = try await db.query("""
                SELECT moderation.submit_comment(site_id => 'blog', post_id => 'p', author_name => 'Ann',
                    author_email => 'ann@example.org', body => 'hello')
                """)[0].decode(Int64.self, at: 0)
            // Enough notes for several ranges of 128 pages, as a long-lived log has.
            try await db.execute("""
                INSERT INTO moderation.comment_events (comment_id, actor, from_status, to_status, kind, note)
                SELECT \(comment), 'moderator:ann', 'pending', 'pending', 'note', 'note ' || g
                FROM generate_series(1, 100000) g
                """)
            // Autovacuum summarizes each range as it fills (autosummarize); done here at once.
            let options = try await db.query("""
                SELECT c.reloptions::text, pg_get_indexdef(c.oid) FROM pg_class c
                WHERE c.oid = 'moderation.comment_events_id_idx'::regclass
                """)
            #expect(try options[0].decode(String?.self, at: 0) == "{autosummarize=on}")
            #expect(try options[0].decode(String.self, at: 1).contains("USING brin (id int8_minmax_multi_ops)"))
            try await db.execute("SELECT brin_summarize_new_values('moderation.comment_events_id_idx')")
            try await db.execute("ANALYZE moderation.comment_events")
            let pages = try await db.query("""
                SELECT pg_relation_size('moderation.comment_events') / current_setting('block_size')::int
                """)[0].decode(Int.self, at: 0)
            #expect(pages > 5 * 128)
            let middle = try await db.query("""
                SELECT id, note FROM moderation.comment_events WHERE note = 'note 50000'
                """)
            let target = try middle[0].decode(Int64.self, at: 0)
            let plan = try await db.query("""
                EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT kind, action_id, actor FROM moderation.comment_events
                WHERE id = \(target)
                """)[0].decode(String.self, at: 0)
            let top = try #require(
                (try JSONSerialization.jsonObject(with: Data(plan.utf8)) as? [[String: Any]])?.first?["Plan"]
                    as? [String: Any])
            let buffers = ((top["Shared Hit Blocks"] as? NSNumber)?.intValue ?? 0)
                + ((top["Shared Read Blocks"] as? NSNumber)?.intValue ?? 0)
            #expect((top["Actual Rows"] as? NSNumber)?.doubleValue == 1)
            // One range of heap pages, plus the BRIN index's own few pages, which a scan reads whole.
            #expect(buffers <= 128 + 24, "read \(buffers) of \(pages) pages")
            await db.close()
        }
    }
}
