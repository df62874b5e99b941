-- Trust: one row per author with an approved comment, instead of one row per approved comment.
--
-- The claim asks of every comment whether its author was approved before. With a row per approved comment
-- (sql/0003's `approvals`), the probe lands on the author's entries, and PostgreSQL checks every matching
-- entry on the index page it reads, not only the first: for a regular with hundreds of approved comments,
-- about a hundred index entries per probe. And every approval the worker wrote inserted a row and an index
-- entry. Now the probe finds at most one entry, and an approval writes nothing when its author already has
-- a row, which is nearly always (only a first approval adds one).
--
-- Removing approvals is the rare direction (a moderator unpublishes, an author is erased, a comment is
-- deleted): the author's row goes when no approved comment of theirs is left, which the email index
-- answers. A moderator's change that takes away an author's last approval while a worker approves another
-- of their comments can leave that author without a row, so their next comment is held for review as a
-- first-timer's; it can never make a comment approved that should not be.

CREATE TABLE moderation.approved_authors (
    site_id   text NOT NULL,
    -- lower(author_email), as the rules compare addresses; byte order, since only equality is asked
    email_key text COLLATE "C" NOT NULL,
    PRIMARY KEY (site_id, email_key)
);

INSERT INTO moderation.approved_authors (site_id, email_key)
SELECT DISTINCT site_id, email_key FROM moderation.approvals;

-- Adds the authors of these approved comments; sorted, so concurrent writers take index locks in one order
-- (a writer adding the same new author waits for the first to commit, and two never wait for each other).
CREATE FUNCTION moderation.add_approved_authors(site_ids text[], emails text[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
    INSERT INTO moderation.approved_authors (site_id, email_key)
    SELECT DISTINCT s, lower(e) COLLATE "C" FROM unnest(site_ids, emails) AS a(s, e)
    WHERE e IS NOT NULL
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING
$$;

-- Removes the rows of these authors who have no approved comment left (run after the statement's changes).
CREATE FUNCTION moderation.drop_unapproved_authors(site_ids text[], emails text[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
    DELETE FROM moderation.approved_authors a
    USING (SELECT DISTINCT s, lower(e) AS email FROM unnest(site_ids, emails) AS l(s, e) WHERE e IS NOT NULL) l
    WHERE a.site_id = l.s AND a.email_key = l.email COLLATE "C"
      -- In the email index's own terms (site_id, lower(author_email)), so this is an index probe.
      AND NOT EXISTS (SELECT 1 FROM moderation.comments c
                      WHERE c.site_id = l.s AND lower(c.author_email) = l.email AND c.status = 'approved')
$$;

CREATE OR REPLACE FUNCTION moderation.comments_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM moderation.add_approved_authors(array_agg(site_id), array_agg(author_email))
    FROM new_rows WHERE status = 'approved' HAVING count(*) > 0;
    INSERT INTO moderation.held_comments (comment_id, site_id)
    SELECT id, site_id FROM new_rows WHERE status = 'held' ORDER BY 1;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION moderation.comments_updated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM old_rows WHERE status IN ('approved', 'held')) THEN
        -- Approvals or holds may have gone (moderators, erasure); the worker's decisions never take one away.
        PERFORM moderation.drop_unapproved_authors(array_agg(site_id), array_agg(author_email))
        FROM old_rows WHERE status = 'approved' HAVING count(*) > 0;
        DELETE FROM moderation.held_comments h
        USING (SELECT id FROM old_rows WHERE status = 'held'
               EXCEPT
               SELECT id FROM new_rows WHERE status = 'held') gone
        WHERE h.comment_id = gone.id;
        INSERT INTO moderation.held_comments (comment_id, site_id)
        SELECT * FROM (
            SELECT id, site_id FROM new_rows WHERE status = 'held'
            EXCEPT
            SELECT id, site_id FROM old_rows WHERE status = 'held') added
        ORDER BY 1;
    ELSE
        INSERT INTO moderation.held_comments (comment_id, site_id)
        SELECT id, site_id FROM new_rows WHERE status = 'held' ORDER BY 1;
    END IF;
    PERFORM moderation.add_approved_authors(array_agg(site_id), array_agg(author_email))
    FROM new_rows WHERE status = 'approved' HAVING count(*) > 0;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION moderation.comments_deleted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    kept bigint;
BEGIN
    -- What the foreign key from comment_events said before (see sql/0003): history is never orphaned.
    SELECT o.id INTO kept FROM old_rows o
    WHERE EXISTS (SELECT 1 FROM moderation.comment_events e WHERE e.comment_id = o.id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'comment % has events and cannot be deleted', kept
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'comments are kept with their history; erase personal data instead';
    END IF;
    PERFORM moderation.drop_unapproved_authors(array_agg(site_id), array_agg(author_email))
    FROM old_rows WHERE status = 'approved' HAVING count(*) > 0;
    DELETE FROM moderation.held_comments h USING old_rows o
    WHERE o.status = 'held' AND h.comment_id = o.id;
    RETURN NULL;
END
$$;

DROP TABLE moderation.approvals;

REVOKE ALL ON FUNCTION moderation.add_approved_authors(text[], text[]),
    moderation.drop_unapproved_authors(text[], text[]) FROM PUBLIC;
GRANT SELECT ON moderation.approved_authors TO commentmod_worker, commentmod_moderator;
