"""Vocabulary lookups the graph side needs from the loaders' data files (read once)."""

from __future__ import annotations

from functools import lru_cache

from policykg.loaders.beneficiaries import BeneficiaryVocabulary


@lru_cache(maxsize=1)
def beneficiary_synonyms() -> dict[str | None, list[str]]:
    """Beneficiary type code → its synonyms, longest first (for highlighting clause text)."""
    vocab = BeneficiaryVocabulary.load()
    out: dict[str | None, list[str]] = {}
    for term in vocab.terms():  # already longest first
        out.setdefault(vocab.code_of(term), []).append(term)
    return out
