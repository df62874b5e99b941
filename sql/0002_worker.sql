-- The worker's tables: moderation rules kept in the database (word lists, blocks), the crash evidence
-- that lets a poison comment be quarantined, worker heartbeats, and the indexes behind the facts the
-- rules need (previous approvals, flood, duplicates).

-- Word-list entries, per site or (site_id NULL) for every site. Pattern syntax: README, "Word lists".
CREATE TABLE moderation.word_rules (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id    text REFERENCES moderation.sites (id) ON DELETE CASCADE,
    action     text NOT NULL CHECK (action IN ('reject', 'hold', 'flag', 'allow')),
    pattern    text NOT NULL CHECK (pattern <> '' AND length(pattern) <= 500),
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL DEFAULT session_user,
    CONSTRAINT word_rules_unique UNIQUE NULLS NOT DISTINCT (site_id, action, pattern)
);

-- Blocks on an IP address or network, an email address or an email domain (and its subdomains).
-- Blocked authors' comments are marked spam. Expired blocks are ignored, not deleted: they are history.
CREATE TABLE moderation.blocks (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id    text REFERENCES moderation.sites (id) ON DELETE CASCADE,
    kind       text NOT NULL CHECK (kind IN ('ip', 'cidr', 'email', 'domain')),
    network    cidr,
    value      text,
    reason     text,
    expires_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL DEFAULT session_user,
    -- Networks for ip/cidr, lower-case text for email/domain: each kind is matched by its own index.
    CHECK ((kind IN ('ip', 'cidr')) = (network IS NOT NULL)),
    CHECK ((kind IN ('email', 'domain')) = (value IS NOT NULL AND value = lower(value) AND value <> ''))
);
-- 'ann@mail.spam.example' → {mail.spam.example, spam.example, example}: a domain block covers subdomains.
CREATE FUNCTION moderation.email_domain_suffixes(email text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog
AS $$
    SELECT coalesce(array_agg(array_to_string(labels[i:], '.') ORDER BY i), '{}')
    FROM (SELECT string_to_array(rtrim(substring(lower(btrim(email)) FROM '@([^@]+)$'), '.'), '.') AS labels) d,
         generate_series(1, coalesce(array_length(d.labels, 1), 0)) AS i
$$;

CREATE INDEX blocks_network_idx ON moderation.blocks USING gist (network inet_ops) WHERE network IS NOT NULL;
CREATE INDEX blocks_value_idx ON moderation.blocks (value) WHERE value IS NOT NULL;

-- The worker caches sites, word lists and blocks; any change to them tells it to reload.
CREATE FUNCTION moderation.notify_rules_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('commentmod_rules_changed', TG_TABLE_NAME);
    RETURN NULL;
END
$$;
CREATE TRIGGER sites_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON moderation.sites
    FOR EACH STATEMENT EXECUTE FUNCTION moderation.notify_rules_changed();
CREATE TRIGGER word_rules_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON moderation.word_rules
    FOR EACH STATEMENT EXECUTE FUNCTION moderation.notify_rules_changed();
CREATE TRIGGER blocks_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON moderation.blocks
    FOR EACH STATEMENT EXECUTE FUNCTION moderation.notify_rules_changed();

-- Failed attempts, counted without a timer. Before judging a claimed batch the worker records the claim
-- here on a second connection, committed at once; the batch's own transaction deletes the record when it
-- commits, or narrows it to the comments whose processing threw (with the error). A record that survives
-- therefore names comments whose processing failed or whose worker died (kill -9, a crash) holding them:
-- the number of records naming a comment is its count of failed attempts.
CREATE TABLE moderation.queue_claims (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    worker      text NOT NULL,
    comment_ids bigint[] NOT NULL,
    claimed_at  timestamptz NOT NULL DEFAULT now(),
    error       text
);
CREATE INDEX queue_claims_ids_idx ON moderation.queue_claims USING gin (comment_ids);

-- Heartbeats: `commentmod status` shows the workers seen recently.
CREATE TABLE moderation.workers (
    id           text PRIMARY KEY,
    host         text NOT NULL,
    pid          integer NOT NULL,
    version      text NOT NULL,
    started_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    decided      bigint NOT NULL DEFAULT 0
);

-- Facts: previous approvals and the last comment per email, per IP, and identical bodies per post.
CREATE INDEX comments_email_idx ON moderation.comments (site_id, lower(author_email), id);
-- Only approved comments: "has this author been approved before?" never wades through their held or
-- rejected ones (a spammer's thousands).
CREATE INDEX comments_approved_email_idx ON moderation.comments (site_id, lower(author_email))
    WHERE status = 'approved';
CREATE INDEX comments_ip_idx ON moderation.comments (site_id, author_ip, id) WHERE author_ip IS NOT NULL;
CREATE INDEX comments_body_idx ON moderation.comments (site_id, post_id, md5(body));

-- Decisions by time, for status and stats.
CREATE INDEX comment_events_at_idx ON moderation.comment_events (at);

GRANT SELECT ON moderation.word_rules, moderation.blocks TO commentmod_worker;
GRANT SELECT, INSERT, UPDATE, DELETE ON moderation.queue_claims TO commentmod_worker;
GRANT SELECT, INSERT, UPDATE, DELETE ON moderation.workers TO commentmod_worker;
GRANT SELECT, INSERT, UPDATE, DELETE ON moderation.word_rules, moderation.blocks TO commentmod_moderator;
GRANT SELECT ON moderation.workers, moderation.queue_claims TO commentmod_moderator;
