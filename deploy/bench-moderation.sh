#!/usr/bin/env bash
# Times the moderator commands on a realistic table: 100,000 comments (half held, half published),
# then a bulk rejection of the 16,000 from one /18 network, its undo (republishing 8,000), single
# decisions, and erasures (which read every text column of the schema): of one person with one comment in
# each round, then once of a person with 500 comments from 500 addresses. Runs on a
# throwaway PostgreSQL (or the server in DATABASE_URL with BENCH_USE_DATABASE_URL=1).
# Usage: deploy/bench-moderation.sh [ROUNDS]   (default 2). Times include starting the process.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ${1:-} != --inside ]]; then
  swift build -c release --product commentmod >/dev/null
  bin=$(swift build -c release --product commentmod --show-bin-path)/commentmod
  if [[ ${BENCH_USE_DATABASE_URL:-} == 1 ]]; then exec "$0" --inside "$bin" "${1:-2}"; fi
  exec deploy/throwaway-postgres.sh "$0" --inside "$bin" "${1:-2}"
fi
cm=$2
rounds=$3
psql=(psql -X -q -v ON_ERROR_STOP=1 -At)
"$cm" migrate >/dev/null
"${psql[@]}" <<'SQL'
INSERT INTO moderation.sites (id, name) VALUES ('bench', 'Bench') ON CONFLICT DO NOTHING;
SELECT count(moderation.submit_comment('bench', 'p' || (i % 50), 'Name ' || i, 'user' || i || '@example.org',
             repeat('Some comment text. ', 50),
             author_ip => ('10.' || (i / 62500) || '.' || (i / 250 % 250) || '.' || (i % 250))::inet))
FROM generate_series(1, 100000) i;
-- One submission a second, as a real history has them (one statement would give them all one time).
UPDATE moderation.comments SET submitted_at = now() - (100001 - id) * interval '1 second';
UPDATE moderation.comments SET status = 'held', version = 2, decided_at = now() WHERE id % 2 = 0;
UPDATE moderation.comments SET status = 'approved', version = 2, decided_at = now(), published_at = now(),
       body_html = '<p>published</p>' WHERE id % 2 = 1;
-- A prolific author: 500 comments, each from a different address, for the erasure of someone with many.
UPDATE moderation.comments SET author_email = 'prolific@example.org' WHERE id % 200 = 7;
DELETE FROM moderation.queue;
VACUUM ANALYZE;
SQL
held=$("${psql[@]}" -c "SELECT min(id) FROM moderation.comments WHERE status = 'held'")
timed() { local label=$1; shift; local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N)
  awk -v l="$label" -v s="$start" -v e="$end" 'BEGIN { printf "%-58s %6.0f ms\n", l, (e - s) * 1000 }'; }
for round in $(seq 1 "$rounds"); do
  echo "round $round"
  timed "review list (held, first 50 of 50,000)" "$cm" review list
  timed "review reject --ip 10.1.0.0/18 --status all --yes (16,000)" "$cm" review reject --ip 10.1.0.0/18 --status all --yes --as bench
  timed "review undo --last (16,000 back, 8,000 republished)" "$cm" review undo --last --as bench
  timed "review approve ID (one comment)" "$cm" review approve "$held" --as bench
  timed "review undo --last (one comment)" "$cm" review undo --last --as bench
  timed "privacy erase --email --yes (one person, one comment)" "$cm" privacy erase --email "user$((round * 2 + 1))@example.org" --yes --as bench
done
timed "privacy erase --email --yes (500 comments from 500 addresses)" "$cm" privacy erase --email prolific@example.org --yes --as bench
