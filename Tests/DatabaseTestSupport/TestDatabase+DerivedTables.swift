import PostgresClient

extension TestDatabase {
    /// Rows of approved_authors / held_comments that `comments` does not justify, and the other way round:
    /// (0, 0) when both derived tables are in step with the comments (sql/0003, sql/0009, sql/0013).
    public static func derivedTableDrift(on db: PostgresConnection) async throws -> (approvals: Int, held: Int) {
        let rows = try await db.query("""
            SELECT (SELECT count(*) FROM (
                        (SELECT site_id, lower(author_email) COLLATE "C" FROM moderation.comments
                         WHERE status = 'approved' AND author_email IS NOT NULL
                         EXCEPT SELECT site_id, email_key FROM moderation.approved_authors)
                        UNION ALL
                        (SELECT site_id, email_key FROM moderation.approved_authors
                         EXCEPT SELECT site_id, lower(author_email) COLLATE "C" FROM moderation.comments
                         WHERE status = 'approved' AND author_email IS NOT NULL)) d),
                   (SELECT count(*) FROM (
                        (SELECT id, site_id FROM moderation.comments WHERE status = 'held'
                         EXCEPT SELECT comment_id, site_id FROM moderation.held_comments)
                        UNION ALL
                        (SELECT comment_id, site_id FROM moderation.held_comments
                         EXCEPT SELECT id, site_id FROM moderation.comments WHERE status = 'held')) d)
            """)
        return (try rows[0].decode(Int.self, at: 0), try rows[0].decode(Int.self, at: 1))
    }
}
