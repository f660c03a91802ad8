"""The seed policies as the extractors see them: read and cleaned by the real pipeline stages."""

from __future__ import annotations

from functools import cache

from policykg.corpus import CORPUS_DIR
from policykg.loaders.cleaning import clean_text
from policykg.loaders.readers import read_source


@cache
def seed_text(prefix: str) -> str:
    """A seed's normalized text (pinyin debris and boilerplate removed, simplified, width-folded)."""
    return clean_text(read_source(next(CORPUS_DIR.glob(f"{prefix}_*.txt")))).normalized
