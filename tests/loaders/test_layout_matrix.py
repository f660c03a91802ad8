"""A layout matrix: every unit label × every bracket × every placement of the list × every
separator × every way a department's name is written, the running-text forms that name who is
responsible, the number forms of an incentive and the header forms of a page's metadata.

Each combination is its own case and asserts exactly what the extractor returns (the units'
names, function codes and lead flags; the incentive's numbers; the metadata fields), so a rule
learned for one layout that does not hold for its neighbours shows as a failing cell. Negative
cases keep precision: a department named in prose with no cue of responsibility is no unit, a
heading that names a kind of incentive is no instrument, a threshold the applicant must reach
is no incentive.

Every sentence is written for this test, with made-up places (甲市, 乙县) and numbers.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from policykg.loaders.pipeline import Pipeline
from policykg.loaders.records import Document, Instrument, Unit

LABELS_FILE = Path(__file__).resolve().parents[2] / "loaders" / "data" / "unit_labels.json"
_ROLES: dict[str, str] = json.loads(LABELS_FILE.read_text(encoding="utf-8"))["labels"]

# -- reading -------------------------------------------------------------------------------

_TITLE = "甲市促进科技成果转化若干措施\n"
_SECTION = "一、强化成果转化支撑\n"
_ITEM = "(一)支持建设中试基地。对新建的中试基地给予一次性奖励30万元。"
_NEXT = "(二)完善服务体系。加强技术经理人队伍建设。\n"


@lru_cache(maxsize=1)
def _pipeline() -> Pipeline:
    return Pipeline()


def _read(text: str, tmp_path: Path) -> Document:
    path = tmp_path / "policy.txt"
    path.write_text(text, encoding="utf-8")
    return _pipeline().read(path)


def _clause_units(doc: Document, label: str = "(一)") -> list[tuple[str, str, bool]]:
    for node in doc.tree.walk():
        if node.is_clause and (node.label or "").replace("（", "(").replace("）", ")") == label:
            return [(u.name, u.function, u.lead) for p in node.provisions for u in p.units]
    raise AssertionError(f"no clause {label}: {[n.label for n in doc.tree.walk() if n.is_clause]}")


def _all_units(doc: Document) -> list[Unit]:
    return [u for n in doc.tree.walk() for p in n.provisions for u in p.units]


def _instruments(doc: Document) -> list[Instrument]:
    return [i for n in doc.tree.walk() for p in n.provisions for i in p.instruments]


def _numbers(ins: Instrument) -> dict[str, float]:
    keys = ("rate", "rate_min", "rate_max", "cap_yuan", "amount_yuan")
    return {k: getattr(ins, k) for k in keys if getattr(ins, k) is not None}


# -- the unit lists ------------------------------------------------------------------------

# (written name, function code): one list of three bodies for each way names are written
NAME_FORMS: dict[str, list[tuple[str, str]]] = {
    "abbreviated": [("市科技局", "science_tech"), ("市财政局", "finance"), ("市发改委", "development_reform")],
    "abbreviated2": [("市经信局", "industry_it"), ("市人社局", "human_resources"), ("市市场监管局", "market_ip")],
    "full": [("甲市科学技术局", "science_tech"), ("甲市财政局", "finance"),
             ("甲市发展和改革委员会", "development_reform")],
    "region": [("甲市科技局", "science_tech"), ("乙县财政局", "finance"), ("乙县教育局", "education")],
    "bare": [("科技局", "science_tech"), ("财政局", "finance"), ("教育局", "education")],
    "outside": [("甲市科技成果转化服务中心", "science_tech"), ("甲市知识产权保护中心", "market_ip"),
                ("甲市中小企业服务中心", "industry_it")],
    "office": [("市科技局成果转化处", "science_tech"), ("市财政局教科文处", "finance"),
               ("市人社局专业技术人员管理处", "human_resources")],
    "abbreviated3": [("市国资委", "state_assets"), ("市工信局", "industry_it"), ("市卫健委", "health")],
    "former": [("市食品药品监督管理局", "market_ip"), ("市卫生和计划生育委员会", "health"), ("市法制办", "judicial")],
    "finance bodies": [("市地方金融监管局", "financial_regulation"), ("人民银行甲市中心支行", "financial_regulation"),
                       ("甲市银保监分局", "financial_regulation")],
    "province": [("省科技厅", "science_tech"), ("省财政厅", "finance"), ("省教育厅", "education")],
    "county": [("县科技局", "science_tech"), ("县财政局", "finance"), ("县人社局", "human_resources")],
    "party and groups": [("市委组织部", "talent"), ("市委人才办", "talent"), ("市科协", "association")],
    "merged": [("乙县科学技术和工业信息化局", "science_tech"), ("乙县教育和体育局", "education"),
               ("乙县农业农村和水利局", "agriculture")],
    "centres": [("甲市技术转移中心", "science_tech"), ("甲市人才服务中心", "talent"), ("乙县财政国库支付中心", "finance")],
    "zones and governments": [("甲高新区管委会", "development_zone"), ("乙县人民政府", "local_government"),
                              ("各县市区人民政府", "local_government")],
}

# bodies named by their form (region + domain words + organ suffix) and the function each takes
FORMED_NAMES = [
    ("乙县科技创新服务中心", "science_tech"), ("甲市知识产权办公室", "market_ip"), ("乙县人才工作办", "talent"),
    ("甲市金融工作局", "financial_regulation"), ("甲市地方金融管理局", "financial_regulation"),
    ("乙县投资促进局", "development_reform"), ("甲市工业和信息化委员会", "industry_it"),
    ("甲省科学技术委员会", "science_tech"), ("乙县农业技术推广中心", "agriculture"),
    ("乙县中小企业发展局", "industry_it"), ("甲市数字经济局", "data"), ("甲市统计调查队", "statistics"),
    ("乙县税务分局", "taxation"), ("甲市招商服务中心", "development_reform"),
    ("甲市人力资源服务中心", "human_resources"), ("甲市教育科学研究院", "education"),
    ("甲市卫生健康事业发展中心", "health"), ("甲市医疗保障事务中心", "health"),
    ("甲市科技成果转化促进会", "association"), ("甲市技术市场协会", "association"),
    ("甲市大数据发展管理局", "data"), ("甲市政务服务数据管理局", "data"), ("甲市自然资源规划局", "natural_resources"),
    ("甲省经济和信息化委", "industry_it"), ("甲市国库集中支付中心", "finance"), ("甲市财政投资评审中心", "finance"),
    ("甲市科技局政策法规处", "science_tech"), ("乙县人社局就业促进股", "human_resources"),
]

BRACKETS = {"（）": ("（", "）"), "()": ("(", ")"), "〔〕": ("〔", "〕"), "【】": ("【", "】"),
            "[]": ("[", "]"), "none": ("", "")}

# the labels the task names, and every other label of the data file
_TASK_LABELS = ["责任单位", "牵头单位", "配合单位", "成员单位", "参与单位", "协办单位", "责任部门", "牵头部门",
                "责任处室", "牵头科室", "牵头科室(单位)", "主管部门", "实施单位", "责任主体"]
LABELS = _TASK_LABELS + sorted(k for k in _ROLES if len(k) > 2 and k not in _TASK_LABELS)


def _role(label: str) -> str:
    return _ROLES[label.split("(")[0]]


def _expected(names: list[tuple[str, str]], role: str) -> list[tuple[str, str, bool]]:
    if role == "lead":
        return [(n, f, True) for n, f in names]
    if role == "support":
        return [(n, f, False) for n, f in names]
    return [(n, f, i == 0) for i, (n, f) in enumerate(names)]


def _list(names: list[tuple[str, str]], sep: str = "、") -> str:
    return sep.join(n for n, _ in names)


def _doc(item_tail: str) -> str:
    if item_tail.startswith(" "):  # a list after a space: the item's sentence runs on without 。
        return _TITLE + _SECTION + _ITEM.rstrip("。") + item_tail + "\n" + _NEXT
    return _TITLE + _SECTION + _ITEM + item_tail + "\n" + _NEXT


def _placed(label: str, bracket: str, placement: str, units: str) -> str:
    """The item's text with its list of ``units`` under ``label`` in one layout."""
    o, c = BRACKETS[bracket]
    if placement == "end":  # (责任单位:X、Y) at the end of the item's line
        return f"{o}{label}:{units}{c}" if o else f"{label}:{units}"
    if placement == "line":  # 责任单位:X、Y / 【责任单位】X、Y on the next line
        return f"\n{o}{label}{c}{units}" if o else f"\n{label}:{units}"
    if placement == "alone":  # the label alone on its line, the list on the next one
        return f"\n{o}{label}{c}\n{units}" if o else f"\n{label}:\n{units}"
    if placement == "wrapped":  # a list that runs over lines, broken after its separators
        wrapped = units.replace("、", "、\n")
        return f"\n{o}{label}:{wrapped}{c}" if o else f"\n{label}:{wrapped}"
    if placement == "after a space":  # …给予奖励 责任单位:X, no punctuation before the label
        return f"{_ITEM.rstrip('。')[-1]} {o}{label}:{units}{c}"[1:]
    raise ValueError(placement)


