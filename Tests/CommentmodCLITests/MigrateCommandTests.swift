import DatabaseTestSupport
import Foundation
import Testing

@Suite("commentmod migrate")
struct MigrateCommandTests {
    @Test("migrate applies, then reports up to date; --status lists every file")
    func migrateAndStatus() async throws {
        let conninfo = try await TestDatabase.createDatabase(suite: "cli_migrate")
        let first = try await CommentmodProcess.run(["migrate", "--database-url", conninfo])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("applied 0001_schema.sql"))

        let second = try await CommentmodProcess.run(["migrate"], environment: ["DATABASE_URL": conninfo])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("up to date"))
        #expect(!second.stdout.contains("applied 0001"))

        let status = try await CommentmodProcess.run(["migrate", "--status", "--json", "--database-url", conninfo])
        #expect(status.status == 0, "\(status.stderr)")
        let entries = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]]
        #expect(entries?.first?["file"] as? String == "0001_schema.sql")
        #expect(entries?.allSatisfy { $0["state"] as? String == "applied" } == true)

        let text = try await CommentmodProcess.run(["migrate", "--status", "--database-url", conninfo])
        #expect(text.stdout.contains("applied  0001_schema.sql"))
    }

    @Test("an unreachable server: one line naming it, exit 3, no password, no hang")
    func unreachableServer() async throws {
        let output = try await CommentmodProcess.run(
            ["migrate", "--database-url", "postgresql://someone:hunter2-secret@127.0.0.1:1/db"])
        #expect(output.status == 3)
        #expect(output.stdout.isEmpty)
        let lines = output.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(output.stderr)")
        #expect(output.stderr.contains("127.0.0.1"))
        #expect(!output.stderr.contains("hunter2"))
        #expect(output.seconds < 10)

        let socket = try await CommentmodProcess.run(["migrate"], environment: ["DATABASE_URL": "host=/nonexistent/socket/dir dbname=x"])
        #expect(socket.status == 3)
        #expect(socket.stderr.split(separator: "\n").count == 1, "\(socket.stderr)")
        #expect(socket.stderr.contains("/nonexistent/socket/dir"))
    }

    @Test("a server that accepts but never answers times out within the connect timeout")
    func silentServerTimesOut() async throws {
        let listener = try SilentListener()
        defer { listener.close() }
        let output = try await CommentmodProcess.run(
            ["migrate", "--database-url", "postgresql://u:pw-secret@127.0.0.1:\(listener.port)/db?connect_timeout=2"])
        #expect(output.status == 3)
        #expect(output.stderr.split(separator: "\n").count == 1, "\(output.stderr)")
        #expect(!output.stderr.contains("pw-secret"))
        #expect(output.seconds < 8)
    }

    @Test("a malformed DATABASE_URL: one line naming the problem, exit 2, no password")
    func malformedURL() async throws {
        for bad in [
            "postgresql://user:s3cret-pass@host:notaport/db",
            "postgresql://user:s3cret-pass@host/db?nosuchoption=1",
            "host=x password=s3cret-pass = broken",
        ] {
            let output = try await CommentmodProcess.run(["migrate"], environment: ["DATABASE_URL": bad])
            #expect(output.status == 2, "\(bad): \(output.stderr)")
            #expect(output.stderr.split(separator: "\n").count == 1, "\(bad): \(output.stderr)")
            #expect(!output.stderr.contains("s3cret-pass"), "\(bad): \(output.stderr)")
        }
    }

    @Test("bad usage exits 2 with one message")
    func badUsage() async throws {
        let unknown = try await CommentmodProcess.run(["migrate", "--no-such-flag"])
        #expect(unknown.status == 2)
        let json = try await CommentmodProcess.run(["migrate", "--json"])
        #expect(json.status == 2)
        #expect(json.stderr.contains("--json goes with --status"))
        let command = try await CommentmodProcess.run(["frobnicate"])
        #expect(command.status == 2)
    }

    @Test("status with an unreachable or malformed database: one line, exit 3 or 2, no password")
    func statusBadDatabase() async throws {
        let unreachable = try await CommentmodProcess.run(["status", "--database-url", "postgresql://u:pw-secret@127.0.0.1:1/db"])
        #expect(unreachable.status == 3)
        #expect(unreachable.stderr.split(separator: "\n").count == 1, "\(unreachable.stderr)")
        #expect(!unreachable.stderr.contains("pw-secret"))
        let malformed = try await CommentmodProcess.run(["status", "--json"], environment: ["DATABASE_URL": "postgresql://u:pw-secret@h:port/db"])
        #expect(malformed.status == 2)
        #expect(malformed.stdout.isEmpty)
        #expect(!malformed.stderr.contains("pw-secret"))
    }
}
