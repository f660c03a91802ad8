"""Graph-store test fixtures shared by the embedded file tests."""

from __future__ import annotations

import pytest

from policykg.graph.embedded_store import EmbeddedStore

from .test_stores import load


@pytest.fixture()
def saved(tmp_path, seed_graphs):
    """An embedded store of the seed corpus and the file it saved."""
    path = tmp_path / "policykg.graph"
    store = EmbeddedStore.open(path)
    load(store, seed_graphs)
    return store, path