PLACEMENTS = ["end", "line", "alone", "wrapped", "after a space"]


@pytest.mark.parametrize("placement", PLACEMENTS)
@pytest.mark.parametrize("bracket", list(BRACKETS))
@pytest.mark.parametrize("label", LABELS)
def test_label_bracket_placement(label: str, bracket: str, placement: str, tmp_path: Path) -> None:
    names = NAME_FORMS["abbreviated"]
    doc = _read(_doc(_placed(label, bracket, placement, _list(names))), tmp_path)
    assert _clause_units(doc) == _expected(names, _role(label))


SEPARATORS = {"、": "、", "，": "，", ",": ",", "；": "；", "/": "/", "space": " ", "spaces": "  "}


@pytest.mark.parametrize("placement", PLACEMENTS)
@pytest.mark.parametrize("sep", list(SEPARATORS))
@pytest.mark.parametrize("label", ["责任单位", "牵头单位", "配合单位"])
def test_separators(label: str, sep: str, placement: str, tmp_path: Path) -> None:
    names = NAME_FORMS["abbreviated"]
    units = _list(names, SEPARATORS[sep])
    if placement == "wrapped":
        units = units.replace(SEPARATORS[sep], SEPARATORS[sep].rstrip() + "\n")
        placement = "line"
    doc = _read(_doc(_placed(label, "（）", placement, units)), tmp_path)
    assert _clause_units(doc) == _expected(names, _role(label))


@pytest.mark.parametrize("placement", PLACEMENTS)
@pytest.mark.parametrize("bracket", ["（）", "【】", "none"])
@pytest.mark.parametrize("form", list(NAME_FORMS))
def test_name_forms(form: str, bracket: str, placement: str, tmp_path: Path) -> None:
    names = NAME_FORMS[form]
    doc = _read(_doc(_placed("责任单位", bracket, placement, _list(names))), tmp_path)
    assert _clause_units(doc) == _expected(names, "responsible")


# each item marker with the marker of the item after it
MARKERS = {"(一)": "(二)", "1.": "2.", "1、": "2、", "(1)": "(2)", "第一条 ": "第二条 ", "一是": "二是"}


@pytest.mark.parametrize("placement", PLACEMENTS)
@pytest.mark.parametrize("bracket", ["（）", "【】", "none"])
@pytest.mark.parametrize("label", ["责任单位", "牵头单位", "配合单位"])
@pytest.mark.parametrize("marker,nested", [(m, n) for m in MARKERS for n in (False, True) if not (n and m == "(一)")],
                         ids=lambda v: v if isinstance(v, str) else ("under (一)" if v else "flat"))
def test_item_markers(marker: str, nested: bool, label: str, bracket: str, placement: str, tmp_path: Path) -> None:
    names = NAME_FORMS["abbreviated"]
    item = f"{marker}支持建设中试基地。对新建的中试基地给予奖励。" + _placed(label, bracket, placement, _list(names))
    after = f"{MARKERS[marker]}完善服务体系。加强技术经理人队伍建设。\n"
    head = _SECTION + ("(一)支持成果转化。\n" if nested else "")
    doc = _read(_TITLE + head + item + "\n" + after + ("(二)完善评价机制。\n" if nested else ""), tmp_path)
    assert [(u.name, u.function, u.lead) for u in _all_units(doc)] == _expected(names, _role(label))


