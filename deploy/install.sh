#!/usr/bin/env bash
# Installs a built commentmod for the systemd unit:
#   PREFIX/bin/commentmod                       the binary (replaced on every run)
#   PREFIX/share/commentmod/sql/*.sql           the migrations, kept identical to sql/
#   /etc/systemd/system/commentmod-worker.service  the unit (replaced; local changes go in a drop-in)
#   the commentmod system user and group        no home, no login shell
#   /etc/commentmod/worker.env, pgpass          created when missing, never overwritten
# Safe to run again: an upgrade is `swift build -c release --product commentmod && deploy/install.sh`.
#
# usage: deploy/install.sh [--prefix DIR] [--binary FILE] [--destdir DIR] [--no-systemd] [--dry-run]
#   --prefix DIR   where bin/ and share/ go (default /usr/local); the unit's ExecStart follows it
#   --binary FILE  the executable to install (default: the release build of this checkout,
#                  $(swift build -c release --show-bin-path)/commentmod)
#   --destdir DIR  stage every path under DIR (packaging, tests): no user, no chown, no systemctl
#   --no-systemd   skip the unit and the system user (the binary, SQL and /etc/commentmod only)
#   --dry-run      print what would be done and change nothing
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
prefix=/usr/local
binary=
destdir=
systemd=1
dry_run=0
user=commentmod

