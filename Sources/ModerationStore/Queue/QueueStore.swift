import Foundation
import ModerationCore
import PostgresClient

/// The worker's statements: claim, facts, write-back. Each takes the connection of the batch's
/// transaction; the caller owns the transaction (see `ModerationWorker`), so everything between the claim
/// and the commit is one unit that kill -9 or a lost connection rolls back whole.
public enum QueueStore {
    /// Locks up to `limit` queued comments, oldest first from `firstID` on, skipping those other workers
    /// hold, and loads in the same statement everything judging them needs: the comment, its failed
    /// attempts, and the facts the rules need (previous approvals of the author, the gap since the previous
    /// comment from the same IP and email on the site, an identical earlier comment on the post by the
    /// same author, the active blocks that match). The row lock is the lease: it lasts exactly as long as
    /// the transaction. `previouslyApprovedCount` is 0 or 1 (whether any), which is all the trust rule asks.
    ///
    /// Every fact is an index probe per comment: `approved_authors` by author, `comments_ip_idx` and
    /// `comments_email_idx` for the previous comment (ranges of the last day), the two `comments_duplicate_*` indexes, and the
    /// blocks' indexes (only when any block exists). Prepared once per connection: the statement is parsed
    /// and planned once, not for every batch.
    ///
    /// `firstID` lets a worker that drains a backlog start where its previous batch started: the queue's
    /// index keeps the entries of deleted rows until the table is vacuumed, and a scan from the start walks
    /// all of them (a 16 ms walk per claim after a million decisions). Comments below it that are still
    /// queued (a batch that rolled back elsewhere, a submit that committed late) wait for the next claim
    /// from 0, which the worker makes at least once a second. `endID`, when given, claims only comments
    /// below it (the worker narrows the last claims of a backlog with it; see `ClaimCursor.nextClaim`).
    public static func claim(
        limit: Int, from firstID: Int64 = 0, before endID: Int64? = nil, on db: PostgresConnection
    ) async throws -> [ClaimedComment] {
        // The limit is part of the SQL, not a parameter: the one generic plan of the prepared statement
        // then knows how few rows the claim returns and probes comments by key instead of merging with a
        // scan of the whole table. It is an Int, so it cannot carry SQL.
        let claimLimit = PostgresQuery(unsafeSQL: String(max(limit, 1)))
        let rows = try await db.query(prepared: """
            WITH claimed AS MATERIALIZED (
                SELECT comment_id, ctid FROM moderation.queue
                WHERE comment_id >= \(firstID) AND comment_id < \(endID ?? Int64.max)
                ORDER BY comment_id
                LIMIT \(claimLimit)
                FOR UPDATE SKIP LOCKED
            ), attempts AS (
                -- Claim records are few (batches in flight and failures; see sql/0003), and each names its
                -- comments in ascending order (`recordClaim`), so a record whose first and last ids do not
                -- reach the claimed ones is passed over without unnesting it. Those are nearly all of them:
                -- the records of the batches other connections have in flight, whose ids the claim cursor
                -- keeps apart from this claim's. Unnesting and matching three such records of 1,000 ids cost
                -- ≈ 0.9 ms per claim of 1,000 (EXPLAIN ANALYZE, 100k comments).
                SELECT x.id, count(*) AS attempts,
                       (array_agg(qc.error ORDER BY qc.id DESC) FILTER (WHERE qc.error IS NOT NULL))[1] AS error
                FROM moderation.queue_claims qc CROSS JOIN LATERAL unnest(qc.comment_ids) AS x(id)
                WHERE qc.comment_ids[1] <= (SELECT max(comment_id) FROM claimed)
                  AND qc.comment_ids[cardinality(qc.comment_ids)] >= (SELECT min(comment_id) FROM claimed)
                  AND x.id IN (SELECT comment_id FROM claimed)
                GROUP BY x.id
            )
            SELECT c.id, c.site_id, c.post_id, c.parent_id, c.author_name, c.author_email, c.author_url,
                   c.body, coalesce(a.attempts, 0), a.error, c.ctid::text, q.ctid::text,
                   \(factColumns)
            FROM claimed q
            JOIN moderation.comments c ON c.id = q.comment_id
            LEFT JOIN attempts a ON a.id = c.id
            """)
        // Ordered here, not by the statement: an ORDER BY sorts the batch's wide rows (bodies and facts
        // copied into sort tuples) in the server, which costs more than this check. The rows come in the
        // claim's order unless the plan changes, so the sort is rarely needed.
        let claimed = try rows.map { row in
            let facts = try decodeFacts(row, at: 12)
            return ClaimedComment(
                id: try row.decode(Int64.self, at: 0),
                input: CommentInput(
                    siteID: try row.decode(String?.self, at: 1),
                    postID: try row.decode(String?.self, at: 2),
                    parentID: try row.decode(Int64?.self, at: 3),
                    authorName: try row.decode(String?.self, at: 4),
                    authorEmail: try row.decode(String?.self, at: 5),
                    authorURL: try row.decode(String?.self, at: 6),
                    // Not the IP and user agent: no rule reads them (the IP's rules are facts the claim
                    // works out in the database), and they are personal data the worker need not hold.
                    body: try row.decode(String?.self, at: 7)),
                failedAttempts: try row.decode(Int.self, at: 8),
                lastError: try row.decode(String?.self, at: 9),
                facts: facts,
                rows: ClaimedComment.RowLocation(
                    comment: try row.decode(String.self, at: 10), queueEntry: try row.decode(String.self, at: 11)))
        }
        return ascending(claimed, by: \.id)
    }

