"""Extraction accuracy on real policy documents against gold judged by hand (the dev set).

    .venv/bin/python benchmarks/real_documents.py TEXTS GOLD [--json] [--out FILE]
    POLICYKG_DEVSET=DIR .venv/bin/python benchmarks/real_documents.py    # DIR/texts, DIR/gold

``TEXTS`` is a folder of policy texts, ``GOLD`` a folder of gold files in the evaluation
contract (docs/evaluation.md), one per text, named after it in ``source``. The texts are real
documents that are not in the repository (their list, sources and hand counts are in
``benchmarks/devset_manifest.json``); either give both folders or set ``POLICYKG_DEVSET`` to a
folder holding ``texts/`` and ``gold/``. There is no default.

The script runs ``policykg extract`` on every text and ``policykg evaluate`` on the result, as
a user would, and prints precision and recall per field (units, leads, function codes,
instruments, clauses, citations), the accuracy of each metadata field, how many predicted
units have the function ``other``, and the documents each field misses most in.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ENV = "POLICYKG_DEVSET"
PRF_FIELDS = ("clauses", "units", "leads", "instruments", "citations")
TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


def policykg_command() -> list[str]:
    """The ``policykg`` command of this interpreter's environment (else the one on PATH)."""
    beside = Path(sys.executable).with_name("policykg")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("policykg")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from policykg.cli import main; sys.exit(main())"]


def resolve_folders(texts: str | None, gold: str | None, environ: dict[str, str]) -> tuple[Path, Path]:
    """The texts and gold folders from the arguments, else from ``POLICYKG_DEVSET``.

    Raises SystemExit with what to do when neither is given or a folder is missing."""
    if texts is None and gold is None:
        base = environ.get(ENV)
        if not base:
            raise SystemExit(f"give the texts and gold folders (real_documents.py TEXTS GOLD), "
                             f"or set {ENV} to a folder holding texts/ and gold/")
        texts, gold = str(Path(base) / "texts"), str(Path(base) / "gold")
    elif texts is None or gold is None:
        raise SystemExit("give both folders: real_documents.py TEXTS GOLD")
    folders = (Path(texts), Path(gold))
    for folder in folders:
        if not folder.is_dir():
            raise SystemExit(f"{folder} is not a folder: give the folder of texts and the folder of gold")
    return folders


