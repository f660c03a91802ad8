"""Extraction scored against a generated corpus of any size, and its speed.

    .venv/bin/python benchmarks/accuracy_at_scale.py --policies 1000 --seed 1 [--style seed] [--out DIR] [--jobs 4]

Generates ``--policies`` synthetic policies with their truth (``policykg.generator``), reads
them in-process as ``policykg extract --format json`` does (Pipeline + ``document_dict``),
writes the prediction to ``OUT/prediction.json`` and scores it against ``OUT/truth`` with the
project's scorer (``policykg evaluate``; ``--score PATH`` for an external ``score.py`` of the
same contract). With ``--style independent`` (default) the truth is what the generator's own
templates wrote, apart from the extractor's vocabularies, so the figure tests the extractor on
names, phrasings and layouts it was not written from; with ``--style seed`` the truth comes from
the vocabularies the extractor uses, so the figure is a regression figure. Neither replaces the
hand-made gold of real documents (docs/evaluation.md). Prints one summary line (units, leads, function accuracy,
instruments, citations, clause recall, documents/s). When units or instruments F1 is below
0.95, or with ``--worst``, it lists the most frequent misses: units, instruments, citations
and clauses that the extraction got wrong, with the text around them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TARGET_F1 = 0.95


_PIPELINE = None


def _extract_one(path: str) -> dict[str, Any] | str:
    """The contract dict of one file, or the reason it could not be read."""
    global _PIPELINE
    from policykg.loaders.contract import document_dict
    from policykg.loaders.errors import ReadError
    from policykg.loaders.pipeline import Pipeline

    if _PIPELINE is None:
        _PIPELINE = Pipeline()
    try:
        return document_dict(_PIPELINE.read(path))
    except ReadError as err:
        return f"{path}: {err.reason}"


def extract(paths: list[Path], jobs: int) -> tuple[list[dict[str, Any]], list[str]]:
    """Read every file as ``policykg extract`` does; ``jobs`` > 1 uses worker processes."""
    names = [str(p) for p in paths]
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(_extract_one, names, chunksize=8))
    else:
        results = [_extract_one(p) for p in names]
    docs = [r for r in results if isinstance(r, dict)]
    failures = [r for r in results if isinstance(r, str)]
    return docs, failures


def _clause_text(pc: dict[str, Any] | None, limit: int = 60) -> str:
    if not pc:
        return "(no clause matched)"
    text = pc.get("text_simplified") or pc.get("text") or ""
    return text[:limit] + ("…" if len(text) > limit else "")


def score_summary(prediction: Path, truth: Path, score_py: Path | None = None) -> dict[str, Any]:
    """The summary of ``prediction`` against the gold in ``truth``: ``policykg evaluate`` (the
    project's scorer), or an external ``score.py`` of the same contract when given. Either runs
    in a process of its own, so the memory of a large prediction is given back."""
    if score_py is None:
        command = [sys.executable, "-m", "policykg.cli", "evaluate", str(prediction), str(truth), "--json"]
    elif not score_py.is_file():
        raise FileNotFoundError(f"score.py not found at {score_py}; pass --score PATH, or no --score for the "
                                "project's scorer")
    else:
        command = [sys.executable, str(score_py), str(prediction), "--gold", str(truth), "--json"]
    run = subprocess.run(command, capture_output=True, text=True, check=False)
    if run.returncode:
        raise RuntimeError(f"scoring failed: {run.stderr.strip()[-2000:]}")
    return json.loads(run.stdout)["summary"]


def _brackets(mapping: dict[str, dict[str, Any]], label: str) -> list[str]:
    """The 责任单位 brackets of the predicted clause matched to gold clause ``label``."""
    pc = mapping.get(label)
    if pc is None:
        return [label]
    return [p.get("units_text") for p in pc.get("provisions") or [] if p.get("units_text")]


def failures(truth_dir: Path, docs: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Every unit, lead, instrument, citation and clause the prediction got wrong, as the
    project's scorer finds them, with where each happened (script, encoding, units form)."""
    from policykg.evaluation import evaluate, match_clauses
    from policykg.evaluation_input import load_gold

    golds = {g["source"]: g for g in load_gold(truth_dir)}
    predicted = {Path(d.get("source") or "").name: d for d in docs}
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for result in evaluate(docs, list(golds.values()))["documents"].values():
        gold = golds.get(result["source"])
        if gold is None:
            continue
        pred = predicted.get(result["source"], {})
        mapping, _ = match_clauses(gold, pred)
        where = {"doc": gold["source"], "script": gold.get("script"), "encoding": gold.get("encoding"),
                 "units_form": gold.get("units_form")}
        misses = result["misses"]
        layout = {c["label"]: c.get("units_layout") for c in reversed(gold["clauses"])}  # misses name the label

        for m in misses.get("clauses_missed", []):
            out["clause"].append({**where, "label": m["clause"], "anchor": m["anchor"]})
        for kind, key in (("unit_missed", "units_missed"), ("unit_extra", "units_extra"),
                          ("lead_missed", "leads_missed"), ("lead_extra", "leads_extra")):
            out[kind] += [{**where, "units_form": where["units_form"] or layout.get(m["clause"]), "label": m["clause"],
                           "unit": m["name"], "brackets": _brackets(mapping, m["clause"])}
                          for m in misses.get(key, [])]
        out["function"] += [{**where, "unit": m["name"], "gold": m["gold"], "predicted": m["predicted"]}
                            for m in misses.get("functions", [])]
        for m in misses.get("instruments_missed", []):
            truth = next((i for i in gold["instruments"] if i["clause"] == m["clause"]
                          and all(i.get(k) == v for k, v in m["gold"].items())), {})
            out["instrument_missed"].append({**where, "label": m["clause"], "template": truth.get("template"),
                                             "gold": m["gold"], "evidence": truth.get("evidence"),
                                             "predicted_in_clause": m["predicted_in_clause"],
                                             "clause": _clause_text(mapping.get(m["clause"]), 40)})
        out["instrument_extra"] += [{**where, "label": m["clause"], "predicted": m["predicted"], "text": m["text"]}
                                    for m in misses.get("instruments_extra", [])]
        for kind, key in (("citation_missed", "citations_missed"), ("citation_extra", "citations_extra")):
            out[kind] += [{**where, "doc_number": m["doc_number"] or f"《{m['title']}》"} for m in misses.get(key, [])]
        out["metadata"] += [{**where, **m} for m in misses.get("metadata", [])]
    return {kind: items for kind, items in out.items() if items}


def print_failures(found: dict[str, list[dict[str, Any]]], examples: int) -> None:
    """The misses by kind: how many, which values recur, and a few examples in full."""
    for kind in ("unit_missed", "unit_extra", "lead_missed", "lead_extra", "function", "instrument_missed",
                 "instrument_extra", "citation_missed", "citation_extra", "clause", "metadata"):
        items = found.get(kind) or []
        if not items:
            continue
        print(f"\n== {kind}: {len(items)}")
        key = {"unit_missed": "unit", "unit_extra": "unit", "lead_missed": "unit", "lead_extra": "unit",
               "function": "unit", "clause": "anchor",
               "metadata": "field", "citation_missed": "doc_number", "citation_extra": "doc_number"}.get(kind)
        if key:
            common = Counter(str(i[key]) for i in items).most_common(8)
            print("   most frequent: " + "; ".join(f"{v} ×{n}" for v, n in common))
        for label, field in (("script/encoding", None), ("units form", "units_form"), ("template", "template")):
            if field == "units_form" and not kind.startswith("unit") or field == "template" and \
                    not kind.startswith("instrument") or field is not None and not any(i.get(field) for i in items):
                continue
            values = Counter(f"{i['script']}/{i['encoding']}" if field is None else str(i.get(field)) for i in items)
            print(f"   by {label}: " + ", ".join(f"{k} {v}" for k, v in sorted(values.items())))
        for item in items[:examples]:
            print("   - " + json.dumps(item, ensure_ascii=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policies", type=int, default=100, help="number of policies to generate (default 100)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--style", choices=["independent", "seed"], default="independent",
                        help="generator style (default independent; seed gives the regression figure)")
    parser.add_argument("--out", help="folder for the corpus, truth and prediction (default: a temporary folder)")
    parser.add_argument("--jobs", type=int, default=1, help="extraction worker processes (default 1)")
    parser.add_argument("--score", help="an external score.py of the evaluation contract (default: the project's scorer)")
    parser.add_argument("--worst", action="store_true", help="list the misses even when the target is met")
    parser.add_argument("--examples", type=int, default=6, help="examples printed per kind of miss (default 6)")
    args = parser.parse_args(argv)

    from policykg.generator import generate_corpus

    score_py = Path(args.score) if args.score else None
    if score_py is not None and not score_py.is_file():
        raise SystemExit(f"accuracy_at_scale: score.py not found at {score_py}; pass --score PATH, or no --score")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.out) if args.out else Path(tmp)
        report = generate_corpus(args.policies, args.seed, out, style=args.style)
        print(f"generated: {report.summary()}")

        t0 = time.perf_counter()
        docs, failed = extract(report.files, args.jobs)
        seconds = time.perf_counter() - t0
        for reason in failed:
            print(f"cannot read {reason}", file=sys.stderr)
        prediction = out / "prediction.json"
        prediction.write_text(json.dumps({"documents": docs}, ensure_ascii=False), encoding="utf-8")

        try:
            summary = score_summary(prediction, report.truth_dir, score_py)
        except (RuntimeError, OSError) as err:
            raise SystemExit(f"accuracy_at_scale: {err}") from err
        units, instruments = summary["units"], summary["instruments"]
        figure = "regression figure (seed-style truth)" if args.style == "seed" else "score against the independent truth"
        print(f"{figure} on {report.n} policies (seed {args.seed}): "
              f"units P/R/F1 {units['p']}/{units['r']}/{units['f1']}  leads F1 {summary['leads']['f1']}  "
              f"function_acc {summary['function_acc']}  "
              f"instruments P/R/F1 {instruments['p']}/{instruments['r']}/{instruments['f1']}  "
              f"citations F1 {summary['citations']['f1']}  clause_recall {summary['clause_recall']}  "
              f"metadata_acc {summary['metadata_acc']}  "
              f"extraction {len(docs) / seconds:.1f} documents/s ({args.jobs} process{'es' if args.jobs > 1 else ''})")
        below = units["f1"] < TARGET_F1 or instruments["f1"] < TARGET_F1
        if below:
            print(f"below the {TARGET_F1} target: the misses follow")
        if below or args.worst:
            print_failures(failures(report.truth_dir, docs), args.examples)
        if args.out:
            print(f"\nprediction: {prediction}\nscore it: policykg evaluate {prediction} {report.truth_dir}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
