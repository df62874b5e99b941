-- The payload of `comment_published` and `comment_unpublished` in one place, and cheaper.
--
-- The worker, moderators' actions and erasure each built it with json_build_object, which looks up how to
-- write each argument's type on every call: 0.60 µs a payload against 0.35 for the same text put together
-- from to_json of the two strings (200,000 rows, psql \timing). In a 300k drain, which publishes two
-- comments in three, json_build_object was 1.4 % of the database's CPU samples (perf). The text is the same, byte for byte, as json_build_object's
-- (`{"id" : 1, "site_id" : "blog", "post_id" : "p"}`, a NULL post as null); a test compares the two on
-- the naughty strings. Written as one SQL expression, so PostgreSQL inlines it into the statement that
-- calls it. sql/0006's erasure function keeps its own call: replacing a function body to save
-- microseconds on a rare path is not worth it.

CREATE FUNCTION moderation.comment_notice(id bigint, site_id text, post_id text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT '{"id" : ' || id || ', "site_id" : ' || to_json(site_id) || ', "post_id" : '
           || coalesce(to_json(post_id)::text, 'null') || '}'
$$;
