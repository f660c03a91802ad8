"""Synthetic policy corpus: realistic 科技成果转化 policies with their truth, for measuring
extraction and load/API performance at any scale.

``generate_corpus(n, seed, out, style=...)`` writes ``out/policy_00001.txt`` … and, for each, the
truth in the evaluation contract's gold shape under ``out/truth/`` (``policykg evaluate PRED
out/truth`` scores an extraction of ``out``). Two styles:

- ``independent`` (default, ``generator_independent``): names, phrasings and layouts of
  ``generator_vocab.json``, written apart from the extractor's vocabularies; the truth is what
  the templates wrote, so the score is a test of the extractor.
- ``seed`` (below): the truth shares the extractor's vocabularies, so the score is a regression
  figure. Its documents are built from:

- regions of the gazetteer (province, city and county level, with their real province);
- clause sentences, headings and part headings of the bundled seed policies, read with the
  real pipeline (``generator_material``), never carrying a number the truth does not know;
- incentive sentences, departments and document furniture of ``generator_data.json``,
  with numbers drawn per document (``generator_text``, ``generator_units``);
- citations of older generated policies by 文号 and title.

About 20% are written in traditional characters (some with pinyin debris such as 發(fā)),
about 30% in GB18030, some UTF-8 files with a BOM, some with CRLF line ends. The same
``n`` and ``seed`` give byte-identical files.
"""

from __future__ import annotations

import bisect
import json
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .generator_text import (
    add_pinyin_debris,
    chinese_numeral,
    encode,
    render_incentive,
    set_width,
    to_simplified_chars,
    to_traditional,
)

if TYPE_CHECKING:  # the seed style reads the extractor's vocabularies: imported only when used
    from .generator_material import SeedMaterial
    from .generator_units import Place, UnitPicker, UnitStyle
    from .loaders.records import Region

DATA_PATH = Path(__file__).resolve().parent / "generator_data.json"
FIRST_DAY = date(2016, 1, 1)
LAST_DAY = date(2025, 12, 31)
_EXCLUDED_PROVINCES = ("台湾省", "香港特别行政区", "澳门特别行政区")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{8,}")
_FILE_PATTERN = "policy_*"


@dataclass
class GenerationReport:
    """What ``generate_corpus`` wrote."""

    n: int
    seed: int
    out: Path
    truth_dir: Path
    files: list[Path] = field(default_factory=list)
    bytes_written: int = 0
    seconds: float = 0.0
    seed_seconds: float = 0.0  # reading the seed policies (once per process), part of ``seconds``
    encodings: Counter = field(default_factory=Counter)
    scripts: Counter = field(default_factory=Counter)
    levels: Counter = field(default_factory=Counter)
    clauses: int = 0
    units: int = 0
    instruments: int = 0
    citations: int = 0

    @property
    def policies_per_second(self) -> float:
        """Writing speed, without the one-off reading of the seed policies."""
        writing = self.seconds - self.seed_seconds
        return self.n / writing if writing > 0 else 0.0

    def summary(self) -> str:
        """One line for a terminal."""
        enc = ", ".join(f"{k} {v}" for k, v in sorted(self.encodings.items()))
        lev = ", ".join(f"{k} {v}" for k, v in sorted(self.levels.items()))
        return (f"{self.n} policies ({lev}; {enc}; traditional {self.scripts.get('traditional', 0)}), "
                f"{self.bytes_written / 1e6:.1f} MB, {self.clauses} clauses, {self.units} units, "
                f"{self.instruments} instruments, {self.citations} citations in {self.seconds:.1f} s ("
                + (f"seeds read in {self.seed_seconds:.1f} s, then " if self.seed_seconds else "")
                + f"{self.policies_per_second:.0f} policies/s) "
                f"→ {self.out} (truth in {self.truth_dir})")


@dataclass
class _Plan:
    """What is decided for a policy before its text is written (others may cite it)."""

    index: int
    name: str
    place: Place
    issued: date
    title: str
    has_cover: bool
    doc_number: str | None
    issuer: str
    cites: list[tuple[int, str]] = field(default_factory=list)  # (cited index, form)


