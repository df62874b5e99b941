#!/usr/bin/env bash
# Installs the system packages commentmod builds, tests and runs with, when they are missing:
# libpq-dev (libpq and its headers), libicu-dev (ICU), pkg-config, and the PostgreSQL server for the
# throwaway test and demo clusters. Debian/Ubuntu only; the Swift toolchain itself is assumed.
set -euo pipefail

missing=()
have_pkgconfig() { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$1"; }
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
have_pkgconfig libpq || missing+=(libpq-dev)
have_pkgconfig icu-uc || missing+=(libicu-dev)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! [[ -x "$(pg_config --bindir 2>/dev/null)/initdb" ]]; then
  missing+=(postgresql)
fi
command -v pgbench >/dev/null 2>&1 || missing+=(postgresql-contrib)
getent passwd postgres >/dev/null 2>&1 || missing+=(postgresql)

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
# Deduplicate while keeping order.
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++')
echo "install-deps: installing ${missing[*]}" >&2
sudo=()
if [[ $(id -u) != 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: run as root: apt-get install -y ${missing[*]}" >&2; exit 2; }
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q >/dev/null
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