    /// The smallest id in the queue, or nil when it is empty: a step down the start of the queue's index,
    /// past the entries of comments decided since the last vacuum (see `claim`), so not for every batch.
    public static func firstQueuedID(on db: PostgresConnection) async throws -> Int64? {
        try await db.query(prepared: "SELECT min(comment_id) FROM moderation.queue")[0].decode(Int64?.self, at: 0)
    }

    /// The largest id in the queue, or nil when it is empty: one step down the end of the queue's index.
    public static func lastQueuedID(on db: PostgresConnection) async throws -> Int64? {
        try await db.query(prepared: "SELECT max(comment_id) FROM moderation.queue")[0].decode(Int64?.self, at: 0)
    }

    /// The facts the rules need, as five columns over `moderation.comments c` (read by `decodeFacts`):
    /// whether the author was approved before, the gaps since the previous comment from the same IP and
    /// email on the site (within the longest flood interval a policy can set; NULL beyond it), whether an
    /// identical earlier comment is on the post, and the active blocks that match. Shared by the claim and
    /// by `facts(for:)`, so a backtest sees exactly what the worker sees.
    static let factColumns: PostgresQuery = """
               -- 0 or 1: the trust rule asks "any?". One probe of approved_authors (sql/0009); only for a
               -- comment that is itself approved (a backtest), whether the author has another one.
               (EXISTS (SELECT 1 FROM moderation.approved_authors p
                        WHERE p.site_id = c.site_id AND p.email_key = lower(c.author_email) COLLATE "C")
                AND (c.status <> 'approved' OR EXISTS (
                        SELECT 1 FROM moderation.comments o
                        WHERE o.site_id = c.site_id AND lower(o.author_email) COLLATE "C" = lower(c.author_email)
                          AND o.id <> c.id AND o.status = 'approved')))::int,
               -- The previous comment from the IP and from the email within the flood window (sql/0010):
               -- index ranges of the last day, which hold few comments even for a prolific address. The gap
               -- in seconds by date_part, in double precision: extract() computes it as a numeric, whose
               -- conversion to float8 cost 0.16 against 0.04 µs a gap.
               date_part('epoch', c.submitted_at - (
                    SELECT p.submitted_at FROM moderation.comments p
                    WHERE p.site_id = c.site_id AND p.author_ip = c.author_ip
                      AND p.submitted_at <= c.submitted_at AND p.submitted_at >= c.submitted_at - \(floodWindow)
                      AND p.id < c.id
                    ORDER BY p.submitted_at DESC LIMIT 1)),
               date_part('epoch', c.submitted_at - (
                    SELECT p.submitted_at FROM moderation.comments p
                    WHERE p.site_id = c.site_id AND lower(p.author_email) COLLATE "C" = lower(c.author_email)
                      AND p.submitted_at <= c.submitted_at AND p.submitted_at >= c.submitted_at - \(floodWindow)
                      AND p.id < c.id
                    ORDER BY p.submitted_at DESC LIMIT 1)),
               -- First whether the post has an earlier comment with this body at all (usually not: one
               -- probe of comments_duplicate_post_idx, keyed by one hash of site, post and body), then
               -- by address (comments_duplicate_email_idx) and by name (the second column of the post
               -- index); see sql/0003 and sql/0008. The hashes only narrow the candidates: the texts are
               -- compared too. The addresses are compared in a form no index matches (IS TRUE), so that
               -- no plan can take comments_email_idx for the probe and walk every earlier comment of a
               -- prolific author.
               EXISTS (
                    SELECT 1 FROM moderation.comments p
                    WHERE hashtextextended(p.site_id || E'\\x1f' || p.post_id || E'\\x1f' || p.body, 0)
                          = hashtextextended(c.site_id || E'\\x1f' || c.post_id || E'\\x1f' || c.body, 0)
                      AND p.id < c.id
                      AND p.site_id = c.site_id AND p.post_id = c.post_id AND p.body = c.body)
               AND (EXISTS (
                    SELECT 1 FROM moderation.comments p
                    WHERE p.site_id = c.site_id AND p.post_id = c.post_id
                      AND hashtextextended(p.body, 0) = hashtextextended(c.body, 0)
                      AND hashtextextended(lower(p.author_email), 0) = hashtextextended(lower(c.author_email), 0)
                      AND p.id < c.id
                      AND p.body = c.body AND (lower(p.author_email) = lower(c.author_email)) IS TRUE)
               OR EXISTS (
                    SELECT 1 FROM moderation.comments p
                    WHERE hashtextextended(p.site_id || E'\\x1f' || p.post_id || E'\\x1f' || p.body, 0)
                          = hashtextextended(c.site_id || E'\\x1f' || c.post_id || E'\\x1f' || c.body, 0)
                      AND hashtextextended(p.author_name, 0) = hashtextextended(c.author_name, 0)
                      AND p.id < c.id
                      AND p.site_id = c.site_id AND p.post_id = c.post_id AND p.body = c.body
                      AND p.author_name = c.author_name)),
               -- Most sites block nothing: a one-time check skips the per-comment lookups then.
               CASE WHEN (SELECT EXISTS (SELECT 1 FROM moderation.blocks)) THEN (
                    SELECT jsonb_agg(jsonb_build_object(
                                'kind', k.kind, 'value', coalesce(k.value, host(k.network) ||
                                    CASE WHEN k.kind = 'cidr' THEN '/' || masklen(k.network) ELSE '' END),
                                'id', k.id, 'reason', k.reason) ORDER BY k.id)
                    FROM moderation.blocks k
                    WHERE k.id IN (
                            SELECT n.id FROM moderation.blocks n
                            WHERE n.network IS NOT NULL AND n.network >>= c.author_ip
                            UNION ALL
                            SELECT e.id FROM moderation.blocks e
                            WHERE e.value IS NOT NULL AND e.kind = 'email' AND e.value = lower(btrim(c.author_email))
                            UNION ALL
                            -- 'ann@mail.spam.example' → {mail.spam.example, spam.example, example}, as
                            -- moderation.email_domain_suffixes computes them, written out here: a call of
                            -- that function costs more than the rest of the comment's facts.
                            SELECT d.id FROM moderation.blocks d
                            WHERE d.value IS NOT NULL AND d.kind = 'domain' AND d.value = ANY (ARRAY(
                                SELECT array_to_string(l.labels[i:], '.')
                                FROM (SELECT string_to_array(rtrim(substring(lower(btrim(c.author_email))
                                             FROM '@([^@]+)$'), '.'), '.') AS labels) l,
                                     generate_series(1, coalesce(cardinality(l.labels), 0)) AS i)))
                      AND (k.site_id IS NULL OR k.site_id = c.site_id)
                      AND (k.expires_at IS NULL OR k.expires_at > now()))
               END
        """