def text_files(folder: Path) -> list[Path]:
    """The policy texts of a folder, in name order."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)


def run_extract(paths: list[Path], out: Path) -> list[str]:
    """``policykg extract PATHS > out``; returns the texts it refused (one stderr line each).

    ``extract`` reads every file it can and exits 1 when some were refused (no title and no
    clause, damaged …): those texts count as documents with nothing predicted, as a user would
    see them (one line each in the figures). Raises SystemExit with its message when it printed no extraction at all."""
    with out.open("w", encoding="utf-8") as sink:
        done = subprocess.run([*policykg_command(), "extract", *map(str, paths)], stdout=sink,
                              stderr=subprocess.PIPE, text=True)
    if done.returncode == 0:
        return []
    try:
        json.loads(out.read_text(encoding="utf-8"))["documents"]
    except (ValueError, KeyError, TypeError):
        raise SystemExit(f"policykg extract failed ({done.returncode}): {done.stderr.strip()}") from None
    return [line.strip() for line in done.stderr.splitlines() if "cannot read" in line]


def run_evaluate(prediction: Path, gold: Path) -> dict[str, Any]:
    """``policykg evaluate PREDICTION GOLD --json``, parsed."""
    done = subprocess.run([*policykg_command(), "evaluate", str(prediction), str(gold), "--json"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"policykg evaluate failed ({done.returncode}): {done.stderr.strip()}")
    return json.loads(done.stdout)


def function_counts(prediction: dict[str, Any], sources: set[str]) -> dict[str, int]:
    """Predicted units of the scored sources, and how many of them have the function ``other``."""
    units = other = 0
    for doc in prediction.get("documents", []):
        if Path(str(doc.get("source", ""))).name not in sources:
            continue
        for clause in doc.get("clauses", []):
            for unit in clause.get("responsible", []):
                units += 1
                other += unit.get("function") == "other"
    return {"units": units, "other": other}


def worst_documents(result: dict[str, Any], field: str, limit: int = 5) -> list[str]:
    """The documents with the most misses (false negatives) in a field, most first."""
    misses = [(doc.get(field, {}).get("fn", 0), name) for name, doc in result.get("documents", {}).items()]
    return [f"{name} ({n})" for n, name in sorted(misses, key=lambda m: (-m[0], m[1])) if n > 0][:limit]


def summary(result: dict[str, Any], functions: dict[str, int]) -> dict[str, Any]:
    """The figures the report needs: P/R/F1 per field, accuracies, the ``other`` count."""
    s = result["summary"]
    out: dict[str, Any] = {"documents": s["documents"]}
    for field in PRF_FIELDS:
        out[field] = s[field]
    out["functions"] = s["functions"]
    out["metadata"] = s["metadata"]
    out["predicted_units"] = functions["units"]
    out["units_other"] = functions["other"]
    out["worst"] = {field: worst_documents(result, field) for field in PRF_FIELDS}
    return out


def format_summary(figures: dict[str, Any]) -> str:
    """A plain-text table of the figures."""
    d = figures["documents"]
    lines = [f"documents: {d['matched']} of {d['gold']} gold documents predicted",
             *(f"refused by extract: {line}" for line in figures.get("refused", [])),
             "", f"{'field':<22}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for field in PRF_FIELDS:
        f = figures[field]
        lines.append(f"{field:<22}{f['p']:>8.3f}{f['r']:>8.3f}{f['f1']:>8.3f}{f['tp']:>6}{f['fp']:>6}{f['fn']:>6}")
    lines += ["", f"{'field':<22}{'accuracy':>9}{'correct':>9}{'of':>6}"]
    rows = [("functions", figures["functions"])]
    rows += [("metadata." + name, m) for name, m in figures["metadata"].items()]
    for name, f in rows:
        # no unit found in both (a set without 责任单位) leaves the function accuracy undefined
        acc = "-" if f["acc"] is None else f"{f['acc']:.3f}"
        lines.append(f"{name:<22}{acc:>9}{f['correct']:>9}{f['of']:>6}")
    lines += ["", f"predicted units with function 'other': {figures['units_other']} of {figures['predicted_units']}"]
    worst = [f"  {field}: {', '.join(docs)}" for field, docs in figures["worst"].items() if docs]
    if worst:
        lines += ["", "most misses (documents, false negatives):", *worst]
    return "\n".join(lines)


def measure(texts: Path, gold: Path, keep: Path | None = None) -> dict[str, Any]:
    """Extract every text, score against the gold and return the figures."""
    paths = text_files(texts)
    if not paths:
        raise SystemExit(f"no policy texts in {texts}")
    with tempfile.TemporaryDirectory() as tmp:
        prediction = (keep or Path(tmp) / "prediction.json")
        refused = run_extract(paths, prediction)
        result = run_evaluate(prediction, gold)
        predicted = json.loads(prediction.read_text(encoding="utf-8"))
    figures = summary(result, function_counts(predicted, {k.split(" [")[0] for k in result.get("documents", {})}))
    figures["refused"] = refused
    figures["result"] = result
    return figures


def main(argv: list[str] | None = None) -> int:
    """Command line: print the figures (a table, or JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("texts", nargs="?", help=f"folder of policy texts (else ${ENV}/texts)")
    parser.add_argument("gold", nargs="?", help=f"folder of gold files (else ${ENV}/gold)")
    parser.add_argument("--json", action="store_true", help="print every figure and every miss as JSON")
    parser.add_argument("--prediction", type=Path, help="also keep the extraction in this file")
    args = parser.parse_args(argv)
    texts, gold = resolve_folders(args.texts, args.gold, dict(os.environ))
    figures = measure(texts, gold, args.prediction)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))
    else:
        print(format_summary(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
