"""Scoring an extraction against hand-made gold: per-field precision, recall and F1.

``evaluate(predictions, gold)`` takes the documents ``policykg extract`` prints and the gold
documents (``evaluation_input.load_gold``) and returns ``{"summary", "documents"}``: micro
totals over all documents, and per document the same figures with every miss listed.
docs/evaluation.md gives the contract and the matching rules.
"""

from __future__ import annotations

from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from .evaluation_text import (
    norm_docnum,
    norm_passage,
    norm_region,
    norm_text,
    norm_title,
    norm_unit,
    numbers,
    same_numbers,
    same_title,
)

PRF_FIELDS = ("clauses", "units", "leads", "instruments", "citations")
METADATA_FIELDS = ("title", "doc_number", "date")
OPTIONAL_METADATA = ("region", "issuer")  # scored where the gold has the key
TITLE_SIMILARITY = 0.6  # two policies of one file: the closest title at least this alike


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    """Precision, recall and F1 rounded to 4 places, with the counts. Nothing to find and
    nothing found is 1.0."""
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def _accuracy(correct: int, of: int) -> dict[str, Any]:
    return {"correct": correct, "of": of, "acc": round(correct / of, 4) if of else None}


def _source(doc: dict[str, Any]) -> str:
    return Path(str(doc.get("source") or "")).name


# --- documents ----------------------------------------------------------------------------


def _same_policy(gold: dict[str, Any], pred: dict[str, Any]) -> float:
    """How well a predicted document of the gold's source fits it: 2 same part, 1.5 same title,
    else the title similarity (0 to 1)."""
    if gold.get("part") and pred.get("part"):
        return 2.0 if norm_text(str(gold["part"])) == norm_text(str(pred["part"])) else 0.0
    g, p = norm_text(gold.get("title")), norm_text(pred.get("title"))
    if g and g == p:
        return 1.5
    return SequenceMatcher(None, g, p, autojunk=False).ratio() if g and p else 0.0


def pair_documents(gold_docs: list[dict[str, Any]], pred_docs: list[dict[str, Any]]
                   ) -> tuple[list[tuple[dict[str, Any], dict[str, Any] | None]], list[dict[str, Any]]]:
    """Each gold document with its prediction (or None), and the predicted documents of the
    gold's sources that no gold document took. One gold and one prediction of a source are a
    pair; several of one source are paired by part, then by title. Predictions of sources the
    gold does not annotate are left out."""
    by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc in pred_docs:
        by_source[_source(doc)].append(doc)
    gold_by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for doc in gold_docs:
        gold_by_source[_source(doc)].append(doc)
    pairs: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
    extra: list[dict[str, Any]] = []
    for source, golds in gold_by_source.items():
        preds = list(by_source.get(source, []))
        if len(golds) == 1 and len(preds) == 1:
            pairs.append((golds[0], preds[0]))
            continue
        fits = sorted(((_same_policy(g, p), gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds)),
                      key=lambda t: -t[0])
        chosen: dict[int, int] = {}
        for fit, gi, pi in fits:
            if fit >= TITLE_SIMILARITY and gi not in chosen and pi not in chosen.values():
                chosen[gi] = pi
        pairs += [(g, preds[chosen[gi]] if gi in chosen else None) for gi, g in enumerate(golds)]
        extra += [p for pi, p in enumerate(preds) if pi not in chosen.values()]
    return pairs, extra


def document_key(gold: dict[str, Any], several: bool) -> str:
    """The name of a gold document in the result: its source, with its part or title when the
    source holds several policies."""
    source = _source(gold)
    return f"{source} [{gold.get('part') or gold.get('title')}]" if several else source


# --- one document -------------------------------------------------------------------------


def clause_key(clause: dict[str, Any]) -> str:
    """A gold clause's name for instruments to refer to: its id, else its label."""
    return str(clause.get("id") or clause["label"])