@pytest.mark.parametrize("joiner", ["和", "及", "与"])
@pytest.mark.parametrize("label", ["责任单位", "牵头单位", "配合单位"])
def test_bodies_joined_by_a_word(label: str, joiner: str, tmp_path: Path) -> None:
    names = NAME_FORMS["abbreviated"][:2]
    doc = _read(_doc(f"({label}:{joiner.join(n for n, _ in names)})"), tmp_path)
    assert _clause_units(doc) == _expected(names, _role(label))


LEAD_MARKS = ["(牵头)", "（牵头）", "(牵头单位)", "(牵头部门)", "(牵头负责)", "【牵头】"]


@pytest.mark.parametrize("at", [0, 1, 2])
@pytest.mark.parametrize("mark", LEAD_MARKS)
@pytest.mark.parametrize("label", ["责任单位", "责任部门", "实施单位"])
def test_lead_marks(label: str, mark: str, at: int, tmp_path: Path) -> None:
    names = NAME_FORMS["abbreviated"]
    written = "、".join(n + (mark if i == at else "") for i, (n, _) in enumerate(names))
    doc = _read(_doc(f"({label}:{written})"), tmp_path)
    assert _clause_units(doc) == [(n, f, i == at) for i, (n, f) in enumerate(names)]


@pytest.mark.parametrize("tail", ["及各区县", "和各区县人民政府", "与各县市区人民政府"])
def test_governments_joined_after_departments(tail: str, tmp_path: Path) -> None:
    doc = _read(_doc(f"(责任单位:市科技局、市财政局{tail})"), tmp_path)
    assert [n for n, _, _ in _clause_units(doc)][:2] == ["市科技局", "市财政局"]
    assert len(_clause_units(doc)) == 3


@pytest.mark.parametrize("placement", ["end", "line", "alone"])
@pytest.mark.parametrize("formed", FORMED_NAMES, ids=lambda f: f[0])
def test_bodies_named_by_their_form(formed: tuple[str, str], placement: str, tmp_path: Path) -> None:
    names = [formed, ("市财政局", "finance")]
    doc = _read(_doc(_placed("责任单位", "（）", placement, _list(names))), tmp_path)
    assert _clause_units(doc) == _expected(names, "responsible")


# two labels written as one before a single list: the first body leads, the others do not
COMBINED = ["牵头单位/责任单位", "牵头单位、责任单位", "牵头/责任单位", "牵头部门/配合部门", "牵头单位/配合单位",
            "责任单位/配合单位", "牵头科室(单位)/协办单位"]


@pytest.mark.parametrize("placement", ["end", "line", "alone", "wrapped"])
@pytest.mark.parametrize("bracket", list(BRACKETS))
@pytest.mark.parametrize("label", COMBINED)
def test_combined_labels(label: str, bracket: str, placement: str, tmp_path: Path) -> None:
    names = NAME_FORMS["abbreviated"]
    doc = _read(_doc(_placed(label, bracket, placement, _list(names))), tmp_path)
    assert _clause_units(doc) == _expected(names, "responsible")


# a lead label then a second label: 牵头单位:X;责任单位:Y、Z
PAIRS = [("牵头单位", "配合单位"), ("牵头单位", "责任单位"), ("牵头部门", "配合部门"), ("牵头单位", "参与单位"),
         ("牵头科室(单位)", "协办单位"), ("牵头单位", "成员单位"), ("牵头处室", "配合处室")]


def _paired(first: str, second: str, bracket: str, placement: str, lead: str, rest: str) -> str:
    o, c = BRACKETS[bracket]
    if placement == "end":
        return f"{o}{first}:{lead};{second}:{rest}{c}" if o else f"{first}:{lead};{second}:{rest}"
    if placement == "lines":
        return (f"\n{o}{first}{c}{lead}\n{o}{second}{c}{rest}" if o else f"\n{first}:{lead}\n{second}:{rest}")
    if placement == "alone":
        return (f"\n{o}{first}{c}\n{lead}\n{o}{second}{c}\n{rest}" if o else f"\n{first}:\n{lead}\n{second}:\n{rest}")
    raise ValueError(placement)


@pytest.mark.parametrize("placement", ["end", "lines", "alone"])
@pytest.mark.parametrize("bracket", list(BRACKETS))
@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: "/".join(p))
def test_label_pairs(pair: tuple[str, str], bracket: str, placement: str, tmp_path: Path) -> None:
    first, second = pair
    lead, rest = NAME_FORMS["abbreviated"][:1], NAME_FORMS["abbreviated"][1:]
    doc = _read(_doc(_paired(first, second, bracket, placement, _list(lead), _list(rest))), tmp_path)
    assert _clause_units(doc) == [(n, f, True) for n, f in lead] + [(n, f, False) for n, f in rest]


# -- task tables written as text ----------------------------------------------------------

TABLE_SEPARATORS = {"tab": "\t", "pipe": " | ", "bar": "|", "two spaces": "  ", "one space": " ",
                    "ideographic space": "\u3000"}
TABLE_LEAD_LABELS = ["牵头单位", "牵头部门", "责任单位", "责任部门", "牵头单位(部门)", "主责单位", "牵头单位/责任单位"]
TABLE_SUPPORT_LABELS = ["配合单位", "参与单位", "协办单位", "配合部门", "成员单位", None]


