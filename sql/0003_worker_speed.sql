-- Worker speed: a decision rewrites a comment in place without touching an index, and each fact the
-- rules need is one index probe per comment, whatever the size of the tables.
--
-- A decision changes status, reasons, body_html, decided_at, published_at and version. PostgreSQL can
-- then keep the new row version on the same page without touching a single index (a HOT update) only
-- when no index of the table names one of those columns, partial-index predicates included, and the
-- page has room for the new version. So:
--   * the indexes whose key or predicate names status go, and what they answered moves to two narrow
--     tables kept in step by triggers (below);
--   * new pages of comments are filled to 40 % only: a published row carries its rendered body next to
--     the raw one and grows to about 1.7 times its queued size, and the page must hold both versions
--     until the decision commits.
-- The remaining indexes name only columns fixed at submit time (id, site, post, body, email, IP), so the
-- worker's UPDATE is HOT and writes no index entry.

ALTER TABLE moderation.comments SET (fillfactor = 40);

DROP INDEX moderation.comments_published_idx;
DROP INDEX moderation.comments_status_idx;
DROP INDEX moderation.comments_approved_email_idx;

-- Duplicates: "an identical earlier comment on this post by the same email or the same name" is two index
-- probes, whatever the number of identical comments on the post (a popular post has thousands of
-- "Thanks!"; the old index found all of them and read each row). 64-bit hashes keep entries small, accept
-- any length the form posts and cost a fraction of md5 (which goes through OpenSSL for every call); the
-- worker compares the texts themselves too. The id column turns "earlier" into an index condition.
-- Their leading columns (site_id, post_id) also serve the published view's reads of a post's comments,
-- which a post holds few of.
DROP INDEX moderation.comments_body_idx;
-- Most bodies are unique on their post, so the worker first asks the email index whether the post has an
-- earlier comment with the same body at all (one probe, usually the last), and only then probes by
-- address and by name. The name index hashes the body with another seed: no probe of one index can then
-- be served by the other (the planner rated such pairs alike and could pick the one that walks every
-- identical comment on the post).
CREATE INDEX comments_duplicate_email_idx ON moderation.comments
    (site_id, post_id, hashtextextended(body, 0), hashtextextended(lower(author_email), 0), id);
CREATE INDEX comments_duplicate_name_idx ON moderation.comments
    (site_id, post_id, hashtextextended(author_name, 0), hashtextextended(body, 1), id);

-- One row per approved comment with an email address: "has this author been approved before?" is a
-- probe of the primary key, never a walk through a spammer's thousands of rejected comments. Rows are
-- inserted and deleted, never updated, so workers approving the same author never wait for each other.
CREATE TABLE moderation.approvals (
    site_id    text NOT NULL,
    -- lower(author_email), as the rules compare addresses; byte order, since only equality is asked
    email_key  text COLLATE "C" NOT NULL,
    comment_id bigint NOT NULL,
    PRIMARY KEY (site_id, email_key, comment_id)
);

-- One row per held comment: the moderators' review list and `status`'s held count, without an index
-- on comments.status.
CREATE TABLE moderation.held_comments (
    comment_id bigint PRIMARY KEY,
    site_id    text NOT NULL
);

-- Keep approvals and held_comments in step with comments, whoever writes comments (the worker,
-- moderator commands, privacy erasure, a DBA): statement-level triggers with transition tables, so a batch
-- of 500 decisions costs one call and a few set-based statements, not 500 calls. A row that is neither
-- approved nor held before or after the statement produces no change, so an update that changes neither
-- status, site nor email leaves both tables alone. SECURITY DEFINER: writers of comments need no
-- privilege on these tables. One function per event, since each sees different transition tables.
CREATE FUNCTION moderation.comments_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Sorted, so concurrent writers take index locks in one order.
    INSERT INTO moderation.approvals (site_id, email_key, comment_id)
    SELECT site_id, lower(author_email) COLLATE "C", id FROM new_rows
    WHERE status = 'approved' AND author_email IS NOT NULL
    ORDER BY 1, 2, 3;
    INSERT INTO moderation.held_comments (comment_id, site_id)
    SELECT id, site_id FROM new_rows WHERE status = 'held' ORDER BY 1;
    RETURN NULL;
END
$$;

