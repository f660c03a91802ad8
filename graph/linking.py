"""Links between policies: citations resolved to loaded policies, and near-duplicate clauses.

Both are derived from what is loaded, so each run replaces its previous result
(``GraphStore.rebuild_derived_links``); run them after every load batch.

* :func:`resolve_citations` — a cited document becomes ``CITES`` to a loaded Policy when
  its 文号 matches, else its normalised title; a loaded policy's title stem (the title
  without a generic document suffix such as 实施方案) named in running text is a
  ``running_text`` citation. A title (or stem) names ONE policy (:func:`choose_cited`):
  many places issue policies of the same title, so among several it is the one of the
  citing policy's own region, else of its province, else a national one, the latest first;
  with none of those it stays unresolved. Every link records ``candidates``, how many
  loaded policies the reference could have meant.
* :func:`link_similar_clauses` — clauses of different policies that copy each other
  (policy diffusion): MinHash LSH over character shingles finds candidates without
  comparing all pairs, the exact Jaccard similarity of the shingle sets confirms them.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import schema as S
from .model import normalize_doc_number, normalize_text, normalize_title, to_simplified
from .store import GraphStore, Link, Reference

# Generic endings of document titles, longest first; what precedes them is the policy's name
# as other documents use it in running text (…示范区建设方案 → 融入…示范区建设).
GENERIC_SUFFIXES: tuple[str, ...] = tuple(sorted((
    "若干政策措施", "若干措施", "政策措施", "措施", "实施方案", "行动方案", "工作方案", "方案", "实施意见",
    "指导意见", "意见", "实施细则", "细则", "管理办法", "暂行办法", "实施办法", "办法", "暂行规定", "规定",
    "行动计划", "工作计划", "计划", "条例", "决定", "通知", "规划", "纲要",
), key=len, reverse=True))
_TRAILING_QUALIFIER = re.compile(r"(试行|暂行|修订|\d{4}\d{4}年|\d{4}年)$")
MIN_STEM_CHARS = 10
_SEED = 4  # characters used to find stem candidates in running text
_VIA_RANK = {"doc_number": 0, "title": 1, "running_text": 2}
_WORD_CHAR = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ffff]")
_WORD_RUN = re.compile(_WORD_CHAR.pattern + "+")
_RESPONSIBLE = re.compile(r"[(（〔﹝\[](?:责任单位|牵头单位|责任部门|牵头部门)[^)）〕﹞\]]*[)）〕﹞\]]")


def split_title(title: str) -> tuple[str, str]:
    """(stem, suffix): the normalised title minus trailing qualifiers and one generic suffix."""
    stem = normalize_title(title)
    while _TRAILING_QUALIFIER.search(stem):
        stem = _TRAILING_QUALIFIER.sub("", stem)
    for suffix in GENERIC_SUFFIXES:
        if stem.endswith(suffix):
            return stem[: -len(suffix)], suffix
    return stem, ""


def title_stem(title: str) -> str | None:
    """The distinctive name of a policy: normalised title minus qualifiers and a generic suffix.

    None when what is left is shorter than ``MIN_STEM_CHARS`` (too generic to find in text).
    """
    stem, _ = split_title(title)
    return stem if len(stem) >= MIN_STEM_CHARS else None


def policy_link_keys(title: str | None, doc_number: str | None) -> set[str]:
    """The keys under which a policy can be cited: ``no:`` its normalised 文号, ``title:`` its
    normalised title, ``stem:`` its title stem (:func:`title_stem`). A citation of another
    policy can only change when a policy with one of its keys is written or removed."""
    keys = set()
    if doc_number:
        keys.add("no:" + normalize_doc_number(doc_number))
    if title:
        keys.add("title:" + normalize_title(title))
        stem = title_stem(title)
        if stem is not None:
            keys.add("stem:" + stem)
    return keys


def link_norm(text: str) -> str:
    """A text's words as running-text citations match them (what ``Clause.link_norm`` stores):
    a stem is mentioned in the text exactly when it is a substring of this."""
    return _normalize_with_map(text)[1]


def _normalize_with_map(text: str) -> tuple[str, str, list[int]]:
    """(source, normalised, offsets): ``normalize_text`` of ``text`` with, for each kept
    character, its offset in ``source`` (``text``, or its simplified form when NFKC changed the length)."""
    simplified = to_simplified(text)
    source = text if len(simplified) == len(text) else simplified
    chars: list[str] = []
    offsets: list[int] = []
    for run in _WORD_RUN.finditer(simplified.lower()):  # runs of kept characters, not one match a character
        chars.append(run.group())
        offsets.extend(range(run.start(), run.end()))
    return source, "".join(chars), offsets


@dataclass
class _Policy:
    id: str
    date: str | None
    title: str | None
    doc_number: str | None
    region: str | None = None
    province: str | None = None


@dataclass
class _Candidates:
    by_number: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_title: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # first characters of a stem → stem → [(policy id, its own generic suffix)]
    stems: dict[str, dict[str, list[tuple[str, str]]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list)))
    # first characters of a stem → the lengths of its stems, shortest first: a position of a text
    # is checked once per length, not once per stem (thousands of titles share their first words)
    stem_lengths: dict[str, list[int]] = field(default_factory=dict)


def _policies(store: GraphStore) -> dict[str, _Policy]:
    out = {}
    for node in store.all_policies():
        p = node["properties"]
        out[node["id"]] = _Policy(node["id"], p.get("date"), p.get("title"), p.get("doc_number"),
                                  p.get("region"), p.get("province"))
    return out


def _index(policies: dict[str, _Policy]) -> _Candidates:
    idx = _Candidates()
    for p in policies.values():
        if p.doc_number:
            idx.by_number[normalize_doc_number(p.doc_number)].append(p.id)
        if p.title:
            idx.by_title[normalize_title(p.title)].append(p.id)
            stem, suffix = split_title(p.title)
            if len(stem) >= MIN_STEM_CHARS:
                idx.stems[stem[:_SEED]][stem].append((p.id, suffix))
    for seed, stems in idx.stems.items():
        idx.stem_lengths[seed] = sorted({len(stem) for stem in stems})
    return idx


def _allowed(citing: _Policy, cited: _Policy) -> bool:
    """No self-citation; a policy cannot cite one issued after it (when both dates are known)."""
    if citing.id == cited.id:
        return False
    return not (citing.date and cited.date and cited.date > citing.date)


def _tier(citing: _Policy, cited: _Policy) -> int | None:
    """How close ``cited`` is to ``citing``: 0 its own region, 1 its province, 2 national; None: elsewhere."""
    if citing.region and cited.region == citing.region:
        return 0
    if citing.province and (cited.region or cited.province) == citing.province:
        return 1
    if not cited.region and not cited.province:
        return 2
    return None


def choose_cited(citing: _Policy, matches: list[_Policy]) -> tuple[_Policy | None, int]:
    """(the policy a title-only reference means, how many it could mean).

    The candidates are the matches the citing policy may cite (not itself, not issued after
    it). One candidate is the answer; among several, the nearest tier (``_tier``: own region,
    province, national) wins, the latest issued first (then the smallest id); when no
    candidate is in any tier the reference is ambiguous and resolves to None.
    """
    candidates = [p for p in matches if _allowed(citing, p)]
    if len(candidates) == 1:
        return candidates[0], 1
    ranked = [(tier, p) for p in candidates if (tier := _tier(citing, p)) is not None]
    if not ranked:
        return None, len(candidates)
    best = min(tier for tier, _ in ranked)
    nearest = sorted((p for tier, p in ranked if tier == best), key=lambda p: p.id)
    nearest.sort(key=lambda p: p.date or "", reverse=True)  # stable: equal dates keep id order
    return nearest[0], len(candidates)


class _Ordered:
    """Policies latest first (then by id), undated last, with their dates for a bisect."""

    def __init__(self, policies: list[_Policy]) -> None:
        self.items = sorted(policies, key=lambda p: p.id)
        self.items.sort(key=lambda p: p.date or "", reverse=True)  # stable: equal dates keep id order
        self.dates = sorted(p.date for p in policies if p.date)

    def later_than(self, date: str | None) -> int:
        """How many are dated after ``date`` (0 without a date): the first ones of ``items``."""
        return len(self.dates) - bisect_right(self.dates, date) if date else 0

    def first_allowed(self, citing: _Policy) -> _Policy | None:
        """The first of ``items`` that ``citing`` may cite (``_allowed``): the latest not after it, not itself."""
        k = self.later_than(citing.date)
        for p in self.items[k:k + 2]:
            if p.id != citing.id:
                return p
        return None


class _Choice:
    """:func:`choose_cited` over one fixed list of matches, answered without a scan of them: at
    100,000 policies a common title names thousands, and it is asked once per reference."""

    def __init__(self, matches: list[_Policy]) -> None:
        self.all = _Ordered(matches)
        self.ids = {p.id for p in matches}
        by_region: dict[str, list[_Policy]] = defaultdict(list)
        by_province: dict[str, list[_Policy]] = defaultdict(list)
        national: list[_Policy] = []
        for p in matches:
            if p.region:
                by_region[p.region].append(p)
            if p.region or p.province:
                by_province[p.region or p.province or ""].append(p)
            else:
                national.append(p)
        self.by_region = {k: _Ordered(v) for k, v in by_region.items()}
        self.by_province = {k: _Ordered(v) for k, v in by_province.items()}
        self.national = _Ordered(national)

    def choose(self, citing: _Policy) -> tuple[_Policy | None, int]:
        """The same answer as ``choose_cited(citing, matches)``."""
        count = len(self.all.items) - (citing.id in self.ids) - self.all.later_than(citing.date)
        if count == 1:
            return self.all.first_allowed(citing), 1
        tiers = [self.by_region.get(citing.region) if citing.region else None,
                 self.by_province.get(citing.province) if citing.province else None, self.national]
        for tier in tiers:
            chosen = tier.first_allowed(citing) if tier is not None else None
            if chosen is not None:
                return chosen, count
        return None, count


class _Choices:
    """One :class:`_Choice` per list of matches, built on its first use."""

    def __init__(self, policies: dict[str, _Policy]) -> None:
        self.policies = policies
        self.built: dict[Any, _Choice] = {}

    def choose(self, citing: _Policy, key: Any, ids: list[str] | tuple[str, ...]) -> tuple[_Policy | None, int]:
        choice = self.built.get(key)
        if choice is None:
            choice = self.built[key] = _Choice([self.policies[pid] for pid in ids])
        return choice.choose(citing)


class _LinkSet:
    """Keeps one CITES per (start, end), the one found by the strongest evidence."""

    def __init__(self) -> None:
        self.links: dict[tuple[str, str], Link] = {}

    def add(self, start: str, start_label: str, end: str, text: str, via: str, candidates: int) -> None:
        old = self.links.get((start, end))
        if old is None or _VIA_RANK[via] < _VIA_RANK[old.props["via"]]:
            self.links[(start, end)] = Link("CITES", start, end, start_label, S.POLICY,
                                            {"text": text, "via": via, "candidates": candidates})


def resolve_citations(store: GraphStore, write: bool = True, citing_ids: set[str] | None = None) -> list[Link]:
    """Resolve references to loaded policies; replace the derived CITES in ``store`` unless ``write`` is False.

    With ``citing_ids`` only the links from those policies (and their clauses) are computed
    (and replaced), each the same as resolving every policy's would give: a policy's links
    depend only on its own texts and references and on the loaded policies their keys name.
    Returns the links, sorted by (start, end).
    """
    policies = _policies(store)
    idx = _index(policies)
    links = _LinkSet()
    choices = _Choices(policies)
    wanted = None if citing_ids is None else sorted(pid for pid in citing_ids if pid in policies)
    for label in (S.CLAUSE, S.SECTION):
        texts = store.link_texts(label) if wanted is None else store.link_texts_of(label, wanted)
        for node_id, policy_id, text, _ in texts:
            citing = policies.get(policy_id)
            if citing is None:
                continue
            for owners, written in _running_text_mentions(text, idx):
                chosen, candidates = choices.choose(citing, tuple(owners), owners)
                if chosen is None:
                    continue
                if label == S.CLAUSE:
                    links.add(node_id, S.CLAUSE, chosen.id, written, "running_text", candidates)
                links.add(citing.id, S.POLICY, chosen.id, written, "running_text", candidates)
    running_text = links.links
    links = _LinkSet()

    references: list[Reference] = [] if wanted == [] else store.references_of(wanted)
    for start, start_label, policy_id, text, doc_number, doc_title in references:
        citing = policies.get(policy_id)
        if citing is None:
            continue
        numbered = idx.by_number.get(normalize_doc_number(doc_number), []) if doc_number else []
        if numbered:  # a 文号 names its document: every copy of it loaded
            allowed = [pid for pid in numbered if _allowed(citing, policies[pid])]
            for pid in allowed:
                links.add(start, start_label, pid, text, "doc_number", len(allowed))
        elif doc_title:
            title = normalize_title(doc_title)
            chosen, candidates = choices.choose(citing, ("title", title), idx.by_title.get(title, []))
            if chosen is not None:
                links.add(start, start_label, chosen.id, text, "title", candidates)

    for link in running_text.values():  # after the stated citations, as the stronger evidence
        links.add(link.start, link.start_label, link.end, link.props["text"], "running_text", link.props["candidates"])

    result = sorted(links.links.values(), key=lambda link: (link.start, link.end))
    if write:
        store.set_derived_links(cites=result, cites_of=wanted)
    return result


def _running_text_mentions(text: str, idx: _Candidates) -> list[tuple[list[str], str]]:
    """(ids of the loaded policies a stem found in ``text`` can name, words as written), one per stem."""
    if not idx.stems:
        return []
    source, norm, offsets = _normalize_with_map(text)
    found: dict[str, tuple[dict[str, None], str]] = {}
    for i in range(len(norm) - MIN_STEM_CHARS + 1):
        seed = norm[i:i + _SEED]
        lengths = idx.stem_lengths.get(seed)
        if lengths is None:
            continue
        stems = idx.stems[seed]
        for length in lengths:
            if i + length > len(norm):
                break
            stem = norm[i:i + length]
            owners = stems.get(stem)
            if owners is None:
                continue
            after = norm[i + len(stem):]
            written = source[offsets[i]: offsets[i + len(stem) - 1] + 1]
            # 《X条例》 is not 《X实施方案》: another document type right after the stem is another document
            other = next((s for s in GENERIC_SUFFIXES if after.startswith(s)), None)
            if other is None:
                named: Iterable[str] = (pid for pid, _ in owners)
            else:
                named = [pid for pid, own_suffix in owners if own_suffix and after.startswith(own_suffix)]
            # a dict as an ordered set: a stem borne by thousands of titles is merged in linear time
            known = found.setdefault(stem, ({}, written))[0]
            known.update(dict.fromkeys(named))
    return [(list(known), written) for known, written in found.values() if known]


# --- similar clauses -------------------------------------------------------------------------


def clause_shingles(text: str, label: str | None = None, n: int = 3) -> set[str]:
    """Character n-grams of a clause's words: no numbering label, no 责任单位 bracket, no punctuation."""
    text = to_simplified(text).strip()
    if label and text.startswith(to_simplified(label)):
        text = text[len(label):]
    norm = normalize_text(_RESPONSIBLE.sub("", text))
    return {norm[i:i + n] for i in range(len(norm) - n + 1)}


