-- Privacy: erasing a person's data on request (`commentmod privacy erase`), as WordPress's personal-data
-- eraser does, and the helpers `privacy export` shares with it.
--
-- A person is an email address (case-insensitive, surrounding white space ignored). Their comments are the
-- rows with that address; their IP addresses are those comments' IPs. Erasing, in one transaction:
-- - their comments: name 'Anonymous'; email, website, IP, user agent and referrer NULL; reasons that point
--   at one of those fields lose what matched; the version is bumped. With delete_comments the text goes too
--   (body and body_html NULL) and the row stays as a tombstone, so replies' parent_id and the event log
--   keep their references: a published, held or pending one becomes 'rejected' (out of the published view
--   and the queue, the CHECKs of 0001 hold) with an `author_erased` reason saying why.
-- - every other mention of the address or of those IPs, in any text or JSON column of any table of the
--   schema (other comments' text, reasons, notes, moderator actions' detail, block reasons, worker errors,
--   tables added later): replaced by '[erased]'. Word rules whose pattern names them and blocks on the
--   address or on exactly one of those IPs are removed.
-- - the log: one comment_events row of kind 'erasure' per changed comment and one moderator_actions row
--   'privacy erase' whose detail holds counts only.
-- Other people's comments that share one of the IPs keep it: it is their data as much as this person's.

-- The log stays append-only for everyone; erase_author alone may rewrite what an old row says (reasons
-- and note of an event, detail of an action), and nothing else of it. It switches the transaction-local
-- setting on for the duration; the setting widens nothing for a role without UPDATE on these tables,
-- and no installation role has it, so a moderator can never edit history by hand.
CREATE OR REPLACE FUNCTION moderation.refuse_event_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('commentmod.erasing', true) = 'on' THEN
        IF TG_TABLE_NAME = 'comment_events'
           AND to_jsonb(NEW) - ARRAY['reasons', 'note'] = to_jsonb(OLD) - ARRAY['reasons', 'note'] THEN
            RETURN NEW;
        END IF;
        IF TG_TABLE_NAME = 'moderator_actions' AND to_jsonb(NEW) - 'detail' = to_jsonb(OLD) - 'detail' THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'moderation.% is append-only', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'record a new event instead of changing an old one';
END
$$;

