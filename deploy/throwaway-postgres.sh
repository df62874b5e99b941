#!/usr/bin/env bash
# Runs a command against a private, throwaway PostgreSQL cluster, then stops and deletes the cluster,
# whatever the command's outcome (also on Ctrl-C or a failing test).
#   deploy/throwaway-postgres.sh COMMAND [ARG...]
# The cluster listens on a unix socket inside its own temporary directory and on no TCP port, so it never
# clashes with a server already running. PostgreSQL refuses to run as root: as root, it runs as the
# `postgres` system user (created by Debian's postgresql package). The command sees DATABASE_URL, and
# PGHOST/PGUSER/PGDATABASE for psql.
# With COMMENTMOD_KEEP_CLUSTER=1 the directory is kept for inspection. For benchmarks of a server sized to
# its data, COMMENTMOD_PG_SHARED_BUFFERS sets shared_buffers (default 256MB, as ../shared/bench/floor.sh
# gives its own cluster) and COMMENTMOD_PG_MAX_WAL_SIZE sets max_wal_size (default PostgreSQL's 1GB).
# COMMENTMOD_PG_FSYNC=off skips fsync (default on), for throwaway runs where a crash loses nothing.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 COMMAND [ARG...]" >&2
  exit 2
fi

# Settings go into postgresql.conf as they are: anything but a size (digits and a unit), or on/off for
# fsync, is refused before a cluster exists.
shared_buffers=${COMMENTMOD_PG_SHARED_BUFFERS:-256MB}
max_wal_size=${COMMENTMOD_PG_MAX_WAL_SIZE:-1GB}
fsync=${COMMENTMOD_PG_FSYNC:-on}
for setting in COMMENTMOD_PG_SHARED_BUFFERS="$shared_buffers" COMMENTMOD_PG_MAX_WAL_SIZE="$max_wal_size"; do
  if [[ ! ${setting#*=} =~ ^[1-9][0-9]*(kB|MB|GB)?$ ]]; then
    echo "$0: ${setting%%=*} must be a size such as 256MB or 2GB" >&2
    exit 2
  fi
done
if [[ $fsync != on && $fsync != off ]]; then
  echo "$0: COMMENTMOD_PG_FSYNC must be on or off" >&2
  exit 2
fi

bindir=$(pg_config --bindir 2>/dev/null || true)
if [[ -z $bindir || ! -x $bindir/initdb ]]; then
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi
if [[ -z $bindir || ! -x $bindir/initdb ]]; then
  echo "throwaway-postgres: initdb not found; install the postgresql package" >&2
  exit 2
fi

as_pg() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

dir=$(mktemp -d /tmp/commentmod-pg.XXXXXX)
chmod 755 "$dir"
[[ $(id -u) == 0 ]] && chown postgres: "$dir"

cleanup() {
  local status=$?
  as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  if [[ ${COMMENTMOD_KEEP_CLUSTER:-0} == 1 ]]; then
    echo "throwaway-postgres: kept $dir" >&2
  else
    rm -rf "$dir"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_pg "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
max_connections = 200
shared_buffers = $shared_buffers
max_wal_size = $max_wal_size
fsync = $fsync
CONF
as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }

export PGHOST=$dir PGUSER=postgres PGDATABASE=postgres
export DATABASE_URL="postgresql:///postgres?host=$dir&user=postgres"
export COMMENTMOD_PG_BINDIR=$bindir
"$@"