    /// How far back the flood facts look. A constant in the SQL, not a parameter: it is an Int, so it cannot
    /// carry SQL, and the fact columns then have no parameter to renumber each time a claim is built.
    private static let floodWindow = PostgresQuery(
        unsafeSQL: "make_interval(secs => \(Policy.longestFloodIntervalSeconds))")

    static func decodeFacts(_ row: PostgresRow, at first: Int) throws -> CommentFacts {
        var facts = CommentFacts(
            previouslyApprovedCount: try row.decode(Int.self, at: first),
            secondsSinceLastFromIP: try row.decode(Double?.self, at: first + 1),
            secondsSinceLastFromEmail: try row.decode(Double?.self, at: first + 2),
            duplicateOnPost: try row.decode(Bool.self, at: first + 3))
        // NULL when nothing matched, which is almost always: no JSON decoding on the hot path.
        if !(try row.isNull(first + 4)) {
            facts.blocks = try row.decodeJSON([BlockFact].self, at: first + 4)
        }
        return facts
    }

    /// The facts for stored comments, as the worker loaded them when it claimed them (for `rules test`).
    public static func facts(for ids: [Int64], on db: PostgresConnection) async throws -> [Int64: CommentFacts] {
        let rows = try await db.query("""
            SELECT c.id, \(factColumns) FROM moderation.comments c WHERE c.id = ANY (\(ids)::bigint[])
            """)
        var facts: [Int64: CommentFacts] = [:]
        for row in rows { facts[try row.decode(Int64.self, at: 0)] = try decodeFacts(row, at: 1) }
        return facts
    }

