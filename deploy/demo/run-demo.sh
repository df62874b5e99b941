#!/usr/bin/env bash
# Runs inside deploy/throwaway-postgres.sh (DATABASE_URL is set); $1 is the commentmod binary.
set -euo pipefail
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
echo "== commentmod migrate"
"$bin" migrate
echo "== submitting the sample comments through moderation.submit_comment"
psql -X -q -v ON_ERROR_STOP=1 -f "$here/sample-comments.sql" >/dev/null
psql -X -P pager=off -c "SELECT id, status, author_name, left(body, 50) AS body FROM moderation.comments ORDER BY id"
psql -X -P pager=off -c "SELECT count(*) AS queued FROM moderation.queue"
