#!/usr/bin/env bash
# Runs once, when the postgres service initialises an empty data volume (docker-entrypoint-initdb.d), as
# the postgres user against the temporary server: creates the worker's login role.
# The NOLOGIN group role commentmod_worker belongs to sql/0001_schema.sql, which creates it only when it
# is missing; it is made here first, with the same definition, so that the login role can join it
# before the first migration. The password travels as a psql variable, quoted by psql (:'password').
set -euo pipefail
: "${COMMENTMOD_WORKER_PASSWORD:?COMMENTMOD_WORKER_PASSWORD is not set}"

psql -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
  --set=password="$COMMENTMOD_WORKER_PASSWORD" <<'SQL'
DO $roles$
BEGIN
    CREATE ROLE commentmod_worker NOLOGIN;
EXCEPTION WHEN duplicate_object THEN
    NULL;
END
$roles$;
CREATE ROLE commentmod_worker_login LOGIN PASSWORD :'password' IN ROLE commentmod_worker;
SQL
