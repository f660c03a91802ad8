"""Vocabulary lookups the graph side needs from the loaders' data files (read once)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def beneficiary_synonyms() -> dict[str, list[str]]:
    """Beneficiary type code → its synonyms, longest first (for highlighting clause text)."""
    raw = json.loads(resources.files("policykg.loaders").joinpath("data/beneficiaries.json").read_text("utf-8"))
    entries = raw.get("types", raw) if isinstance(raw, dict) else raw
    out: dict[str, list[str]] = {}
    items = entries.items() if isinstance(entries, dict) else ((e.get("code"), e) for e in entries)
    for code, entry in items:
        if not isinstance(entry, dict):
            continue
        words = [w for w in entry.get("synonyms", []) if isinstance(w, str)]
        if entry.get("name_zh"):
            words.append(entry["name_zh"])
        out[code] = sorted(set(words), key=len, reverse=True)
    return out
