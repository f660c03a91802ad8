#!/usr/bin/env bash
# mypy --strict on graph/ and loaders/ (the settings are [tool.mypy] in pyproject.toml).
# The folders are installed as policykg.graph and policykg.loaders (package-dir in
# pyproject.toml), a mapping mypy cannot follow through the editable install: it reads them
# through a tree of symbolic links under .venv/typecheck laid out as installed.
set -euo pipefail
cd "$(dirname "$0")/.."
TREE=.venv/typecheck
rm -rf "$TREE"
mkdir -p "$TREE/policykg"
for entry in policykg/*; do
    ln -s "$PWD/$entry" "$TREE/policykg/$(basename "$entry")"
done
for folder in graph loaders api web; do
    ln -s "$PWD/$folder" "$TREE/policykg/$folder"
done
.venv/bin/mypy "$@"
