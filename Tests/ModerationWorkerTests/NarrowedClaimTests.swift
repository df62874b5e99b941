import DatabaseTestSupport
import ModerationStore
import PostgresClient
import Testing

/// The claim's `before` bound, with which a worker narrows a backlog's last claims (`ClaimCursor.nextClaim`).
@Suite("narrowed claims")
struct NarrowedClaimTests {
    @Test("a claim with an end takes only queued comments below it, skipping those another batch holds")
    func narrowedClaim() async throws {
        let conninfo = try await TestDatabase.createMigratedDatabase(suite: "claims_narrowed")
        let db = try await PostgresConnection.connect(conninfo)
        let other = try await PostgresConnection.connect(conninfo)
        try await TestDatabase.addSite("blog", on: db)
        let blog = Blog(db: db, site: "blog")
        var submitted: [Int64] = []
        for index in 0..<30 { submitted.append(try await blog.submit(email: "r\(index)@example.org", body: "Comment \(index)")) }
        let ids = submitted

        let narrowed = try await db.transaction { tx in
            try await QueueStore.claim(limit: 50, from: ids[5], before: ids[15], on: tx).map(\.id)
        }
        #expect(narrowed == Array(ids[5..<15]))

        // Another batch holds three of them: the narrowed claim skips those and still stops at its end.
        try await other.execute("BEGIN")
        let held = try await QueueStore.claim(limit: 3, from: ids[5], on: other).map(\.id)
        #expect(held == Array(ids[5..<8]))
        let rest = try await db.transaction { tx in
            try await QueueStore.claim(limit: 50, from: ids[5], before: ids[15], on: tx).map(\.id)
        }
        #expect(rest == Array(ids[8..<15]))
        try await other.execute("ROLLBACK")
        await other.close()
        await db.close()
    }
}
