-- The pattern that finds a person's email and IP addresses, written so that its cost barely grows with the
-- number of addresses.
--
-- sql/0006's version gave every form of the email and every IP address an alternative of its own, each
-- with its own lookbehind and lookahead. Erasure and the privacy export match every text column of the
-- schema against it, and PostgreSQL's regular expressions follow every alternative that has matched so far
-- at once: after "10." a person's 1,000 addresses were 1,000 live branches at every "10." of every text.
-- The time grew with the number of addresses, and an erasure at 1,000,000 comments of an author with 5,000
-- addresses had not finished after 9 minutes.
--
-- Now the email's forms, the IPv4 addresses and the IPv6 addresses are one group each, with the boundaries
-- of that kind written once, `(?<!before)alternatives(?!after)`, and the alternatives are a tree of their
-- shared beginnings: 10.0.0.1, 10.0.0.12 and 10.0.1.5 become `10\.0\.(?:0\.1(?:2)?|1\.5)`. What matches is
-- the same: the boundaries of a kind were the same for each of its branches, and the tree accepts exactly
-- the same strings as the list. MentionPatternTests compares the two patterns' matches and redactions on
-- the naughty strings and near misses. Matching 20,000 comment bodies: 50 against 140 ms with one email
-- and 10 addresses, 93–96 ms against 9.5 s with 1,000; 0.34–0.36 s with 5,000, where a flat list of the
-- addresses, even with its boundaries written once, took 17.4 s. Erasing a person with 500 comments from
-- 500 addresses at 100,000 comments (deploy/bench-moderation.sh): 11.4 s against 114 s.
--
-- Same signature, so 0006's grants stay; the helper gets the same ones.

-- The strings as one regular expression that matches exactly them, factored by their shared beginnings.
-- A beginning all the strings share is taken in one step, so the recursion goes one level per point where
-- they part, not per character: a few levels for an email's forms (of up to a few thousand characters),
-- at most one per character of an IP address. The lowest and highest strings in byte order share exactly
-- the beginning all of them share (a linguistic collation, which may pass over punctuation when sorting,
-- would not promise that), hence COLLATE "C"; and characters are told apart byte by byte too, whatever
-- collation the caller's strings carry (a case-insensitive one would put 'A' and 'a' in one branch).
CREATE FUNCTION moderation.literal_alternatives(strings text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
AS $$
DECLARE
    lowest text;
    highest text;
    shared integer := 0;
    branches text[] := '{}';
    branch record;
BEGIN
    SELECT min(s COLLATE "C"), max(s COLLATE "C") INTO lowest, highest FROM unnest(strings) AS s;
    IF highest IS NULL OR highest = '' THEN
        RETURN '';
    END IF;
    -- The beginning the first and last in byte order share is the one all of them share.
    WHILE shared < length(lowest)
          AND substr(lowest, shared + 1, 1) COLLATE "C" = substr(highest, shared + 1, 1) COLLATE "C" LOOP
        shared := shared + 1;
    END LOOP;
    IF shared > 0 THEN
        RETURN moderation.regex_literal(left(lowest, shared))
               || moderation.literal_alternatives(
                      ARRAY(SELECT substr(s, shared + 1) FROM unnest(strings) AS s));
    END IF;
    FOR branch IN
        SELECT left(s, 1) COLLATE "C" AS head, array_agg(substr(s, 2)) AS tails
        FROM unnest(strings) AS s WHERE s <> '' GROUP BY 1 ORDER BY 1
    LOOP
        branches := branches
                    || (moderation.regex_literal(branch.head) || moderation.literal_alternatives(branch.tails));
    END LOOP;
    -- A string that ends here, when others go on (the lowest, then, is empty), makes the rest optional.
    IF cardinality(branches) = 1 THEN
        RETURN '(?:' || branches[1] || ')?';
    END IF;
    RETURN '(?:' || array_to_string(branches, '|') || ')' || CASE WHEN lowest = '' THEN '?' ELSE '' END;
END
$$;

CREATE OR REPLACE FUNCTION moderation.personal_data_pattern(email text, ips text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog
AS $$
    SELECT string_agg(before || moderation.literal_alternatives(forms) || after, '|' ORDER BY kind)
    FROM (
        SELECT kind, min(before) AS before, min(after) AS after, array_agg(form) AS forms
        FROM (
            SELECT DISTINCT 1 AS kind, '(?<![[:alnum:]._%+-])' AS before,
                   '(?![[:alnum:]_-]|\.[[:alnum:]])' AS after, form
            FROM unnest(ARRAY[
                email,
                substr(to_jsonb(email)::text, 2, length(to_jsonb(email)::text) - 2),
                replace(replace(replace(replace(replace(email, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                                '"', '&quot;'), '''', '&#39;')
            ]) AS form
            WHERE email IS NOT NULL AND email <> ''
            UNION
            SELECT CASE WHEN ip LIKE '%:%' THEN 3 ELSE 2 END,
                   CASE WHEN ip LIKE '%:%' THEN '(?<![[:xdigit:]:])' ELSE '(?<![0-9.])' END,
                   CASE WHEN ip LIKE '%:%' THEN '(?![[:xdigit:]:])' ELSE '(?![0-9]|\.[0-9])' END,
                   ip
            FROM unnest(coalesce(ips, '{}')) AS ip
            WHERE ip IS NOT NULL AND ip <> ''
        ) forms
        GROUP BY kind
    ) groups
$$;

REVOKE ALL ON FUNCTION moderation.literal_alternatives(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION moderation.literal_alternatives(text[]) TO commentmod_moderator;
