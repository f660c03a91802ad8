"""Extraction accuracy and speed on a generated corpus of any size.

    .venv/bin/python benchmarks/accuracy_at_scale.py --policies 1000 --seed 1 [--out DIR] [--jobs 4]

Generates ``--policies`` synthetic policies with their truth (``policykg.generator``), reads
them in-process as ``policykg extract --format json`` does (Pipeline + ``document_dict``),
writes the prediction to ``OUT/prediction.json`` and scores it with the evaluation's
``score.py`` against ``OUT/truth``. Prints one summary line (units, leads, function accuracy,
instruments, citations, clause recall, documents/s). When units or instruments F1 is below
0.95, or with ``--worst``, it lists the most frequent misses: units, instruments, citations
and clauses that the extraction got wrong, with the text around them.
"""

from __future__ import annotations

import argparse
import importlib.util
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
DEFAULT_SCORE = REPO.parent / "shared" / "eval" / "score.py"
TARGET_F1 = 0.95


def _load_score(path: Path):
    if not path.is_file():
        raise SystemExit(f"accuracy_at_scale: score.py not found at {path}; pass --score PATH")
    spec = importlib.util.spec_from_file_location("policykg_eval_score", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


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


def failures(score, truth_dir: Path, predicted: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Every unit, instrument, citation and clause the prediction got wrong, using score.py's matching."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for gold_file in sorted(truth_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        pred = predicted.get(gold["source"], {})
        mapping, used = score.match_clauses(gold, pred)
        where = {"doc": gold["source"], "script": gold.get("script"), "encoding": gold.get("encoding"),
                 "units_form": gold.get("units_form")}
        for gc in gold["clauses"]:
            pc = mapping.get(gc["label"])
            if pc is None:
                out["clause"].append({**where, "label": gc["label"], "anchor": gc["anchors"][0]})
                continue
            gold_units = {score.norm_unit(u["name"]): u for grp in gc["groups"] for u in grp}
            pred_units = {score.norm_unit(r.get("name")): r for r in pc.get("responsible") or []}
            brackets = [p.get("units_text") for p in pc.get("provisions") or [] if p.get("units_text")]
            for name in sorted(set(gold_units) - set(pred_units)):
                out["unit_missed"].append({**where, "label": gc["label"], "unit": gold_units[name]["name"],
                                           "brackets": brackets})
            for name in sorted(set(pred_units) - set(gold_units) - {""}):
                out["unit_extra"].append({**where, "label": gc["label"], "unit": pred_units[name].get("name"),
                                          "brackets": brackets})
            for name in sorted(set(gold_units) & set(pred_units)):
                if gold_units[name]["function"] != pred_units[name].get("function"):
                    out["function"].append({**where, "unit": name, "gold": gold_units[name]["function"],
                                            "predicted": pred_units[name].get("function")})
        for i, pc in enumerate(pred.get("clauses") or []):
            if i not in used:
                for r in pc.get("responsible") or []:
                    out["unit_extra"].append({**where, "label": f"unmatched {pc.get('label')}", "unit": r.get("name"),
                                              "brackets": [_clause_text(pc)]})
        # instruments, matched as score.py does
        pred_ins = [(label, ins) for label, pc in mapping.items() for ins in pc.get("instruments") or []]
        taken: set[int] = set()
        for gi in gold["instruments"]:
            gnums = {k: float(v) for k, v in gi.items() if k in ("rate", "rate_min", "rate_max", "cap_yuan", "amount_yuan")}
            hit = None
            for j, (label, ins) in enumerate(pred_ins):
                if j not in taken and label == gi["clause"] and score.covers(score.numbers(ins), gnums):
                    hit = j
                    break
            if hit is None:
                got = [score.numbers(ins) for label, ins in pred_ins if label == gi["clause"] and score.numbers(ins)]
                out["instrument_missed"].append({**where, "label": gi["clause"], "template": gi.get("template"),
                                                 "gold": gnums,
                                                 "evidence": gi.get("evidence"), "predicted_in_clause": got,
                                                 "clause": _clause_text(mapping.get(gi["clause"]), 40)})
            else:
                taken.add(hit)
        for j, (label, ins) in enumerate(pred_ins):
            if j not in taken and score.numbers(ins):
                out["instrument_extra"].append({**where, "label": label, "predicted": score.numbers(ins),
                                                "text": (ins.get("text") or "")[:80]})
        gold_cit = {score.norm_docnum(c) for c in gold["citations"]}
        pred_cit = {score.norm_docnum(c["doc_number"]) for c in pred.get("citations") or [] if c.get("doc_number")}
        for num in sorted(gold_cit - pred_cit):
            out["citation_missed"].append({**where, "doc_number": num})
        for num in sorted(pred_cit - gold_cit):
            out["citation_extra"].append({**where, "doc_number": num})
        for key in ("title", "date", "doc_number"):
            g, p = gold.get(key), pred.get(key)
            same = score.norm_docnum(g) == score.norm_docnum(p) if key == "doc_number" else \
                score.norm_text(g) == score.norm_text(p)
            if (g or p) and not same:
                out["metadata"].append({**where, "field": key, "gold": g, "predicted": p})
    return out


def print_failures(found: dict[str, list[dict[str, Any]]], examples: int) -> None:
    """The misses by kind: how many, which values recur, and a few examples in full."""
    for kind in ("unit_missed", "unit_extra", "function", "instrument_missed", "instrument_extra",
                 "citation_missed", "citation_extra", "clause", "metadata"):
        items = found.get(kind) or []
        if not items:
            continue
        print(f"\n== {kind}: {len(items)}")
        key = {"unit_missed": "unit", "unit_extra": "unit", "function": "unit", "clause": "anchor",
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
    parser.add_argument("--out", help="folder for the corpus, truth and prediction (default: a temporary folder)")
    parser.add_argument("--jobs", type=int, default=1, help="extraction worker processes (default 1)")
    parser.add_argument("--score", default=str(DEFAULT_SCORE), help=f"score.py of the evaluation (default {DEFAULT_SCORE})")
    parser.add_argument("--worst", action="store_true", help="list the misses even when the target is met")
    parser.add_argument("--examples", type=int, default=6, help="examples printed per kind of miss (default 6)")
    args = parser.parse_args(argv)

    from policykg.generator import generate_corpus

    score = _load_score(Path(args.score))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.out) if args.out else Path(tmp)
        report = generate_corpus(args.policies, args.seed, out)
        print(f"generated: {report.summary()}")

        t0 = time.perf_counter()
        docs, failed = extract(report.files, args.jobs)
        seconds = time.perf_counter() - t0
        for reason in failed:
            print(f"cannot read {reason}", file=sys.stderr)
        prediction = out / "prediction.json"
        prediction.write_text(json.dumps({"documents": docs}, ensure_ascii=False), encoding="utf-8")

        run = subprocess.run([sys.executable, args.score, str(prediction), "--gold", str(report.truth_dir), "--json"],
                             capture_output=True, text=True, check=False)
        if run.returncode:
            raise SystemExit(f"accuracy_at_scale: score.py failed: {run.stderr.strip()}")
        summary = json.loads(run.stdout)["summary"]
        units, instruments = summary["units"], summary["instruments"]
        print(f"accuracy on {report.n} policies (seed {args.seed}): "
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
            predicted = {Path(d.get("source") or "").name: d for d in docs}
            print_failures(failures(score, report.truth_dir, predicted), args.examples)
        if args.out:
            print(f"\nprediction: {prediction}\nscore it: python3 {args.score} {prediction} --gold {report.truth_dir}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
