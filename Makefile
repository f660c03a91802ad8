# policykg: `make run` loads the bundled policies and serves them, `make test` runs every test.
# Both set themselves up on a fresh machine (virtual environment, packages, local Neo4j).

PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test typecheck lint bench clean

$(STAMP): pyproject.toml setup.py loaders/_route.c
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/policykg load
	$(VENV)/bin/policykg serve

test: $(STAMP) typecheck
	./scripts/test.sh

# mypy --strict on graph/ and loaders/ ([tool.mypy] in pyproject.toml)
typecheck: $(STAMP)
	./scripts/typecheck.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check .

bench: $(STAMP)
	$(VENV)/bin/python benchmarks/extract_benchmark.py

clean:
	rm -rf $(VENV) var build *.egg-info