@pytest.mark.parametrize("sep", list(TABLE_SEPARATORS))
@pytest.mark.parametrize("support", TABLE_SUPPORT_LABELS)
@pytest.mark.parametrize("lead", TABLE_LEAD_LABELS)
def test_task_tables(lead: str, support: str | None, sep: str, tmp_path: Path) -> None:
    s = TABLE_SEPARATORS[sep]
    header = ["序号", "重点任务", lead] + ([support] if support else []) + ["完成时限"]
    rows = [["1", "建设中试基地", "市科技局"] + (["市财政局、市发改委"] if support else []) + ["2025年底"],
            ["2", "完善服务体系", "市人社局"] + (["市教育局"] if support else []) + ["2026年底"]]
    text = _TITLE + "一、主要任务\n" + s.join(header) + "\n" + "\n".join(s.join(r) for r in rows) + "\n"
    found = [(u.name, u.function, u.lead) for u in _all_units(_read(text, tmp_path))]
    if support:
        assert found == [("市科技局", "science_tech", True), ("市财政局", "finance", False),
                         ("市发改委", "development_reform", False), ("市人社局", "human_resources", True),
                         ("市教育局", "education", False)]
    else:
        assert found == [("市科技局", "science_tech", True), ("市人社局", "human_resources", True)]


# -- running text --------------------------------------------------------------------------

PROSE = {
    "由X牵头,Y配合": ("由{a}牵头,{b}配合。", True),
    "由X牵头，Y、Z配合": ("由{a}牵头，{b}、{c}配合。", True),
    "X牵头、Y参与": ("{a}牵头、{b}参与。", True),
    "X牵头,Y参与": ("{a}牵头,{b}、{c}参与。", True),
    "X牵头,Y协助": ("{a}牵头,{b}协助。", True),
    "X、Y按职责分工负责": ("{a}、{b}按职责分工负责。", False),
    "X负责(bracket)": ("({a}负责)", None),
    "X负责 at end": ("{a}负责。", None),
    "由X负责": ("由{a}负责。", None),
    "由X会同Y负责": ("由{a}会同{b}负责。", True),
    "X会同Y负责 at end": ("{a}会同{b}负责。", True),
    "X、Y、Z负责 at end": ("{a}、{b}、{c}负责。", False),
    "X牵头,Y、Z等部门配合": ("{a}牵头,{b}、{c}等部门配合。", True),
    "由X、Y按职责分工负责": ("由{a}、{b}按职责分工负责。", False),
    "(X、Y按职责分工负责)": ("({a}、{b}按职责分工负责)", False),
    "(X牵头,Y配合)": ("({a}牵头,{b}配合)", True),
    "X为牵头单位,Y为配合单位": ("{a}为牵头单位,{b}为配合单位。", True),
    "由X牵头负责": ("由{a}牵头负责。", None),
    "X负责牵头,Y配合": ("{a}负责牵头,{b}配合。", True),
    "X牵头抓总,Y配合": ("{a}牵头抓总,{b}配合。", True),
    "由X牵头,会同Y组织实施": ("由{a}牵头,会同{b}组织实施。", True),
    "(X、Y负责落实)": ("({a}、{b}负责落实)", False),
}


@pytest.mark.parametrize("form", list(NAME_FORMS))
@pytest.mark.parametrize("prose", list(PROSE))
def test_prose_forms(prose: str, form: str, tmp_path: Path) -> None:
    template, support = PROSE[prose]
    (a, fa), (b, fb), (c, fc) = NAME_FORMS[form]
    tail = template.format(a=a, b=b, c=c)
    doc = _read(_doc(tail), tmp_path)
    if support is None:
        expected = [(a, fa, True)]
    elif "{c}" in template:
        expected = [(a, fa, True), (b, fb, False), (c, fc, False)]
    elif support:
        expected = [(a, fa, True), (b, fb, False)]
    else:  # 按职责分工负责: the first leads
        expected = [(a, fa, True), (b, fb, False)]
    assert _clause_units(doc) == expected


# a label written with a weaker separator than a colon: 为, 是, spaces
WEAK = {"为": "{label}为{units}。", "是": "{label}是{units}。", "space": "{label} {units}",
        "spaces": "{label}   {units}", "ideographic space": "{label}\u3000{units}"}


# a space after a label inside a running line (。责任单位 X) is no separator: only on a line of its own
@pytest.mark.parametrize("weak,line", [(w, ln) for w in WEAK for ln in (True, False) if ln or not w.endswith("space")],
                         ids=lambda v: v if isinstance(v, str) else ("own line" if v else "after the item"))
@pytest.mark.parametrize("label", ["责任单位", "牵头单位", "配合单位", "牵头部门", "责任处室"])
def test_weak_label_separators(label: str, weak: str, line: bool, tmp_path: Path) -> None:
    names = NAME_FORMS["abbreviated"]
    tail = WEAK[weak].format(label=label, units=_list(names))
    doc = _read(_doc(("\n" if line else "") + tail), tmp_path)
    assert _clause_units(doc) == _expected(names, _role(label))


@pytest.mark.parametrize("tail", [
    "\n责任单位为项目实施的第一责任人。",
    "\n牵头单位 要加强统筹协调。",
    "\n牵头单位是推进工作的主体。",
    "(以牵头单位为主)",
    "\n各有关部门负责。",
    "\n企业负责。",
    "\n(网络建设由各地安排。市科技局、市财政局负责。其余事项另行规定)",
    "\n申报单位负责。",
    "\n项目承担单位负责落实。",
    "\n市科技局负责组织认定。",
    "\n申报单位对材料真实性负责。",
    "\n相关费用由企业负责。",
    "\n各区县负责。",
    "经市科技局认定的中试基地,按规定享受奖励。",
    "企业可向市财政局申请拨付资金。",
    "市科技局每年发布中试基地名单。",
    "奖励资金由市财政局拨付至企业账户。",
    "按照市发改委有关规定执行。",
    "市科技局负责解释。",
], ids=lambda t: t[:8])
def test_no_unit_without_a_cue(tail: str, tmp_path: Path) -> None:
    doc = _read(_doc(tail), tmp_path)
    assert _clause_units(doc) == []


# a label spread out by spaces over its cell's width (责 任 单 位): the same label
SPACED = {label: " ".join(label) for label in ["责任单位", "牵头单位", "配合单位", "责任部门", "牵头部门"]}


@pytest.mark.parametrize("placement", ["end", "line", "alone", "wrapped"])
@pytest.mark.parametrize("bracket", ["（）", "()", "【】", "none"])
@pytest.mark.parametrize("label", list(SPACED))
def test_spaced_labels(label: str, bracket: str, placement: str, tmp_path: Path) -> None:
    names = NAME_FORMS["abbreviated"]
    tail = _placed(label, bracket, placement, _list(names)).replace(label, SPACED[label])
    doc = _read(_doc(tail), tmp_path)
    assert _clause_units(doc) == _expected(names, _role(label))


