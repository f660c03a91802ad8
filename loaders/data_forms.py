"""Single patterns of the bundled data files (loaders/data/*.json), read by their key.

A rule that needs one regular expression of a vocabulary file takes it from here rather
than from that file's vocabulary object; a file without the key gives a pattern that never
matches, so an older data file still loads.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from .vocabulary_files import read_vocabulary

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def data_form(file: str, key: str, multiline: bool = False) -> re.Pattern[str]:
    """The regular expression under ``key`` in the bundled ``data/<file>``; raises
    ``ValueError`` naming the file and the key when it is not a valid pattern."""
    data, path = read_vocabulary(None, DATA_DIR / file, f"vocabulary {file}")
    try:
        return re.compile(str(data.get(key, "(?!)")), re.MULTILINE if multiline else 0)
    except re.error as err:
        raise ValueError(f"{path}: the form {key!r} is not a valid regular expression ({err}); "
                         f"restore the bundled {file}") from None
