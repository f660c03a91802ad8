#!/usr/bin/env bash
# The whole test suite: lint, then pytest. Run through `make test`, which installs the
# Python packages first.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv

"$VENV/bin/ruff" check .

"$VENV/bin/pytest" "$@"
