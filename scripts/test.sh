#!/usr/bin/env bash
# The whole test suite: lint, then pytest. Run through `make test`, which installs the
# Python packages first. This script installs what the tests need beyond them:
# - Debian's chromium for the browser tests.
# Neo4j is the test run's own, started by the fixtures (tests/conftest.py): a local Neo4j
# Community 5.26 under var/test-neo4j on a free port, stopped at the end (and when the run is
# killed: it watches the run's process) — never the
# var/neo4j / port 7687 of `policykg neo4j start`. With NEO4J_URI set, that server is used
# instead, in a database of its own where it can create one; the tests clear only a database
# that is empty or carries their marker, and fail on any other.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv

"$VENV/bin/ruff" check .

if [ -x scripts/install_browser.sh ]; then
    ./scripts/install_browser.sh
fi

"$VENV/bin/pytest" "$@"