@lru_cache(maxsize=2)
def load_data(path: Path = DATA_PATH) -> dict[str, Any]:
    """Read the generator vocabulary (``generator_data.json``)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ValueError(f"cannot read the generator vocabulary {path}: {err}; restore the file from the "
                         "policykg package") from None


# -- places ------------------------------------------------------------------------------------


def _level_prefix(region: Region) -> str | None:
    name = region.name
    if region.level == "province":
        return "省" if name.endswith("省") else None
    if region.level == "city":
        return "市" if name.endswith("市") else ("州" if name.endswith("自治州") else None)
    for suffix in ("县", "区", "市"):
        if name.endswith(suffix):
            return suffix
    return None


@lru_cache(maxsize=1)
def places() -> dict[str, list[Place]]:
    """Every gazetteer region a synthetic policy can come from, by level, in gazetteer order
    (the seed style)."""
    from .generator_units import Place
    from .loaders.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    by_name = {r.name: r for r in gazetteer.regions if r.level != "county"}
    cities_of: dict[str, list[Region]] = {}
    for r in gazetteer.regions:
        if r.level == "city" and r.name.endswith("市"):
            cities_of.setdefault(r.province, []).append(r)
    out: dict[str, list[Place]] = {"province": [], "city": [], "county": []}
    for r in gazetteer.regions:
        prefix = _level_prefix(r)
        if prefix is None or r.province in _EXCLUDED_PROVINCES:
            continue
        if r.level == "county":
            city = by_name.get(r.city or "")
            if city is None or city.level != "city":
                continue  # districts of a municipality: no city to qualify 人行…分行 with
            out["county"].append(Place(r, prefix, city))
        elif r.level == "city":
            out["city"].append(Place(r, prefix, r))
        else:
            out["province"].append(Place(r, prefix, None, cities_of.get(r.name, [])))
    return out


def _doc_code(data: dict[str, Any], rng: random.Random, place: Place) -> str:
    region = place.region
    if region.level == "province":
        abbr = data["province_abbreviations"].get(region.name, region.short[:1])
    elif region.level == "city":
        abbr = region.short[:1]
    else:
        abbr = region.short if len(region.short) <= 3 else region.short[:2]
        abbr = abbr[:-1] if abbr[-1] in "县区市" and len(abbr) > 2 else abbr
    return rng.choice(data["doc_number_codes"][region.level]).format(abbr=abbr)


def _doc_word(data: dict[str, Any], title: str) -> str:
    for ending, word in data["doc_word_by_ending"]:
        if title.endswith(ending) or title.rstrip(")").split("(")[0].endswith(ending):
            return word
    return "措施"


# -- planning ----------------------------------------------------------------------------------


def _plan(n: int, seed: int, data: dict[str, Any]) -> list[_Plan]:
    rng = random.Random(seed)
    pool = places()
    levels = sorted(data["level_mix"])
    span = (LAST_DAY - FIRST_DAY).days
    days = sorted(rng.randrange(span + 1) for _ in range(n))
    titles: set[str] = set()
    numbers: set[str] = set()
    plans: list[_Plan] = []
    for i in range(n):
        level = rng.choices(levels, weights=[data["level_mix"][k] for k in levels])[0]
        place = rng.choice(pool[level])
        issued = FIRST_DAY + timedelta(days=days[i])
        title = ""
        for _ in range(10):  # prefer a new title; a region may also reissue one (a later version)
            topic = rng.choice(data["title_topics"])
            title = place.region.name + topic.format(y=issued.year, y2=issued.year + 2)
            if title not in titles:
                break
        titles.add(title)
        has_cover = rng.random() < 0.75
        doc_number = None
        if has_cover and rng.random() < 0.8:
            code = _doc_code(data, rng, place)
            serial = rng.randint(1, 60)
            while f"{code}〔{issued.year}〕{serial}号" in numbers:
                serial += 1
            doc_number = f"{code}〔{issued.year}〕{serial}号"
            numbers.add(doc_number)
        issuer = rng.choice(data["issuers"][level]).format(name=place.region.name)
        plans.append(_Plan(i, f"policy_{i + 1:05d}", place, issued, title, has_cover, doc_number, issuer))
    _plan_citations(rng, plans)
    return plans


_RANK = {"province": 0, "city": 1, "county": 2}


def _may_cite(citing: Place, cited: Place) -> bool:
    """A policy cites its own province's policies, and those of its own city or county."""
    if cited.region.province != citing.region.province:
        return False
    if cited.level == "province":
        return True
    if cited.level == "city":
        return (citing.city or citing.region).name == cited.region.name
    return cited.region.name == citing.region.name