# a label with the bracketed word of another role (责任单位(牵头单位):X、Y): the first body leads
@pytest.mark.parametrize("placement", ["end", "line"])
@pytest.mark.parametrize("bracket", ["（）", "()", "none"])
@pytest.mark.parametrize("label", ["责任单位(牵头单位)", "责任单位（牵头单位）", "责任部门(牵头部门)"])
@pytest.mark.parametrize("form", ["abbreviated", "province", "full"])
def test_label_with_a_lead_remark(label: str, bracket: str, placement: str, form: str, tmp_path: Path) -> None:
    names = NAME_FORMS[form]
    doc = _read(_doc(_placed(label, bracket, placement, _list(names))), tmp_path)
    assert _clause_units(doc) == _expected(names, "responsible")


# the bodies of a list named again after a comma with a lead verb (X、Y,Y牵头): that one leads
NAMED_AGAIN = {
    "label bracket": "({label}:{a}、{b},{b}牵头)",
    "label bracket full-width comma": "({label}:{a}、{b}、{c}，{b}牵头)",
    "label line": "\n{label}:{a}、{b},{b}牵头",
    "bare bracket": "({a}、{b},{b}牵头)",
    "bare bracket three": "({a}、{b}、{c},{c}牵头)",
    "label bracket 其中": "({label}:{a}、{b},其中{b}牵头)",
    "label line 其中": "\n{label}:{a}、{b}、{c},其中{b}牵头",
    "bare bracket 其中": "({a}、{b},其中{b}牵头)",
    "running text": "{a}、{b}按职责分工负责,{b}牵头。",
    "running text three": "{a}、{b}、{c}按职责分工负责，{c}牵头。",
    "running text 其中": "由{a}、{b}负责,其中{b}牵头。",
}


@pytest.mark.parametrize("form", ["abbreviated", "province", "region", "full"])
@pytest.mark.parametrize("layout", list(NAMED_AGAIN))
def test_lead_named_again_after_the_list(layout: str, form: str, tmp_path: Path) -> None:
    (a, fa), (b, fb), (c, fc) = NAME_FORMS[form]
    tail = NAMED_AGAIN[layout].format(label="责任单位", a=a, b=b, c=c)
    doc = _read(_doc(tail), tmp_path)
    found = _clause_units(doc)
    lead = c if "{c}牵头" in NAMED_AGAIN[layout] else b
    assert [n for n, _, _ in found] == [a, b, c][:len(found)]
    assert [n for n, _, is_lead in found if is_lead] == [lead]


def test_a_body_named_after_a_comma_with_another_lead_is_no_lead_of_the_list(tmp_path: Path) -> None:
    # (X、Y,Z牵头): Z is not in the list before it, so the bracket's bodies all share the lead
    doc = _read(_doc("(市科技局、市财政局,市发改委牵头)"), tmp_path)
    assert [n for n, _, lead in _clause_units(doc) if lead] == ["市科技局", "市财政局", "市发改委"]


# the list and its verb after a comma, closing the task's sentence (…给予奖励,X负责。)
AFTER_COMMA = {
    "one body": ("{a}负责。", 1),
    "two bodies": ("{a}、{b}负责。", 2),
    "具体负责": ("{a}具体负责。", 1),
    "负责落实": ("{a}、{b}负责落实。", 2),
}


@pytest.mark.parametrize("form", ["abbreviated", "province", "full", "region"])
@pytest.mark.parametrize("case", list(AFTER_COMMA))
def test_a_list_and_its_verb_after_a_comma(case: str, form: str, tmp_path: Path) -> None:
    template, count = AFTER_COMMA[case]
    names = NAME_FORMS[form][:count]
    (a, _), (b, _) = NAME_FORMS[form][:2]
    item = "(一)支持建设中试基地。对新建的中试基地给予一次性奖励30万元," + template.format(a=a, b=b)
    doc = _read(_TITLE + _SECTION + item + "\n" + _NEXT, tmp_path)
    assert _clause_units(doc) == _expected(names, "responsible")


@pytest.mark.parametrize("tail", [
    "(一)支持建设中试基地。对新建的中试基地给予奖励,市科技局负责审核。",
    "(一)支持建设中试基地。对新建的中试基地给予奖励,企业负责。",
    "(一)支持建设中试基地。对新建的中试基地给予奖励,各区县负责。",
    "(一)支持建设中试基地。对新建的中试基地给予奖励,费用由企业负责。",
    "(一)支持建设中试基地。(网络建设由各地安排,市科技局负责。其余事项另行规定)",
], ids=lambda t: t[-8:])
def test_no_list_after_a_comma_without_bodies_and_verb(tail: str, tmp_path: Path) -> None:
    doc = _read(_TITLE + _SECTION + tail + "\n" + _NEXT, tmp_path)
    assert _clause_units(doc) == []


# an unlabelled bracket naming the units: after the task's full stop at the end of its line, or
# closing a sentence before its full stop; the first body leads
BARE = {
    "round after stop": "给予奖励。({units})",
    "full-width after stop": "给予奖励。（{units}）",
    "tortoise after stop": "给予奖励。〔{units}〕",
    "tortoise after stop, spaced": "给予奖励。 〔{units} 〕",
    "before the stop": "将成果转化率作为高校的考核指标({units})。进一步完善登记制度。",
    "before the stop, full-width": "将成果转化率作为高校的考核指标（{units}）。",
}


@pytest.mark.parametrize("form", ["abbreviated", "province", "region", "full", "county"])
@pytest.mark.parametrize("layout", list(BARE))
def test_unlabelled_brackets(layout: str, form: str, tmp_path: Path) -> None:
    names = NAME_FORMS[form][:2]
    item = "(一)支持建设中试基地。对新建的中试基地" + BARE[layout].format(units=_list(names))
    doc = _read(_TITLE + _SECTION + item + "\n" + _NEXT, tmp_path)
    assert _clause_units(doc) == _expected(names, "responsible")


