"""Real ``policykg load`` processes run at once and killed at random points, on both stores.

The bundled seed corpus (a copy) is loaded once cleanly (the reference graph); then three loads run
at once (the same files, and three different parts of the corpus) and must give exactly
that graph; then loads are SIGKILLed at seeded random moments: after each kill every policy
is either whole or absent, nothing is doubled and no temporary file is left (the next open
removes a killed save's), and a final rerun gives exactly the reference graph again.
"""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

import pytest
from load_runs import check_whole_policies, finish, load_env, policy_parts, snapshot, start_load

from policykg.corpus import bundled_paths
from policykg.graph.embedded_store import EmbeddedStore

POLICIES = 5
KILLS_PER_STORE = 20  # on each store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[list[Path]]]:
    """(a copy of the bundled seed corpus, three disjoint lists of its files). Files named one by
    one get the same source keys and paths as when the folder is loaded, so the parts add up to
    the whole. (The seeds cite each other, so the loads resolve CITES as well as SIMILAR_TO.)"""
    whole = tmp_path_factory.mktemp("corpus")
    for f in bundled_paths():
        shutil.copy(f, whole / f.name)
    files = sorted(whole.glob("*.txt"))
    assert len(files) == POLICIES
    return whole, [files[i::3] for i in range(3)]


class Embedded:
    name = "embedded"

    def __init__(self, data: Path) -> None:
        self.data = data
        self.path = data / "policykg.graph"

    def open(self):
        return EmbeddedStore.open(self.path)

    def clear(self) -> None:
        for f in self.data.glob("policykg.graph*"):
            f.unlink()

    def leftovers(self) -> list[str]:
        self.open()  # what the next reader or load does first
        return sorted(p.name for p in self.data.glob("*.tmp"))


class Neo4j:
    name = "neo4j"

    def __init__(self, store) -> None:
        self.store = store

    def open(self):
        return self.store

    def clear(self) -> None:
        self.store.clear()

    def leftovers(self) -> list[str]:
        return []


def run_scenario(target, corpus, tmp_path: Path, seed: int) -> dict:
    whole, parts = corpus
    env = load_env(target.name, tmp_path / "data", POLICYKG_LOCK_TIMEOUT_S="300")
    (tmp_path / "data").mkdir(exist_ok=True)

    started = time.monotonic()
    code, out, err = finish(start_load([whole], env, tmp_path))
    clean_seconds = time.monotonic() - started
    assert code == 0, err
    assert f"{POLICIES} policies ({POLICIES} new" in out
    reference = snapshot(target.open())
    parts_reference = policy_parts(target.open())
    assert len(parts_reference) == POLICIES

    # three loads of the same corpus at once, into an empty store
    target.clear()
    runs = [finish(p) for p in [start_load([whole], env, tmp_path) for _ in range(3)]]
    assert [code for code, _, _ in runs] == [0, 0, 0], [err for _, _, err in runs]
    assert snapshot(target.open()) == reference
    assert sum(int(out.split("(")[1].split(" new")[0]) for _, out, _ in runs) == POLICIES  # each written once

    # three loads of different parts at once: each one's policies and all the links end up there
    target.clear()
    runs = [finish(p) for p in [start_load(part, env, tmp_path) for part in parts]]
    assert [code for code, _, _ in runs] == [0, 0, 0], [err for _, _, err in runs]
    assert snapshot(target.open()) == reference

    # loads killed at random moments, of the whole corpus or one part; a load that ends before
    # its kill is checked too, and makes the next delays shorter (loads of policies already
    # there are quicker), until KILLS_PER_STORE loads were really killed
    target.clear()
    rng = random.Random(seed)
    killed, attempts, seen = 0, 0, []
    estimate = clean_seconds
    while killed < KILLS_PER_STORE and attempts < 3 * KILLS_PER_STORE:
        attempts += 1
        if rng.random() < 0.3:
            target.clear()
        proc = start_load(rng.choice([[whole], *parts]), env, tmp_path)
        started = time.monotonic()
        time.sleep(rng.uniform(0.35, 0.95) * estimate)
        ended = proc.poll() is not None
        proc.kill()
        proc.communicate(timeout=60)
        assert proc.returncode in (0, -9), proc.returncode
        if proc.returncode == -9:
            killed += 1
        elif ended:
            estimate = min(estimate, time.monotonic() - started)
        seen.append(check_whole_policies(target.open(), parts_reference))
        assert target.leftovers() == []
    assert killed == KILLS_PER_STORE, (killed, attempts)
    code, out, err = finish(start_load([whole], env, tmp_path))
    assert code == 0, err
    assert snapshot(target.open()) == reference
    assert target.leftovers() == []
    return {"killed": killed, "attempts": attempts, "policies_after_kills": seen, "clean_seconds": clean_seconds}


def test_embedded_loads_at_once_and_killed_lose_and_double_nothing(corpus, tmp_path):
    print(run_scenario(Embedded(tmp_path / "data"), corpus, tmp_path, seed=1204))


@pytest.mark.neo4j
def test_neo4j_loads_at_once_and_killed_lose_and_double_nothing(corpus, tmp_path, neo4j_store, neo4j_env):
    print(run_scenario(Neo4j(neo4j_store), corpus, tmp_path, seed=2612))