def match_clauses(gold: dict[str, Any], pred: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], set[int]]:
    """Gold clause key → predicted clause: the shortest not yet taken whose text holds one of
    the gold clause's anchors; and the indexes of the predicted clauses taken."""
    texts = [(norm_passage(c.get("text")), norm_passage(c.get("text_simplified"))) for c in pred.get("clauses") or []]
    used: set[int] = set()
    mapping: dict[str, dict[str, Any]] = {}
    for gc in gold["clauses"]:
        anchors = [a for a in (norm_passage(a) for a in gc["anchors"]) if a]
        hits = sorted((len(t or s), i) for i, (t, s) in enumerate(texts)
                      if i not in used and any(a in t or a in s for a in anchors))
        if hits:
            used.add(hits[0][1])
            mapping[clause_key(gc)] = pred["clauses"][hits[0][1]]
    return mapping, used


def gold_leads(clause: dict[str, Any]) -> set[str]:
    """The lead units of a gold clause: those flagged ``lead`` true; in a group where no unit
    carries the flag, its first unit (the shared contract's rule)."""
    leads = set()
    for group in clause.get("groups") or []:
        if any("lead" in u for u in group):
            leads |= {norm_unit(u["name"]) for u in group if u.get("lead")}
        elif group:
            leads.add(norm_unit(group[0]["name"]))
    return leads


def _responsible(pc: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], set[str]]:
    """A predicted clause's units by normalized name (first mention), and those flagged lead."""
    units: dict[str, dict[str, Any]] = {}
    leads = set()
    for r in pc.get("responsible") or []:
        name = norm_unit(r.get("name"))
        if name:
            units.setdefault(name, r)
            if r.get("lead"):
                leads.add(name)
    return units, leads


class _Counts:
    """The tallies of one document, and its misses."""

    def __init__(self) -> None:
        self.tp: dict[str, int] = defaultdict(int)
        self.fp: dict[str, int] = defaultdict(int)
        self.fn: dict[str, int] = defaultdict(int)
        self.misses: dict[str, list[Any]] = defaultdict(list)

    def compare(self, field: str, predicted: set[str], gold: set[str], where: dict[str, Any]) -> None:
        self.tp[field] += len(predicted & gold)
        self.fp[field] += len(predicted - gold)
        self.fn[field] += len(gold - predicted)
        self.misses[f"{field}_missed"] += [{**where, "name": n} for n in sorted(gold - predicted)]
        self.misses[f"{field}_extra"] += [{**where, "name": n} for n in sorted(predicted - gold)]


def _score_units(gold: dict[str, Any], pred: dict[str, Any], mapping: dict[str, dict[str, Any]],
                 used: set[int], counts: _Counts) -> dict[str, Any]:
    correct = of = 0
    for gc in gold["clauses"]:
        units = {norm_unit(u["name"]): u for group in gc.get("groups") or [] for u in group}
        pc = mapping.get(clause_key(gc)) or {}
        found, leads = _responsible(pc)
        where = {"clause": gc["label"]}
        counts.compare("units", set(found), set(units), where)
        counts.compare("leads", leads, gold_leads(gc), where)
        for name in sorted(set(found) & set(units)):
            of += 1
            if found[name].get("function") == units[name].get("function"):
                correct += 1
            else:
                counts.misses["functions"].append({**where, "name": name, "gold": units[name].get("function"),
                                                   "predicted": found[name].get("function")})
    for i, pc in enumerate(pred.get("clauses") or []):
        if i not in used:  # units of a clause the gold does not have are all false
            found, leads = _responsible(pc)
            where = {"clause": f"{pc.get('label')} (no gold clause)"}
            counts.compare("units", set(found), set(), where)
            counts.compare("leads", leads, set(), where)
    return _accuracy(correct, of)


def _score_instruments(gold: dict[str, Any], pred: dict[str, Any], mapping: dict[str, dict[str, Any]],
                       counts: _Counts) -> None:
    taken: set[int] = set()
    for gi in gold["instruments"]:
        want = numbers(gi)
        pc = mapping.get(str(gi["clause"]))
        hit = None
        if pc is not None:
            for ins in pc.get("instruments") or []:
                if id(ins) not in taken and same_numbers(numbers(ins), want):
                    hit = ins
                    break
        if hit is None:
            counts.fn["instruments"] += 1
            counts.misses["instruments_missed"].append(
                {"clause": gi["clause"], "gold": want,
                 "predicted_in_clause": [numbers(i) for i in (pc or {}).get("instruments") or [] if numbers(i)]})
        else:
            taken.add(id(hit))
            counts.tp["instruments"] += 1
    for pc in pred.get("clauses") or []:
        for ins in pc.get("instruments") or []:
            if numbers(ins) and id(ins) not in taken:
                counts.fp["instruments"] += 1
                counts.misses["instruments_extra"].append({"clause": pc.get("label"), "predicted": numbers(ins),
                                                           "text": (ins.get("text") or "")[:80]})


