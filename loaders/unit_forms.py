"""What a responsible body's name looks like, and which function its name gives it.

A body is recognised by its form — region + domain words + organ suffix (局, 厅, 委员会,
管委会, 中心, 处…) — and by a catalogue of the standard departments at every level with
their former names and abbreviations (``data/department_catalogue.json``). The function of
a name is that of the longest catalogue name it contains, so an office written with its
bureau (省科技厅政策法规处) takes the bureau's function.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from policykg.errors import DataFileError

from .vocabulary_files import read_vocabulary
from .word_patterns import literal_alternation

CATALOGUE_FILE = Path(__file__).resolve().parent / "data" / "department_catalogue.json"

_BRACKETED = re.compile(r"[(（〈<〔\[【﹝][^)）〉>〕\]】﹞]*[)）〉>〕\]】﹞]")
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
# codes of bodies that are not a department of a government: a bare one of these
# (人民政府, 大学) is not a department term that borrows the level of its neighbour
_NOT_DEPARTMENT_CODES = frozenset(
    {"local_government", "development_zone", "university_institute", "state_enterprise", "association"}
)


class CatalogueError(DataFileError, ValueError):
    """The department catalogue is missing, unreadable or inconsistent."""


class UnitForms:
    """The department catalogue and the organ-suffix form of a body's name."""

    def __init__(self, data: dict[str, Any], codes: list[str] | None = None, source: str = "<data>") -> None:
        try:
            self.source = source
            self._code_of: dict[str, str] = {}
            for entry in data["departments"]:
                code = entry["code"]
                if codes is not None and code not in codes:
                    raise CatalogueError(f"{source}: function code {code!r} is not one of the vocabulary's codes")
                for name in entry["names"]:
                    self._code_of.setdefault(name, code)
            self._terms = re.compile(literal_alternation(self._code_of))
            self._domain_of: dict[str, str] = {}
            for code, words in data.get("domain_words", {}).items():
                if codes is not None and code not in codes:
                    raise CatalogueError(f"{source}: function code {code!r} is not one of the vocabulary's codes")
                for word in words:
                    self._domain_of.setdefault(word, code)
            self._domain = re.compile(literal_alternation(self._domain_of))
            self._suffix = re.compile("(?:" + literal_alternation(data["organ_suffixes"]) + ")$")
            self.office_suffixes: tuple[str, ...] = tuple(data["office_suffixes"])
            self.not_offices: tuple[str, ...] = tuple(data.get("not_offices", []))
            self._collective = [re.compile(p) for p in data.get("collective_forms", [])]
            self._not_units = frozenset(data.get("not_units", []))
            self._place_forms = [re.compile(p) for p in data.get("place_forms", [])]
            self.place_body_suffix: str = data.get("place_body_suffix", "")
            self.list_tails: tuple[str, ...] = tuple(sorted(data.get("list_tails", []), key=len, reverse=True))
            self.short_name_levels: frozenset[str] = frozenset(data.get("short_name_levels", []))
            levels = literal_alternation(self.short_name_levels) if self.short_name_levels else "(?!)"
            self._short_name = re.compile(rf"(?:{levels})(?:{literal_alternation(self._domain_of)})")
        except (KeyError, TypeError, re.error) as err:
            raise CatalogueError(f"{source}: malformed entry ({err}); compare with {CATALOGUE_FILE}") from err

    @classmethod
    def load(cls, path: Path | str | None = None, codes: list[str] | None = None) -> UnitForms:
        """Read a catalogue file (default: the bundled ``data/department_catalogue.json``)."""
        try:
            data, path = read_vocabulary(path, CATALOGUE_FILE, "department catalogue")
        except (FileNotFoundError, ValueError) as err:
            raise CatalogueError(str(err)) from err
        return cls(data, codes, str(path))

    def catalogue_function(self, name: str) -> str | None:
        """The code of the longest catalogue name inside ``name`` (the leftmost of equals), or None."""
        return self.catalogue_match(name)[0]

    def catalogue_match(self, name: str) -> tuple[str | None, int]:
        """The code of the longest catalogue name inside ``name`` (the leftmost of equals) and
        where that name ends; (None, 0) when none is."""
        best, best_len, best_end = None, 0, 0
        match = self._terms.match
        for i in range(len(name)):
            m = match(name, i)
            if m is not None and m.end() - i > best_len:
                best, best_len, best_end = m.group(0), m.end() - i, m.end()
        return (self._code_of[best], best_end) if best is not None else (None, 0)

    def domain_function(self, name: str) -> str | None:
        """For a name of a body's form outside the catalogue, the code of the longest domain
        word in it (市科技成果转化服务中心 → science_tech), or None."""
        if not self.looks_like_unit(name) and not self.is_short_name(name):
            return None
        best, best_len = None, 0
        for i in range(len(name)):
            m = self._domain.match(name, i)
            if m is not None and m.end() - i > best_len:
                best, best_len = m.group(0), m.end() - i
        return self._domain_of[best] if best is not None else None

    def catalogue_spans(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """(start, end) of each catalogue name in ``text[start:end]``, left to right, the
        longest where several start at one place."""
        return [m.span() for m in self._terms.finditer(text, start, end)]

    def is_catalogued(self, name: str) -> bool:
        """True when ``name`` is exactly a catalogue name (科技厅, 发改委)."""
        return name in self._code_of

    def is_department_term(self, name: str) -> bool:
        """True for a government department's name without region (教育厅), not 人民政府 or 大学."""
        code = self._code_of.get(name)
        return code is not None and code not in _NOT_DEPARTMENT_CODES

    def looks_like_unit(self, name: str) -> bool:
        """Whether ``name`` has the form of a body: a catalogue name or words + organ suffix.

        Bracketed parts (aliases, 含… remarks) are ignored; a bare suffix (单位, 局) is not a body.
        """
        name = _BRACKETED.sub("", name).strip()
        if not (2 <= len(name) <= 40) or name in self._not_units:
            return False
        if any(p.search(name) for p in self._collective):
            return True
        if not _CJK.match(name):
            return False
        if name in self._code_of:
            return True
        m = self._suffix.search(name)
        return m is not None and m.start() > 0

    def is_place_name(self, name: str) -> bool:
        """Whether ``name`` is a place's own name with its level (安平县, 屈原管理区) and no
        body's form: in a list of bodies it stands for that place's government."""
        return (not self.looks_like_unit(name) and name not in self._not_units
                and any(p.fullmatch(name) for p in self._place_forms))

    def place_body(self, name: str) -> str:
        """The name a place's function is read from (安平县 → 安平县政府)."""
        return name + self.place_body_suffix

    def is_short_name(self, name: str) -> bool:
        """A level and a domain word alone (市科技, 省工信): a department's short name."""
        return self._short_name.fullmatch(name) is not None

    def ends_like_unit(self, text: str) -> bool:
        """Whether ``text`` ends with an organ suffix (…管理局, …中心): a body's name may end there."""
        return self._suffix.search(text) is not None

    def strip_tail(self, item: str) -> str:
        """An item without its 等/等有关部门 tail: 市财政局等部门 → 市财政局."""
        for tail in self.list_tails:
            if item.endswith(tail) and len(item) > len(tail):
                return item[: -len(tail)]
        return item

    def is_collective(self, name: str) -> bool:
        """A name for a set of bodies rather than one (各有关部门, 各县(市、区))."""
        name = _BRACKETED.sub("", name).strip()
        return any(p.search(name) for p in self._collective)

    def is_office(self, name: str) -> bool:
        """An office inside a bureau (政策法规处, 成果转化科), not 办公室 or 实验室."""
        return name.endswith(self.office_suffixes) and not name.endswith(self.not_offices)
