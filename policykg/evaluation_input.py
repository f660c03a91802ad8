"""Reading what the evaluation compares: the extraction (``policykg extract``'s JSON) and the gold.

A gold file holds one annotated document, or ``{"documents": [...]}`` for several (a notice
that issues its attachments as policies of their own). A gold folder is every ``*.json`` in it.
The shapes are in docs/evaluation.md; a file that does not have them is refused with the
file and the place named, so the annotator can fix it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .errors import FileFormatError


class EvaluationInputError(FileFormatError, ValueError):
    """A prediction or gold file that cannot be read or does not have the contract's shape."""


def _read_json(path: str | Path, what: str) -> Any:
    try:
        text = sys.stdin.read() if str(path) == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise EvaluationInputError(f"cannot read the {what} {path}: {err.strerror or err}") from err
    except UnicodeDecodeError as err:
        raise EvaluationInputError(f"the {what} {path} is not UTF-8 text ({err.reason})") from err
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        where = "stdin" if str(path) == "-" else str(path)
        raise EvaluationInputError(f"the {what} {where} is not JSON: {err.msg} at line {err.lineno} "
                                   f"column {err.colno}") from err


def load_predictions(path: str | Path) -> list[dict[str, Any]]:
    """The documents of an extraction (a file, or ``-`` for stdin), as ``policykg extract`` prints them."""
    data = _read_json(path, "prediction")
    docs = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(docs, list) or not all(isinstance(d, dict) for d in docs):
        raise EvaluationInputError(f"the prediction {path} has no \"documents\" list: give the JSON that "
                                   "`policykg extract` prints")
    return docs


def _check_gold(doc: Any, where: str) -> dict[str, Any]:
    """One gold document with its lists defaulted; a wrong shape raises with ``where`` named."""
    if not isinstance(doc, dict) or not isinstance(doc.get("source"), str) or not doc["source"]:
        raise EvaluationInputError(f"{where}: a gold document is an object with a \"source\" (the file name)")
    doc = {**doc, "clauses": doc.get("clauses") or [], "instruments": doc.get("instruments") or [],
           "citations": doc.get("citations") or []}
    keys: set[str] = set()
    for i, clause in enumerate(doc["clauses"]):
        if not isinstance(clause, dict) or not clause.get("label") or not clause.get("anchors") \
                or not isinstance(clause.get("groups", []), list):
            raise EvaluationInputError(f"{where}: clause {i} needs a \"label\", a list of \"anchors\" and "
                                       "\"groups\" (lists of units)")
        key = str(clause.get("id") or clause["label"])
        if key in keys:
            raise EvaluationInputError(f"{where}: two clauses are called {key!r}: give each an \"id\" and "
                                       "refer to it from \"instruments\"")
        keys.add(key)
        for group in clause.get("groups") or []:
            if not isinstance(group, list) or not all(isinstance(u, dict) and u.get("name") for u in group):
                raise EvaluationInputError(f"{where}: clause {key!r}: a group is a list of units "
                                           "{\"name\", \"function\", \"lead\"?}")
    for instrument in doc["instruments"]:
        if not isinstance(instrument, dict) or str(instrument.get("clause")) not in keys:
            raise EvaluationInputError(f"{where}: instrument {instrument!r} names no clause of the document "
                                       "in \"clause\" (a clause's id, or its label)")
    for citation in doc["citations"]:
        if not isinstance(citation, str) and not (isinstance(citation, dict) and
                                                  (citation.get("doc_number") or citation.get("title"))):
            raise EvaluationInputError(f"{where}: a citation is a 文号 string or an object with a "
                                       "\"doc_number\" or a \"title\", not {citation!r}")
    return doc


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """The gold documents of a file or of every ``*.json`` in a folder (sorted by name)."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise EvaluationInputError(f"the gold folder {path} has no .json files")
    elif path.is_file():
        files = [path]
    else:
        raise EvaluationInputError(f"no gold file or folder at {path}")
    docs = []
    for file in files:
        data = _read_json(file, "gold file")
        items = data["documents"] if isinstance(data, dict) and isinstance(data.get("documents"), list) else [data]
        docs += [_check_gold(doc, f"{file}" + (f" document {i}" if len(items) > 1 else ""))
                 for i, doc in enumerate(items)]
    return docs