CREATE FUNCTION moderation.comments_updated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM old_rows WHERE status IN ('approved', 'held')) THEN
        -- Every row came from pending, rejected or spam (the worker's decisions): additions only.
        INSERT INTO moderation.approvals (site_id, email_key, comment_id)
        SELECT site_id, lower(author_email) COLLATE "C", id FROM new_rows
        WHERE status = 'approved' AND author_email IS NOT NULL
        ORDER BY 1, 2, 3;
        INSERT INTO moderation.held_comments (comment_id, site_id)
        SELECT id, site_id FROM new_rows WHERE status = 'held' ORDER BY 1;
        RETURN NULL;
    END IF;
    DELETE FROM moderation.approvals a
    USING (SELECT site_id, lower(author_email) COLLATE "C" AS email_key, id FROM old_rows
           WHERE status = 'approved' AND author_email IS NOT NULL
           EXCEPT
           SELECT site_id, lower(author_email) COLLATE "C", id FROM new_rows
           WHERE status = 'approved' AND author_email IS NOT NULL) gone
    WHERE a.site_id = gone.site_id AND a.email_key = gone.email_key AND a.comment_id = gone.id;
    DELETE FROM moderation.held_comments h
    USING (SELECT id, site_id FROM old_rows WHERE status = 'held'
           EXCEPT
           SELECT id, site_id FROM new_rows WHERE status = 'held') gone
    WHERE h.comment_id = gone.id;
    INSERT INTO moderation.approvals (site_id, email_key, comment_id)
    SELECT * FROM (
        SELECT site_id, lower(author_email) COLLATE "C", id FROM new_rows
        WHERE status = 'approved' AND author_email IS NOT NULL
        EXCEPT
        SELECT site_id, lower(author_email) COLLATE "C", id FROM old_rows
        WHERE status = 'approved' AND author_email IS NOT NULL) added
    ORDER BY 1, 2, 3;
    INSERT INTO moderation.held_comments (comment_id, site_id)
    SELECT * FROM (
        SELECT id, site_id FROM new_rows WHERE status = 'held'
        EXCEPT
        SELECT id, site_id FROM old_rows WHERE status = 'held') added
    ORDER BY 1;
    RETURN NULL;
END
$$;

CREATE FUNCTION moderation.comments_deleted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    kept bigint;
BEGIN
    -- What the foreign key from comment_events said before (see below): history is never orphaned.
    SELECT o.id INTO kept FROM old_rows o
    WHERE EXISTS (SELECT 1 FROM moderation.comment_events e WHERE e.comment_id = o.id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'comment % has events and cannot be deleted', kept
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'comments are kept with their history; erase personal data instead';
    END IF;
    DELETE FROM moderation.approvals a USING old_rows o
    WHERE o.status = 'approved' AND a.site_id = o.site_id AND a.email_key = lower(o.author_email) COLLATE "C"
      AND a.comment_id = o.id;
    DELETE FROM moderation.held_comments h USING old_rows o
    WHERE o.status = 'held' AND h.comment_id = o.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER comments_state_inserted AFTER INSERT ON moderation.comments
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION moderation.comments_inserted();
CREATE TRIGGER comments_state_updated AFTER UPDATE ON moderation.comments
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION moderation.comments_updated();
CREATE TRIGGER comments_state_deleted AFTER DELETE ON moderation.comments
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION moderation.comments_deleted();

-- What the comments already say.
INSERT INTO moderation.approvals (site_id, email_key, comment_id)
SELECT site_id, lower(author_email), id FROM moderation.comments
WHERE status = 'approved' AND author_email IS NOT NULL;
INSERT INTO moderation.held_comments (comment_id, site_id)
SELECT id, site_id FROM moderation.comments WHERE status = 'held';

-- Decisions by time (status, stats): events are appended in time order, so a block-range index answers
-- "the last hour" for a fraction of a b-tree's upkeep on every event the worker writes.
DROP INDEX moderation.comment_events_at_idx;
CREATE INDEX comment_events_at_idx ON moderation.comment_events USING brin (at);

-- Events name an existing comment. The foreign key said so by checking and share-locking the comment row
-- once per event: for a batch, one more lock record per comment on a row the same transaction has just
-- updated. Two statement-level checks say the same for a batch at the price of one join:
--   * an inserted event must name an existing comment. Every writer (submit_comment, the worker, moderator
--     commands) inserts a comment's event in the transaction that inserts or updates that comment, so the
--     row is locked against deletion until the event commits; a writer that ever inserted an event without
--     writing its comment must lock it (SELECT … FOR KEY SHARE) first;
--   * a comment that has events cannot be deleted (the history is kept; privacy erasure blanks fields).
ALTER TABLE moderation.comment_events DROP CONSTRAINT comment_events_comment_id_fkey;

CREATE FUNCTION moderation.check_event_comments() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    missing bigint;
BEGIN
    SELECT e.comment_id INTO missing FROM new_events e
    WHERE NOT EXISTS (SELECT 1 FROM moderation.comments c WHERE c.id = e.comment_id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'comment_events names comment %, which does not exist', missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER comment_events_comment_exists AFTER INSERT ON moderation.comment_events
    REFERENCING NEW TABLE AS new_events
    FOR EACH STATEMENT EXECUTE FUNCTION moderation.check_event_comments();

-- Failed attempts: a claim record that names a comment this worker has just locked can only be left by an
-- attempt that failed (a live batch holds its comments locked, so they cannot be claimed), and there are
-- only as many records as batches in flight plus failures. Reading them all is cheaper than this index: a
-- GIN index takes inserts into a pending list that every search reads whole, and each batch inserts one
-- record naming hundreds of comments.
DROP INDEX moderation.queue_claims_ids_idx;

REVOKE ALL ON FUNCTION moderation.comments_inserted(), moderation.comments_updated(),
    moderation.comments_deleted(), moderation.check_event_comments() FROM PUBLIC;
GRANT SELECT ON moderation.approvals TO commentmod_worker, commentmod_moderator;
GRANT SELECT ON moderation.held_comments TO commentmod_worker, commentmod_moderator;
