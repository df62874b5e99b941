import DatabaseTestSupport
import Foundation
import ModerationStore
import PostgresClient
import Testing

/// Moderators' decisions, bulk actions, undo and notes, against a real database, run as a login in the
/// moderator group so the grants are proven with every test.
@Suite("review store: decisions, conflicts, bulk, undo, notes")
struct ReviewStoreTests {
    let admin: String
    let moderator: String

    init() async throws {
        admin = try await TestDatabase.createMigratedDatabase(suite: "review")
        moderator = try await TestDatabase.loginConninfo(inGroup: "commentmod_moderator", base: admin)
        let db = try await PostgresConnection.connect(admin)
        try await TestDatabase.addSite("blog", on: db)
        await db.close()
    }

    /// Submits a comment and gives it `status` as the worker would have (published when approved).
    private func comment(
        _ status: String, body: String = "Hello <b>there</b>", email: String = "ann@example.org",
        ip: String = "203.0.113.7", name: String = "Ann", post: String = "p1", reasons: String = "[]"
    ) async throws -> Int64 {
        let db = try await PostgresConnection.connect(admin)
        let rows = try await db.query("""
            SELECT moderation.submit_comment(site_id => 'blog', post_id => \(post), author_name => \(name),
                author_email => \(email), body => \(body), author_ip => \(ip)::inet)
            """)
        let id = try rows[0].decode(Int64.self, at: 0)
        if status != "pending" {
            // As the worker writes it: publication time and event time from one transaction's now().
            let decidedAt = Date().addingTimeInterval(-3600)
            try await db.execute("""
                WITH d AS (DELETE FROM moderation.queue WHERE comment_id = \(id))
                UPDATE moderation.comments
                SET status = \(status), reasons = \(reasons)::jsonb, decided_at = \(decidedAt), version = 2,
                    published_at = CASE WHEN \(status) = 'approved' THEN \(decidedAt)::timestamptz END,
                    body_html = CASE WHEN \(status) = 'approved' THEN '<p>published</p>' END
                WHERE id = \(id)
                """)
            try await db.execute("""
                INSERT INTO moderation.comment_events (comment_id, actor, from_status, to_status, at)
                VALUES (\(id), 'worker-test', 'pending', \(status), \(decidedAt))
                """)
        }
        await db.close()
        return id
    }

    private func state(_ id: Int64) async throws -> (status: String, version: Int, published: Date?, html: String?) {
        let db = try await PostgresConnection.connect(admin)
        let rows = try await db.query("SELECT status, version, published_at, body_html FROM moderation.comments WHERE id = \(id)")
        await db.close()
        let row = try #require(rows.first)
        return (try row.decode(String.self, at: 0), try row.decode(Int.self, at: 1),
                try row.decode(Date?.self, at: 2), try row.decode(String?.self, at: 3))
    }

    private func count(_ sql: PostgresQuery) async throws -> Int {
        let db = try await PostgresConnection.connect(admin)
        let rows = try await db.query(sql)
        await db.close()
        return try rows[0].decode(Int.self, at: 0)
    }

    private func request(_ ids: [Int64], _ decision: ReviewDecision, by actor: String = "moderator:ann",
                         expected: [Int64: Int] = [:], force: Bool = false) -> DecisionRequest {
        DecisionRequest(ids: ids, decision: decision, actor: actor, command: "review \(decision.rawValue)",
                        expectedVersions: expected, force: force)
    }

