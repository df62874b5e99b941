#!/usr/bin/env bash
# Runs inside deploy/throwaway-postgres.sh (DATABASE_URL is set); $1 is the commentmod binary.
# Starts the worker, submits the sample comments as a blog backend would, waits until the worker has
# decided them all, shows the verdicts and what got published, then stops the worker with SIGTERM.
set -euo pipefail
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
psql=(psql -X -q -v ON_ERROR_STOP=1 -P pager=off)

echo "== commentmod migrate"
"$bin" migrate

echo "== commentmod worker (logs below; a summary line every 2 s)"
"$bin" worker --summary-interval 2 --poll-interval 1 &
worker=$!
trap 'kill -TERM $worker 2>/dev/null || true' EXIT
sleep 1

echo "== the blog submits the sample comments (deploy/demo/sample-comments.sql)"
"${psql[@]}" -f "$here/sample-comments.sql" >/dev/null
for _ in $(seq 1 100); do
  [[ $("${psql[@]}" -Atc "SELECT count(*) FROM moderation.queue") == 0 ]] && break
  sleep 0.1
done
sleep 2.5

echo
echo "== what the worker decided"
"${psql[@]}" -c "
  SELECT c.id, c.status, left(c.author_name, 14) AS author, left(replace(c.body, E'\n', ' '), 38) AS body,
         coalesce(string_agg(r->>'code', ', '), '') AS reasons
  FROM moderation.comments c LEFT JOIN LATERAL jsonb_array_elements(c.reasons) r ON true
  WHERE c.post_id = 'hello-world' GROUP BY c.id ORDER BY c.id"
echo "== moderation.published_comments (what readers see: no email, no IP)"
"${psql[@]}" -c "SELECT id, author_name, body_html FROM moderation.published_comments WHERE post_id = 'hello-world'"
echo "== commentmod status"
"$bin" status
echo
echo "== commentmod review list (the held queue a moderator works through)"
"$bin" review list
held=$("${psql[@]}" -Atc "SELECT min(id) FROM moderation.comments WHERE status = 'held'")
if [[ -n $held ]]; then
  echo "== commentmod review approve $held --as demo (published exactly as the worker publishes; undo: review undo --last --as demo)"
  "$bin" review approve "$held" --as demo
fi
echo
echo "== stopping the worker (SIGTERM: the running batch commits, then it exits 0)"
kill -TERM "$worker"
wait "$worker"
trap - EXIT
echo "worker exited with status $?"
