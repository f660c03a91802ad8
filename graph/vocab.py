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


@lru_cache(maxsize=1)
def code_names() -> dict[str, dict[str, str]]:
    """Chinese names of every code of the vocabularies the graph uses, from the data files."""
    from .model import BENEFICIARY_FILES, FUNCTION_FILES, INSTRUMENT_FILES, vocab_name, vocabulary

    return {
        key: {code: vocab_name(entry, code) for code, entry in sorted(vocabulary(*files).items()) if "code" in entry}
        for key, files in (("functions", FUNCTION_FILES), ("beneficiaries", BENEFICIARY_FILES),
                           ("instrument_types", INSTRUMENT_FILES))
    }
