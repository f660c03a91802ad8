"""The bundled sample corpus: the seed policies shipped with policykg."""

from __future__ import annotations

from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"


def bundled_paths() -> list[Path]:
    """Return the bundled policy files in a stable order."""
    return sorted(CORPUS_DIR.glob("*.txt"))
