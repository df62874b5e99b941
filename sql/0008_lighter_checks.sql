-- Lighter checks for the worker's batches.
--
-- 1. Duplicates. Every comment the worker claims first asks whether its post already has an earlier comment
--    with the same body (usually not: one probe, the last). That probe used the email index, whose key
--    starts with two text columns (site_id, post_id) compared under the database's collation at every
--    step of the descent. It now has an index whose key starts with one 64-bit hash of site, post and body
--    together: half the cost per probe, and a smaller index. The same index answers "and by the same name"
--    (its second column), replacing the name index of 0003. The email index stays: it also serves the
--    published view's reads of a post's comments. The separator cannot make two different comments equal:
--    the worker compares site, post and body themselves too; the hash only narrows the candidates.
DROP INDEX moderation.comments_duplicate_name_idx;
CREATE INDEX comments_duplicate_post_idx ON moderation.comments
    (hashtextextended(site_id || E'\x1f' || post_id || E'\x1f' || body, 0), hashtextextended(author_name, 0), id);

-- 2. An event's action must exist. The foreign key of 0004 checked it once per inserted event, for every
--    event the worker writes, whose action is always NULL: 500 trigger calls per batch that check nothing.
--    The statement-level check of 0003 now checks actions too, in the same pass over the new events. The
--    other half of what the key said (an action that events point to cannot be removed) already holds:
--    moderator_actions refuses UPDATE and DELETE (0004), and now TRUNCATE.
ALTER TABLE moderation.comment_events DROP CONSTRAINT comment_events_action_id_fkey;

CREATE OR REPLACE FUNCTION moderation.check_event_comments() RETURNS trigger
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
    SELECT e.action_id INTO missing FROM new_events e
    WHERE e.action_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM moderation.moderator_actions a WHERE a.id = e.action_id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'comment_events names moderator action %, which does not exist', missing
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION moderation.refuse_truncate() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME::text USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER moderator_actions_no_truncate BEFORE TRUNCATE ON moderation.moderator_actions
    FOR EACH STATEMENT EXECUTE FUNCTION moderation.refuse_truncate();

-- 3. A claim record holds the ids of one batch: 500 ids are about 4 kB, over the 2 kB past which
--    PostgreSQL compresses a row, so every batch paid a compression of its ids on insert and again on
--    update. Rows of up to a page stay as they are; larger batches are still compressed.
ALTER TABLE moderation.queue_claims SET (toast_tuple_target = 8160);