def _plan_citations(rng: random.Random, plans: list[_Plan]) -> None:
    """Let some policies cite older ones of their province, city or county: by 文号 with the
    notice or the policy title, or by title only."""
    by_province: dict[str, list[int]] = {}
    first_same_day = 0
    for plan in plans:
        i = plan.index
        if i and plans[i - 1].issued != plan.issued:
            first_same_day = i
        province = plan.place.region.province
        older = by_province.get(province, [])
        older = older[:bisect.bisect_left(older, first_same_day)]  # strictly older
        eligible = [j for j in older if _may_cite(plan.place, plans[j].place)] if older else []
        if eligible and rng.random() < 0.5:
            numbered = [j for j in eligible if plans[j].doc_number]
            for _ in range(rng.choice([1, 1, 2, 3])):
                form = rng.choices(["notice", "title", "title_only"], weights=[50, 35, 15])[0]
                candidates = eligible if form == "title_only" else numbered
                if candidates:
                    j = rng.choice(candidates)
                    if j not in [c for c, _ in plan.cites]:
                        plan.cites.append((j, form))
        by_province.setdefault(province, []).append(i)


# -- writing one policy -------------------------------------------------------------------------


@dataclass
class _Doc:
    """A policy being written: simplified text with half-width punctuation, plus its truth."""

    plan: _Plan
    rng: random.Random
    data: dict[str, Any]
    material: SeedMaterial
    picker: UnitPicker
    style: UnitStyle
    percent: str
    used_sentences: set[int] = field(default_factory=set)
    used_headings: set[tuple[str, int]] = field(default_factory=set)
    used_incentives: set[str] = field(default_factory=set)
    clauses: list[dict[str, Any]] = field(default_factory=list)
    instruments: list[dict[str, Any]] = field(default_factory=list)
    anchor_sources: list[list[str]] = field(default_factory=list)

    def words(self) -> dict[str, str]:
        place = self.plan.place
        return {"lvl": place.prefix, "place": place.region.short, "my": "我" + place.prefix,
                "all": "全" + place.prefix, "this": "本" + place.prefix}

    def fill(self, text: str) -> str:
        for key, value in self.words().items():
            text = text.replace("{" + key + "}", value)
        return text

    def sentence(self) -> str:
        pool = self.material.sentences
        for _ in range(50):
            k = self.rng.randrange(len(pool))
            if k not in self.used_sentences:
                self.used_sentences.add(k)
                return self.fill(pool[k])
        raise ValueError("the seed material has too few sentences for a document this long; "
                         "use more seed policies")

    def heading(self, kind: str) -> str:
        """An unused clause heading (kind "clause") or part heading (kind "part")."""
        pool = self.material.headings if kind == "clause" else self.material.part_headings
        for _ in range(50):
            k = self.rng.randrange(len(pool))
            if (kind, k) not in self.used_headings:
                self.used_headings.add((kind, k))
                return self.fill(pool[k])
        return self.fill(self.rng.choice(pool))


def _reference(plans: list[_Plan], cited: int, form: str) -> tuple[str, str | None]:
    """The text citing an older policy, and the 文号 it gives (None for a title alone)."""
    target = plans[cited]
    if form == "title_only" or target.doc_number is None:
        return f"《{target.title}》", None
    if form == "notice":
        return f"《{target.issuer}关于印发〈{target.title}〉的通知》({target.doc_number})", target.doc_number
    return f"《{target.title}》({target.doc_number})", target.doc_number


