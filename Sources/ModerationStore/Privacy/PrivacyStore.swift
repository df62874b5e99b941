import Foundation
import PostgresClient

/// A person's data on request: everything stored about an email address, and its erasure
/// (`moderation.erase_author`, sql/0006_privacy.sql, which documents what erasing does).
public enum PrivacyStore {
    /// Everything stored about the person with `email` (case-insensitive, surrounding white space ignored)
    /// as one indented JSON document, read in one snapshot; nil when nothing is.
    ///
    /// Comments come with every column (a column added later included), each with its `events` and its
    /// moderators' `notes`; then the blocks that name the address or cover one of the person's IP
    /// addresses, word rules and moderator actions that name either, and notes elsewhere that do.
    public static func export(email: String, on db: PostgresConnection) async throws -> String? {
        try await db.transaction { tx in
            try await tx.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            try await tx.execute("SET LOCAL TimeZone = 'UTC'")
            let rows = try await tx.query("""
                WITH person AS (
                    SELECT lower(btrim(\(email), \(whiteSpace))) AS needle
                ), own AS (
                    SELECT c.* FROM moderation.comments c, person p
                    WHERE lower(btrim(c.author_email, \(whiteSpace))) = p.needle
                ), addresses AS (
                    SELECT coalesce(array_agg(DISTINCT host(author_ip) ORDER BY host(author_ip))
                                    FILTER (WHERE author_ip IS NOT NULL), '{}') AS ips
                    FROM own
                ), found AS (
                    SELECT p.needle, a.ips, moderation.personal_data_pattern(p.needle, a.ips) AS re
                    FROM person p, addresses a
                ), document AS (
                    SELECT f.needle, f.ips,
                        (SELECT coalesce(jsonb_agg(to_jsonb(o) || jsonb_build_object(
                            'events', (SELECT coalesce(jsonb_agg(to_jsonb(e) ORDER BY e.id), '[]')
                                       FROM moderation.comment_events e WHERE e.comment_id = o.id AND e.kind <> 'note'),
                            'notes', (SELECT coalesce(jsonb_agg(to_jsonb(e) ORDER BY e.id), '[]')
                                      FROM moderation.comment_events e WHERE e.comment_id = o.id AND e.kind = 'note'))
                            ORDER BY o.id), '[]') FROM own o) AS comments,
                        (SELECT coalesce(jsonb_agg(to_jsonb(e) ORDER BY e.id), '[]')
                         FROM moderation.comment_events e
                         WHERE e.kind = 'note' AND e.note ~* f.re AND NOT e.comment_id IN (SELECT id FROM own))
                            AS notes_elsewhere,
                        (SELECT coalesce(jsonb_agg(to_jsonb(b) ORDER BY b.id), '[]')
                         FROM moderation.blocks b
                         WHERE (b.kind = 'email' AND b.value ~* f.re) OR b.reason ~* f.re
                            OR (b.network IS NOT NULL AND EXISTS (
                                SELECT 1 FROM unnest(f.ips) ip WHERE b.network >>= ip::inet))) AS blocks,
                        (SELECT coalesce(jsonb_agg(to_jsonb(w) ORDER BY w.id), '[]')
                         FROM moderation.word_rules w WHERE w.pattern ~* f.re) AS word_rules,
                        (SELECT coalesce(jsonb_agg(to_jsonb(a) ORDER BY a.id), '[]')
                         FROM moderation.moderator_actions a WHERE a.detail::text ~* f.re) AS moderator_actions
                    FROM found f
                )
                SELECT jsonb_pretty(jsonb_build_object(
                           'email', needle, 'ip_addresses', to_jsonb(ips), 'exported_at', now(),
                           'comments', comments, 'notes_elsewhere', notes_elsewhere, 'blocks', blocks,
                           'word_rules', word_rules, 'moderator_actions', moderator_actions)),
                       jsonb_array_length(comments) + jsonb_array_length(notes_elsewhere) + jsonb_array_length(blocks)
                           + jsonb_array_length(word_rules) + jsonb_array_length(moderator_actions)
                FROM document
                """)
            guard let row = rows.first, try row.decode(Int.self, at: 1) > 0 else { return nil }
            return try row.decode(String.self, at: 0)
        }
    }

    /// What `erase` would change, computed by running it and rolling it back, so the preview and the
    /// erasure can never disagree about what they count.
    public static func previewErasure(
        email: String, deleteComments: Bool, actor: String, on db: PostgresConnection
    ) async throws -> ErasureCounts {
        var counts = ErasureCounts()
        do {
            try await db.transaction { tx -> Bool in
                throw PreviewRollback(counts: try await erase(email: email, deleteComments: deleteComments, actor: actor, on: tx))
            }
        } catch let preview as PreviewRollback {
            counts = preview.counts
        }
        return counts
    }

    /// Erases the person's data in one transaction and records it (unless there was nothing to erase:
    /// then `isEmpty` is true and nothing was written).
    public static func erase(
        email: String, deleteComments: Bool, actor: String, on db: PostgresConnection
    ) async throws -> ErasureCounts {
        let rows = try await db.query(
            "SELECT moderation.erase_author(\(email), \(deleteComments), \(actor))::text")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try rows[0].decodeJSON(ErasureCounts.self, at: 0, decoder: decoder)
    }

    /// The white space a stored address is trimmed of before comparing, as `erase_author` does.
    private static let whiteSpace = " \t\r\n\u{0C}\u{0B}"

    private struct PreviewRollback: Error {
        let counts: ErasureCounts
    }
}