@pytest.mark.parametrize("item", [
    "(一)支持建设中试基地。对新建的中试基地给予奖励。〔市科技局、市财政局,各区(县)、市(镇)政府(管委会)〕",
    "(一)支持建设中试基地。对新建的中试基地给予奖励。〔市科技局、市财政局, 各区 (县) 、市 (镇) 政府 (管委会) 〕",
    "(一)支持建设中试基地。对新建的中试基地给予奖励。(市科技局、市财政局,各区(县)、市(镇)政府(管委会))",
], ids=["tortoise", "spaced", "round"])
def test_an_unlabelled_bracket_with_a_collective_sharing_one_suffix(item: str, tmp_path: Path) -> None:
    doc = _read(_TITLE + _SECTION + item + "\n" + _NEXT, tmp_path)
    assert _clause_units(doc) == [("市科技局", "science_tech", True), ("市财政局", "finance", False),
                                  ("各区(县)、市(镇)政府(管委会)", "local_government", False)]


# a collective of places written with a bracket of levels and no suffix is kept as printed
@pytest.mark.parametrize("collective", ["相关县(市)区", "各县(市、区)", "有关区(县)", "各区(县、市)"])
@pytest.mark.parametrize("placement", ["end", "line"])
def test_a_collective_of_places_kept_as_printed(collective: str, placement: str, tmp_path: Path) -> None:
    doc = _read(_doc(_placed("责任单位", "()", placement, f"市科技局、{collective}")), tmp_path)
    assert _clause_units(doc) == [("市科技局", "science_tech", True), (collective, "local_government", False)]


@pytest.mark.parametrize("tail", ["市直有关部门", "县级有关部门", "区直各部门"])
def test_bodies_qualified_by_a_level_do_not_continue_a_collective_of_places(tail: str, tmp_path: Path) -> None:
    doc = _read(_doc(f"(责任单位:市科技局、各县(市、区)、{tail})"), tmp_path)
    # and the bodies of a level named by that level alone are no unit beside named ones
    assert [n for n, _, _ in _clause_units(doc)] == ["市科技局", "各县(市、区)"]
    doc = _read(_doc(f"(责任单位:{tail})"), tmp_path)
    assert [n for n, _, _ in _clause_units(doc)] == [tail]


@pytest.mark.parametrize("collective", ["市级各有关部门", "省直有关部门", "县直各单位"])
def test_bodies_of_a_level_named_by_it_alone_are_no_unit_beside_named_ones(collective: str, tmp_path: Path) -> None:
    doc = _read(_doc(f"(市科技局牵头,{collective}及各县市区政府按职责分工负责)"), tmp_path)
    assert [n for n, _, _ in _clause_units(doc)] == ["市科技局", "各县市区政府"]


@pytest.mark.parametrize("tail", [
    "对企业、事业单位和社会团体(以下简称单位)给予奖励。",
    "对甲市市场监督管理局(甲市知识产权局)认定的机构给予奖励。",
    "由市市场监督管理局(市知识产权局)。",
    "给予奖励(含市直单位)。",
    "给予奖励(各有关部门)。",
    "给予奖励(市科技局、市财政局),另行通知。",
    "对机构给予奖励。(市科技局、市财政局审核后拨付)",
], ids=lambda t: t[:10])
def test_no_unit_from_brackets_that_are_no_list(tail: str, tmp_path: Path) -> None:
    doc = _read(_TITLE + _SECTION + "(一)支持建设中试基地。" + tail + "\n" + _NEXT, tmp_path)
    assert _clause_units(doc) == []


# a remark after the list's full stop inside its bracket names no units of this item
@pytest.mark.parametrize("label", ["责任单位", "牵头单位"])
def test_a_remark_after_the_list_inside_its_bracket(label: str, tmp_path: Path) -> None:
    item = (f"(一)支持建设中试基地。给予奖励。({label}:市科技局、市财政局,各区〔县〕、甲新区科技部门。"
            "除专门列出外,以下任务均涉及各区〔县〕、甲新区科技部门,不再重复)")
    doc = _read(_TITLE + _SECTION + item + "\n(二)完善服务体系。加强队伍建设。(责任单位:市人社局)\n", tmp_path)
    assert [n for n, _, _ in _clause_units(doc)] == ["市科技局", "市财政局", "各区〔县〕、甲新区科技部门"]
    assert _clause_units(doc)[2][1] == "science_tech"
    assert _clause_units(doc, "(二)") == [("市人社局", "human_resources", True)]


@pytest.mark.parametrize("name", ["乙县政务服务中心", "甲市政务服务管理局", "甲市行政审批局", "省政务服务中心"])
def test_government_service_centres_are_no_general_office(name: str, tmp_path: Path) -> None:
    doc = _read(_doc(f"(责任单位:{name}、市财政局)"), tmp_path)
    assert _clause_units(doc)[0] == (name, "other", True)


# -- numbers ------------------------------------------------------------------------------