    /// Records, outside the batch's transaction and committed at once, that `worker` holds these comments.
    /// `synchronous_commit = off` is enough: the record must survive the worker, not the server. The ids
    /// are stored in ascending order, which the claim's reading of records relies on.
    public static func recordClaim(worker: String, ids: [Int64], on db: PostgresConnection) async throws -> Int64 {
        let ids = ascending(ids, by: \.self)
        let rows = try await db.query(prepared: """
            INSERT INTO moderation.queue_claims (worker, comment_ids) VALUES (\(worker), \(PostgresBinaryArray.bigint(ids))::bigint[])
            RETURNING id
            """)
        return try rows[0].decode(Int64.self, at: 0)
    }

    /// Writes every decision of the batch in one statement: the comments (guarded by `status = 'pending'`),
    /// their events, the queue rows, the batch's claim record, and a `comment_published` notification for
    /// each approved comment.
    /// Throws, so the caller's transaction rolls back, unless every comment was still pending.
    public static func write(
        _ decisions: consuming [DecisionRecord], actor: String, finishing claim: ClaimCompletion? = nil,
        on db: PostgresConnection
    ) async throws -> BatchWriteResult {
        guard !decisions.isEmpty || claim != nil else { return BatchWriteResult(decided: 0, published: 0) }
        let expected = decisions.count
        // Handed over whole: the columns share the decisions' HTML, and the rest of each decision is freed
        // before the statement runs.
        let columns = BatchWriteColumns(consume decisions)
        let result = try await runWrite(columns, actor: actor, finishing: claim, on: db)
        guard result.decided == expected else {
            throw QueueStoreError(
                "\(expected - result.decided) of \(expected) claimed comments were no longer pending; batch rolled back")
        }
        return result
    }

    /// Plans the claim and the write on this connection before any comment waits for them, by running
    /// both on nothing: a claim past the last possible id and a write of no decisions. Planning the claim
    /// once costs several milliseconds, which the first batch after a start would otherwise add to the
    /// first comments' wait.
    public static func prepareBatchStatements(batchSize: Int, on db: PostgresConnection) async throws {
        _ = try await claim(limit: batchSize, from: Int64.max, on: db)
        _ = try await runWrite(BatchWriteColumns([]), actor: "worker", finishing: nil, on: db)
    }

