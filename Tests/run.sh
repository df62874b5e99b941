#!/usr/bin/env bash
# The whole test suite: installs missing system packages, then runs `swift test` against DATABASE_URL
# when it is set (each suite creates and drops a database of its own there), else against a private
# throwaway PostgreSQL that is deleted afterwards. Extra arguments go to `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/install-deps.sh
if [[ -n ${DATABASE_URL:-} ]]; then
  exec swift test "$@"
fi
exec deploy/throwaway-postgres.sh swift test "$@"