def jaccard_sorted(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard of two sets given as sorted arrays of unique values."""
    if not len(a) or not len(b):
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)  # |a ∪ b| from the sizes: no union set is built
    return common / (len(a) + len(b) - common)


DEFAULT_SIMILARITY = 0.25  # trigram Jaccard; see the score distribution in the docs


# MinHash LSH banding: 85 bands of 3 rows over 256 permutations make a pair a candidate with
# probability 0.85 at Jaccard 0.28, 0.99 at 0.37, but only 1% at 0.05 and 0.01% at 0.01 (the
# bulk of unrelated clause pairs), so candidates stay few even for 10^5 clauses.
LSH_PERMUTATIONS = 256
LSH_BANDS = (85, 3)
MAX_SIMILAR_PER_CLAUSE = 5
MAX_CANDIDATES = 20
MINHASH_CHUNK = 2000  # sets hashed at once
_BAND_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit multiplier folding a band's rows into one hash


def _identity(value: int) -> int:
    """The shingles are already 32-bit hashes (CRC-32)."""
    return value


def minhash_signatures(shingle_sets: list[np.ndarray], num_perm: int = LSH_PERMUTATIONS) -> np.ndarray:
    """datasketch MinHash signatures of sets of 32-bit shingle hashes, one uint32 row per set.

    Computed ``MINHASH_CHUNK`` sets at a time, so only one chunk of MinHash objects exists at once.
    """
    # datasketch brings scipy (about 50 MB): imported by the processes that link, not by every
    # process that reads the link keys (an API's)
    from datasketch import MinHash

    out = np.empty((len(shingle_sets), num_perm), dtype=np.uint32)
    for start in range(0, len(shingle_sets), MINHASH_CHUNK):
        chunk = MinHash.bulk([s.tolist() for s in shingle_sets[start:start + MINHASH_CHUNK]], num_perm=num_perm,
                             hashfunc=_identity)
        out[start:start + len(chunk)] = np.stack([m.hashvalues for m in chunk])
    return out


def band_hashes(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit hash per LSH band of each signature (n × ``bands``): equal bands, equal hashes.

    Band by band, so the only temporary is one column of n hashes (a 64-bit copy of every
    signature at once was 2.9 GB at 1.4 million clauses)."""
    n = len(signatures)
    hashes = np.empty((n, bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for band in range(bands):
            h = np.zeros(n, dtype=np.uint64)
            for r in range(rows):
                h = h * _BAND_MIX + signatures[:, band * rows + r].astype(np.uint64)
            hashes[:, band] = h
    return hashes


def signature_band_hashes(shingle_sets: list[np.ndarray], num_perm: int, bands: int, rows: int) -> np.ndarray:
    """``band_hashes(minhash_signatures(shingle_sets, num_perm), bands, rows)``, computed
    ``MINHASH_CHUNK`` sets at a time: the signatures of all sets never exist at once."""
    hashes = np.empty((len(shingle_sets), bands), dtype=np.uint64)
    for start in range(0, len(shingle_sets), MINHASH_CHUNK):
        chunk = shingle_sets[start:start + MINHASH_CHUNK]
        hashes[start:start + len(chunk)] = band_hashes(minhash_signatures(chunk, num_perm), bands, rows)
    return hashes


def lsh_candidates(hashes: np.ndarray, k: int) -> np.ndarray:
    """For each row i, the ``k`` smallest rows j > i sharing at least one band hash with it.

    Returns an n × k int32 matrix, ascending per row, padded with n. Bucket by bucket the
    ``k`` smallest larger members of a row's bucket are its band's candidates; merging those
    over the bands keeps the ``k`` smallest overall (each of them is among the ``k`` smallest
    of its own bucket), so nothing is lost by never materialising a bucket's pairs.
    """
    n, bands = hashes.shape
    candidates = np.full((n, k), n, dtype=np.int32)
    index = np.arange(n, dtype=np.int32)
    for band in range(bands):
        column = hashes[:, band]
        order = np.lexsort((index, column)).astype(np.int32)
        sorted_hashes = column[order]
        rows, values, steps = [], [], []
        for step in range(1, k + 1):
            same = sorted_hashes[:-step] == sorted_hashes[step:]
            if not same.any():
                break  # no bucket has step + 1 members
            rows.append(order[:-step][same])
            values.append(order[step:][same])
            steps.append(np.full(int(same.sum()), step - 1, dtype=np.int32))
        if not rows:
            continue
        row_ids, value_ids, columns = np.concatenate(rows), np.concatenate(values), np.concatenate(steps)
        touched = np.unique(row_ids)
        found = np.full((len(touched), k), n, dtype=np.int32)
        found[np.searchsorted(touched, row_ids), columns] = value_ids
        merged = np.sort(np.concatenate([candidates[touched], found], axis=1), axis=1)
        merged[:, 1:][merged[:, 1:] == merged[:, :-1]] = n  # the same candidate from two bands
        candidates[touched] = np.sort(merged, axis=1)[:, :k]
    return candidates


def link_similar_clauses(store: GraphStore, threshold: float = DEFAULT_SIMILARITY, *, ngram: int = 3,
                         num_perm: int = LSH_PERMUTATIONS, bands: tuple[int, int] = LSH_BANDS,
                         min_shingles: int = 20, max_per_clause: int = MAX_SIMILAR_PER_CLAUSE,
                         max_candidates: int = MAX_CANDIDATES, write: bool = True) -> list[Link]:
    """Find clauses of different policies whose shingle Jaccard is at least ``threshold``.

    MinHash LSH proposes candidate pairs (``bands`` = (b, r), b·r ≤ ``num_perm``) without
    comparing all pairs; the exact Jaccard of the shingle sets decides. Clauses with fewer
    than ``min_shingles`` shingles are skipped (too short to say anything).

    Copies are common (a city re-issues its province's clause word for word), and a
    template copied into thousands of policies must not turn into millions of links that
    say the same thing: clauses with identical shingles form one group, only one
    representative per group goes through LSH (scoring at most ``max_candidates``
    candidates), the members of a group are chained to each other with score 1.0, and in
    the end a clause keeps at most ``max_per_clause`` partners, the most similar first.
    Returns SIMILAR_TO links from the smaller id to the larger, sorted; writes them
    (replacing the old ones) unless ``write`` is False.

    Memory stays a few hundred bytes per clause beyond its shingles: the signatures and band
    hashes are numpy arrays, and candidates are kept as a fixed-width matrix.
    """
    clauses: dict[str, tuple[str, np.ndarray]] = {}
    for clause_id, policy_id, text, label in store.link_texts(S.CLAUSE):
        shingles = clause_shingles(text, label, ngram)
        if len(shingles) >= min_shingles:
            # shingles as a sorted array of 32-bit CRCs: 4 bytes each instead of a Python
            # string or int in a set, and the MinHash takes them as they are
            ids = np.unique(np.fromiter((zlib.crc32(x.encode("utf-8")) for x in shingles), dtype=np.uint32))
            clauses[clause_id] = (policy_id, ids)
    groups: dict[bytes, list[str]] = {}
    for cid in sorted(clauses):  # a digest, not the shingles, as the key: no second copy of them
        groups.setdefault(hashlib.blake2b(clauses[cid][1].tobytes(), digest_size=16).digest(), []).append(cid)
    links: list[Link] = []

    def link(a: str, b: str, score: float) -> None:
        if clauses[a][0] != clauses[b][0]:
            links.append(Link("SIMILAR_TO", min(a, b), max(a, b), S.CLAUSE, S.CLAUSE, {"score": round(score, 4)}))

    for members in groups.values():  # identical clauses: a chain through the group
        for i, a in enumerate(members):
            for b in members[i + 1: i + 1 + max_per_clause]:
                link(a, b, 1.0)
    reps = sorted(members[0] for members in groups.values())
    if len(reps) >= 2:
        hashes = signature_band_hashes([clauses[c][1] for c in reps], num_perm, *bands)
        candidates = lsh_candidates(hashes, max_candidates)
        del hashes
        for i, cid in enumerate(reps):
            own = clauses[cid][1]
            for j in candidates[i]:
                if j == len(reps):
                    break
                other = reps[j]
                score = jaccard_sorted(own, clauses[other][1])
                if score >= threshold:
                    link(cid, other, score)
    links = _best_per_clause(links, max_per_clause)
    links.sort(key=lambda link: (link.start, link.end))
    if write:
        store.set_derived_links(similar=links)
    return links


def _best_per_clause(links: list[Link], k: int) -> list[Link]:
    """Best links first, each kept while both its clauses have fewer than ``k`` links."""
    degree: dict[str, int] = {}
    kept = []
    for link in sorted(links, key=lambda link: (-link.props["score"], link.start, link.end)):
        if degree.get(link.start, 0) < k and degree.get(link.end, 0) < k:
            kept.append(link)
            degree[link.start] = degree.get(link.start, 0) + 1
            degree[link.end] = degree.get(link.end, 0) + 1
    return kept


def similarity_distribution(store: GraphStore, ngram: int = 3) -> list[dict[str, Any]]:
    """Every cross-policy clause pair with its exact Jaccard, best first (all pairs: for small corpora only)."""
    rows = [(n["id"], n["properties"]["policy_id"],
             clause_shingles(n["properties"].get("text_simplified") or n["properties"].get("text", ""),
                             n["properties"].get("label"), ngram))
            for n in store.find_nodes(S.CLAUSE, limit=None)]
    out = []
    for i, (a, pa, sa) in enumerate(rows):
        for b, pb, sb in rows[i + 1:]:
            if pa != pb:
                out.append({"a": min(a, b), "b": max(a, b), "score": jaccard(sa, sb)})
    return sorted(out, key=lambda r: -r["score"])


def link_all(store: GraphStore, threshold: float = DEFAULT_SIMILARITY, incremental: bool = True
             ) -> tuple[list[Link], list[Link]]:
    """Resolve citations and link similar clauses, replacing both kinds of derived links.

    The store runs the rebuild one at a time across processes (``rebuild_derived_links``), so
    loads running at once end with the links of the whole graph, each link once.

    Citations are relinked incrementally when the store can tell what changed since the links
    were last complete (``GraphStore.link_journal``): only the policies written, and those with
    a reference or a running text matching a key of a policy written or removed (found by index,
    ``citing_policies``), are resolved again, with the same result as resolving every policy.
    Otherwise, and with ``incremental=False``, every policy is; then the keys the nodes written
    before lacked are stored first (``prepare_link_keys``). Returns the CITES computed (in an
    incremental relink those of the policies resolved again) and every SIMILAR_TO."""
    state: dict[str, Any] = {}

    def scope() -> set[str] | None:
        journal = store.link_journal()
        state["version"] = journal.version
        if not (incremental and journal.known):
            store.prepare_link_keys()
            return None
        citing = set(journal.policies) | store.citing_policies(sorted(journal.keys))
        state["citing"] = citing
        return citing

    def compute() -> tuple[list[Link], list[Link]]:
        return (resolve_citations(store, write=False, citing_ids=state.get("citing")),
                link_similar_clauses(store, threshold, write=False))

    result = store.rebuild_derived_links(compute, scope)
    store.mark_links_complete(state.get("version"))
    return result
