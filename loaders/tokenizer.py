"""Word segmentation for policy text with a policy vocabulary kept whole.

``PolicyTokenizer`` owns its own ``jieba.Tokenizer`` (never the module-level jieba
one, so two components never share or disturb a dictionary).  Its user dictionary
is built from the policykg vocabularies — beneficiary synonyms, instrument trigger
words, department names from ``loaders/data/departments.json`` when that file exists
(with 省/市/县/区 prefixed forms such as 市科技局) — plus any ``extra_terms``, so that
技术经纪人, 中试平台 or 市科技局 come out as one token.  jieba's dictionary load (about a
second) happens once per tokenizer, on first use.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jieba
import jieba.analyse

from .beneficiaries import BeneficiaryVocabulary
from .instruments import InstrumentVocabulary
from .responsibility import responsibility_spans

__all__ = ["PolicyTokenizer", "vocabulary_terms"]

DATA_DIR = Path(__file__).resolve().parent / "data"
STOPWORDS_PATH = DATA_DIR / "stopwords.txt"
DEPARTMENTS_PATH = DATA_DIR / "departments.json"

_TERM = re.compile(r"^[\u4e00-\u9fff]{2,16}$")
_LEVEL_PREFIXES = ("省", "市", "县", "区")
_KEYWORD_JUNK = re.compile(r"^[\d.%]+$|^[\W_]+$")


def _strings(node: Any) -> Iterable[str]:
    """Every string anywhere in a JSON value (list items, dict values and keys)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _strings(value)


def _department_terms(path: Path) -> set[str]:
    """Plain Chinese names in a departments file; regular expressions and codes are skipped.

    The file is written by another part of policykg and its layout may change, so it is
    read defensively: any string that is 2–16 Chinese characters counts, nothing else.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    names = {s for s in _strings(data) if _TERM.match(s)}
    prefixed = set()
    for name in names:
        if len(name) <= 6 and name[-1] in "局厅委办部":
            prefixed.update(p + name for p in _LEVEL_PREFIXES if not name.startswith(p))
    return names | prefixed


def vocabulary_terms(extra_terms: Iterable[str] = (), departments_path: Path | None = None) -> list[str]:
    """The user-dictionary words: vocabularies, department names and ``extra_terms``, longest first."""
    terms: set[str] = set(BeneficiaryVocabulary.load().terms())
    terms.update(InstrumentVocabulary.load().trigger_words())
    terms.update(_department_terms(departments_path or DEPARTMENTS_PATH))
    terms.update(t.strip() for t in extra_terms if t and t.strip())
    return sorted((t for t in terms if len(t) >= 2), key=lambda t: (-len(t), t))


KEYWORD_WINDOW = 200  # characters of a clause (its heading and first sentences) that keywords come from


class _PreciseNoHmm:
    """Precise-mode cutting without the HMM pass for unknown words: keywords come from
    dictionary words anyway, and skipping the HMM makes keyword extraction ~1.5x faster."""

    def __init__(self, tokenizer: jieba.Tokenizer) -> None:
        self._tokenizer = tokenizer

    def cut(self, sentence: str, *args, **kwargs):
        return self._tokenizer.cut(sentence, HMM=False)


class PolicyTokenizer:
    """A jieba tokenizer with the policykg vocabulary; create once and reuse."""

    def __init__(self, extra_terms: Iterable[str] = (), departments_path: Path | str | None = None,
                 stopwords_path: Path | str | None = None) -> None:
        self._extra = list(extra_terms)
        self._departments_path = Path(departments_path) if departments_path else None
        self._stopwords_path = Path(stopwords_path) if stopwords_path else STOPWORDS_PATH
        self._jieba: jieba.Tokenizer | None = None
        self._tfidf: jieba.analyse.TFIDF | None = None
        self._lock = threading.Lock()
        self.terms: list[str] = []

    @property
    def jieba(self) -> jieba.Tokenizer:
        """The underlying ``jieba.Tokenizer``, initialised (dictionary loaded) on first access."""
        if self._jieba is None:
            with self._lock:
                if self._jieba is None:
                    tk = jieba.Tokenizer()
                    tk.initialize()
                    self.terms = vocabulary_terms(self._extra, self._departments_path)
                    for term in self.terms:
                        tk.add_word(term)  # jieba suggests a frequency that keeps the term whole
                    self._jieba = tk
        return self._jieba

    def tokens(self, text: str) -> list[tuple[str, int, int]]:
        """Tokens of ``text`` with their half-open character ranges: ``text[start:end] == word``."""
        return list(self.jieba.tokenize(text))

    def words(self, text: str) -> list[str]:
        """The words of ``text`` without whitespace tokens."""
        return [w for w in self.jieba.lcut(text) if w.strip()]

    def keywords(self, text: str, k: int = 8) -> list[str]:
        """The ``k`` most characteristic words of ``text`` by TF-IDF (jieba's IDF table, our tokens).

        Stop words (``loaders/data/stopwords.txt``), numbers, punctuation and the
        department lists of ``(责任单位:…)`` brackets are left out.
        """
        if self._tfidf is None:
            tokenizer = self.jieba
            with self._lock:
                if self._tfidf is None:
                    tfidf = jieba.analyse.TFIDF()
                    tfidf.tokenizer = _PreciseNoHmm(tokenizer)
                    tfidf.set_stop_words(str(self._stopwords_path))
                    self._tfidf = tfidf
        for start, end in responsibility_spans(text):
            text = text[:start] + " " * (end - start) + text[end:]
        # A clause states its topic up front; tagging only its opening keeps keyword
        # extraction (jieba's DAG search is most of the extraction time) within budget.
        tags = self._tfidf.extract_tags(text[:KEYWORD_WINDOW], topK=k * 3)
        return [t for t in tags if not _KEYWORD_JUNK.match(t)][:k]
