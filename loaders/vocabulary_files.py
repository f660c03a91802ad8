"""Reading the vocabulary data files (loaders/data/*.json) with one kind of error message."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_vocabulary(path: str | Path | None, default: Path, what: str) -> tuple[dict[str, Any], Path]:
    """The parsed JSON of ``path`` (or the bundled ``default``) and the path read.

    A missing file raises ``FileNotFoundError`` and broken JSON ``ValueError``, each naming
    the file and what to do.
    """
    p = Path(path) if path is not None else default
    try:
        return json.loads(p.read_text(encoding="utf-8")), p
    except FileNotFoundError:
        raise FileNotFoundError(f"{p}: {what} not found; pass the path of an existing "
                                f"{default.name} file, or none for the bundled one") from None
    except json.JSONDecodeError as err:
        raise ValueError(f"{p}: not valid JSON ({err}); fix the file or restore the bundled {default.name}") from None
