-- One B-tree for the event log instead of two.
--
-- Every submit and every decision writes a comment_events row, and each row went into two B-trees: the
-- primary key on `id` and comment_events_comment_idx on (comment_id, id). Every read of the log asks by
-- comment (a comment's history, undo, stats, the privacy export, the moderators' version checks) except
-- two: `review undo --event ID`, and erasure (sql/0006), which finds the events to redact by reading the
-- whole log and joins its rewrite back by id (its time was the same before and after this change:
-- 13.1–14.9 against 13.4 s for one person at 1,000,000 comments and 2,000,000 events). So the key becomes
-- (comment_id, id), and the lookup by id alone goes through a BRIN index: events are appended in id order,
-- so a range of 128 pages holds any one id, and BRIN adds nothing to an insert into a range that is not
-- yet summarized (the growing end of the table). autosummarize asks autovacuum to summarize each range
-- once it is full, so a lookup reads one range, plus the ranges autovacuum has not summarized yet. The
-- ranges keep several intervals each (minmax-multi), not one minimum and maximum: an erasure rewrites
-- event rows, and a new version that lands in free space far from its id would otherwise widen its range's
-- interval to cover every id in between.
--
-- Measured (100,000 decided comments, 200 inserts of 1,000 events each as the worker writes them, two
-- copies of the table side by side, three runs): 3.0–3.7 µs an event with both B-trees, 2.3–2.5 with this
-- key and the BRIN index.
--
-- `id` stays an identity column, GENERATED ALWAYS, so no two events share it; what no longer exists is an
-- index that would refuse a duplicate id written on purpose with OVERRIDING SYSTEM VALUE, which nothing in
-- commentmod does (a role that may insert events could as well write false ones). Building the new key
-- reads the whole log under this migration's lock, and submits wait for it (a submit writes an event too):
-- 0.8 s for a log of 2,000,000 events on the benchmark machine, which also shrank from 420 to 350 MB with
-- its indexes.

ALTER TABLE moderation.comment_events DROP CONSTRAINT comment_events_pkey;
DROP INDEX moderation.comment_events_comment_idx;
ALTER TABLE moderation.comment_events ADD CONSTRAINT comment_events_pkey PRIMARY KEY (comment_id, id);
CREATE INDEX comment_events_id_idx ON moderation.comment_events USING brin (id int8_minmax_multi_ops)
    WITH (autosummarize = on);