    @Test("bulk decisions and their undo keep held_comments and approved_authors in step, set-based")
    func derivedTablesFollowActions() async throws {
        let firstHeld = try await comment("held", email: "x@example.org")
        let secondHeld = try await comment("held", email: "y@example.org")
        let onlyApproval = try await comment("approved", email: "X@example.org")
        let otherApproval = try await comment("approved", email: "z@example.org")
        let keeps = try await comment("approved", email: "z@example.org")
        let db = try await PostgresConnection.connect(moderator)
        let authors: PostgresQuery = "SELECT count(*) FROM moderation.approved_authors"
        #expect(try await count(authors) == 2)
        // Rejecting x's only approval takes x away; z keeps another approved comment.
        let rejection = try await ReviewStore.decide(request([firstHeld, onlyApproval, otherApproval], .reject), on: db)
        #expect(try await TestDatabase.derivedTableDrift(on: db) == (0, 0))
        #expect(try await count(authors) == 1)
        #expect(try await count("SELECT count(*) FROM moderation.held_comments WHERE comment_id = \(firstHeld)") == 0)
        // Approving a held first-timer adds them and empties their held row.
        _ = try await ReviewStore.decide(request([secondHeld], .approve), on: db)
        #expect(try await TestDatabase.derivedTableDrift(on: db) == (0, 0))
        #expect(try await count(authors) == 2)
        // The undo restores the held row and x's approval.
        _ = try await ReviewStore.undo(.event(rejection.changed[0].eventId), actor: "moderator:ann", on: db)
        #expect(try await TestDatabase.derivedTableDrift(on: db) == (0, 0))
        #expect(try await count(authors) == 3)
        #expect(try await state(keeps).status == "approved")
        // After the actions a plain update is kept in step by the triggers again.
        try await db.execute("UPDATE moderation.comments SET status = 'held', published_at = NULL WHERE id = \(keeps)")
        #expect(try await TestDatabase.derivedTableDrift(on: db) == (0, 0))
        await db.close()
    }

    @Test("approving publishes as the worker does: status, published_at, rendered body, one notification, one event")
    func approvePublishes() async throws {
        let id = try await comment("held", body: "Hi <script>alert(1)</script>\nsee https://example.org")
        let listener = try await PostgresConnection.connect(admin)
        try await listener.listen("comment_published")
        let db = try await PostgresConnection.connect(moderator)
        let outcome = try await ReviewStore.decide(request([id], .approve), on: db)
        #expect(outcome.changed.map(\.id) == [id])
        #expect(outcome.changed.first?.fromStatus == "held")
        let after = try await state(id)
        #expect(after.status == "approved" && after.version == 3 && after.published != nil)
        let html = try #require(after.html)
        #expect(html.contains("&lt;script&gt;") && !html.contains("<script"))
        #expect(html.contains("rel=\"nofollow ugc noopener\""))
        let notes = try await listener.waitForNotifications(timeout: .seconds(5))
        let payload = try #require(notes.first { $0.channel == "comment_published" }?.payload)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])
        #expect(object["id"] as? Int == Int(id) && object["site_id"] as? String == "blog" && object["post_id"] as? String == "p1")
        let events = try await db.query("""
            SELECT actor, kind, from_status, to_status, version, action_id IS NOT NULL, reasons->0->>'code'
            FROM moderation.comment_events WHERE comment_id = \(id) AND actor LIKE 'moderator:%'
            """)
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(try event.decode(String.self, at: 0) == "moderator:ann")
        #expect(try event.decode(String.self, at: 1) == "decision")
        #expect(try event.decode(String.self, at: 3) == "approved")
        #expect(try event.decode(Int.self, at: 4) == 3)
        #expect(try event.decode(Bool.self, at: 5))
        #expect(try event.decode(String.self, at: 6) == "moderator_decision")
        // Approving again is harmless: nothing changes, no new action.
        let again = try await ReviewStore.decide(request([id], .approve), on: db)
        #expect(again.changed.isEmpty && again.unchanged == [id] && again.actionId == nil)
        #expect(try await count("SELECT count(*) FROM moderation.moderator_actions") == 1)
        await db.close()
        await listener.close()
    }

