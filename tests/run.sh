#!/usr/bin/env bash
# Install everything the test suite needs into .venv (and the system, where it must), then run it.
# Used by the README and by .ci/run; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
. .venv/bin/activate
python -m pip install --quiet --upgrade pip
python -m pip install --quiet -e '.[dev]'

# Headless Chromium for the HTML page tests (Debian's package; Playwright never downloads a browser).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "note: chromium is not installed and cannot be installed here; the browser tests will skip" >&2
  fi
fi

# Neo4j's own Cypher parser, to check every file in cypher/.
if [ -f tools/cypher-lint/package.json ] && command -v npm >/dev/null 2>&1; then
  (cd tools/cypher-lint && npm ci --silent --no-audit --no-fund)
fi

python -m pytest "$@"
