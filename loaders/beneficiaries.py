"""Who a provision addresses: beneficiary types found by their synonyms.

The vocabulary lives in ``loaders/data/beneficiaries.json`` (see its ``_about``);
``BeneficiaryVocabulary.load(path)`` reads that file or a user's copy of it, so new
synonyms and types need no code change.  Matching is leftmost-longest over plain
substrings: 技术转移机构 is ``tech_transfer_agency`` and never a shorter term inside it,
科技型企业 is ``enterprise``, 国有企业 is ``state_owned_enterprise``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .responsibility import blank_spans, responsibility_spans
from .vocabulary_files import read_vocabulary
from .word_patterns import literal_alternation

__all__ = [
    "DEFAULT_PATH",
    "BeneficiaryMatch",
    "BeneficiaryVocabulary",
    "find_beneficiaries",
]

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "beneficiaries.json"


@dataclass(frozen=True)
class BeneficiaryMatch:
    """One synonym found in text."""

    code: str
    term: str
    start: int
    end: int


class BeneficiaryVocabulary:
    """Beneficiary types and their synonyms; build with ``BeneficiaryVocabulary.load``."""

    def __init__(self, synonyms: dict[str, list[str]], labels: dict[str, str] | None = None,
                 stop_terms: list[str] | tuple[str, ...] = ()) -> None:
        self.labels = dict(labels or {})
        self._code_of: dict[str, str | None] = {}
        for code, terms in synonyms.items():
            for term in terms:
                term = term.strip()
                if not term:
                    continue
                other = self._code_of.get(term)
                if other is not None and other != code:
                    raise ValueError(
                        f"beneficiary synonym {term!r} is listed under both {other!r} and {code!r}; "
                        "keep it under one type only")
                self._code_of[term] = code
        for term in stop_terms:
            self._code_of.setdefault(term, None)
        self.codes = list(synonyms)
        self._pattern = re.compile(literal_alternation(self._code_of)) if self._code_of else None

    @classmethod
    def load(cls, path: str | Path | None = None) -> BeneficiaryVocabulary:
        """Read a vocabulary file (default ``loaders/data/beneficiaries.json``).

        The file holds ``{"types": [{"code", "label", "synonyms": [...]}], "stop_terms": [...]}``.
        """
        data, p = read_vocabulary(path, DEFAULT_PATH, "beneficiary vocabulary")
        types = data.get("types")
        if not isinstance(types, list):
            raise ValueError(f"{p}: expected a 'types' list of {{code, label, synonyms}} objects")
        synonyms: dict[str, list[str]] = {}
        labels: dict[str, str] = {}
        for entry in types:
            code = entry.get("code")
            if not code or not isinstance(entry.get("synonyms", []), list):
                raise ValueError(f"{p}: every type needs a 'code' and a 'synonyms' list; got {entry!r}")
            synonyms.setdefault(code, []).extend(str(s) for s in entry.get("synonyms", []))
            labels[code] = entry.get("label", code)
        return cls(synonyms, labels, [str(s) for s in data.get("stop_terms", [])])

    def code_of(self, term: str) -> str | None:
        """The type code of a synonym, or None when the term is unknown (or a stop term)."""
        return self._code_of.get(term)

    def terms(self) -> list[str]:
        """Every synonym (not the stop terms), longest first."""
        return sorted((t for t, c in self._code_of.items() if c), key=lambda t: (-len(t), t))

    def matches(self, text: str) -> list[BeneficiaryMatch]:
        """Every synonym occurrence, leftmost-longest, in text order (stop terms dropped)."""
        if self._pattern is None:
            return []
        out = []
        for m in self._pattern.finditer(text):
            code = self._code_of.get(m.group(0))
            if code:
                out.append(BeneficiaryMatch(code, m.group(0), m.start(), m.end()))
        return out

    def find_beneficiaries(self, text: str, skip_responsibility: bool = True) -> list[str]:
        """Types addressed by ``text`` in order of first appearance.

        ``(责任单位:…)`` brackets name the departments in charge, not beneficiaries, and
        are skipped unless ``skip_responsibility`` is False.
        """
        if skip_responsibility:
            text = blank_spans(text, responsibility_spans(text))
        seen: list[str] = []
        if self._pattern is None:
            return seen
        code_of = self._code_of
        for m in self._pattern.finditer(text):  # the codes of matches(text), without its records
            code = code_of.get(m.group(0))
            if code and code not in seen:
                seen.append(code)
        return seen


@lru_cache(maxsize=1)
def _default_vocabulary() -> BeneficiaryVocabulary:
    return BeneficiaryVocabulary.load()


def find_beneficiaries(text: str, vocab: BeneficiaryVocabulary | None = None) -> list[str]:
    """Beneficiary types addressed by ``text`` (bundled vocabulary unless ``vocab`` is given)."""
    return (vocab or _default_vocabulary()).find_beneficiaries(text)