NUMBERS: dict[str, tuple[str, dict[str, float]]] = {
    "万分之一": ("按技术合同成交额的万分之一给予奖励。", {"rate": 0.0001}),
    "千分之五": ("按技术合同成交额的千分之五给予奖励。", {"rate": 0.005}),
    "三成": ("按研发费用的三成给予补助。", {"rate": 0.3}),
    "两成": ("按研发费用的两成给予补助。", {"rate": 0.2}),
    "百分之十五": ("按技术合同成交额的百分之十五给予奖励。", {"rate": 0.15}),
    "百分之二十五": ("按实际投资金额的百分之二十五给予补助。", {"rate": 0.25}),
    "百分之8": ("按技术合同成交额的8%给予奖励。", {"rate": 0.08}),
    "不超过rate": ("按不超过技术合同成交额的10%给予奖励。", {"rate": 0.1}),
    "最高amount": ("给予最高50万元奖励。", {"cap_yuan": 500000}),
    "不超过amount": ("给予不超过80万元的补助。", {"cap_yuan": 800000}),
    "最低amount": ("给予最低10万元、最高50万元奖励。", {"amount_yuan": 100000, "cap_yuan": 500000}),
    "一次性amount": ("给予一次性奖励20万元。", {"amount_yuan": 200000}),
    "rate+cap": ("按技术合同成交额的5%给予奖励,最高不超过100万元。", {"rate": 0.05, "cap_yuan": 1000000}),
    "rate range —": ("按技术合同成交额的5%—10%给予奖励。", {"rate_min": 0.05, "rate_max": 0.1}),
    "rate range -": ("按技术合同成交额的5%-10%给予奖励。", {"rate_min": 0.05, "rate_max": 0.1}),
    "rate range 至": ("按技术合同成交额的5%至10%给予奖励。", {"rate_min": 0.05, "rate_max": 0.1}),
    # a range of money grants up to its top figure (no fixed amount)
    "money range": ("给予10-50万元奖励。", {"cap_yuan": 500000}),
    "money range —": ("给予10万—50万元资助。", {"cap_yuan": 500000}),
    "per item": ("每个项目给予30万元补助。", {"amount_yuan": 300000}),
    "cap per year": ("按研发费用的20%给予补助,每家企业每年最高200万元。", {"rate": 0.2, "cap_yuan": 2000000}),
    "full-width digits": ("给予最高５０万元奖励。", {"cap_yuan": 500000}),
    "full-width rate": ("按技术合同成交额的１０％给予奖励。", {"rate": 0.1}),
    "Chinese amount": ("给予五十万元奖励。", {"amount_yuan": 500000}),
    "亿": ("给予最高1.5亿元资金支持。", {"cap_yuan": 150000000}),
    "thousands separator": ("给予1,000万元奖励。", {"amount_yuan": 10000000}),
    "万分之五 + cap": ("按技术合同成交额的千分之三给予奖励,最高不超过50万元。", {"rate": 0.003, "cap_yuan": 500000}),
    "三成 + cap per item": ("按实际投资额的三成给予补助,单个项目最高100万元。", {"rate": 0.3, "cap_yuan": 1000000}),
    "rate range ~": ("按5%~10%的比例给予奖励。", {"rate_min": 0.05, "rate_max": 0.1}),
    "百分之 range": ("按百分之五至百分之十给予奖励。", {"rate_min": 0.05, "rate_max": 0.1}),
    "money range 至": ("给予5万元至10万元奖励。", {"cap_yuan": 100000}),
    "cap each year": ("给予奖励,每家每年最高不超过200万元。", {"cap_yuan": 2000000}),
    "上限": ("给予奖励,上限100万元。", {"cap_yuan": 1000000}),
    "封顶": ("给予奖励,封顶100万元。", {"cap_yuan": 1000000}),
    "以内": ("给予100万元以内奖励。", {"cap_yuan": 1000000}),
    "amount per item": ("按每项技术合同给予5万元奖励。", {"amount_yuan": 50000}),
    "rate then cap words": ("给予补助,补助金额为项目投资额的20%,最高不超过300万元。", {"rate": 0.2, "cap_yuan": 3000000}),
    "Chinese rate and cap": ("按照研发费用的百分之二十给予后补助,最高五百万元。", {"rate": 0.2, "cap_yuan": 5000000}),
    "threshold then rate": ("研发投入不低于100万元的,按研发投入的10%给予补助。", {"rate": 0.1}),
    "threshold then amount": ("年技术合同成交额超过1000万元的,给予50万元奖励。", {"amount_yuan": 500000}),
}


@pytest.mark.parametrize("case", list(NUMBERS))
def test_number_forms(case: str, tmp_path: Path) -> None:
    sentence, expected = NUMBERS[case]
    text = (_TITLE + _SECTION + "(一)支持技术转移。对符合条件的技术转移机构," + sentence + "\n" + _NEXT)
    found = [_numbers(i) for i in _instruments(_read(text, tmp_path)) if _numbers(i)]
    assert found == [expected]


@pytest.mark.parametrize("placement", ["end", "line", "alone", "after a space"])
@pytest.mark.parametrize("bracket", ["（）", "【】", "none"])
@pytest.mark.parametrize("case", ["最高amount", "rate+cap", "rate range —", "三成", "cap per year", "thousands separator"])
def test_numbers_beside_a_unit_list(case: str, bracket: str, placement: str, tmp_path: Path) -> None:
    sentence, expected = NUMBERS[case]
    names = NAME_FORMS["abbreviated"][:2]
    item = "(一)支持技术转移。对符合条件的技术转移机构," + sentence
    tail = _placed("责任单位", bracket, placement, _list(names))
    if placement == "after a space":
        item, tail = item.rstrip("。"), " " + tail
    doc = _read(_TITLE + _SECTION + item + tail + "\n" + _NEXT, tmp_path)
    assert [_numbers(i) for i in _instruments(doc) if _numbers(i)] == [expected]
    assert _clause_units(doc) == _expected(names, "responsible")


@pytest.mark.parametrize("text", [
    "一、奖励对象及范围\n(一)在甲市注册的企业。\n(二)在甲市设立的研发机构。\n",
    "一、补助标准\n(一)申报企业应具有独立法人资格。\n",
    "一、支持对象\n(一)研发投入不低于100万元的企业。\n(二)年营业收入达到5000万元以上的企业。\n",
    "一、申报条件\n(一)上年度研发费用占营业收入比例不低于3%。\n",
    "一、主要内容\n(一)奖励条件。年营业收入达到1000万元以上。\n",
    "一、主要内容\n(一)支持对象。年技术合同成交额在1000万元以上的技术转移机构。\n",
    "一、主要内容\n(一)申报条件。研发人员占职工总数的比例不低于10%。\n",
    "一、主要内容\n(一)资金来源。奖励资金从市科技专项资金中列支。\n",
    "一、主要内容\n(一)绩效目标。到2025年,技术合同成交额达到100亿元。\n",
    "一、主要内容\n(一)政策兑现。企业获得奖励后3年内不得迁出。\n",
    "一、主要内容\n(一)工作目标。培育技术转移机构50家,技术经理人500名。\n",
], ids=["奖励对象及范围", "补助标准", "thresholds", "threshold rate", "奖励条件", "支持对象", "申报条件",
        "资金来源", "绩效目标", "政策兑现", "工作目标"])
