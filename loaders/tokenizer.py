"""Word segmentation for policy text with a policy vocabulary kept whole.

``PolicyTokenizer`` owns its own ``jieba.Tokenizer`` (never the module-level jieba
one, so two components never share or disturb a dictionary).  Its user dictionary
is built from the policykg vocabularies — beneficiary synonyms, instrument trigger
words, department names from ``loaders/data/departments.json`` when that file exists
(with 省/市/县/区 prefixed forms such as 市科技局) — plus any ``extra_terms``, so that
技术经纪人, 中试平台 or 市科技局 come out as one token.  jieba's dictionary load (about a
second) happens once per tokenizer, on first use.

Keywords are cut by ``NoHmmSegmenter``: the same words as jieba's precise mode with the
HMM off, found about twice as fast, over the tokenizer's own dictionary.
"""

from __future__ import annotations

import json
import re
import threading
from collections import Counter
from collections.abc import Iterable
from itertools import islice
from math import log
from pathlib import Path
from typing import Any

import jieba

try:  # the route in C, built at install when a C compiler is present
    from . import _route
except ImportError:  # pragma: no cover - depends on the install
    _route = None  # type: ignore[assignment]  # no C compiler at install: the Python route

from .beneficiaries import BeneficiaryVocabulary
from .instruments import InstrumentVocabulary
from .responsibility import blank_spans, responsibility_spans

__all__ = ["LATIN_DIGIT", "NoHmmSegmenter", "PolicyTokenizer", "vocabulary_terms"]

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
    prefixed: set[str] = set()
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


_ABSENT: Any = object()  # not in the prefix dictionary at all (a stored ``None`` means "prefix of a word only")
LATIN_DIGIT = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


class NoHmmSegmenter:
    """jieba's precise mode without the HMM (``Tokenizer.cut(text, HMM=False)``), computed faster.

    jieba builds a DAG of dictionary words as a dict of lists, then takes the most probable
    route with a generator per character, recomputing ``log(freq)`` each time.  Here one
    backward pass over each run of Han/latin characters does both, reading a table of
    ``log(freq) - log(total)`` made once from the tokenizer's own prefix dictionary (user
    words added with ``add_word`` count: the table is rebuilt whenever the dictionary's size
    or total frequency has changed since).
    The scores are the same floats jieba computes and ties go the same way (the longest
    word), so the words are identical.

    When the C extension ``_route`` is installed the walk runs over a trie of the same
    table in C, ten times faster; ``native=False`` (or no extension) keeps it in Python.
    """

    def __init__(self, tokenizer: jieba.Tokenizer, native: bool = True) -> None:
        tokenizer.check_initialized()
        self.tokenizer = tokenizer
        self.native = native and _route is not None
        self._state: tuple[int, int] = (-1, -1)
        self._logp: dict[str, float | None] = {}
        self._table: Any = None
        self._unknown = 0.0
        self._refresh()

    def _refresh(self) -> None:
        tk = self.tokenizer
        state = (tk.total, len(tk.FREQ))
        if state == self._state:
            return
        logtotal = log(tk.total)
        logp = {w: (log(f) - logtotal if f else None) for w, f in tk.FREQ.items()}
        self._unknown = log(1) - logtotal  # jieba scores a character outside the dictionary as freq 1
        if self.native:
            # the trie holds the table; the dict (about 27 MB) is kept only for the Python walk
            self._table, self._logp = _route.build_table(logp), {}
        else:
            self._logp = logp
        self._state = state

    def run_ends(self, run: str) -> list[int]:
        """For each position of ``run`` (a run of ``re_han`` characters), the end of the word that
        starts there on jieba's most probable route; the route is read from 0 by ``x = ends[x]``."""
        self._refresh()
        if self.native:
            return _route.route_ends(self._table, run, self._unknown)
        return self._ends(run)

    def _ends(self, run: str) -> list[int]:
        n = len(run)
        get = self._logp.get
        unknown = self._unknown
        score = [0.0] * (n + 1)
        ends = [0] * n
        for k in range(n - 1, -1, -1):
            best = None
            best_end = k + 1
            i = k
            v = get(run[k], _ABSENT)
            while v is not _ABSENT:
                if v is not None:
                    s = v + score[i + 1]
                    # candidates come shortest first; ">=" keeps the longest of equal scores, as
                    # jieba's max over (score, end) tuples does
                    if best is None or s >= best:
                        best, best_end = s, i + 1
                i += 1
                if i >= n:
                    break
                v = get(run[k:i + 1], _ABSENT)
            if best is None:
                best = unknown + score[k + 1]
            score[k] = best
            ends[k] = best_end
        return ends

    def _cut_run(self, run: str, out: list[str]) -> None:
        """Append the words of one run of ``re_han`` characters (jieba's ``__cut_DAG_NO_HMM``)."""
        if self.native:
            _route.route_words(self._table, run, self._unknown, out)
            return
        ends = self._ends(run)
        n = len(run)
        x = 0
        buf = ""
        while x < n:
            y = ends[x]
            if y - x == 1 and run[x] in LATIN_DIGIT:
                buf += run[x]  # single latin letters and digits are glued back together
            else:
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(run[x:y])
            x = y
        if buf:
            out.append(buf)

    def cut(self, text: str) -> list[str]:
        """The words of ``text``, exactly as ``list(tokenizer.cut(text, HMM=False))``."""
        self._refresh()
        out: list[str] = []
        skip = jieba.re_skip_default
        # split() with a capture group alternates: text between runs at even indices, runs at odd
        for index, block in enumerate(jieba.re_han_default.split(text)):
            if not block:
                continue
            if index % 2:
                self._cut_run(block, out)
                continue
            for piece in skip.split(block):
                if skip.match(piece):
                    out.append(piece)
                else:
                    out.extend(piece)
        return out

    def run_words(self, text: str) -> list[str]:
        """Only the words ``cut`` finds inside runs of Han/latin characters, in order.

        Everything ``cut`` yields outside such runs is a single character or whitespace,
        which keyword extraction drops anyway.
        """
        self._refresh()
        out: list[str] = []
        for run in jieba.re_han_default.split(text)[1::2]:
            self._cut_run(run, out)
        return out

    def tag_weights(self, text: str, stop_words: set[str], idf: dict[str, float], median: float) -> dict[str, float]:
        """The TF-IDF weight of each word of ``run_words(text)`` that jieba's ``extract_tags``
        keeps (longer than one character, its lower case not in ``stop_words``), in order of
        first occurrence: ``count * (idf.get(word, median) / total)``, ``total`` being the
        number of such words, as ``extract_tags`` computes it."""
        self._refresh()
        runs = jieba.re_han_default.split(text)[1::2]
        if self.native:
            return _route.tag_weights(self._table, runs, self._unknown, stop_words, idf, median)
        words: list[str] = []
        for run in runs:
            self._cut_run(run, words)
        # run words hold no whitespace, so len(word) is extract_tags' len(word.strip()); Counter
        # counts in C and keeps first-occurrence order, which tfidf_tags' stable sort relies on
        counts = Counter([w for w in words if len(w) > 1 and w.lower() not in stop_words])
        total = float(sum(counts.values()))
        return {word: n * (idf.get(word, median) / total) for word, n in counts.items()}  # jieba: freq *= idf / total


