-- The worker's write keeps held_comments and approved_authors in step itself, and the triggers stand aside.
--
-- A batch moves pending comments to approved, held or rejected, nothing else: it adds held rows and
-- approved authors and never takes one away. Done in the batch's own statement, that is one insert into
-- each table from the rows the statement has just updated, and only for authors the claim found without
-- a row. Done by the statement-level trigger, it was a plpgsql call per batch that collected the
-- statement's old and new rows, aggregated them into arrays, unnested them again and probed
-- approved_authors once per author: ≈ 8 % of the database's CPU per decided comment, and the check that
-- every new event names an existing comment another ≈ 4 %, though the worker's events are inserted from
-- the comments its statement has just updated.
--
-- The worker's statement says so with `set_config('commentmod.derived_tables', 'kept_by_statement', true)`
-- before it changes any row; the setting lasts until its transaction ends, and in that transaction the
-- two triggers below do not run. Every other writer (moderators, erasure, imports, an operator's own SQL)
-- leaves the setting alone and gets the triggers as before. The setting is not a security boundary: a
-- role that can set it can update comments or these tables directly anyway.

DROP TRIGGER comments_state_updated ON moderation.comments;
CREATE TRIGGER comments_state_updated AFTER UPDATE ON moderation.comments
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT
    WHEN (current_setting('commentmod.derived_tables', true) IS DISTINCT FROM 'kept_by_statement')
    EXECUTE FUNCTION moderation.comments_updated();

DROP TRIGGER comment_events_comment_exists ON moderation.comment_events;
CREATE TRIGGER comment_events_comment_exists AFTER INSERT ON moderation.comment_events
    REFERENCING NEW TABLE AS new_events
    FOR EACH STATEMENT
    WHEN (current_setting('commentmod.derived_tables', true) IS DISTINCT FROM 'kept_by_statement')
    EXECUTE FUNCTION moderation.check_event_comments();

GRANT INSERT ON moderation.held_comments, moderation.approved_authors TO commentmod_worker;