    private static func runWrite(
        _ v: BatchWriteColumns, actor: String, finishing claim: ClaimCompletion?, on db: PostgresConnection
    ) async throws -> BatchWriteResult {
        let rows = try await db.query(prepared: """
            WITH v AS (
                SELECT * FROM unnest(\(v.ids)::bigint[], \(v.commentRows)::tid[], \(v.statuses)::text[],
                                     \(v.reasons)::jsonb[], \(v.html)::text[], \(v.notes)::text[],
                                     \(v.authorsWereApproved)::boolean[])
                              AS v(id, tid, status, reasons, html, note, author_was_approved)
                -- This statement keeps held_comments and approved_authors in step itself (`held` and
                -- `authors` below), and its events name the comments it has just updated: the triggers
                -- that would do both stand aside for the rest of the transaction (sql/0011). A one-time
                -- filter, run before any row changes.
                WHERE (SELECT set_config('commentmod.derived_tables', 'kept_by_statement', true)) IS NOT NULL
            ), decided AS (
                UPDATE moderation.comments c
                SET status = v.status, reasons = v.reasons, body_html = v.html, decided_at = now(),
                    published_at = CASE WHEN v.status = 'approved' THEN now() END, version = c.version + 1
                FROM v
                -- At the row the claim saw, without a search of the primary key's index (see
                -- `ClaimedComment.RowLocation`); the id and status make sure it is still that pending comment.
                WHERE c.ctid = v.tid AND c.id = v.id AND c.status = 'pending'
                RETURNING c.id, c.site_id, c.post_id, c.status, c.reasons, c.version, v.note, c.author_email,
                          v.author_was_approved
            ), held AS (
                INSERT INTO moderation.held_comments (comment_id, site_id)
                SELECT id, site_id FROM decided WHERE status = 'held' ORDER BY id
                ON CONFLICT DO NOTHING
            ), authors AS (
                -- Only authors the claim found without an approved comment; sorted, so that concurrent
                -- batches take the index's locks in one order (see sql/0009).
                INSERT INTO moderation.approved_authors (site_id, email_key)
                SELECT DISTINCT site_id, lower(author_email) COLLATE "C" FROM decided
                WHERE status = 'approved' AND NOT author_was_approved AND author_email IS NOT NULL
                ORDER BY 1, 2
                ON CONFLICT DO NOTHING
            ), events AS (
                INSERT INTO moderation.comment_events (comment_id, actor, from_status, to_status, reasons, note, version)
                SELECT id, \(actor), 'pending', status, reasons, note, version FROM decided
            ), dequeued AS (
                -- By the entries' addresses (locked by the batch since its claim, so they stay where they
                -- are): one fetch per entry, no index search. Not narrowed to the comments `decided` holds,
                -- which would make the planner join through the queue's index again: unless every comment
                -- was decided, `write` throws and the whole batch rolls back, dequeued entries included.
                DELETE FROM moderation.queue q
                WHERE q.ctid = ANY (\(v.queueEntries)::tid[])
            ), claim_done AS (
                -- The claim record goes in the same statement: gone when everything was decided, narrowed to
                -- the comments whose judging threw otherwise, so they keep their failed attempt.
                DELETE FROM moderation.queue_claims
                WHERE id = \(claim?.id) AND cardinality(\(claim?.failed ?? [])::bigint[]) = 0
            ), claim_narrowed AS (
                UPDATE moderation.queue_claims SET comment_ids = \(claim?.failed ?? [])::bigint[], error = \(claim?.error)
                WHERE id = \(claim?.id) AND cardinality(\(claim?.failed ?? [])::bigint[]) > 0
            ), notified AS (
                SELECT pg_notify('comment_published',
                                 moderation.comment_notice(id, site_id, post_id))
                FROM decided WHERE status = 'approved'
            )
            SELECT (SELECT count(*) FROM decided), (SELECT count(*) FROM notified)
            """)
        return BatchWriteResult(decided: try rows[0].decode(Int.self, at: 0), published: try rows[0].decode(Int.self, at: 1))
    }

    /// How a batch ends its claim record (see `write`).
    public struct ClaimCompletion: Sendable {
        public let id: Int64
        /// Comments whose judging threw: they stay queued and keep this attempt on record.
        public let failed: [Int64]
        public let error: String?

        public init(id: Int64, failed: [Int64], error: String?) {
            self.id = id
            // What the record is narrowed to: in ascending order, as every record's ids are (`recordClaim`).
            self.failed = QueueStore.ascending(failed, by: \.self)
            self.error = error
        }
    }

    /// In ascending order of id, sorted only when they are not already: a batch's comments and ids
    /// nearly always come in the claim's order.
    static func ascending<Element>(_ items: [Element], by id: (Element) -> Int64) -> [Element] {
        items.indices.dropFirst().allSatisfy({ id(items[$0 - 1]) < id(items[$0]) })
            ? items : items.sorted { id($0) < id($1) }
    }

    /// Removes claim records that no longer name a queued comment (their comments were decided since).
    /// Records of live batches always name locked, still-queued comments, so they are never touched.
    @discardableResult
    public static func pruneClaims(on db: PostgresConnection) async throws -> Int {
        try await db.execute(prepared: """
            DELETE FROM moderation.queue_claims qc
            WHERE NOT EXISTS (SELECT 1 FROM moderation.queue q WHERE q.comment_id = ANY (qc.comment_ids))
            """)
    }
}