def _predicted_citations(pred: dict[str, Any]) -> list[dict[str, str]]:
    """The document's and its clauses' citations, each once (by 文号, else by title)."""
    seen: dict[str, dict[str, str]] = {}
    for c in [*(pred.get("citations") or []), *(c for pc in pred.get("clauses") or [] for c in pc.get("citations") or [])]:
        number, title = norm_docnum(c.get("doc_number")), norm_title(c.get("title"))
        if number or title:
            seen.setdefault(f"#{number}" if number else f"《{title}》", {"doc_number": number, "title": title})
    return list(seen.values())


def _score_citations(gold: dict[str, Any], pred: dict[str, Any], counts: _Counts) -> None:
    wanted = [{"doc_number": norm_docnum(c), "title": ""} if isinstance(c, str) else
              {"doc_number": norm_docnum(c.get("doc_number")), "title": norm_title(c.get("title"))}
              for c in gold["citations"]]
    by_title = any(w["title"] and not w["doc_number"] for w in wanted)
    found = _predicted_citations(pred)
    taken: set[int] = set()
    for w in wanted:
        hit = next((i for i, f in enumerate(found) if i not in taken and w["doc_number"]
                    and f["doc_number"] == w["doc_number"]), None)
        if hit is None and w["title"]:
            hit = next((i for i, f in enumerate(found) if i not in taken and f["title"] == w["title"]
                        and not (f["doc_number"] and w["doc_number"])), None)
        if hit is None:
            counts.fn["citations"] += 1
            counts.misses["citations_missed"].append(w)
        else:
            taken.add(hit)
            counts.tp["citations"] += 1
    for i, f in enumerate(found):
        # a gold that lists citations by 文号 only does not judge those a prediction has no 文号 for
        if i not in taken and (f["doc_number"] or by_title):
            counts.fp["citations"] += 1
            counts.misses["citations_extra"].append(f)


def _score_metadata(gold: dict[str, Any], pred: dict[str, Any], counts: _Counts) -> dict[str, Any]:
    out = {}
    for key in METADATA_FIELDS + tuple(k for k in OPTIONAL_METADATA if k in gold):
        # a title is compared as a cited title is: a title inside it may be printed 《》, 〈〉 or <>
        # (and with or without the issuers printed before its 关于)
        norm = {"doc_number": norm_docnum, "region": norm_region}.get(key, norm_text)
        g, p = gold.get(key), pred.get(key)
        g_text, p_text = (v if isinstance(v, str) else None for v in (g, p))
        ok = same_title(g_text, p_text) if key == "title" else norm(g_text) == norm(p_text)
        out[key] = _accuracy(int(ok), 1)
        if not ok:
            counts.misses["metadata"].append({"field": key, "gold": g, "predicted": p})
    return out


def score_document(gold: dict[str, Any], pred: dict[str, Any] | None) -> dict[str, Any]:
    """Every figure of one gold document against its prediction (None: nothing was predicted)."""
    pred = pred or {}
    counts = _Counts()
    mapping, used = match_clauses(gold, pred)
    counts.tp["clauses"] = len(mapping)
    counts.fn["clauses"] = len(gold["clauses"]) - len(mapping)
    counts.fp["clauses"] = len(pred.get("clauses") or []) - len(used)
    counts.misses["clauses_missed"] = [{"clause": gc["label"], "anchor": gc["anchors"][0]}
                                       for gc in gold["clauses"] if clause_key(gc) not in mapping]
    functions = _score_units(gold, pred, mapping, used, counts)
    _score_instruments(gold, pred, mapping, counts)
    _score_citations(gold, pred, counts)
    metadata = _score_metadata(gold, pred, counts)
    result: dict[str, Any] = {"source": _source(gold), "predicted": bool(pred)}
    result.update({f: prf(counts.tp[f], counts.fp[f], counts.fn[f]) for f in PRF_FIELDS})
    result["functions"] = functions
    result["metadata"] = metadata
    result["misses"] = {k: v for k, v in counts.misses.items() if v}
    return result


