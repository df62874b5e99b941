import Foundation
import PostgresClient

/// Moderation figures per site and day, all read from the event log (`comment_events`), whose `at` index
/// (comment_events_at_idx) bounds the scan to the days asked for.
///
/// Counts and medians are of events that happened that UTC day, so they never change once it is over:
/// - `submitted`: submissions (the event with no previous status that queued the comment);
/// - `approved`, `held`, `rejected`, `spam`: decisions (kind 'decision', by the worker or a moderator,
///   undo included) that set that status on a comment that had another one;
/// - `median_held_seconds`: over the decisions that day that took a comment out of `held`, the time since
///   the decision that put it there (the latest one, for a comment held more than once);
/// - `still_held`: comments put into `held` that day that are held now and that no decision has taken
///   out since. They are kept out of the median, which would otherwise change by the minute; this one
///   figure shrinks as moderators catch up.
/// Erasures and notes are not decisions and count nowhere. Days without a decision are left out.
public enum StatsStore {
    /// Days from the start of the UTC day of `since` until now, oldest first, by site; `site` restricts
    /// to one site.
    public static func daily(since: Date, site: String?, on db: PostgresConnection) async throws -> [DailyStats] {
        let rows = try await db.query("""
            WITH events AS (
                SELECT e.id, e.comment_id, e.at, e.kind, e.from_status, e.to_status, c.site_id, c.status,
                       (e.at AT TIME ZONE 'UTC')::date AS day,
                       e.kind = 'decision' AND e.to_status = 'held' AND e.from_status IS DISTINCT FROM 'held'
                           AS enters_held,
                       e.kind = 'decision' AND e.from_status = 'held' AND e.to_status <> 'held' AS leaves_held
                FROM moderation.comment_events e
                JOIN moderation.comments c ON c.id = e.comment_id
                WHERE e.at >= date_trunc('day', \(since)::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
                  AND (\(site)::text IS NULL OR c.site_id = \(site)::text)
            ), waits AS (
                SELECT l.site_id, l.day, extract(epoch FROM l.at - entered.at)::float8 AS seconds
                FROM events l
                CROSS JOIN LATERAL (
                    SELECT x.at FROM moderation.comment_events x
                    WHERE x.comment_id = l.comment_id AND x.id < l.id AND x.kind = 'decision'
                      AND x.to_status = 'held' AND x.from_status IS DISTINCT FROM 'held'
                    ORDER BY x.id DESC LIMIT 1) entered
                WHERE l.leaves_held
            ), still_held AS (
                SELECT h.site_id, h.day, count(*) AS n
                FROM events h
                WHERE h.enters_held AND h.status = 'held' AND NOT EXISTS (
                    SELECT 1 FROM moderation.comment_events x
                    WHERE x.comment_id = h.comment_id AND x.id > h.id AND x.kind = 'decision'
                      AND x.from_status = 'held' AND x.to_status <> 'held')
                GROUP BY h.site_id, h.day
            ), counts AS (
                SELECT site_id, day,
                       count(*) FILTER (WHERE from_status IS NULL AND to_status = 'pending') AS submitted,
                       count(*) FILTER (WHERE to_status = 'approved' AND from_status IS DISTINCT FROM 'approved') AS approved,
                       count(*) FILTER (WHERE enters_held) AS held,
                       count(*) FILTER (WHERE to_status = 'rejected' AND from_status IS DISTINCT FROM 'rejected') AS rejected,
                       count(*) FILTER (WHERE to_status = 'spam' AND from_status IS DISTINCT FROM 'spam') AS spam
                FROM events
                WHERE kind = 'decision'
                GROUP BY site_id, day
            )
            SELECT c.site_id, c.day::text, c.submitted, c.approved, c.held, c.rejected, c.spam,
                   w.median, coalesce(w.n, 0), coalesce(s.n, 0)
            FROM counts c
            LEFT JOIN (SELECT site_id, day, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median,
                              count(*) AS n
                       FROM waits GROUP BY site_id, day) w USING (site_id, day)
            LEFT JOIN still_held s USING (site_id, day)
            ORDER BY c.site_id, c.day
            """)
        return try rows.map { row in
            DailyStats(
                siteId: try row.decode(String.self, at: 0), day: try row.decode(String.self, at: 1),
                submitted: try row.decode(Int.self, at: 2), approved: try row.decode(Int.self, at: 3),
                held: try row.decode(Int.self, at: 4), rejected: try row.decode(Int.self, at: 5),
                spam: try row.decode(Int.self, at: 6), medianHeldSeconds: try row.decode(Double?.self, at: 7),
                heldDecided: try row.decode(Int.self, at: 8), stillHeld: try row.decode(Int.self, at: 9))
        }
    }

    /// Whether `site` is registered, so an unknown site is told apart from a quiet one.
    public static func siteExists(_ site: String, on db: PostgresConnection) async throws -> Bool {
        try await db.query("SELECT EXISTS (SELECT 1 FROM moderation.sites WHERE id = \(site))")[0].decode(Bool.self, at: 0)
    }
}