class PolicyTokenizer:
    """A jieba tokenizer with the policykg vocabulary; create once and reuse."""

    def __init__(self, extra_terms: Iterable[str] = (), departments_path: Path | str | None = None,
                 stopwords_path: Path | str | None = None) -> None:
        self._extra = list(extra_terms)
        self._departments_path = Path(departments_path) if departments_path else None
        self._stopwords_path = Path(stopwords_path) if stopwords_path else STOPWORDS_PATH
        self._jieba: jieba.Tokenizer | None = None
        self._segmenter: NoHmmSegmenter | None = None
        self._tfidf: Any = None  # jieba.analyse.TFIDF, made on first use
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

    @property
    def segmenter(self) -> NoHmmSegmenter:
        """The fast HMM-free segmenter over this tokenizer's dictionary, made on first access."""
        if self._segmenter is None:
            tokenizer = self.jieba
            with self._lock:
                if self._segmenter is None:
                    self._segmenter = NoHmmSegmenter(tokenizer)
        return self._segmenter

    @property
    def tfidf(self) -> Any:  # jieba.analyse.TFIDF
        """jieba's TF-IDF extractor with our stop words, cutting with ``segmenter`` (HMM off)."""
        if self._tfidf is None:
            segmenter = self.segmenter
            with self._lock:
                if self._tfidf is None:
                    # jieba.analyse loads its IDF table and, through jieba.posseg, a tag table
                    # (about 75 MB): only in processes that read keywords, not in one that searches
                    from jieba import analyse

                    tfidf = analyse.TFIDF()
                    tfidf.tokenizer = segmenter  # extract_tags only calls tokenizer.cut(text)
                    tfidf.set_stop_words(str(self._stopwords_path))
                    self._tfidf = tfidf
        return self._tfidf

    def tfidf_tags(self, text: str, top: int = 20) -> list[str]:
        """``tfidf.extract_tags(text, topK=top)``: same tokens, IDF table, stop words and order.

        Tokens outside runs of Han/latin characters are single characters or whitespace,
        which ``extract_tags`` drops, so only the runs are segmented.
        """
        tfidf = self.tfidf
        freq = self.segmenter.tag_weights(text, tfidf.stop_words, tfidf.idf_freq, tfidf.median_idf)
        # a stable sort: equal weights keep first-occurrence order, as in extract_tags
        tags = sorted(freq, key=freq.__getitem__, reverse=True)
        return tags[:top] if top else tags

    def keywords(self, text: str, k: int = 8) -> list[str]:
        """The ``k`` most characteristic words of ``text`` by TF-IDF (jieba's IDF table, our tokens).

        Stop words (``loaders/data/stopwords.txt``), numbers, punctuation and the
        department lists of ``(责任单位:…)`` brackets are left out.
        """
        text = blank_spans(text, responsibility_spans(text))
        # A clause states its topic up front; tagging only its opening keeps keyword
        # extraction within budget.
        tags = self.tfidf_tags(text[:KEYWORD_WINDOW], top=k * 3)
        # the first k that are no junk: the tags after them need not be looked at
        return list(islice((tag for tag in tags if not _KEYWORD_JUNK.match(tag)), max(k, 0)))
