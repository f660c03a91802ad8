"""Clause search shared by both stores: analysis, facets, the common BM25 ranking and snippets.

Both stores index the same pre-tokenised field, made here: a clause's ``text_simplified`` cut
by the search component's own jieba tokenizer (a ``PolicyTokenizer``, so the policykg user
dictionary keeps 技术经纪人 or 市科技局 whole; never the global jieba) in jieba's precise mode
without the HMM, plus, as jieba's search mode does, the dictionary words of two and three
characters inside each longer word (转化 inside 成果转化). Tokens are NFKC-folded and lower-cased
and only tokens of letters and digits are kept, so SQLite's ``unicode61`` tokenizer and
Lucene's ``whitespace`` analyzer see exactly these tokens when they are joined by spaces. Each
token keeps its character range in ``text_simplified`` for snippets and highlights.

Filters travel as facet tokens of a second field (``facet_token``: a kind letter and the value
in hex, so any value is one plain token for both indexes).

Each index proposes the best ``candidate_count`` matches by its own BM25 (SQLite's ``bm25()``,
Lucene's BM25), whose details differ (idf formula, Lucene's one-byte length norms); the
candidates are then ordered by ``bm25`` below, computed from statistics both stores count
exactly the same way (clauses, tokens, clauses per term), then by id. Both stores therefore give
identical answers whenever the best ``limit`` clauses by that formula are among both candidate
sets, which the wide margin (ten times the limit, at least 200) makes the normal case; when a
query matches fewer clauses than that, the answer is exact by construction.
"""

from __future__ import annotations

import math
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import schema as S
from .model import to_simplified

K1 = 1.2
B = 0.75
MIN_CANDIDATES = 200
CANDIDATE_FACTOR = 10
DATED_FACTOR = 5
SNIPPET_WIDTH = 120
FACET_KINDS = {"region": "r", "year": "y", "instrument": "i", "beneficiary": "b"}


def candidate_count(limit: int, dated: bool = False) -> int:
    """How many matches an index proposes for a page of ``limit``; ``dated`` (an "in force on"
    filter, applied to the candidates) asks for ``DATED_FACTOR`` times as many, so that the page
    is still chosen among the best matches when many of them are left out."""
    return max(MIN_CANDIDATES, CANDIDATE_FACTOR * limit) * (DATED_FACTOR if dated else 1)


def fold_token(token: str) -> str | None:
    """The token as indexed (NFKC, lower case), or None when it is not only letters and digits."""
    folded = unicodedata.normalize("NFKC", token).lower()
    if folded and folded.isalnum() and all(ord(ch) < 0x10000 for ch in folded):
        return folded
    return None


def facet_token(kind: str, value: str | int) -> str:
    """The facet token of a filter value: ``FACET_KINDS[kind]`` then the value's UTF-8 in hex."""
    return FACET_KINDS[kind] + str(value).encode("utf-8").hex()


class SearchAnalyzer:
    """Cuts clause texts and queries into index tokens with its own jieba tokenizer."""

    def __init__(self) -> None:
        from policykg.loaders.tokenizer import PolicyTokenizer

        self._tokenizer = PolicyTokenizer()

    def tokens(self, text: str) -> list[tuple[str, int, int]]:
        """(token, start, end) of ``text``, in order; a long word's sub-words come before it."""
        segmenter = self._tokenizer.segmenter
        freq = self._tokenizer.jieba.FREQ
        out: list[tuple[str, int, int]] = []
        pos = 0
        for word in segmenter.cut(text):
            start, pos = pos, pos + len(word)
            if len(word) > 2:
                for size in (2, 3):
                    if len(word) > size:
                        for i in range(len(word) - size + 1):
                            part = word[i:i + size]
                            if freq.get(part):
                                folded = fold_token(part)
                                if folded:
                                    out.append((folded, start + i, start + i + size))
            folded = fold_token(word)
            if folded:
                out.append((folded, start, pos))
        return out

    def query_tokens(self, query: str) -> list[str]:
        """The distinct tokens of a query (simplified, precise mode), in order."""
        words: list[str] = []
        for word in self._tokenizer.segmenter.cut(to_simplified(query)):
            folded = fold_token(word)
            if folded and folded not in words:
                words.append(folded)
        return words


_analyzer: SearchAnalyzer | None = None
_analyzer_lock = threading.Lock()


def analyzer() -> SearchAnalyzer:
    """The search component's analyzer, made once per process (its dictionary loads in about a second)."""
    global _analyzer
    if _analyzer is None:
        with _analyzer_lock:
            if _analyzer is None:
                _analyzer = SearchAnalyzer()
    return _analyzer


@dataclass(frozen=True)
class ClauseDoc:
    """What the search indexes hold of one clause."""

    id: str
    policy_id: str
    tokens: str  # index tokens joined by single spaces
    spans: list[int]  # start, end of each token in text_simplified, flattened
    facets: str  # facet tokens joined by spaces

    @property
    def length(self) -> int:
        return len(self.spans) // 2