    @Test("rejecting a published comment withdraws it from the view and notifies comment_unpublished")
    func rejectUnpublishes() async throws {
        let id = try await comment("approved")
        let listener = try await PostgresConnection.connect(admin)
        try await listener.listen("comment_unpublished")
        let db = try await PostgresConnection.connect(moderator)
        var rejection = request([id], .reject)
        rejection.reason = "off-topic"
        _ = try await ReviewStore.decide(rejection, on: db)
        let after = try await state(id)
        #expect(after.status == "rejected" && after.published == nil && after.html == nil)
        #expect(try await count("SELECT count(*) FROM moderation.published_comments WHERE id = \(id)") == 0)
        let notes = try await listener.waitForNotifications(timeout: .seconds(5))
        let payload = try #require(notes.first { $0.channel == "comment_unpublished" }?.payload)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])
        #expect(object["id"] as? Int == Int(id) && object["post_id"] as? String == "p1")
        let message = try await db.query("""
            SELECT reasons->0->>'message' FROM moderation.comment_events WHERE comment_id = \(id) AND to_status = 'rejected'
            """)
        #expect(try message[0].decode(String.self, at: 0) == "off-topic")
        await db.close()
        await listener.close()
    }

    @Test("two moderators decide the same comment at once: one wins, the other learns who changed it and how")
    func concurrentModerators() async throws {
        let id = try await comment("held")
        let ann = try await PostgresConnection.connect(moderator)
        let bob = try await PostgresConnection.connect(moderator)
        async let first: Result<DecisionOutcome, Error> = capture {
            try await ReviewStore.decide(request([id], .approve, by: "moderator:ann", expected: [id: 2]), on: ann)
        }
        async let second: Result<DecisionOutcome, Error> = capture {
            try await ReviewStore.decide(request([id], .spam, by: "moderator:bob", expected: [id: 2]), on: bob)
        }
        let results = await [first, second]
        let wins = results.filter { if case .success = $0 { true } else { false } }
        #expect(wins.count == 1)
        let failure = try #require(results.compactMap { result -> ReviewError? in
            if case .failure(let error) = result { return error as? ReviewError } else { return nil }
        }.first)
        guard case .conflicts(let conflicts) = failure else {
            Issue.record("expected a conflict, got \(failure)")
            return
        }
        let conflict = try #require(conflicts.first)
        #expect(conflict.id == id && conflict.problem == .changed && conflict.expectedVersion == 2 && conflict.version == 3)
        let winner = try await state(id).status == "approved" ? "moderator:ann" : "moderator:bob"
        #expect(conflict.lastChange?.actor == winner)
        #expect(try await count("SELECT count(*) FROM moderation.comment_events WHERE comment_id = \(id) AND actor LIKE 'moderator:%'") == 1)
        // --force overrides.
        let loser = winner == "moderator:ann" ? ReviewDecision.spam : .approve
        _ = try await ReviewStore.decide(request([id], loser, expected: [id: 2], force: true), on: ann)
        #expect(try await state(id).status == loser.status)
        await ann.close()
        await bob.close()
    }

    @Test("unknown ids, pending comments: refused, nothing changed; --force takes a pending comment off the queue")
    func refusals() async throws {
        let held = try await comment("held")
        let pending = try await comment("pending")
        let db = try await PostgresConnection.connect(moderator)
        await #expect(throws: ReviewError.unknownComments([999_999])) {
            try await ReviewStore.decide(request([held, 999_999], .reject), on: db)
        }
        do {
            _ = try await ReviewStore.decide(request([held, pending], .reject), on: db)
            Issue.record("a pending comment was decided without --force")
        } catch ReviewError.conflicts(let conflicts) {
            #expect(conflicts.map(\.id) == [pending] && conflicts[0].problem == .pending)
        }
        #expect(try await state(held).status == "held")
        #expect(try await count("SELECT count(*) FROM moderation.moderator_actions") == 0)
        _ = try await ReviewStore.decide(request([pending], .approve, force: true), on: db)
        #expect(try await state(pending).status == "approved")
        #expect(try await count("SELECT count(*) FROM moderation.queue WHERE comment_id = \(pending)") == 0)
        // Undoing that puts it back on the queue for the worker.
        let event = try await db.query("SELECT max(id) FROM moderation.comment_events WHERE comment_id = \(pending)")
        _ = try await ReviewStore.undo(.event(try event[0].decode(Int64.self, at: 0)), actor: "moderator:ann", on: db)
        #expect(try await state(pending).status == "pending")
        #expect(try await count("SELECT count(*) FROM moderation.queue WHERE comment_id = \(pending)") == 1)
        await db.close()
    }

    @Test("a bulk reject by filter, then undo: every comment is restored and the published ones are republished in place")
    func bulkRejectThenUndo() async throws {
        let published = [try await comment("approved"), try await comment("approved", ip: "203.0.113.9")]
        let held = [try await comment("held", ip: "203.0.113.200"), try await comment("held")]
        let elsewhere = try await comment("held", ip: "198.51.100.1")
        let before = try await published.asyncMap { try await self.state($0) }
        let db = try await PostgresConnection.connect(moderator)
        let filter = CommentFilter(statuses: ["approved", "held"], network: "203.0.113.0/24")
        let matched = try await ReviewStore.matching(filter, on: db)
        #expect(Set(matched.map(\.id)) == Set(published + held))
        var bulk = request(matched.map(\.id), .reject, expected: Dictionary(uniqueKeysWithValues: matched.map { ($0.id, $0.version) }))
        bulk.command = "review reject"
        let outcome = try await ReviewStore.decide(bulk, on: db)
        #expect(outcome.changed.count == 4)
        for id in published + held { #expect(try await state(id).status == "rejected") }
        #expect(try await state(elsewhere).status == "held")

        let listener = try await PostgresConnection.connect(admin)
        try await listener.listen("comment_published")
        let undo = try await ReviewStore.undo(.lastBy("moderator:ann"), actor: "moderator:ann", on: db)
        #expect(undo.undoneActionId == outcome.actionId && undo.changed.count == 4)
        for (id, original) in zip(published, before) {
            let now = try await state(id)
            #expect(now.status == "approved")
            // Back in its place in the thread: the original publication time.
            #expect(now.published.map { abs($0.timeIntervalSince(original.published!)) < 0.001 } == true)
            #expect(now.html?.contains("Hello &lt;b&gt;there&lt;/b&gt;") == true)
        }
        for id in held { #expect(try await state(id).status == "held") }
        // Both republished comments are announced, once each.
        var announced: [String] = []
        for _ in 0..<5 where announced.count < 2 {
            announced += try await listener.waitForNotifications(timeout: .seconds(2)).map(\.payload)
        }
        #expect(announced.count == 2 && Set(announced).count == 2)

        // The same action cannot be undone twice; --last walks back past the undo, finding nothing.
        let eventID = try await db.query("SELECT min(id) FROM moderation.comment_events WHERE action_id = \(outcome.actionId!)")
        await #expect(throws: ReviewError.alreadyUndone(actionID: outcome.actionId!, by: "moderator:ann")) {
            try await ReviewStore.undo(.event(try eventID[0].decode(Int64.self, at: 0)), actor: "moderator:bob", on: db)
        }
        await #expect(throws: ReviewError.nothingToUndo(actor: "moderator:ann")) {
            try await ReviewStore.undo(.lastBy("moderator:ann"), actor: "moderator:ann", on: db)
        }
        // Undoing the undo redoes the rejection.
        let redoEvent = try await db.query("SELECT min(id) FROM moderation.comment_events WHERE action_id = \(undo.actionId)")
        let redo = try await ReviewStore.undo(.event(try redoEvent[0].decode(Int64.self, at: 0)), actor: "moderator:ann", on: db)
        #expect(redo.changed.count == 4)
        for id in published + held { #expect(try await state(id).status == "rejected") }
        await listener.close()
        await db.close()
    }

    @Test("undo refuses a comment changed since the action unless forced, and never touches worker decisions")
    func undoConflicts() async throws {
        let id = try await comment("held")
        let db = try await PostgresConnection.connect(moderator)
        let approval = try await ReviewStore.decide(request([id], .approve), on: db)
        _ = try await ReviewStore.decide(request([id], .spam, by: "moderator:bob"), on: db)
        do {
            _ = try await ReviewStore.undo(.event(approval.changed[0].eventId), actor: "moderator:ann", on: db)
            Issue.record("undo went through over a later change")
        } catch ReviewError.conflicts(let conflicts) {
            #expect(conflicts.first?.lastChange?.actor == "moderator:bob")
        }
        #expect(try await state(id).status == "spam")
        _ = try await ReviewStore.undo(.event(approval.changed[0].eventId), actor: "moderator:ann", force: true, on: db)
        #expect(try await state(id).status == "held")

        let workerEvent = try await db.query("SELECT min(id) FROM moderation.comment_events WHERE comment_id = \(id) AND actor = 'worker-test'")
        await #expect(throws: ReviewError.self) {
            try await ReviewStore.undo(.event(try workerEvent[0].decode(Int64.self, at: 0)), actor: "moderator:ann", on: db)
        }
        await #expect(throws: ReviewError.unknownEvent(987_654)) {
            try await ReviewStore.undo(.event(987_654), actor: "moderator:ann", on: db)
        }
        await db.close()
    }

    @Test("a note is an event; the comment and its version stay as they were")
    func notes() async throws {
        let id = try await comment("held")
        let db = try await PostgresConnection.connect(moderator)
        let event = try await ReviewStore.addNote("Asked the author; \u{202E}reversed", to: id, actor: "moderator:ann", on: db)
        #expect(event.kind == "note" && event.note == "Asked the author; \u{202E}reversed" && event.version == 2)
        #expect(try await state(id).version == 2)
        let detail = try #require(try await ReviewStore.show(id: id, on: db))
        #expect(detail.events.map(\.kind) == ["decision", "decision", "note"])
        await #expect(throws: ReviewError.unknownComments([424_242])) {
            try await ReviewStore.addNote("x", to: 424_242, actor: "moderator:ann", on: db)
        }
        await db.close()
    }

    @Test("filters: email ignores case, IP takes networks, author is a plain substring, reason codes, times")
    func filters() async throws {
        let a = try await comment("held", email: "Mixed.Case@Example.org", ip: "192.0.2.10", name: "100% Ann_",
                                  reasons: #"[{"code":"word_hold","action":"hold","message":"m"}]"#)
        let b = try await comment("held", email: "other@example.org", ip: "192.0.2.77", name: "Bob")
        let c = try await comment("spam", email: "mixed.case@example.org", ip: "2001:db8::5", name: "Ann")
        let db = try await PostgresConnection.connect(moderator)
        func ids(_ filter: CommentFilter) async throws -> Set<Int64> {
            Set(try await ReviewStore.list(filter, on: db).map(\.id))
        }
        #expect(try await ids(CommentFilter(statuses: ["held"])) == [a, b])
        #expect(try await ids(CommentFilter(email: " MIXED.case@example.ORG ")) == [a, c])
        #expect(try await ids(CommentFilter(network: "192.0.2.0/25")) == [a, b])
        #expect(try await ids(CommentFilter(network: "192.0.2.77")) == [b])
        #expect(try await ids(CommentFilter(network: "2001:db8::/32")) == [c])
        #expect(try await ids(CommentFilter(authorName: "0% a")) == [a])
        #expect(try await ids(CommentFilter(authorName: "_")) == [a])
        #expect(try await ids(CommentFilter(reasonCode: "word_hold")) == [a])
        #expect(try await ids(CommentFilter(since: Date().addingTimeInterval(3600))).isEmpty)
        #expect(try await ids(CommentFilter(before: Date().addingTimeInterval(3600))) == [a, b, c])
        #expect(try await ids(CommentFilter(statuses: ["held"], limit: 1)) == [a])
        let detail = try #require(try await ReviewStore.show(id: a, on: db))
        #expect(detail.related.map(\.id) == [c])
        #expect(detail.related.first { $0.id == c }?.sameEmail == true)
        await db.close()
    }
}

private func capture<T: Sendable>(_ body: () async throws -> T) async -> Result<T, Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
