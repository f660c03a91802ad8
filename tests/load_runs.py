"""Helpers for tests that run real ``policykg load`` processes and check what they left."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from policykg.graph import schema as S

STORE_ENV = ("POLICYKG_STORE", "POLICYKG_DATA_DIR", "POLICYKG_GRAPH_FILE", "POLICYKG_WORKERS")


def load_env(store: str, data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a load subprocess: this one's, with the store and data folder chosen."""
    env = {k: v for k, v in os.environ.items() if k not in STORE_ENV}
    env.update(POLICYKG_STORE=store, POLICYKG_DATA_DIR=str(data_dir), **extra)
    if store == "neo4j" and not env.get("NEO4J_URI"):
        env["NEO4J_URI"] = f"bolt://localhost:{os.environ.get('POLICYKG_NEO4J_PORT', '7687')}"
    return env


def start_load(paths: list[Path], env: dict[str, str], cwd: Path) -> subprocess.Popen:
    """``policykg load PATHS --quiet`` in a subprocess (stdout and stderr captured)."""
    return subprocess.Popen([sys.executable, "-m", "policykg.cli", "load", *map(str, paths), "--quiet"],
                            env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen, timeout: float = 300) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def _dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _node(node: dict[str, Any]) -> str:
    # the items of an accumulating list (a department's names) come in the order loads wrote them
    props = {k: sorted(v) if k in S.ACCUMULATING_PROPS.get(node["label"], ()) and isinstance(v, list) else v
             for k, v in node["properties"].items()}
    return _dump({**node, "properties": props})


def snapshot(store) -> dict[str, Any]:
    """Every node and relationship of the store, comparable across runs (a multiset per type)."""
    return {
        "nodes": {label: sorted(_node(n) for n in store.find_nodes(label, limit=None)) for label in S.NODE_LABELS},
        "rels": {t: sorted(_dump(r) for r in store.relationships(t)) for t in S.REL_TYPES},
    }


def is_derived(rel: dict[str, Any], policies: set[str]) -> bool:
    return rel["type"] == "SIMILAR_TO" or (rel["type"] == "CITES" and rel["end"] in policies)


def policy_parts(store) -> dict[str, tuple[list[str], Counter]]:
    """For each policy present: its own nodes and the relationships (not derived links) touching them."""
    owner: dict[str, str] = {}
    nodes: dict[str, list[str]] = {}
    for label in S.NODE_LABELS:
        if label in S.SHARED_LABELS:
            continue
        for n in store.find_nodes(label, limit=None):
            pid = n["id"] if label == S.POLICY else n["properties"]["policy_id"]
            owner[n["id"]] = pid
            nodes.setdefault(pid, []).append(_dump(n))
    policies = {p["id"] for p in store.all_policies()}
    rels: dict[str, Counter] = {pid: Counter() for pid in nodes}
    for t in S.REL_TYPES:
        for r in store.relationships(t):
            if is_derived(r, policies):
                continue
            for pid in {owner.get(r["start"]), owner.get(r["end"])} - {None}:
                rels[pid][_dump(r)] += 1
    return {pid: (sorted(nodes[pid]), rels[pid]) for pid in nodes}


def check_whole_policies(store, reference: dict[str, tuple[list[str], Counter]]) -> int:
    """Every policy in ``store`` is exactly as a clean load writes it (no half, no double) and
    derived links are not doubled; returns how many policies are present."""
    parts = policy_parts(store)
    policies = {p["id"] for p in store.all_policies()}
    assert set(parts) == policies, "nodes of a policy that is not there"
    for pid, part in parts.items():
        assert pid in reference, f"{pid} is not a policy of the corpus"
        assert part == reference[pid], f"policy {pid} is not as a clean load writes it"
    for t in ("SIMILAR_TO", "CITES"):
        links = Counter((r["start"], r["end"]) for r in store.relationships(t) if is_derived(r, policies))
        assert not links or max(links.values()) == 1, f"doubled {t} links"
    return len(policies)