-- `text` as a regular expression matching exactly it.
CREATE FUNCTION moderation.regex_literal(text text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
AS $$
    SELECT regexp_replace(text, '([^[:alnum:]])', '\\\1', 'g')
$$;

-- One regular expression (for ~* and case-insensitive replacement) that finds a person's email address
-- and IP addresses in text: the address as typed, as JSON escapes it (for jsonb::text) and as the HTML
-- renderer escapes it (for body_html). Bounded so that 'ann@example.com' is not found in
-- 'joann@example.com' or 'ann@example.com.au', nor '10.0.0.1' in '10.0.0.12'.
CREATE FUNCTION moderation.personal_data_pattern(email text, ips text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog
AS $$
    SELECT string_agg(alternative, '|' ORDER BY alternative)
    FROM (
        SELECT DISTINCT '(?<![[:alnum:]._%+-])' || moderation.regex_literal(form)
                        || '(?![[:alnum:]_-]|\.[[:alnum:]])' AS alternative
        FROM unnest(ARRAY[
            email,
            substr(to_jsonb(email)::text, 2, length(to_jsonb(email)::text) - 2),
            replace(replace(replace(replace(replace(email, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                            '"', '&quot;'), '''', '&#39;')
        ]) AS form
        WHERE email IS NOT NULL AND email <> ''
        UNION ALL
        SELECT CASE WHEN ip LIKE '%:%'
                    THEN '(?<![[:xdigit:]:])' || moderation.regex_literal(ip) || '(?![[:xdigit:]:])'
                    ELSE '(?<![0-9.])' || moderation.regex_literal(ip) || '(?![0-9]|\.[0-9])' END
        FROM unnest(coalesce(ips, '{}')) AS ip
        WHERE ip IS NOT NULL AND ip <> ''
    ) alternatives
$$;

CREATE FUNCTION moderation.redact_text(value text, pattern text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog
AS $$
    SELECT CASE WHEN value IS NULL OR pattern IS NULL THEN value
                ELSE regexp_replace(value, pattern, '[erased]', 'gi') END
$$;

-- Every string of a JSON value (object keys included), redacted; structure and other values kept.
CREATE FUNCTION moderation.redact_jsonb(value jsonb, pattern text) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog
AS $$
BEGIN
    CASE jsonb_typeof(value)
    WHEN 'string' THEN
        RETURN to_jsonb(moderation.redact_text(value #>> '{}', pattern));
    WHEN 'array' THEN
        RETURN coalesce((SELECT jsonb_agg(moderation.redact_jsonb(element, pattern) ORDER BY position)
                         FROM jsonb_array_elements(value) WITH ORDINALITY AS a (element, position)), '[]');
    WHEN 'object' THEN
        RETURN coalesce((SELECT jsonb_object_agg(moderation.redact_text(key, pattern),
                                                 moderation.redact_jsonb(member, pattern))
                         FROM jsonb_each(value) AS o (key, member)), '{}');
    ELSE
        RETURN value;
    END CASE;
END
$$;

-- A reasons array with the personal data taken out: a reason about one of `fields` that says what matched
-- loses the match and its message (which quotes it, e.g. 'The email address x@y is blocked'); the code,
-- field, rule and action stay, so the decision remains explicable. Mentions elsewhere are redacted.
CREATE FUNCTION moderation.redact_reasons(reasons jsonb, fields text[], pattern text) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog
AS $$
    SELECT moderation.redact_jsonb(coalesce(jsonb_agg(
        CASE WHEN jsonb_typeof(reason) = 'object' AND reason ->> 'field' = ANY(fields) AND reason ? 'match'
             THEN reason - 'match' || jsonb_build_object('message', 'Details erased with the author''s personal data.')
             ELSE reason END
        ORDER BY position), '[]'), pattern)
    FROM jsonb_array_elements(reasons) WITH ORDINALITY AS r (reason, position)
$$;

-- The eraser. SECURITY DEFINER so that commentmod_moderator needs no UPDATE on the log tables nor DELETE
-- beyond what it has; search_path pinned so a caller's objects can never stand in for ours. Returns the
-- counts (the same object recorded as the action's detail); all zero means nothing was stored about the
-- person, and then nothing is recorded either.
CREATE FUNCTION moderation.erase_author(email text, delete_comments boolean, actor text) RETURNS jsonb
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    white_space constant text := E' \t\r\n\f\v';
    needle constant text := lower(btrim(erase_author.email, white_space));
    erased_fields text[] := ARRAY['author_name', 'author_email', 'author_url', 'author_ip', 'user_agent', 'referrer'];
    own_ids bigint[];
    mentioning_ids bigint[];
    ips text[];
    mention_re text;
    event_ids bigint[] := '{}';
    event_from text[] := '{}';
    event_to text[] := '{}';
    event_versions integer[] := '{}';
    event_notes text[] := '{}';
    n_withdrawn integer := 0;
    n_shared integer;
    n_blocks integer;
    n_rules integer;
    n_events integer;
    n_actions integer;
    n_other bigint := 0;
    found_rows bigint;
    counts jsonb;
    new_action bigint;
    target record;
BEGIN
    IF needle IS NULL OR needle !~ '^[^@]+@.*[^@]$' OR needle ~ '[[:cntrl:]]' THEN
        RAISE EXCEPTION 'not an email address' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF coalesce(erase_author.actor, '') = '' OR erase_author.delete_comments IS NULL THEN
        RAISE EXCEPTION 'erase_author needs an actor and delete_comments' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF erase_author.delete_comments THEN
        erased_fields := erased_fields || 'body'::text;
    END IF;

    SELECT coalesce(array_agg(c.id ORDER BY c.id), '{}'),
           coalesce(array_agg(DISTINCT host(c.author_ip)) FILTER (WHERE c.author_ip IS NOT NULL), '{}')
    INTO own_ids, ips
    FROM moderation.comments c
    WHERE lower(btrim(c.author_email, white_space)) = needle;
    mention_re := moderation.personal_data_pattern(needle, ips);

    SELECT coalesce(array_agg(c.id ORDER BY c.id), '{}') INTO mentioning_ids
    FROM moderation.comments c
    WHERE NOT (c.id = ANY(own_ids))
      AND (c.body ~* mention_re OR c.body_html ~* mention_re OR c.author_name ~* mention_re OR c.author_email ~* mention_re
           OR c.author_url ~* mention_re OR c.user_agent ~* mention_re OR c.referrer ~* mention_re OR c.post_id ~* mention_re
           OR c.submission_key ~* mention_re OR c.reasons::text ~* mention_re);

    -- The worker claims queue rows FOR UPDATE SKIP LOCKED: taking them first waits for a batch that holds
    -- one of these comments (its verdict could quote the address again) and keeps the next batches off
    -- them until this transaction ends.
    PERFORM 1 FROM moderation.queue q WHERE q.comment_id = ANY(own_ids || mentioning_ids)
    ORDER BY q.comment_id FOR UPDATE;
    PERFORM 1 FROM moderation.comments c WHERE c.id = ANY(own_ids || mentioning_ids) ORDER BY c.id FOR UPDATE;

    SELECT count(*) INTO n_shared FROM moderation.comments c
    WHERE c.author_ip IS NOT NULL AND host(c.author_ip) = ANY(ips) AND NOT (c.id = ANY(own_ids));

    WITH before AS (
        SELECT c.id, c.status FROM moderation.comments c WHERE c.id = ANY(own_ids)
    ), changed AS (
        UPDATE moderation.comments c SET
            author_name = 'Anonymous', author_email = NULL, author_url = NULL, author_ip = NULL,
            user_agent = NULL, referrer = NULL,
            body = CASE WHEN erase_author.delete_comments THEN NULL ELSE moderation.redact_text(c.body, mention_re) END,
            body_html = CASE WHEN erase_author.delete_comments THEN NULL
                             ELSE moderation.redact_text(c.body_html, mention_re) END,
            post_id = moderation.redact_text(c.post_id, mention_re),
            submission_key = moderation.redact_text(c.submission_key, mention_re),
            status = CASE WHEN erase_author.delete_comments AND c.status IN ('approved', 'held', 'pending')
                          THEN 'rejected' ELSE c.status END,
            published_at = CASE WHEN erase_author.delete_comments THEN NULL ELSE c.published_at END,
            decided_at = CASE WHEN erase_author.delete_comments AND c.status IN ('approved', 'held', 'pending')
                              THEN now() ELSE c.decided_at END,
            reasons = moderation.redact_reasons(c.reasons, erased_fields, mention_re)
                      || CASE WHEN erase_author.delete_comments AND NOT c.reasons @> '[{"code": "author_erased"}]'
                              THEN jsonb_build_array(jsonb_build_object(
                                  'code', 'author_erased', 'action', 'reject',
                                  'message', 'The author''s personal data and this comment''s text were erased on request.'))
                              ELSE '[]' END,
            version = c.version + 1
        FROM before b
        WHERE c.id = b.id
        RETURNING c.id, b.status AS from_status, c.status AS to_status, c.version
    )
    SELECT coalesce(array_agg(id ORDER BY id), '{}'), coalesce(array_agg(from_status ORDER BY id), '{}'),
           coalesce(array_agg(to_status ORDER BY id), '{}'), coalesce(array_agg(version ORDER BY id), '{}'),
           coalesce(array_agg(CASE WHEN erase_author.delete_comments THEN 'personal data and text erased'
                                   ELSE 'personal data erased' END ORDER BY id), '{}'),
           count(*) FILTER (WHERE from_status = 'approved' AND to_status <> 'approved')
    INTO event_ids, event_from, event_to, event_versions, event_notes, n_withdrawn
    FROM changed;

    -- Blogs that cache published comments drop the withdrawn ones: the payload of comment_published.
    PERFORM pg_notify('comment_unpublished',
                      json_build_object('id', c.id, 'site_id', c.site_id, 'post_id', c.post_id)::text)
    FROM unnest(event_ids, event_from, event_to) AS e(id, from_status, to_status)
    JOIN moderation.comments c ON c.id = e.id
    WHERE e.from_status = 'approved' AND e.to_status <> 'approved';

    -- A pending comment that became a tombstone leaves the worker's queue.
    DELETE FROM moderation.queue q WHERE q.comment_id = ANY(own_ids)
      AND EXISTS (SELECT 1 FROM moderation.comments c WHERE c.id = q.comment_id AND c.status <> 'pending');

    WITH before AS (
        SELECT c.id, c.status FROM moderation.comments c WHERE c.id = ANY(mentioning_ids)
    ), changed AS (
        UPDATE moderation.comments c SET
            body = moderation.redact_text(c.body, mention_re), body_html = moderation.redact_text(c.body_html, mention_re),
            author_name = moderation.redact_text(c.author_name, mention_re),
            author_email = moderation.redact_text(c.author_email, mention_re),
            author_url = moderation.redact_text(c.author_url, mention_re),
            user_agent = moderation.redact_text(c.user_agent, mention_re),
            referrer = moderation.redact_text(c.referrer, mention_re),
            post_id = moderation.redact_text(c.post_id, mention_re),
            submission_key = moderation.redact_text(c.submission_key, mention_re),
            reasons = moderation.redact_jsonb(c.reasons, mention_re),
            version = c.version + 1
        FROM before b
        WHERE c.id = b.id
        RETURNING c.id, b.status AS from_status, c.status AS to_status, c.version
    )
    SELECT event_ids || coalesce(array_agg(id ORDER BY id), '{}'),
           event_from || coalesce(array_agg(from_status ORDER BY id), '{}'),
           event_to || coalesce(array_agg(to_status ORDER BY id), '{}'),
           event_versions || coalesce(array_agg(version ORDER BY id), '{}'),
           event_notes || coalesce(array_agg('mentions of an erased person redacted'::text ORDER BY id), '{}')
    INTO event_ids, event_from, event_to, event_versions, event_notes
    FROM changed;

    DELETE FROM moderation.blocks b
    WHERE (b.kind = 'email' AND b.value ~* mention_re)
       OR (b.kind IN ('ip', 'cidr') AND host(b.network) = ANY(ips)
           AND masklen(b.network) = CASE family(b.network) WHEN 4 THEN 32 ELSE 128 END);
    GET DIAGNOSTICS n_blocks = ROW_COUNT;
    DELETE FROM moderation.word_rules w WHERE w.pattern ~* mention_re;
    GET DIAGNOSTICS n_rules = ROW_COUNT;

    PERFORM set_config('commentmod.erasing', 'on', true);
    UPDATE moderation.comment_events e SET reasons = r.reasons, note = r.note
    FROM (
        SELECT x.id,
               moderation.redact_reasons(x.reasons,
                                         CASE WHEN x.comment_id = ANY(own_ids) THEN erased_fields ELSE '{}' END,
                                         mention_re) AS reasons,
               moderation.redact_text(x.note, mention_re) AS note
        FROM moderation.comment_events x
        WHERE x.comment_id = ANY(own_ids) OR x.reasons::text ~* mention_re OR x.note ~* mention_re
    ) r
    WHERE e.id = r.id AND (e.reasons IS DISTINCT FROM r.reasons OR e.note IS DISTINCT FROM r.note);
    GET DIAGNOSTICS n_events = ROW_COUNT;
    UPDATE moderation.moderator_actions a SET detail = moderation.redact_jsonb(a.detail, mention_re)
    WHERE a.detail::text ~* mention_re;
    GET DIAGNOSTICS n_actions = ROW_COUNT;
    PERFORM set_config('commentmod.erasing', 'off', true);

    -- Every other text or JSON column of the schema, tables and columns added by later migrations
    -- included. The log tables' other columns (actor, statuses) and the migrator's bookkeeping hold no
    -- one's personal data; the comments' own columns were handled above.
    -- Counted before updating: an UPDATE that changes nothing would still wake the worker's rule reload.
    FOR target IN
        SELECT cl.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, NULL) AS type_name
        FROM pg_catalog.pg_class cl
        JOIN pg_catalog.pg_namespace n ON n.oid = cl.relnamespace
        JOIN pg_catalog.pg_attribute a ON a.attrelid = cl.oid
        WHERE n.nspname = 'moderation' AND cl.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
          AND a.attgenerated = ''
          AND a.atttypid IN ('text'::regtype, 'character varying'::regtype, 'jsonb'::regtype, 'json'::regtype)
          AND cl.relname NOT IN ('comment_events', 'moderator_actions', 'schema_migrations')
          AND NOT (cl.relname = 'comments' AND a.attname IN (
              'site_id', 'post_id', 'author_name', 'author_email', 'author_url', 'body', 'user_agent', 'referrer',
              'submission_key', 'status', 'reasons', 'body_html'))
        ORDER BY cl.relname, a.attnum
    LOOP
        EXECUTE format('SELECT count(*) FROM moderation.%I WHERE %I::text ~* $1', target.table_name, target.column_name)
            INTO found_rows USING mention_re;
        CONTINUE WHEN found_rows = 0;
        IF target.type_name IN ('jsonb', 'json') THEN
            EXECUTE format('UPDATE moderation.%1$I SET %2$I = moderation.redact_jsonb(%2$I::jsonb, $1)::%3$s WHERE %2$I::text ~* $1',
                           target.table_name, target.column_name, target.type_name) USING mention_re;
        ELSE
            EXECUTE format('UPDATE moderation.%1$I SET %2$I = moderation.redact_text(%2$I, $1) WHERE %2$I ~* $1',
                           target.table_name, target.column_name) USING mention_re;
        END IF;
        n_other := n_other + found_rows;
    END LOOP;

    counts := jsonb_build_object(
        'comments', cardinality(own_ids),
        'deleted_comments', CASE WHEN erase_author.delete_comments THEN cardinality(own_ids) ELSE 0 END,
        'withdrawn', n_withdrawn,
        'ip_addresses', cardinality(ips),
        'shared_ip_comments', n_shared,
        'mentioning_comments', cardinality(mentioning_ids),
        'blocks_removed', n_blocks,
        'word_rules_removed', n_rules,
        'events_redacted', n_events,
        'actions_redacted', n_actions,
        'other_redactions', n_other);
    IF cardinality(own_ids) + cardinality(mentioning_ids) + n_blocks + n_rules + n_events + n_actions + n_other = 0 THEN
        RETURN counts;
    END IF;

    INSERT INTO moderation.moderator_actions (actor, command, detail)
    VALUES (erase_author.actor, 'privacy erase', counts)
    RETURNING id INTO new_action;
    INSERT INTO moderation.comment_events (comment_id, actor, from_status, to_status, kind, action_id, version, note)
    SELECT e.comment_id, erase_author.actor, e.from_status, e.to_status, 'erasure', new_action, e.version, e.note
    FROM unnest(event_ids, event_from, event_to, event_versions, event_notes)
         AS e (comment_id, from_status, to_status, version, note);
    RETURN counts;
END
$$;

REVOKE ALL ON FUNCTION moderation.regex_literal(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION moderation.personal_data_pattern(text, text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION moderation.redact_text(text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION moderation.redact_jsonb(jsonb, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION moderation.redact_reasons(jsonb, text[], text) FROM PUBLIC;
REVOKE ALL ON FUNCTION moderation.erase_author(text, boolean, text) FROM PUBLIC;

-- export runs with the moderator's own privileges; only the pattern is shared with erase_author.
GRANT EXECUTE ON FUNCTION moderation.regex_literal(text), moderation.personal_data_pattern(text, text[])
    TO commentmod_moderator;
GRANT EXECUTE ON FUNCTION moderation.erase_author(text, boolean, text) TO commentmod_moderator;