def score_extra(pred: dict[str, Any]) -> dict[str, Any]:
    """A predicted document no gold document took: everything it holds is a false positive."""
    result = score_document({"source": _source(pred), "clauses": [], "instruments": [], "citations": [],
                             "title": pred.get("title"), "doc_number": pred.get("doc_number"),
                             "date": pred.get("date")}, pred)
    result["metadata"] = {}
    result["misses"].pop("metadata", None)
    return result


# --- all documents ------------------------------------------------------------------------


def summarize(results: list[dict[str, Any]], documents: dict[str, int]) -> dict[str, Any]:
    """Micro totals: counts summed over documents, then P/R/F1 and accuracies."""
    summary: dict[str, Any] = {"documents": documents}
    for field in PRF_FIELDS:
        summary[field] = prf(*(sum(r[field][k] for r in results) for k in ("tp", "fp", "fn")))
    summary["functions"] = _accuracy(sum(r["functions"]["correct"] for r in results),
                                     sum(r["functions"]["of"] for r in results))
    keys = list(dict.fromkeys(k for r in results for k in r["metadata"]))
    summary["metadata"] = {k: _accuracy(sum(r["metadata"][k]["correct"] for r in results if k in r["metadata"]),
                                        sum(r["metadata"][k]["of"] for r in results if k in r["metadata"]))
                           for k in keys}
    # the figures under the names the shared evaluation prints, for the benchmark report
    summary["clause_recall"] = summary["clauses"]["r"]
    summary["function_acc"] = summary["functions"]["acc"]
    correct = sum(m["correct"] for m in summary["metadata"].values())
    of = sum(m["of"] for m in summary["metadata"].values())
    summary["metadata_acc"] = round(correct / of, 4) if of else None
    return summary


def evaluate(predictions: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, Any]:
    """Score predicted documents against gold documents: ``{"summary", "documents"}``."""
    pairs, extra = pair_documents(gold, predictions)
    per_source = defaultdict(int)
    for g in gold:
        per_source[_source(g)] += 1
    documents: dict[str, Any] = {}
    for g, p in pairs:
        documents[document_key(g, per_source[_source(g)] > 1)] = score_document(g, p)
    for i, p in enumerate(extra):
        documents[f"{_source(p)} [extra {i + 1}: {p.get('part') or p.get('title')}]"] = score_extra(p)
    counts = {"gold": len(gold), "matched": sum(p is not None for _, p in pairs), "extra_predicted": len(extra)}
    return {"summary": summarize(list(documents.values()), counts), "documents": documents}


def format_table(result: dict[str, Any]) -> str:
    """The summary as a text table: one row per field, then one line per document."""
    s = result["summary"]
    d = s["documents"]
    lines = [f"documents: {d['matched']} of {d['gold']} gold documents predicted, "
             f"{d['extra_predicted']} predicted documents without gold", "",
             f"{'field':<22}{'P':>8}{'R':>8}{'F1':>8}{'tp':>7}{'fp':>7}{'fn':>7}"]
    for field in PRF_FIELDS:
        f = s[field]
        lines.append(f"{field:<22}{f['p']:>8.4f}{f['r']:>8.4f}{f['f1']:>8.4f}{f['tp']:>7}{f['fp']:>7}{f['fn']:>7}")
    lines += ["", f"{'field':<22}{'accuracy':>8}{'correct':>9}{'of':>7}"]
    for name, a in [("functions", s["functions"]), *((f"metadata.{k}", v) for k, v in s["metadata"].items())]:
        acc = "–" if a["acc"] is None else f"{a['acc']:.4f}"
        lines.append(f"{name:<22}{acc:>8}{a['correct']:>9}{a['of']:>7}")
    lines += ["", "per document (F1): clauses units leads instruments citations"]
    for key, r in result["documents"].items():
        lines.append(f"  {key}: " + " ".join(f"{r[f]['f1']:.4f}" for f in PRF_FIELDS)
                     + ("" if r["predicted"] else "  (not predicted)"))
    return "\n".join(lines)
