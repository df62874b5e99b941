#!/usr/bin/env bash
# The quick-start demo: builds commentmod, starts a throwaway PostgreSQL, applies the schema, submits the
# sample comments of deploy/demo/sample-comments.sql the way a blog backend would, and shows what happened.
# Everything is deleted afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/install-deps.sh
swift build --product commentmod
bin=$(swift build --product commentmod --show-bin-path)/commentmod
exec deploy/throwaway-postgres.sh deploy/demo/run-demo.sh "$bin"
