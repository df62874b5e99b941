-- Flood facts look back one day, the longest flood interval a policy can set (flood_interval_seconds is at
-- most 86,400), and find the previous comment from the same IP or email by time.
--
-- The claim asked for the previous comment by id on indexes keyed (site, IP or email, id). PostgreSQL
-- checks every entry on the index page it reads that matches the key, not only the one it returns: for an
-- address with hundreds of earlier comments, about a hundred entries per probe and per comment. Keyed by
-- submission time instead, the probe reads only the comments of the last day, which for nearly every
-- address is none or a few. A gap longer than a day can fire no rule, so the fact is unknown (NULL) then.
-- The id stays last in the key: "earlier" is still checked in the index, without visiting the row.

DROP INDEX moderation.comments_email_idx;
CREATE INDEX comments_email_idx ON moderation.comments (site_id, lower(author_email), submitted_at, id);
DROP INDEX moderation.comments_ip_idx;
CREATE INDEX comments_ip_idx ON moderation.comments (site_id, author_ip, submitted_at, id)
    WHERE author_ip IS NOT NULL;