def _clause(doc: _Doc, label: str, with_heading: bool, with_units: bool, cite: str | None) -> str:
    rng = doc.rng
    heading = doc.heading("clause") if with_heading else None
    several = with_units and not doc.style.on_own_line and rng.random() >= 0.85
    segments = rng.randint(2, 3) if several else 1
    bodies = [[doc.sentence() for _ in range(rng.choice([1, 1, 2, 2, 3]))] for _ in range(segments)]
    if rng.random() < 0.35:
        entries = sorted(k for k in doc.data["incentives"] if not k.startswith("_"))
        fresh = [k for k in entries if k not in doc.used_incentives] or entries
        key = rng.choice(fresh)
        doc.used_incentives.add(key)
        fill = doc.words()
        fill["sources"] = "、".join(rng.sample(doc.data["sources"], rng.randint(2, 4)))
        incentive = render_incentive(rng, doc.data["incentives"][key], doc.data["number_pools"], fill, doc.percent)
        bodies[-1].append(incentive.text)
        for ins in incentive.instruments:
            doc.instruments.append({"clause": label, **ins, "template": key})
    if cite:
        bodies[rng.randrange(segments)].append(doc.fill(rng.choice(doc.data["clause_cites"])).replace("{ref}", cite))
    groups = []
    text = label + (heading + "。" if heading else "")
    for body in bodies:
        text += "".join(body)
        if with_units:
            bracket, units = doc.picker.bracket(rng, doc.style, doc.plan.place)
            text += bracket
            groups.append(units)
    doc.clauses.append({"label": label, "anchors": [], "groups": groups})
    doc.anchor_sources.append(([heading] if heading else []) + [s for body in bodies for s in body])
    return text


def _body(doc: _Doc, cites: list[str]) -> list[str]:
    """Parts, sections and items: the numbered provisions, as lines."""
    rng = doc.rng
    shape = rng.choices(["sections", "items", "nested"], weights=[50, 25, 25])[0]
    with_heading = rng.random() < 0.6 or shape != "sections"
    units_doc = rng.random() < 0.88
    parts = rng.randint(3, 7)
    per_part = [rng.randint(1, 6) for _ in range(parts)]
    total = sum(per_part) if shape != "nested" else sum(per_part) * 2
    cite_at = dict(zip(rng.sample(range(total), min(len(cites), total)), cites, strict=False))
    leftovers = cites[len(cite_at):]
    lines: list[str] = []
    clause_no = 0
    for p in range(parts):
        lines.append(f"{chinese_numeral(p + 1)}、{doc.heading('part')}")
        sections = [per_part[p]] if shape != "nested" else [rng.randint(1, 3) for _ in range(rng.randint(1, 2))]
        for s, count in enumerate(sections):
            if shape == "nested":
                lines.append(f"({chinese_numeral(s + 1)}){doc.heading('part')}。")
            for _ in range(count):
                clause_no += 1
                label = f"{clause_no}." if shape != "sections" else f"({chinese_numeral(clause_no)})"
                with_units = units_doc and rng.random() < 0.92
                lines.append(_clause(doc, label, with_heading, with_units, cite_at.pop(clause_no - 1, None)))
    for leftover in [*cite_at.values(), *leftovers]:  # nested documents may have fewer clauses than drawn
        lines[-1] += doc.fill(rng.choice(doc.data["clause_cites"])).replace("{ref}", leftover)
    return lines


