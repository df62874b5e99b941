-- Moderators' actions: every command a moderator runs that changes something is one row of
-- moderation.moderator_actions, and each comment it touched gets a comment_events row pointing at it.
-- One action is one unit for `review undo`, a bulk decision over thousands of comments included.

CREATE TABLE moderation.moderator_actions (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at      timestamptz NOT NULL DEFAULT now(),
    actor   text NOT NULL CHECK (actor <> '' AND length(actor) <= 200),
    -- The command as a moderator typed it, without its arguments: 'review approve', 'rules words add'.
    command text NOT NULL CHECK (command <> ''),
    -- What the command did, for people and for undo: the filter of a bulk decision, the rule added.
    -- Never an erased person's data (privacy erase records only that an erasure happened).
    detail  jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(detail) = 'object'),
    -- The action this one reverted. Unique: two moderators undoing the same action at once cannot both
    -- succeed; the second gets a conflict, not a double revert.
    undoes  bigint REFERENCES moderation.moderator_actions (id),
    CONSTRAINT moderator_actions_undone_once UNIQUE (undoes)
);
CREATE INDEX moderator_actions_actor_idx ON moderation.moderator_actions (actor, id);

CREATE TRIGGER moderator_actions_append_only
    BEFORE UPDATE OR DELETE ON moderation.moderator_actions
    FOR EACH ROW EXECUTE FUNCTION moderation.refuse_event_change();

-- kind: 'decision' changes the status (every event before this migration is one), 'note' records a
-- moderator's note and leaves the comment as it was, 'erasure' records that personal data was removed.
-- version: the comment's version after the event, so undo can tell whether anyone changed the comment
-- since. Worker decisions leave it NULL: nothing undoes them but a moderator's own decision.
ALTER TABLE moderation.comment_events
    ADD COLUMN kind text NOT NULL DEFAULT 'decision' CHECK (kind IN ('decision', 'note', 'erasure')),
    ADD COLUMN action_id bigint REFERENCES moderation.moderator_actions (id),
    ADD COLUMN version integer;
CREATE INDEX comment_events_action_idx ON moderation.comment_events (action_id) WHERE action_id IS NOT NULL;

GRANT SELECT, INSERT ON moderation.moderator_actions TO commentmod_moderator;