def test_no_incentive_from_headings_or_thresholds(text: str, tmp_path: Path) -> None:
    doc = _read(_TITLE + text, tmp_path)
    assert [_numbers(i) for i in _instruments(doc) if _numbers(i)] == []


# a condition on the applicant's own figures beside a grant in one clause: only the grant's number
CONDITIONS = {
    "不低于 then amount": ("对研发投入不低于100万元的企业给予30万元奖励。", [{"amount_yuan": 300000}]),
    "不超过 without figure": ("对营业收入不超过5000万元的企业给予奖励。", []),
    "two conditions": ("对研发投入不低于100万元、营业收入不超过5000万元的企业给予奖励。", []),
    "超过 then amount": ("对年营业收入首次超过1亿元的企业给予50万元奖励。", [{"amount_yuan": 500000}]),
    "capital then cap": ("对注册资本不低于500万元的机构给予最高20万元补助。", [{"cap_yuan": 200000}]),
    "以上 then amount": ("对技术合同成交额达到1000万元以上的机构给予10万元奖励。", [{"amount_yuan": 100000}]),
    "project size": ("对单个项目投资不超过500万元的项目给予补助。", []),
    "project size then cap": ("对投资额不超过500万元的项目给予最高50万元补助。", [{"cap_yuan": 500000}]),
    "cap before its grant": ("给予不超过50万元的补助。", [{"cap_yuan": 500000}]),
    "cap of a grant named with 的": ("给予单个项目不超过50万元的资金支持。", [{"cap_yuan": 500000}]),
}


@pytest.mark.parametrize("case", list(CONDITIONS))
def test_conditions_beside_a_grant(case: str, tmp_path: Path) -> None:
    sentence, expected = CONDITIONS[case]
    text = _TITLE + _SECTION + "(一)支持技术转移。" + sentence + "\n" + _NEXT
    assert [_numbers(i) for i in _instruments(_read(text, tmp_path)) if _numbers(i)] == expected


def test_threshold_beside_an_incentive_is_not_its_number(tmp_path: Path) -> None:
    text = _TITLE + _SECTION + "(一)对研发投入不低于100万元的企业,给予最高30万元奖励。\n" + _NEXT
    found = [_numbers(i) for i in _instruments(_read(text, tmp_path)) if _numbers(i)]
    assert found == [{"cap_yuan": 300000}]


# -- metadata ------------------------------------------------------------------------------

_BODY = "甲市促进科技成果转化若干措施\n一、支持中试基地建设\n(一)对新建中试基地给予最高50万元奖励。\n"

DATES = {
    "2024年3月5日": "2024-03-05",
    "2024年03月05日": "2024-03-05",
    "2024-03-05": "2024-03-05",
    "2024-3-5": "2024-03-05",
    "2024/03/05": "2024-03-05",
    "2024.03.05": "2024-03-05",
    "2024.3.5": "2024-03-05",
    "二〇二四年三月五日": "2024-03-05",
    "二○二四年三月五日": "2024-03-05",
    "二零二四年三月五日": "2024-03-05",
    "二〇二四年十二月二十五日": "2024-12-25",
    "2024年12月25日": "2024-12-25",
}

DATE_LABELS = ["成文日期", "发布日期", "公布日期", "印发日期", "发文日期"]


@pytest.mark.parametrize("written", list(DATES))
@pytest.mark.parametrize("label", DATE_LABELS)
def test_header_date(label: str, written: str, tmp_path: Path) -> None:
    header = f"索引号:000000001/2024-00012\n发文机关:甲市科学技术局\n{label}:{written}\n"
    doc = _read(header + _BODY, tmp_path)
    assert doc.date == DATES[written]


@pytest.mark.parametrize("written", list(DATES))
def test_signature_date(written: str, tmp_path: Path) -> None:
    doc = _read(_BODY + "(二)本措施自发布之日起施行。\n甲市科学技术局\n" + written + "\n", tmp_path)
    assert doc.date == DATES[written]


NUMBER_LABELS = {
    "【字号】": "【字号】{n}\n",
    "发文字号：": "发文字号：{n}\n",
    "发文字号:": "发文字号:{n}\n",
    "文号：": "文号：{n}\n",
    "文　　号：": "文　　号：{n}\n",
    "【发文字号】": "【发文字号】{n}\n",
}
DOC_NUMBERS = {"甲科发〔2024〕5号": "甲科发〔2024〕5号", "甲科发[2024]5号": "甲科发〔2024〕5号",
               "甲科发(2024)5号": "甲科发〔2024〕5号", "甲科规〔2024〕12号": "甲科规〔2024〕12号"}


@pytest.mark.parametrize("number", list(DOC_NUMBERS))
@pytest.mark.parametrize("label", list(NUMBER_LABELS))
def test_header_doc_number(label: str, number: str, tmp_path: Path) -> None:
    header = "索引号:000000001/2024-00012\n" + NUMBER_LABELS[label].format(n=number) + "发文机关:甲市科学技术局\n"
    doc = _read(header + _BODY, tmp_path)
    assert doc.doc_number == DOC_NUMBERS[number]


ISSUER_LABELS = ["发文机关", "制定机关", "发布机构", "发文单位", "【发文机关】", "【制定机关】"]


@pytest.mark.parametrize("issuer", ["甲市科学技术局", "甲市人民政府办公室", "甲市发展和改革委员会"])
@pytest.mark.parametrize("label", ISSUER_LABELS)
def test_header_issuer(label: str, issuer: str, tmp_path: Path) -> None:
    line = f"{label}{issuer}\n" if label.startswith("【") else f"{label}:{issuer}\n"
    header = "索引号:000000001/2024-00012\n" + line + "成文日期:2024年3月5日\n"
    doc = _read(header + _BODY, tmp_path)
    assert doc.issuer == issuer


def test_index_number_is_no_doc_number(tmp_path: Path) -> None:
    header = "索引号:000000001/2024-00012\n发文机关:甲市科学技术局\n成文日期:2024年3月5日\n"
    doc = _read(header + _BODY, tmp_path)
    assert doc.doc_number is None
    assert doc.title == "甲市促进科技成果转化若干措施"