def _date_text(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _write_policy(plan: _Plan, plans: list[_Plan], seed: int, data: dict[str, Any],
                  material: SeedMaterial, picker: UnitPicker) -> tuple[bytes, dict[str, Any]]:
    """The file bytes of one policy and its truth."""
    rng = random.Random(f"{seed}:{plan.index}")
    place, level = plan.place, plan.place.level
    full = rng.random() < 0.4
    percent = "％" if full and rng.random() < 0.5 else "%"
    doc = _Doc(plan, rng, data, material, picker, picker.style(rng, place), percent)
    words = doc.words()
    doc_word = _doc_word(data, plan.title)

    references = [_reference(plans, j, form) for j, form in plan.cites]
    cited_numbers = [num for _, num in references if num]
    texts = [text for text, _ in references]
    preamble_cite = texts.pop(0) if texts and rng.random() < 0.5 else None

    lines: list[str] = []
    web = plan.has_cover and rng.random() < 0.08
    if web:
        stamp = plan.issued + timedelta(days=rng.randint(1, 20))
        lines.append(data["web_header"].format(
            issuer=plan.issuer.replace("办公室", "").replace("办公厅", ""),
            stamp=f"{stamp.isoformat()} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}",
            views=rng.randint(0, 3000)))
    if plan.has_cover:
        notice = f"{plan.issuer}关于印发{plan.title}的通知"
        if plan.doc_number and rng.random() < 0.3:
            lines.append(f"{notice} {plan.doc_number}")
        else:
            lines.append(notice)
            if plan.doc_number:
                lines.append(plan.doc_number)
        zones = "".join(z + "," for z in doc.style.zones)
        lines.append(data["addressees"][level].format(zones=zones, lvl=place.prefix))
        lines.append(rng.choice(data["notice_bodies"]).format(title=plan.title, gov=place.prefix + "人民政府"))
        if rng.random() < 0.6:
            lines.append(plan.issuer)
        lines.append(_date_text(plan.issued))
    lines.append(plan.title)

    target = rng.choice(data["preamble_targets"]).format(
        y2=plan.issued.year + rng.randint(2, 4), all=words["all"], n=rng.choice([50, 100, 200, 400, 1000]),
        k=rng.choice([30, 50, 100]), m=rng.choice([10, 20, 30]))
    cite = rng.choice(data["preamble_cite"]).replace("{ref}", preamble_cite) if preamble_cite else ""
    preamble = rng.choice(data["preambles"]).replace("{cite}", cite).replace("{target}", target)
    lines.append(doc.fill(preamble).replace("{doc}", doc_word))

    lines += _body(doc, texts)

    years = rng.choice([2, 3, 5])
    start = plan.issued + timedelta(days=rng.randint(0, 30))
    closing = rng.choice(data["closings"]).format(doc=doc_word, ey=plan.issued.year + years, n=years,
                                                  ymd=_date_text(start), lvl=place.prefix)
    closing += rng.choice(data["closing_extra"])
    lines.append(closing)

    text = ("\n\n" if rng.random() < 0.5 else "\n").join(lines) + "\n"
    text = set_width(text, full)
    title = set_width(plan.title, full)

    traditional = rng.random() < 0.2
    expected = text  # the simplified text a faithful reader recovers
    if traditional:
        text = to_traditional(text)
        expected = to_simplified_chars(text)
        if rng.random() < 0.5:
            text = add_pinyin_debris(rng, text, material.pinyin, 0.3)
    _set_anchors(doc, expected)

    encoding = "gb18030" if rng.random() < 0.3 else ("utf-8-sig" if rng.random() < 0.2 else "utf-8")
    crlf = rng.random() < 0.15
    payload = encode(text, encoding, crlf)
    region = place.region
    truth = {
        "source": plan.name + ".txt",
        "split": "synthetic",
        "title": title,
        "region": region.name,
        "province": region.province,
        "level": region.level,
        "date": plan.issued.isoformat() if plan.has_cover else None,
        "doc_number": plan.doc_number,
        "issued": plan.issued.isoformat(),
        "encoding": encoding,
        "script": "traditional" if traditional else "simplified",
        "line_ending": "crlf" if crlf else "lf",
        "units_form": "line" if doc.style.on_own_line else "bracket",
        "clauses": doc.clauses,
        "instruments": doc.instruments,
        "citations": list(dict.fromkeys(cited_numbers)),
        "cited_sources": [plans[j].name + ".txt" for j, _ in plan.cites],
    }
    return payload, truth


def _set_anchors(doc: _Doc, expected: str) -> None:
    """Give each clause a run of Chinese characters found once in the document.

    ``expected`` is the simplified text a reader recovers (for a traditional document,
    converted back character by character), so the anchor is what the reader will see.
    """
    for clause, sources in zip(doc.clauses, doc.anchor_sources, strict=True):
        anchors: list[str] = []
        for source in sources:
            for run in _CJK_RUN.findall(source):
                for piece in (run[:16], run[:24], run, run[-16:]):
                    if len(piece) >= 8 and expected.count(piece) == 1:
                        anchors.append(piece)
                        break
                if anchors:
                    break
            if anchors:
                break
        if not anchors:
            raise RuntimeError(f"no distinctive anchor for clause {clause['label']} of {doc.plan.name}; "
                               "report this with the seed and size used")
        clause["anchors"] = anchors


# -- the corpus --------------------------------------------------------------------------------


def _clear(out: Path, truth_dir: Path) -> None:
    """Remove a previous run's files (only the generator's own names), so no stale truth is scored."""
    for path in sorted(out.glob(_FILE_PATTERN + ".txt")):
        path.unlink()
    for path in sorted(truth_dir.glob(_FILE_PATTERN + ".json")):
        path.unlink()


STYLES = ("independent", "seed")


def _seed_style(n: int, seed: int, seeds: list[Path] | None, report: GenerationReport):
    """(stem, bytes, truth) of the seed style, after reading the seed policies (timed in ``report``)."""
    from .generator_material import cached_material
    from .generator_units import UnitPicker

    started = time.perf_counter()
    data = load_data()
    material = cached_material(tuple(sorted(seeds)) if seeds else None, tuple(data["narrative_avoid"]))
    report.seed_seconds = time.perf_counter() - started
    picker = UnitPicker(data)
    plans = _plan(n, seed, data)
    for plan in plans:
        payload, truth = _write_policy(plan, plans, seed, data, material, picker)
        yield plan.name, payload, truth


def generate_corpus(n: int, seed: int, out: Path | str, seeds: list[Path] | None = None,
                    style: str = "independent") -> GenerationReport:
    """Write ``n`` synthetic policies to ``out`` and their truth to ``out/truth``.

    ``style`` "independent" (default) writes them from ``generator_vocab.json``, apart from the
    extractor's vocabularies, so that scoring an extraction of them is a test; "seed" builds them
    from the seed policies' sentences with truth from the extractor's vocabularies (a regression
    figure). ``seeds``: seed policy files for the seed style (default: the bundled corpus).
    Files named ``policy_*.txt`` in ``out`` and ``policy_*.json`` in ``out/truth`` from an
    earlier run are replaced. The same ``n``, ``seed``, style and seeds give byte-identical files.
    """
    if n < 1:
        raise ValueError(f"the number of policies must be at least 1, not {n}")
    if style not in STYLES:
        raise ValueError(f"unknown generator style {style!r}: use one of {', '.join(STYLES)}")
    started = time.perf_counter()
    out = Path(out)
    truth_dir = out / "truth"
    truth_dir.mkdir(parents=True, exist_ok=True)
    _clear(out, truth_dir)
    report = GenerationReport(n=n, seed=seed, out=out, truth_dir=truth_dir)
    if style == "seed":
        policies = _seed_style(n, seed, seeds, report)
    else:
        from .generator_independent import write_policies

        policies = write_policies(n, seed)
    for name, payload, truth in policies:
        path = out / truth["source"]
        path.write_bytes(payload)
        (truth_dir / (name + ".json")).write_text(
            json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        report.files.append(path)
        report.bytes_written += len(payload)
        report.encodings[truth["encoding"]] += 1
        report.scripts[truth["script"]] += 1
        report.levels[truth["level"]] += 1
        report.clauses += len(truth["clauses"])
        report.units += sum(len(g) for c in truth["clauses"] for g in c["groups"])
        report.instruments += len(truth["instruments"])
        report.citations += len(truth["citations"])
    report.seconds = time.perf_counter() - started
    return report
