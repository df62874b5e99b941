-- commentmod schema: sites, comments, the worker's queue, the append-only event log, the blog-facing
-- submit function and published view, and the three group roles.
-- Forward-only: a later change is a new numbered file, never an edit of this one (migrate refuses edits).

CREATE SCHEMA IF NOT EXISTS moderation;
REVOKE ALL ON SCHEMA moderation FROM PUBLIC;

-- Roles are cluster-wide and may already exist (another database, an earlier install, a concurrent
-- migrate in a sibling database), so each is created only when missing. NOLOGIN: they are groups that a
-- login role is granted into, never used to connect directly.
DO $roles$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['commentmod_blog', 'commentmod_worker', 'commentmod_moderator'] LOOP
        BEGIN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END LOOP;
END
$roles$;

CREATE TABLE moderation.sites (
    id         text PRIMARY KEY CHECK (id <> '' AND length(id) <= 200),
    name       text NOT NULL DEFAULT '',
    -- '{}' means every default; the worker validates keys and types (see README, "Policy").
    policy     jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(policy) = 'object'),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Fields are stored exactly as the form posted them, NULL and empty included: judging them is the
-- worker's job, and a rejected comment is kept with its reasons.
CREATE TABLE moderation.comments (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id        text NOT NULL REFERENCES moderation.sites (id),
    post_id        text,
    parent_id      bigint,
    author_name    text,
    author_email   text,
    author_url     text,
    body           text,
    author_ip      inet,
    user_agent     text,
    referrer       text,
    submission_key text,
    status         text NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'approved', 'held', 'rejected', 'spam')),
    reasons        jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(reasons) = 'array'),
    body_html      text,
    -- Bumped by every change of status or content; moderators pass it back for optimistic concurrency.
    version        integer NOT NULL DEFAULT 1,
    submitted_at   timestamptz NOT NULL DEFAULT now(),
    decided_at     timestamptz,
    published_at   timestamptz,
    -- A published comment always has its rendered body and publication time; nothing else has them.
    CHECK ((status = 'approved') = (published_at IS NOT NULL)),
    CHECK (status <> 'approved' OR body_html IS NOT NULL),
    CONSTRAINT comments_submission_key_unique UNIQUE (site_id, submission_key),
    -- submit_comment also checks that a parent belongs to the same site and post; a composite key would
    -- say the same at the price of one more index on the table every decision updates.
    CONSTRAINT comments_parent_fk FOREIGN KEY (parent_id) REFERENCES moderation.comments (id)
);

-- The published view reads a post's approved comments in order.
CREATE INDEX comments_published_idx ON moderation.comments (site_id, post_id, published_at)
    WHERE status = 'approved';
CREATE INDEX comments_status_idx ON moderation.comments (status, submitted_at)
    WHERE status IN ('held', 'pending');

-- One row per comment waiting for the worker. Kept small (rows leave when decided) so the claim,
-- `FOR UPDATE SKIP LOCKED` in comment_id order, stays an index scan over a few pages.
CREATE TABLE moderation.queue (
    comment_id  bigint PRIMARY KEY REFERENCES moderation.comments (id) ON DELETE CASCADE,
    enqueued_at timestamptz NOT NULL DEFAULT now()
);

-- Append-only: one row for every status change, written in the same transaction as the change.
CREATE TABLE moderation.comment_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    comment_id  bigint NOT NULL REFERENCES moderation.comments (id),
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL CHECK (actor <> ''),
    from_status text,
    to_status   text NOT NULL,
    reasons     jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(reasons) = 'array'),
    note        text
);
CREATE INDEX comment_events_comment_idx ON moderation.comment_events (comment_id, id);

CREATE FUNCTION moderation.refuse_event_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'moderation.comment_events is append-only'
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'record a new event instead of changing an old one';
END
$$;
CREATE TRIGGER comment_events_append_only
    BEFORE UPDATE OR DELETE ON moderation.comment_events
    FOR EACH ROW EXECUTE FUNCTION moderation.refuse_event_change();

-- The blog backend's entry point. SECURITY DEFINER so that commentmod_blog needs no privilege on the
-- tables themselves; search_path pinned so a caller's objects can never stand in for ours.
CREATE FUNCTION moderation.submit_comment(
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
BEGIN
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

-- Blog-facing: what a reader may see. Never email, IP, user agent or referrer.
CREATE VIEW moderation.published_comments WITH (security_barrier) AS
SELECT id, site_id, post_id, parent_id, author_name, author_url, body_html, published_at
FROM moderation.comments
WHERE status = 'approved';

-- Privileges. Functions are executable by PUBLIC unless revoked.
REVOKE ALL ON FUNCTION moderation.submit_comment(text, text, text, text, text, text, bigint, inet, text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION moderation.refuse_event_change() FROM PUBLIC;

GRANT USAGE ON SCHEMA moderation TO commentmod_blog, commentmod_worker, commentmod_moderator;

GRANT EXECUTE ON FUNCTION moderation.submit_comment(text, text, text, text, text, text, bigint, inet, text, text, text)
    TO commentmod_blog;
GRANT SELECT ON moderation.published_comments TO commentmod_blog, commentmod_worker, commentmod_moderator;

GRANT SELECT ON moderation.sites TO commentmod_worker;
GRANT SELECT, UPDATE ON moderation.comments TO commentmod_worker;
-- SELECT … FOR UPDATE (the claim) needs UPDATE.
GRANT SELECT, UPDATE, DELETE ON moderation.queue TO commentmod_worker;
GRANT SELECT, INSERT ON moderation.comment_events TO commentmod_worker;

GRANT SELECT, INSERT, UPDATE ON moderation.sites TO commentmod_moderator;
GRANT SELECT, UPDATE ON moderation.comments TO commentmod_moderator;
GRANT SELECT, INSERT, DELETE ON moderation.queue TO commentmod_moderator;
GRANT SELECT, INSERT ON moderation.comment_events TO commentmod_moderator;
