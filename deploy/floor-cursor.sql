-- ../shared/bench/floor-claim-update.sql, claiming from past the last row it decided instead of from the
-- start of the pending index, whose entries for decided rows stay until a vacuum and make the floor's own
-- claim walk further the more it has decided. What is left is what the database's own UPDATE pays as the
-- table grows. deploy/bench.sh runs it with pgbench -D last=0; \gset keeps the cursor between transactions.
WITH c AS (SELECT id FROM bq_comments WHERE status = 'pending' AND id > :last ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED),
u AS (UPDATE bq_comments SET status = 'approved', decided_at = now(), reason = 'ok' FROM c WHERE bq_comments.id = c.id RETURNING bq_comments.id)
SELECT coalesce(max(id), :last) AS last FROM u
\gset
