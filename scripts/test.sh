#!/usr/bin/env bash
# The whole test suite: lint, then pytest. Run through `make test`, which installs the
# Python packages first. This script installs what the tests need beyond them:
# - the local Neo4j (Community 5.26 jars resolved from Maven Central), started for the
#   run and stopped afterwards, unless NEO4J_URI points at a Neo4j already;
# - Debian's chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv

"$VENV/bin/ruff" check .

if [ -x scripts/install_browser.sh ]; then
    ./scripts/install_browser.sh
fi

started_neo4j=""
if [ -z "${NEO4J_URI:-}" ]; then
    export NEO4J_PASSWORD="${NEO4J_PASSWORD:-policykg-local}"
    "$VENV/bin/policykg" neo4j start
    export NEO4J_URI="bolt://localhost:7687"
    started_neo4j=1
fi
stop_neo4j() { [ -n "$started_neo4j" ] && "$VENV/bin/policykg" neo4j stop || true; }
trap stop_neo4j EXIT

"$VENV/bin/pytest" "$@"