def clause_documents(nodes: Iterable[tuple[str, str, dict[str, Any]]],
                     rels: Iterable[tuple[str, str, str, dict[str, Any]]] = ()) -> list[ClauseDoc]:
    """The search documents of one policy's clauses, from its nodes (and ADDRESSES relationships)."""
    nodes = list(nodes)
    policy: dict[str, Any] = {}
    clauses: list[tuple[str, dict[str, Any]]] = []
    extra: dict[str, set[str]] = {}
    for nid, label, props in nodes:
        if label == S.POLICY:
            policy = props
        elif label == S.CLAUSE:
            clauses.append((nid, props))
        elif label == S.INSTRUMENT and props.get("clause_id"):
            bucket = extra.setdefault(props["clause_id"], set())
            if props.get("type"):
                bucket.add(facet_token("instrument", props["type"]))
            if props.get("beneficiary"):
                bucket.add(facet_token("beneficiary", props["beneficiary"]))
    for rel_type, start, end, _ in rels:
        if rel_type == "ADDRESSES":
            extra.setdefault(start, set()).add(facet_token("beneficiary", end.removeprefix("beneficiary:")))
    common = {facet_token("region", policy[k]) for k in ("region", "province") if policy.get(k)}
    year = str(policy.get("date") or "")[:4]
    if year.isdigit():
        common.add(facet_token("year", int(year)))
    analyze = analyzer()
    docs = []
    for nid, props in clauses:
        text = props.get("text_simplified") or props.get("text") or ""
        found = analyze.tokens(text)
        docs.append(ClauseDoc(
            id=nid, policy_id=str(props.get("policy_id")), tokens=" ".join(t for t, _, _ in found),
            spans=[x for _, s, e in found for x in (s, e)],
            facets=" ".join(sorted(common | extra.get(nid, set())))))
    return docs


@dataclass(frozen=True)
class Filters:
    """Search filters; each given one must hold for a clause."""

    region: str | None = None
    year: int | None = None
    instrument: str | None = None
    beneficiary: str | None = None
    in_force_on: str | None = None  # not a facet token: the stores check the clause's policy

    def tokens(self) -> list[str]:
        """The facet tokens a clause must carry."""
        return [facet_token(kind, value) for kind, value in
                (("region", self.region), ("year", self.year), ("instrument", self.instrument),
                 ("beneficiary", self.beneficiary)) if value not in (None, "")]


@dataclass(frozen=True)
class Stats:
    """Index statistics the common ranking uses: clauses, tokens over all clauses, clauses per term."""

    clauses: int
    tokens: int
    df: dict[str, int]


@dataclass(frozen=True)
class Candidate:
    """A match an index proposed: the clause id, how often each query term is among its index
    tokens (``term_counts``), and how many index tokens it has."""

    id: str
    counts: Mapping[str, int]
    length: int


def term_counts(tokens: str, terms: Sequence[str]) -> dict[str, int]:
    """How many of the index tokens ``tokens`` (space-separated) are each of ``terms``."""
    counts = Counter(tokens.split(" "))
    return {term: counts.get(term, 0) for term in terms}


def bm25(candidate: Candidate, terms: Sequence[str], stats: Stats) -> float:
    """Okapi BM25 (k1 1.2, b 0.75, idf ln(1 + (N - n + 0.5) / (n + 0.5)), exact lengths)."""
    if stats.clauses <= 0:
        return 0.0
    avgdl = max(stats.tokens / stats.clauses, 1e-9)
    counts = candidate.counts
    norm = K1 * (1 - B + B * candidate.length / avgdl)
    score = 0.0
    for term in terms:
        tf = counts.get(term, 0)
        if tf:
            n = stats.df.get(term, 0)
            idf = math.log(1 + (stats.clauses - n + 0.5) / (n + 0.5))
            score += idf * tf * (K1 + 1) / (tf + norm)
    return score


def rank(candidates: Iterable[Candidate], terms: Sequence[str], stats: Stats, limit: int) -> list[tuple[str, float]]:
    """(id, score) of the best ``limit`` candidates by ``bm25``, then by id."""
    scored = [(round(bm25(c, terms, stats), 9), c.id) for c in candidates]
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [(cid, score) for score, cid in scored[:limit]]


def match_spans(tokens: str, spans: Sequence[int], terms: Iterable[str]) -> list[list[int]]:
    """Character ranges of the query's tokens in the clause text, overlaps merged, in order."""
    wanted = set(terms)
    found = sorted([int(spans[2 * i]), int(spans[2 * i + 1])]
                   for i, token in enumerate(tokens.split(" ")) if token in wanted)
    merged: list[list[int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def make_snippet(text: str, spans: list[list[int]], width: int = SNIPPET_WIDTH) -> tuple[str, list[list[int]]]:
    """A window of ``text`` around the first match, and the match ranges inside it (offsets into the window)."""
    first = spans[0][0] if spans else 0
    start = max(0, min(first - width // 3, len(text) - width))
    snippet = text[start:start + width]
    highlights = [[max(s, start) - start, min(e, start + width) - start] for s, e in spans
                  if s < start + width and e > start]
    return snippet, highlights
