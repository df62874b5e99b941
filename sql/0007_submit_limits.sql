-- submit_comment refuses, with SQLSTATE 22001 and a message naming the field and the limit, a post id,
-- email address or submission key over 1,000 bytes. Before, past about 2,700 bytes such a value failed
-- on an index with an error that named neither. Everything else about the function is unchanged
-- (sql/0001_schema.sql); CREATE OR REPLACE keeps its grants.

CREATE OR REPLACE FUNCTION moderation.submit_comment(
    site_id        text,
    post_id        text,
    author_name    text,
    author_email   text,
    body           text,
    author_url     text   DEFAULT NULL,
    parent_id      bigint DEFAULT NULL,
    author_ip      inet   DEFAULT NULL,
    user_agent     text   DEFAULT NULL,
    referrer       text   DEFAULT NULL,
    submission_key text   DEFAULT NULL
) RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    key    text := nullif(submit_comment.submission_key, '');
    new_id bigint;
    too_long text;
BEGIN
    -- Values that go into an index (the post into the duplicate indexes, the address into the email
    -- index, the key into its unique constraint) past about 2,700 bytes would fail on the index with an
    -- error that names neither the field nor a limit (54000, "index row size exceeds"). No valid address
    -- is over 254 characters, a post id is a number or a slug and a submission key a token, so 1,000
    -- bytes refuse nothing real; refused here, as WordPress refuses a value longer than its column, with
    -- the standard code for a value too long. The other fields take any length: the worker judges them.
    -- Plain expressions rather than a query over the three: they cost no executor start per submit.
    too_long := CASE WHEN octet_length(submit_comment.post_id) > 1000 THEN 'post_id'
                     WHEN octet_length(submit_comment.author_email) > 1000 THEN 'author_email'
                     WHEN octet_length(submit_comment.submission_key) > 1000 THEN 'submission_key' END;
    IF too_long IS NOT NULL THEN
        RAISE EXCEPTION '% is % bytes long; at most 1000 are accepted', too_long,
                        octet_length(CASE too_long WHEN 'post_id' THEN submit_comment.post_id
                                                   WHEN 'author_email' THEN submit_comment.author_email
                                                   ELSE submit_comment.submission_key END)
            USING ERRCODE = 'string_data_right_truncation';
    END IF;

    IF submit_comment.site_id IS NULL
       OR NOT EXISTS (SELECT 1 FROM moderation.sites s WHERE s.id = submit_comment.site_id) THEN
        RAISE EXCEPTION 'site % is not registered', coalesce(quote_literal(submit_comment.site_id), 'NULL')
            USING ERRCODE = 'foreign_key_violation',
                  HINT = 'register it first: commentmod site add, or INSERT INTO moderation.sites (id, name)';
    END IF;

    IF submit_comment.parent_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM moderation.comments p
        WHERE p.id = submit_comment.parent_id
          AND p.site_id = submit_comment.site_id
          AND p.post_id IS NOT DISTINCT FROM submit_comment.post_id) THEN
        RAISE EXCEPTION 'parent comment % does not exist on this post', submit_comment.parent_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;

    -- ON CONFLICT makes a concurrent duplicate wait for the first insert's transaction: it then finds
    -- the committed row (or inserts, if the first rolled back), so a retried form post never makes two.
    INSERT INTO moderation.comments AS c (
        site_id, post_id, parent_id, author_name, author_email, author_url, body,
        author_ip, user_agent, referrer, submission_key)
    VALUES (
        submit_comment.site_id, submit_comment.post_id, submit_comment.parent_id,
        submit_comment.author_name, submit_comment.author_email, submit_comment.author_url,
        submit_comment.body, submit_comment.author_ip, submit_comment.user_agent,
        submit_comment.referrer, key)
    ON CONFLICT ON CONSTRAINT comments_submission_key_unique DO NOTHING
    RETURNING c.id INTO new_id;

    IF new_id IS NULL THEN
        SELECT c.id INTO STRICT new_id FROM moderation.comments c
        WHERE c.site_id = submit_comment.site_id AND c.submission_key = key;
        RETURN new_id;
    END IF;

    INSERT INTO moderation.queue (comment_id) VALUES (new_id);
    INSERT INTO moderation.comment_events (comment_id, actor, from_status, to_status)
    VALUES (new_id, 'submit:' || session_user, NULL, 'pending');
    -- A hint only: the worker also polls, so a notification lost while it was disconnected costs a poll.
    PERFORM pg_notify('comment_submitted', '');
    RETURN new_id;
END
$$;
