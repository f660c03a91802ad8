"""Gazetteer of Chinese administrative divisions: names → ``Region`` records.

The data (``data/gazetteer.json``) lists every provincial-level and prefecture-level
division and the county-level divisions under them, each with a short name
(荆州市 → 荆州, 恩施土家族苗族自治州 → 恩施) and, where useful, aliases (恩施州).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from dataclasses import astuple
from functools import lru_cache
from pathlib import Path

from .records import Region
from .vocabulary_files import read_vocabulary
from .word_patterns import literal_alternation

DEFAULT_PATH = Path(__file__).parent / "data" / "gazetteer.json"
PREFIXES_PATH = Path(__file__).parent / "data" / "doc_number_prefixes.json"
# How much of a text ``most_named`` reads: the header, the notice and the first provisions.
_NAMED_SCAN = 6000
_TITLE_SPAN = re.compile(r"《[^《》\n]{0,120}》")
# 我区: a district or an autonomous region; the 本市 of 资本市场 (capital market) is no place
_SELF_REFERENCE = re.compile(r"(?<!资)(?:我|本|全)(市|省|县|州)")
_SELF_LEVEL = {"市": "city", "州": "city", "省": "province", "县": "county"}
_LEVEL_RANK = {"province": 0, "city": 1, "county": 2}
# Prefixes a title or issuer may carry before the place name (中共荆州市委, 中国共产党…).
_LEADING = ("中国共产党", "中共")
_LEADING_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?")  # a year a title opens with, before its place


class Gazetteer:
    """Look up administrative divisions by full name, short name or alias."""

    def __init__(self, regions: list[Region]) -> None:
        self.regions = regions
        self._full: dict[str, list[Region]] = {}
        self._short: dict[str, list[Region]] = {}
        for region in regions:
            self._full.setdefault(region.name, []).append(region)
        for region in regions:
            short = region.short
            if short and short != region.name and short not in self._full:
                self._short.setdefault(short, []).append(region)
        self._max_len = max((len(k) for k in [*self._full, *self._short]), default=0)
        self._names_re: re.Pattern[str] | None = None
        self._short_re: re.Pattern[str] | None = None
        # derived from the names, rebuilt when names are added (they are never removed)
        self._heads: frozenset[str] = frozenset()  # the first two characters of every name
        self._aliases: dict[tuple[object, ...], list[str]] = {}  # a region's other full names, by astuple
        self._derived_of: tuple[int, int] = (-1, -1)
        self._renamed: dict[str, Region] = {}  # a county's name with its suffix changed (县改市)
        self._renamed_lengths: tuple[int, ...] = ()

    @classmethod
    def load(cls, path: str | Path | None = None) -> Gazetteer:
        """Load a gazetteer file (default: the bundled one). The default is loaded once and cached."""
        if path is None:
            return _default()
        return cls._read(Path(path))

    @classmethod
    def _read(cls, path: Path) -> Gazetteer:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as err:
            raise FileNotFoundError(f"gazetteer file not found: {path}; pass an existing JSON file") from err
        except json.JSONDecodeError as err:
            raise ValueError(f"{path} is not valid JSON ({err}); fix the file or pass another path") from err
        regions: list[Region] = []
        aliases: list[tuple[str, Region]] = []
        for i, entry in enumerate(data.get("regions", [])):
            try:
                region = Region(
                    name=entry["name"],
                    province=entry["province"],
                    level=entry["level"],
                    short=entry.get("short") or entry["name"],
                    city=entry.get("city"),
                )
            except KeyError as err:
                raise ValueError(f"{path}: region #{i} lacks the field {err}; every entry needs "
                                 "name, province and level") from err
            if region.level not in _LEVEL_RANK:
                raise ValueError(f"{path}: region {region.name} has level {region.level!r}; "
                                 "use province, city or county")
            regions.append(region)
            aliases.extend((alias, region) for alias in entry.get("aliases", []))
        gazetteer = cls(regions)
        # a county later made a city (县改市: 海安县 → 海安市) is named with either suffix at the
        # start of a title or an issuer; not in running text, where 新兴市场 is no 新兴县
        names = {r.name for r in regions}
        for old_suffix, new_suffix in data.get("county_suffix_changes", {}).items():
            for region in regions:
                renamed = region.name.removesuffix(old_suffix) + new_suffix
                if region.level == "county" and region.name.endswith(old_suffix) and len(region.short) >= 2 \
                        and renamed not in names:
                    gazetteer._renamed[renamed] = dataclasses.replace(region, name=renamed)
        gazetteer._renamed_lengths = tuple(sorted({len(name) for name in gazetteer._renamed}, reverse=True))
        for alias, region in aliases:
            gazetteer._full.setdefault(alias, []).append(region)
            gazetteer._max_len = max(gazetteer._max_len, len(alias))
        return gazetteer

    def is_short_name(self, name: str) -> bool:
        """Whether ``name`` is a place's short name (韶关, 株洲, 嘉峪关), even one that ends like
        an organisation (关, 门)."""
        region = self.lookup(name)
        return region is not None and region.short == name

    def lookup(self, name: str, within: str | None = None) -> Region | None:
        """The region called ``name`` (full name, short name or alias), or None.

        When several share the name, the one inside ``within`` (a province or city name)
        wins, then the higher level (吉林 is the province, 荆州 the city, not 荆州区).
        """
        name = (name or "").strip()
        candidates = self._full.get(name) or self._short.get(name) or []
        if not candidates:
            return None
        if within:
            inside = [r for r in candidates if within in (r.province, r.city)]
            candidates = inside or candidates
        return min(candidates, key=lambda r: _LEVEL_RANK[r.level])

    def _refresh_derived(self) -> None:
        """Rebuild what is derived from the names when names were added since."""
        if (len(self._full), len(self._short)) == self._derived_of:
            return
        self._heads = frozenset(k[:2] for k in [*self._full, *self._short] if len(k) >= 2)
        aliases: dict[tuple[object, ...], list[str]] = {}
        for name, regions in self._full.items():
            for region in regions:
                if name != region.name:
                    aliases.setdefault(astuple(region), []).append(name)
        self._aliases = aliases
        self._derived_of = (len(self._full), len(self._short))

    def _match_at(self, text: str, pos: int, parent: Region | None) -> tuple[Region, int] | None:
        """The longest name at ``pos``, inside ``parent`` if given. A county's short name counts
        only right after the province or city it lies in (甘肃肃南…, 泉州石狮…): alone, such a
        name is often an ordinary word (公安, 长安)."""
        self._refresh_derived()
        if text[pos:pos + 2] not in self._heads:
            return None  # no name of two characters or more begins with these two
        for length in range(min(self._max_len, len(text) - pos), 1, -1):
            piece = text[pos:pos + length]
            candidates = list(self._full.get(piece, []))
            shorts = self._short.get(piece)
            if shorts:
                candidates += [r for r in shorts if r.level != "county" or (
                    parent is not None and _inside(r, parent) and not _organ_after(text, pos + length))]
            if parent is not None:
                candidates = [r for r in candidates if _inside(r, parent)]
            if candidates:
                return min(candidates, key=lambda r: _LEVEL_RANK[r.level]), length
        return None

    def find_in(self, text: str) -> Region | None:
        """The most specific region named at the start of ``text`` (a title or an issuer).

        湖北省荆州市… → 荆州市; 周口市人民政府办公室… → 周口市; 湖北·汉襄宜… → 湖北省.
        Counties are matched by full name only (公安, 长安 are ordinary words too).
        """
        match = self.prefix("".join((text or "").split()))
        return match[0] if match else None

    def prefix(self, text: str) -> tuple[Region, int] | None:
        """(most specific region, characters it takes) for the place names at the start of ``text``."""
        year = _LEADING_YEAR.match(text)  # 2023年甲市科技工作方案: the place after the year
        pos = year.end() if year else 0
        for lead in _LEADING:
            if text.startswith(lead, pos):
                pos += len(lead)
                break
        found: Region | None = None
        while True:
            match = self._match_at(text, pos, found) or (self._renamed_at(text, pos) if found is None else None)
            if match is None:
                return (found, pos) if found else None
            found, length = match
            pos += length

    def _renamed_at(self, text: str, pos: int) -> tuple[Region, int] | None:
        """A county named at ``pos`` with its suffix changed (海安市人民政府), not before 场 (市场)."""
        for length in self._renamed_lengths:  # the longest name first
            region = self._renamed.get(text[pos:pos + length])
            if region is not None and not text.startswith("场", pos + length):
                return region, length
        return None

    def most_named(self, text: str) -> Region | None:
        """The region whose full name (荆州市, 四川省, 郸城县) ``text`` uses most often outside
        《titles》, the more specific one on a tie; None when it names none.

        When the text speaks of itself (我市, 本省, 全县) only regions of that level count;
        otherwise a region must be named at least twice.

        The fallback for a policy whose header names no place: 本市…成都市… → 成都市.
        """
        if self._names_re is None:
            self._names_re = re.compile(literal_alternation(
                name for name, regions in self._full.items() if len(name) >= 3 or regions[0].level == "province"))
        head = _TITLE_SPAN.sub(lambda m: " " * len(m.group()), text[:_NAMED_SCAN])
        counts = Counter(m.group() for m in self._names_re.finditer(head))
        # 我市 / 本省 / 全县: the text says which level it speaks for
        hints = Counter(_SELF_LEVEL[m.group(1)] for m in _SELF_REFERENCE.finditer(head))
        if hints:
            level = hints.most_common(1)[0][0]
            counts = Counter({n: c for n, c in counts.items() if any(_speaks_as(r, level) for r in self._full[n])})
        else:
            counts = Counter({n: c for n, c in counts.items() if c >= 2})  # named once is no evidence
        if not counts:
            return None
        first = {name: head.find(name) for name in counts}
        best = max(counts, key=lambda n: (counts[n], _LEVEL_RANK[self._full[n][0].level], -first[n]))
        candidates = self._full[best]
        return min(candidates, key=lambda r: _LEVEL_RANK[r.level])


    def written_name(self, region: Region, text: str) -> str:
        """The name ``text`` calls ``region`` by: its full name when the text writes it, else
        the alias it writes most often (楚雄州 for 楚雄彝族自治州), else the full name."""
        if region.name in text:
            return region.name
        self._refresh_derived()
        aliases = list(dict.fromkeys(self._aliases.get(astuple(region), ())))
        counts = {alias: text.count(alias) for alias in aliases}
        best = max(counts, key=lambda alias: counts[alias], default=None)
        return best if best is not None and counts[best] else region.name

    def most_named_short(self, text: str) -> Region | None:
        """The province or city whose short name (青海, 吉安) ``text`` uses most often outside
        《titles》, at least twice and more often than any other; the levels a text names itself
        by (全省, 我市) only. The fallback for a text that names no place by its full name."""
        if self._short_re is None:
            names = [short for short, regions in self._short.items()
                     if len(short) >= 2 and any(r.level != "county" for r in regions)]
            self._short_re = re.compile(literal_alternation(names)) if names else re.compile("(?!)")
        head = _TITLE_SPAN.sub(lambda m: " " * len(m.group()), text[:_NAMED_SCAN])
        counts = Counter(m.group() for m in self._short_re.finditer(head))
        hints = Counter(_SELF_LEVEL[m.group(1)] for m in _SELF_REFERENCE.finditer(head))
        level = hints.most_common(1)[0][0] if hints else None
        if level:  # 全省: a text speaking for a province names it, however seldom
            counts = Counter({n: c for n, c in counts.items() if any(_speaks_as(r, level) for r in self._short[n])})
        ranked = counts.most_common(2)
        if not ranked or (level is None and ranked[0][1] < 2) or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        regions = [r for r in self._short[ranked[0][0]] if r.level != "county" and (level is None or _speaks_as(r, level))]
        return min(regions, key=lambda r: _LEVEL_RANK[r.level]) if regions else None


def _speaks_as(region: Region, level: str) -> bool:
    """Whether a text speaking for itself at ``level`` (我市, 全县) can be ``region``'s: a region of
    that level, or a municipality of province rank (重庆市) when the text says 市."""
    return region.level == level or (level == "city" and region.level == "province" and region.name.endswith("市"))


def region_of_doc_number(number: str, gazetteer: Gazetteer | None = None) -> Region | None:
    """The region a 文号's code stands for (川府发〔2023〕5号 → 四川省, 榕政综 → 福州市), by the
    longest prefix listed in data/doc_number_prefixes.json; None for national or unknown codes."""
    code = re.split(r"[〔\[［【(（]", "".join((number or "").split()), maxsplit=1)[0]
    prefixes, longest = _prefixes()
    gazetteer = gazetteer or Gazetteer.load()
    for length in range(min(longest, len(code)), 0, -1):
        name = prefixes.get(code[:length])
        if name:
            return gazetteer.lookup(name)
    return None


@lru_cache(maxsize=1)
def _prefixes() -> tuple[dict[str, str], int]:
    data, path = read_vocabulary(None, PREFIXES_PATH, "文号 prefix list")
    table: dict[str, str] = {}
    for group in ("provinces", "cities"):
        entries = data.get(group, {})
        if not isinstance(entries, dict):
            raise ValueError(f"{path}: '{group}' must map 文号 prefixes to region names")
        table.update(entries)
    return table, max((len(k) for k in table), default=0)


_ORGAN_ENDS = "厅局处部委办署院"  # one of these after a county's short name makes it an organ's (公安厅)


def _organ_after(text: str, end: int) -> bool:
    """Whether an organ's ending follows a name ending at ``end`` (甲省丙丁厅: an organ, no county)."""
    return end < len(text) and text[end] in _ORGAN_ENDS


def _inside(region: Region, parent: Region) -> bool:
    if _LEVEL_RANK[region.level] <= _LEVEL_RANK[parent.level]:
        return False
    if parent.level == "province":
        return region.province == parent.name
    return region.city == parent.name


@lru_cache(maxsize=1)
def _default() -> Gazetteer:
    return Gazetteer._read(DEFAULT_PATH)
