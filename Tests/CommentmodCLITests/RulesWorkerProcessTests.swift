import DatabaseTestSupport
import Foundation
import PostgresClient
import Testing

@Suite("rules reach a running worker process", .serialized)
struct RulesWorkerProcessTests {
    @Test("a word added with `rules words add` applies to the next comment without a restart")
    func wordRuleWithoutRestart() async throws {
        let fixture = try await RulesFixture.make("worker_words")
        // A long poll interval: only the rules notification can make the worker reload in time.
        let worker = try BackgroundCommentmod(["worker", "--database-url", fixture.conninfo, "--poll-interval", "30"])
        try await worker.waitForLog("worker starting")
        func submit(_ email: String) async throws -> Int64 {
            try await fixture.db.query("""
                SELECT moderation.submit_comment('blog', 'p1', 'Reader', \(email), 'buy cheapwatches today')
                """)[0].decode(Int64.self, at: 0)
        }
        func status(_ id: Int64) async throws -> String {
            try await fixture.db.query("SELECT status FROM moderation.comments WHERE id = \(id)")[0].decode(String.self, at: 0)
        }
        let before = try await submit("a1@example.org")
        try await Wait.queueEmpty(fixture.db, timeout: .seconds(20))
        #expect(try await status(before) == "approved")

        let added = try await fixture.run(["rules", "words", "add", "reject", "cheapwatches"])
        #expect(added.status == 0, "\(added.stderr)")
        try await Task.sleep(for: .milliseconds(500))
        let after = try await submit("a2@example.org")
        try await Wait.queueEmpty(fixture.db, timeout: .seconds(20))
        #expect(try await status(after) == "rejected", "\(worker.stderr)")
        worker.signal(SIGTERM)
        #expect(try await worker.wait(timeout: .seconds(15)) == 0)
        await fixture.close()
    }
}
