"""Department vocabulary: function codes, canonical names and kinds of responsible bodies.

Everything language-specific lives in ``data/departments.json``; a user can pass an extended
copy to :meth:`DepartmentVocabulary.load` to add patterns, abbreviations or synonyms.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from policykg.errors import DataFileError

from .records import Region
from .unit_forms import CATALOGUE_FILE, CatalogueError, UnitForms
from .unit_labels import LABELS_FILE, LabelsError, UnitLabels

DATA_FILE = Path(__file__).resolve().parent / "data" / "departments.json"

_REQUIRED_KEYS = (
    "codes", "functions", "government_markers", "expansions", "synonyms", "level_prefixes",
    "departments", "bracket_labels", "unit_labels", "remarks", "remark_brackets", "alias_markers",
    "trailing_drop", "trailing_remarks", "collective_prefix", "level_chars", "place_level_chars", "org_suffix_chars",
    "collective_suffixes", "mentions",
)


_RESOLVE_CACHE_SIZE = 20_000  # distinct (unit name, region) pairs remembered


class VocabularyError(DataFileError, ValueError):
    """The department data file is missing, unreadable or inconsistent."""


@dataclass(frozen=True)
class _FunctionRule:
    code: str
    kind: str
    pattern: re.Pattern[str] | None


@dataclass(frozen=True)
class _Expansion:
    short: str
    full: str | None
    full_by_level: dict[str, str] | None
    whole: bool

    def expand(self, level: str | None) -> str | None:
        if self.full_by_level is not None:
            return self.full_by_level.get(level or "")
        return self.full


class DepartmentVocabulary:
    """Patterns and abbreviations that turn a unit name into (canonical, function, kind)."""

    def __init__(
        self,
        data: dict[str, Any],
        source: str = "<data>",
        forms: UnitForms | None = None,
        labels: UnitLabels | None = None,
    ) -> None:
        missing = [k for k in _REQUIRED_KEYS if k not in data]
        if missing:
            raise VocabularyError(
                f"{source}: missing keys {missing}; start from a copy of {DATA_FILE} and extend it"
            )
        self.source = source
        self.codes: list[str] = list(data["codes"])
        self._rules: list[_FunctionRule] = []
        for entry in data["functions"]:
            code = entry["code"]
            if code not in self.codes:
                raise VocabularyError(f"{source}: function code {code!r} is not listed under 'codes'")
            patterns = entry.get("patterns") or []
            compiled = re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None
            self._rules.append(_FunctionRule(code, entry.get("kind", "government"), compiled))
        if "other" not in self.codes:
            raise VocabularyError(f"{source}: the fallback function code 'other' must be listed under 'codes'")
        self._kinds = {r.code: r.kind for r in self._rules}
        for code in data.get("head_organs", {}):
            if code not in self.codes:
                raise VocabularyError(f"{source}: function code {code!r} of 'head_organs' is not listed under 'codes'")
        self._head_organs = [(code, re.compile(pattern)) for code, pattern in data.get("head_organs", {}).items()]
        self._government = re.compile("|".join(f"(?:{p})" for p in data["government_markers"]))
        self._expansions = [
            _Expansion(e["short"], e.get("full"), e.get("full_by_level"), bool(e.get("whole")))
            for e in data["expansions"]
        ]
        self._expansions.sort(key=lambda e: -len(e.short))
        self.synonyms: dict[str, str] = dict(data["synonyms"])
        self.level_prefixes: dict[str, str] = dict(data["level_prefixes"])
        self.departments: list[str] = sorted(set(data["departments"]) | {e.short for e in self._expansions},
                                             key=len, reverse=True)
        self.bracket_labels: list[str] = list(data["bracket_labels"])
        self.unit_labels = re.compile(data["unit_labels"])
        self.remarks = [re.compile(p) for p in data["remarks"]]
        self.remark_brackets = re.compile(data["remark_brackets"])
        self.alias_markers = re.compile(data["alias_markers"])
        # a remark in brackets that makes its unit the lead: 市科技局(牵头)
        self.lead_remark = re.compile(data.get("lead_remark") or "(?!)")
        self.lead_marks: str = data.get("lead_marks", "")
        # 逗号前为牵头单位,下同: the separator that ends the leads of every list of the document
        before = data.get("lead_before_separator") or {}
        self.lead_before_separator = re.compile(before.get("pattern") or "(?!)")
        self.lead_separators: dict[str, str] = dict(before.get("separators") or {})
        self.trailing_drop: list[str] = sorted(data["trailing_drop"], key=len, reverse=True)
        # 区经信局等区政府有关部门 → 区经信局
        self.trailing_drop_pattern = re.compile(data.get("trailing_drop_pattern") or "(?!)")
        self.trailing_remarks: list[str] = sorted(data["trailing_remarks"], key=len, reverse=True)
        # 区市相关管理部门 listed after named bodies: bodies named only by their kind, no unit
        self.kind_only = re.compile(data.get("kind_only_pattern") or "(?!)")
        self.collective_prefix: str = data["collective_prefix"]
        # names of no particular place that stand for "those of this region": 有关高校院所
        self.unplaced_collectives: tuple[str, ...] = tuple(data.get("unplaced_collectives", ["有关", "相关"]))
        self.level_chars: str = data["level_chars"]
        # 市直, 县级: a level followed by one of these qualifies bodies, it names no place (各县、市直有关部门)
        self.level_qualifiers: str = data.get("level_qualifiers", "")
        self.place_level_chars: str = data["place_level_chars"]
        self.org_suffix_chars: str = data["org_suffix_chars"]
        self.collective_suffixes: list[str] = sorted(data["collective_suffixes"], key=len, reverse=True)
        self.mentions: dict[str, Any] = dict(data["mentions"])
        # the department catalogue (function and form of a body's name) and the unit labels
        self.forms = forms or UnitForms.load(codes=self.codes)
        self.labels = labels or UnitLabels.load()
        # the same unit names recur in every clause of a policy and across policies; the
        # vocabulary is not changed after loading, so resolutions are remembered
        self._resolved: dict[tuple[str, tuple[str, str, str, str | None] | None], tuple[str, str, str]] = {}

    @classmethod
    def load(cls, path: Path | str | None = None) -> DepartmentVocabulary:
        """Read a vocabulary file (default: the bundled ``data/departments.json``).

        The department catalogue and the unit labels are read from the files its
        ``catalogue_file`` and ``labels_file`` keys name, relative to its folder
        (default: ``department_catalogue.json`` and ``unit_labels.json`` beside it, or the
        bundled ones when the folder has none).
        """
        path = Path(path) if path is not None else DATA_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as err:
            raise VocabularyError(f"{path}: department vocabulary not found; pass an existing JSON file") from err
        except json.JSONDecodeError as err:
            raise VocabularyError(f"{path}: not valid JSON ({err}); fix the file or use {DATA_FILE}") from err
        if not isinstance(data, dict) or any(k not in data for k in _REQUIRED_KEYS):
            return cls(data if isinstance(data, dict) else {}, str(path))  # raises: missing keys
        try:
            forms = UnitForms.load(_beside(path, data.get("catalogue_file"), CATALOGUE_FILE), list(data["codes"]))
            labels = UnitLabels.load(_beside(path, data.get("labels_file"), LABELS_FILE))
        except (CatalogueError, LabelsError) as err:
            raise VocabularyError(str(err)) from err
        try:
            return cls(data, str(path), forms, labels)
        except (KeyError, TypeError, re.error) as err:
            raise VocabularyError(f"{path}: malformed entry ({err}); compare with {DATA_FILE}") from err

    # -- public API ------------------------------------------------------------------

    def resolve(self, name: str, region: Region | None) -> tuple[str, str, str]:
        """Return ``(canonical, function, kind)`` for a unit name such as 市科技局.

        ``canonical`` is the region-qualified full name (荆州市科学技术局); a name that
        carries no level prefix (长江大学, 人行荆州市分行) is kept as written.
        """
        key = (name, (region.name, region.province, region.level, region.city) if region is not None else None)
        found = self._resolved.get(key)
        if found is None:
            if len(self._resolved) >= _RESOLVE_CACHE_SIZE:
                self._resolved.clear()
            found = self._resolved[key] = self._resolve(name, region)
        return found

    def _resolve(self, name: str, region: Region | None) -> tuple[str, str, str]:
        name = name.strip()
        qualifier, level, body = self.split_prefix(name, region)
        body = self.synonyms.get(body, body)
        if name in self.synonyms:
            qualifier, level, body = self.split_prefix(self.synonyms[name], region)
        function = self.function_of(qualifier + body if qualifier else body)
        if function == "other":
            function = self.function_of(name)
        kind = self.kind_of(name, function)
        if level is None:
            canonical = body if not qualifier else qualifier + body
            if region is not None and canonical.startswith(self.unplaced_collectives):
                # 有关高校院所, 相关单位: which ones depends on where the policy applies
                canonical = region.name + canonical
            return canonical, function, kind
        return self._qualify(qualifier, level, self.expand(body, level), region), function, kind

    def function_of(self, name: str) -> str:
        """The function code of ``name``: that of the longest catalogue name it holds
        (省科技厅政策法规处 → science_tech) unless the name ends with an organ of ``head_organs``
        after it (甲新区乙市政府 → local_government), else of the first rule whose pattern matches,
        else that of the domain words of a name with a body's form (市人才服务中心 → talent).

        A catalogue name of the code ``other`` (商务局, 退役军人事务局) names a known body that
        no scored function fits: the domain words no longer place it (人事 in 军人事务), but a
        merged bureau whose other half a pattern places takes that function (工信商务局 →
        industry_it)."""
        code, end = self.forms.catalogue_match(name)
        if code is not None and end < len(name):
            # the organ the name ends with decides over a zone or body named before it
            # (渤海新区黄骅市政府: a city's government, not the zone's administration)
            code = next((head for head, pattern in self._head_organs if pattern.search(name)), code)
        if code is not None and code != "other":
            return code
        for rule in self._rules:
            if rule.pattern is not None and rule.pattern.search(name):
                return rule.code
        if code is not None:
            return code
        return self.forms.domain_function(name) or "other"

    def kind_of(self, name: str, function: str) -> str:
        """government / university_institute / state_enterprise / association / other."""
        kind = self._kinds.get(function, "other")
        if kind == "other" and self._government.search(name):
            return "government"
        return kind

    def expand(self, body: str, level: str | None) -> str:
        """Replace abbreviations (科技局 → 科学技术局) in a name without its region prefix."""
        for exp in self._expansions:
            if exp.whole:
                if body == exp.short:
                    full = exp.expand(level)
                    return full if full is not None else body
                continue
        out, i = [], 0
        while i < len(body):
            for exp in self._expansions:
                if not exp.whole and body.startswith(exp.short, i):
                    full = exp.expand(level)
                    if full is not None:
                        out.append(full)
                        i += len(exp.short)
                        break
            else:
                out.append(body[i])
                i += 1
        return "".join(out)

    def is_department_term(self, name: str) -> bool:
        """True when ``name`` is exactly a known department name without region (教育局)."""
        return name in self.departments or self.forms.is_department_term(name)

    def split_prefix(self, name: str, region: Region | None) -> tuple[str, str | None, str]:
        """Split ``name`` into (qualifier, level, body).

        qualifier is a level character (市), a collective marker (各) or a full region
        name written out (荆州市); level is "province" / "city" / "county", "collective"
        or None when the name carries no prefix.
        """
        if name.startswith(self.collective_prefix) and len(name) > 1:
            return self.collective_prefix, "collective", name[1:]
        for full, level in self._region_names(region):
            if name.startswith(full) and len(name) > len(full):
                return full, level, name[len(full):]
        # another place written out (宜昌市科技局): keep the place, expand the department
        for i in range(2, min(5, len(name) - 1)):
            level = self.level_prefixes.get(name[i], "")
            if level and any(name.startswith(term, i + 1) for term in self.departments):
                return name[: i + 1], level, name[i + 1:]
        first = name[:1]
        if first in self.level_prefixes and len(name) > 1:
            # 市场监管局 is a department name, not 市 + 场监管局
            if not any(name.startswith(term) for term in self.departments if term[:1] == first):
                return first, self.level_prefixes[first], name[1:]
        return "", None, name

    # -- helpers ---------------------------------------------------------------------

    @staticmethod
    def _region_names(region: Region | None) -> list[tuple[str, str]]:
        if region is None:
            return []
        names = [(region.name, region.level), (region.province, "province")]
        if region.city:
            names.append((region.city, "city"))
        return sorted({n for n in names if n[0]}, key=lambda n: -len(n[0]))

    def _qualify(self, qualifier: str, level: str, body: str, region: Region | None) -> str:
        """Replace a level prefix by the region it stands for, when the region says so."""
        if region is None or level not in ("province", "city", "county", "collective"):
            return qualifier + body
        if qualifier not in self.level_prefixes and qualifier != self.collective_prefix:
            return qualifier + body  # already a written-out region name
        if level == "collective":
            return region.name + qualifier + body
        if level == "province":
            return region.province + body
        if level == "city":
            if region.level == "city" and region.name.endswith(qualifier):
                return region.name + body
            if region.level == "county" and region.city:
                return region.city + body
            return qualifier + body
        if region.level == "county" and region.name.endswith(qualifier):
            return region.name + body
        return qualifier + body


@lru_cache(maxsize=1)
def default_departments() -> DepartmentVocabulary:
    """The bundled department vocabulary, loaded once per process and shared by every reader
    that is not given one of its own."""
    return DepartmentVocabulary.load()


def _beside(vocab_path: Path, name: str | None, default: Path) -> Path:
    """A data file named by the vocabulary (relative to its folder), or the bundled default."""
    candidate = vocab_path.parent / (name or default.name)
    return candidate if name or candidate.exists() else default