die() { echo "install.sh: $*" >&2; exit 2; }
usage() { sed -n '/^# usage:/,/^set -euo/{/^set -euo/d; s/^# \{0,1\}//; p}' "${BASH_SOURCE[0]}"; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --prefix) [[ $# -ge 2 ]] || die "--prefix needs a directory"; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#*=}; shift ;;
    --binary) [[ $# -ge 2 ]] || die "--binary needs a file"; binary=$2; shift 2 ;;
    --binary=*) binary=${1#*=}; shift ;;
    --destdir) [[ $# -ge 2 ]] || die "--destdir needs a directory"; destdir=$2; shift 2 ;;
    --destdir=*) destdir=${1#*=}; shift ;;
    --no-systemd) systemd=0; shift ;;
    --dry-run) dry_run=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done

# The unit names the binary by absolute path, and systemd reads no relative ones.
[[ $prefix == /* ]] || die "--prefix must be an absolute path (got '$prefix')"
# Also keeps the path free of what a unit file or sed would read specially (spaces, %, #).
[[ $prefix =~ ^[A-Za-z0-9._/+-]+$ ]] || die "--prefix may hold only letters, digits and . _ / + - (got '$prefix')"
prefix=${prefix%/}
[[ -n $prefix ]] || die "--prefix / is not supported; use /usr"
[[ -z $destdir || $destdir == /* ]] || destdir=$(pwd)/$destdir
destdir=${destdir%/}

if [[ -z $binary ]]; then
  command -v swift >/dev/null 2>&1 || die "no swift toolchain here: pass --binary FILE"
  binary="$(cd "$repo" && swift build -c release --show-bin-path)/commentmod"
fi
[[ -f $binary && -x $binary ]] ||
  die "no executable at $binary: build it first (swift build -c release --product commentmod) or pass --binary"

shopt -s nullglob
sql_files=("$repo"/sql/[0-9]*.sql)
shopt -u nullglob
[[ ${#sql_files[@]} -gt 0 ]] || die "no migrations in $repo/sql"

# Ownership is only set on a real install by root: a staged tree (--destdir) is packaged or inspected
# by someone else, and a non-root run could not chown anyway.
manage_owners=0
[[ -z $destdir && $(id -u) == 0 ]] && manage_owners=1

# Runs a command, or only shows it with --dry-run.
run() {
  if [[ $dry_run == 1 ]]; then
    printf 'would run:'; printf ' %q' "$@"; printf '\n'
  else
    "$@"
  fi
}

note() { printf '%s\n' "$*"; }
# What was changed: with --dry-run the "would run" line already says it.
acted() { [[ $dry_run == 1 ]] || note "$@"; }

# install_file MODE SOURCE TARGET: copies unless TARGET already has the same bytes and mode.
install_file() {
  local mode=$1 source=$2 target=$3
  if [[ -f $target ]] && cmp -s "$source" "$target" && [[ $(stat -c %a "$target") == "${mode#0}" ]]; then
    note "unchanged  $target"
    return
  fi
  run install -D -m "$mode" "$source" "$target"
  acted "installed  $target"
}

bin_dir=$destdir$prefix/bin
sql_dir=$destdir$prefix/share/commentmod/sql
etc_dir=$destdir/etc/commentmod
unit_dir=$destdir/etc/systemd/system
unit=commentmod-worker.service

# 1. The system user, first: /etc/commentmod's files are given to it below.
if [[ $systemd == 1 ]]; then
  if [[ -n $destdir ]]; then
    note "skipped    user $user (staged install: the package or the operator creates it)"
  elif getent passwd "$user" >/dev/null; then
    note "exists     user $user"
  else
    [[ $(id -u) == 0 || $dry_run == 1 ]] || die "creating the system user needs root (or pass --destdir)"
    run useradd --system --user-group --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin --comment "commentmod worker" "$user"
    acted "created    user $user"
  fi
fi

# 2. Binary and migrations.
install_file 0755 "$binary" "$bin_dir/commentmod"
run install -d -m 0755 "$sql_dir"
for file in "${sql_files[@]}"; do
  install_file 0644 "$file" "$sql_dir/$(basename "$file")"
done
# A file that left sql/ must not stay behind: migrate would try to apply it.
if [[ -d $sql_dir ]]; then
  for installed in "$sql_dir"/*.sql; do
    [[ -e $installed ]] || continue
    [[ -e $repo/sql/$(basename "$installed") ]] && continue
    run rm -f "$installed"
    acted "removed    $installed (no longer in sql/)"
  done
fi

# 3. Settings: created once, then the operator's. The worker's group may read them (the password file
# is the worker's own); nobody else may. Without the user (--no-systemd) they stay root's.
group=root
if [[ $manage_owners == 1 ]]; then
  if getent group "$user" >/dev/null; then
    group=$user
  elif [[ $dry_run == 1 && $systemd == 1 ]]; then
    group=$user  # step 1 would have created it
  fi
fi
run install -d -m 0750 "$etc_dir"
[[ $manage_owners == 1 ]] && run chown "root:$group" "$etc_dir"

if [[ -e $etc_dir/worker.env ]]; then
  note "kept       $etc_dir/worker.env"
else
  run install -m 0640 "$here/systemd/worker.env.example" "$etc_dir/worker.env"
  [[ $manage_owners == 1 ]] && run chown "root:$group" "$etc_dir/worker.env"
  acted "created    $etc_dir/worker.env (edit DATABASE_URL)"
fi

# libpq ignores a password file that its user cannot read or that anyone else may read.
if [[ -e $etc_dir/pgpass ]]; then
  note "kept       $etc_dir/pgpass"
else
  template=$(mktemp)
  trap 'rm -f "$template"' EXIT
  printf '%s\n' \
    "# commentmod worker's password file (libpq, PGPASSFILE). One line per server:" \
    "# hostname:port:database:username:password     (* matches any value; escape : and \\ with \\)" \
    "#db.example.internal:5432:blog:commentmod_worker_login:CHANGE-ME" >"$template"
  run install -m 0600 "$template" "$etc_dir/pgpass"
  [[ $group == "$user" ]] && run chown "$user:$user" "$etc_dir/pgpass"
  acted "created    $etc_dir/pgpass (add the worker's password)"
fi

# 4. The unit, pointing at this prefix.
if [[ $systemd == 1 ]]; then
  rendered=$(mktemp)
  trap 'rm -f "${template:-}" "$rendered"' EXIT
  sed "s#^ExecStart=/usr/local/bin/commentmod #ExecStart=$prefix/bin/commentmod #" \
    "$here/systemd/$unit" >"$rendered"
  grep -q "^ExecStart=$prefix/bin/commentmod worker\$" "$rendered" ||
    die "could not point ExecStart at $prefix/bin/commentmod"
  install_file 0644 "$rendered" "$unit_dir/$unit"
  if [[ -z $destdir && -d /run/systemd/system ]]; then
    run systemctl daemon-reload
  fi
fi

cli=$prefix/bin/commentmod
cat <<EOF

Next steps:
  1. Settings: edit /etc/commentmod/worker.env (DATABASE_URL) and put the worker's password in
     /etc/commentmod/pgpass (owner $user, mode 0600).
  2. Schema, as an admin role (never the worker's), once per release:
       sudo -u postgres $cli migrate --database-url 'dbname=blog'
  3. The worker's login role, once (deploy/README.md, "Database roles"):
       CREATE ROLE commentmod_worker_login LOGIN PASSWORD '…' IN ROLE commentmod_worker;
EOF
if [[ $systemd == 1 ]]; then
  cat <<EOF
  4. Start it, now and at boot, and watch it:
       systemctl enable --now commentmod-worker
       journalctl -u commentmod-worker -f
       $cli status
EOF
fi
echo "Upgrades: stop the worker, run migrate, start it (deploy/README.md, \"Upgrades\")."
