"""Instruments: one incentive with its numbers, caps, conditions and beneficiary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import opencc
import pytest

from policykg.corpus import bundled_paths
from policykg.loaders.instruments import DEFAULT_PATH, InstrumentExtractor, InstrumentVocabulary

NUMBER_FIELDS = ("rate", "rate_min", "rate_max", "cap_yuan", "amount_yuan")


@pytest.fixture(scope="module")
def ex() -> InstrumentExtractor:
    return InstrumentExtractor()


def quantified(instruments):
    return [i for i in instruments if any(getattr(i, k) is not None for k in NUMBER_FIELDS)]


def one(ex, text):
    found = quantified(ex.find(text))
    assert len(found) == 1, [(i.type, i.rate, i.cap_yuan, i.amount_yuan) for i in found]
    return found[0]


# ---------------------------------------------------------------- written forms of numbers
@pytest.mark.parametrize(("text", "field", "value"), [
    ("对认定的企业,按技术交易额的8%给予奖励", "rate", 0.08),
    ("对认定的企业,按技术交易额的8％给予奖励", "rate", 0.08),
    ("对认定的企业,按技术交易额的百分之八给予奖励", "rate", 0.08),
    ("对认定的企业,按技术交易额的百分之二十五给予奖励", "rate", 0.25),
    ("按其实际投资额的0.5倍给予配套奖励", "rate", 0.5),
    ("对认定的孵化器给予100万元奖励", "amount_yuan", 1_000_000),
    ("对新设立的基金给予1亿元资金支持", "amount_yuan", 100_000_000),
    ("对新型研发机构一次性奖励五十万元", "amount_yuan", 500_000),
    ("择优给予单个项目最高3000万支持", "cap_yuan", 30_000_000),
    ("择优给予单个项目最高1.5亿元支持", "cap_yuan", 150_000_000),
])
def test_numbers_in_every_written_form(ex, text, field, value):
    assert getattr(one(ex, text), field) == pytest.approx(value)


@pytest.mark.parametrize("rng", ["70%—99%", "70%-99%", "70%~99%", "70%至99%"])
def test_rate_range_goes_to_min_and_max(ex, rng):
    ins = one(ex, f"科研人员办理技术合同登记的,可按照规定获得{rng}的现金奖励或者股权激励。")
    assert (ins.rate_min, ins.rate_max, ins.rate) == (pytest.approx(0.7), pytest.approx(0.99), None)
    assert (ins.type, ins.category, ins.beneficiary) == ("income_share", "environment", "researcher")


# ---------------------------------------------------------------- one incentive per beneficiary
SPLIT = ("对购买高校科技成果的企业,按技术合同成交额的百分之八给予每家企业每年最高100万元奖励;"
         "对上述成果的完成单位,按技术合同成交额的2%给予每家单位每年最高一百万元奖励;"
         "按1%给予提供服务的技术转移机构奖励,每家机构每年最高150万元,其中对技术经纪人的奖励不低于30%。"
         "以上奖励单个项目合同金额不低于(含)10万元。")


def test_rates_are_split_by_beneficiary(ex):
    found = quantified(ex.find(SPLIT))
    got = [(i.beneficiary, i.rate, i.cap_yuan) for i in found]
    assert got == [("enterprise", 0.08, 1_000_000), ("university_institute", 0.02, 1_000_000),
                   ("tech_transfer_agency", 0.01, 1_500_000), ("tech_broker", 0.3, None)]
    assert all(i.type == "reward" and i.category == "supply" for i in found)
    assert found[0].scope == "per_entity_per_year" and found[0].basis == "技术合同成交额"
    # the closing condition applies to every reward before it
    assert [i.threshold_yuan for i in found] == [100_000] * 4


def test_recipient_after_grant_verb_wins_over_subject(ex):
    ins = one(ex, "高校可在科技成果转化净收入中提取不低于2%的经费用于奖励技术经纪人。")
    assert (ins.rate, ins.beneficiary) == (0.02, "tech_broker")
    ins = one(ex, "对投资初创科技型企业的股权投资基金,按照实际投资金额的10%给予其管理机构奖励。")
    assert (ins.beneficiary, ins.type, ins.category) == ("investment_fund", "equity_investment_reward", "environment")


def test_head_of_dui_phrase_is_the_beneficiary(ex):
    ins = one(ex, "对签订服务合同的企事业单位和中介服务机构给予最高20万元补贴。")
    assert (ins.beneficiary, ins.cap_yuan) == ("enterprise", 200_000)
    ins = one(ex, "对经认定的科创银行专营机构,新增科创企业贷款达到2亿元以上的,可一次性给予最高20万元奖励。")
    assert (ins.beneficiary, ins.cap_yuan, ins.threshold_yuan, ins.scope) == (
        "financial_institution", 200_000, 200_000_000, "one_off")


# ---------------------------------------------------------------- caps, thresholds, scopes
def test_secondary_caps_stay_in_one_instrument(ex):
    text = ("对投资初创企业满2年且5年内发生投资损失的股权投资基金,按照实际损失金额的20%给予其管理机构补贴,"
            "每个项目最高补贴300万元,每家管理机构每年最高600万元。")
    ins = one(ex, text)
    assert (ins.type, ins.rate, ins.cap_yuan, ins.scope) == ("loss_compensation", 0.2, 3_000_000, "per_project")
    assert ins.caps == [{"yuan": 3_000_000, "scope": "per_project"},
                        {"yuan": 6_000_000, "scope": "per_entity_per_year"}]
    assert ins.basis == "实际损失金额"
    assert ins.duration_years is None  # 满2年且5年内 is a condition of who qualifies


def test_thresholds_are_conditions_not_incentives(ex):
    text = ("全年技术合同实际到账额累计50万元以上的,市财政按照不超过合同交易实际到账额的2%给予输出方一次性补助,"
            "最高不超过20万元;累计25万元以上的,按照不超过实际到账额的4%给予承接方一次性补助,最高不超过10万元。")
    found = quantified(ex.find(text))
    assert [(i.rate, i.cap_yuan, i.threshold_yuan, i.scope) for i in found] == [
        (0.02, 200_000, 500_000, "one_off"), (0.04, 100_000, 250_000, "one_off")]


def test_rate_cap_on_a_total_and_duration(ex):
    text = ("从完成当年起5年内,每年按照主体税种增量的50%给予奖励,5年累计奖补总额不超过固定资产投资总额的30%,"
            "且累计奖补总额不超过500万元。")
    ins = one(ex, text)
    assert (ins.rate, ins.cap_yuan, ins.scope, ins.duration_years) == (0.5, 5_000_000, "total", 5)
    assert ins.caps == [{"rate": 0.3, "scope": "total", "basis": "固定资产投资总额"},
                        {"yuan": 5_000_000, "scope": "total"}]


def test_cap_in_a_later_clause_with_its_own_scope(ex):
    ins = one(ex, "对技术中介服务机构承接的对接活动,按实际开销给予后补助,单场活动补贴费用不得超过3万元。")
    assert (ins.type, ins.cap_yuan, ins.scope, ins.beneficiary) == ("post_subsidy", 30_000, "per_event",
                                                                     "tech_transfer_agency")


def test_fund_size_is_an_amount(ex):
    ins = one(ex, "争取省级基金支持,设立市科创基金,规模1亿元以上。")
    assert (ins.type, ins.category, ins.amount_yuan, ins.beneficiary) == ("fund", "environment", 100_000_000, None)


def test_money_range(ex):
    ins = one(ex, "对认定的众创空间给予10万—50万元补助")
    # no fixed amount: a grant of up to the range's top figure
    assert (ins.amount_yuan, ins.cap_yuan, ins.beneficiary) == (None, 500_000, "platform")


def test_ownership_share_and_interest_subsidy(ex):
    ins = one(ex, "授予成果完成人(团队)权属比例不低于70%的职务科技成果所有权。")
    assert (ins.type, ins.rate, ins.beneficiary) == ("rights_grant", 0.7, "researcher")
    ins = one(ex, "加大对小微企业创业担保贷款贴息支持力度,属地财政按照实际利率的50%给予贴息。")
    assert (ins.type, ins.category, ins.rate, ins.basis, ins.beneficiary) == (
        "interest_subsidy", "environment", 0.5, "实际利率", "enterprise")


# ---------------------------------------------------------------- not instruments
@pytest.mark.parametrize("text", [
    "到2026年,全市技术合同成交额达到400亿元,规上企业研发机构覆盖率达到70%。",
    "力争科技型企业贷款余额年增长10%以上,库内企业银行对接率达到100%。",
    "落实研发费用财政补助等政策,2023年全市覆盖率达到70%。",
    "每年举办对接活动不少于20场,建设省级技术转移机构4家,支持不少于1000名青年人才。",
    "全社会研发经费支出占GDP比重达到3.5%,高新技术企业数量年增长10%以上。",
    "后补助总金额按当年科技财政预算的10%予以安排。",
    "赋予科研人员不低于10年的长期使用权。",
    "单项投入使用经费达到50万元以上的横向项目,视同省级科技计划项目。",
])
def test_targets_statistics_durations_are_not_quantified_instruments(ex, text):
    assert quantified(ex.find(text)) == []


def test_unquantified_instruments_are_returned(ex):
    found = ex.find("落实研发费用加计扣除等税收优惠政策,科技型中小企业可使用科技创新券采购服务,推动首购首用。")
    types = {i.type: i for i in found}
    assert {"tax_incentive", "voucher", "procurement"} <= set(types)
    assert types["tax_incentive"].category == "environment"
    assert types["voucher"].category == "supply" and types["voucher"].beneficiary == "enterprise"
    assert types["procurement"].category == "demand"
    assert quantified(found) == []
    rights = ex.find("赋予科研人员不低于10年的长期使用权。")
    assert [(i.type, i.duration_years, i.beneficiary) for i in rights] == [("rights_grant", 10, "researcher")]


def test_offsets_are_absolute(ex):
    text = "(三)推动转化。对认定的企业,按技术交易额的8%给予奖励。(责任单位:市科技局)"
    ins = one(ex, text)
    assert text[ins.start:ins.end].strip() == ins.text
    shifted = quantified(ex.find(text, offset=1000))[0]
    assert (shifted.start, shifted.end) == (ins.start + 1000, ins.end + 1000)
    assert "8%" in shifted.text and "责任单位" not in shifted.text


def test_extended_instrument_file(tmp_path):
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    data["types"].append({"code": "land_support", "label": "用地保障", "category": "supply",
                          "quantifiable": False, "triggers": ["用地保障"]})
    path = tmp_path / "instruments.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    text = "对落地转化项目优先给予用地保障。"
    assert "land_support" not in {i.type for i in InstrumentExtractor().find(text)}
    custom = InstrumentExtractor(vocab=InstrumentVocabulary.load(path))
    assert "land_support" in {i.type for i in custom.find(text)}


def test_bad_category_is_reported(tmp_path):
    path = tmp_path / "i.json"
    path.write_text(json.dumps({"types": [{"code": "x", "category": "other"}]}), encoding="utf-8")
    with pytest.raises(ValueError, match="supply, environment or demand"):
        InstrumentVocabulary.load(path)


# ---------------------------------------------------------------- the seeds against the gold
_T2S = opencc.OpenCC("t2s")
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
_LABEL_LINE = re.compile(r"^\s*(?:\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+\.)", re.M)


def normalized_seed(prefix: str) -> str:
    """A seed as normalised text: t2s per character, full-width folded, pinyin debris removed."""
    path = next(p for p in bundled_paths() if p.name.startswith(prefix))
    out = []
    for ch in path.read_text(encoding="utf-8"):
        c = _T2S.convert(ch)
        c = c if len(c) == 1 else ch
        if 0xFF01 <= ord(c) <= 0xFF5E:
            c = chr(ord(c) - 0xFEE0)
        elif c == "\u3000":
            c = " "
        out.append(c)
    return _PINYIN.sub("", "".join(out))


def clause_text(text: str, anchor: str) -> tuple[int, str]:
    """The clause holding ``anchor``: from its label line to the next label line."""
    pos = text.index(anchor)
    starts = [m.start() for m in _LABEL_LINE.finditer(text)]
    start = max(s for s in starts if s <= pos)
    end = min([s for s in starts if s > pos] or [len(text)])
    return start, text[start:end]


# written from the dev gold (tests/data/gold/000.json, 001.json): clause anchor → instruments
GOLD = {
    "000": [
        ("(七)", "专业机构和技术经纪人利用", [
            {"beneficiary": "enterprise", "rate": 0.08, "cap_yuan": 1e6},
            {"beneficiary": "university_institute", "rate": 0.02, "cap_yuan": 1e6},
            {"beneficiary": "tech_transfer_agency", "rate": 0.01, "cap_yuan": 1.5e6}]),
        ("(十六)", "服务企业招才引智", [{"beneficiary": "enterprise", "cap_yuan": 2e5}]),
        ("(十九)", "配合组织发动全市技术经纪人", [{"beneficiary": "tech_broker", "rate": 0.02}]),
        ("(二十)", "全市每年组织开展和参加", [{"beneficiary": "tech_transfer_agency", "cap_yuan": 3e4}]),
        ("(二十九)", "争取省级基金和主流榜单", [{"beneficiary": None, "amount_yuan": 1e8}]),
        ("(三十)", "强化科技成果转化信贷支持", [{"beneficiary": "enterprise", "rate": 0.5}]),
        ("(三十二)", "积极配合做好科技型企业和项目融资", [{"beneficiary": "financial_institution", "cap_yuan": 2e5}]),
    ],
    "001": [
        ("(一)", "促进高校院所服务地方产业发展", [{"beneficiary": "university_institute", "cap_yuan": 3e7}]),
        ("(二)", "深化职务科技成果赋权改革。支持", [{"beneficiary": "researcher", "rate": 0.7}]),
        ("(三)", "强化职务科技成果转化激励", [{"beneficiary": "researcher", "rate_min": 0.7, "rate_max": 0.99}]),
        ("(七)", "加快“四新”“四首”推广应用", [{"beneficiary": "enterprise", "cap_yuan": 1e7}]),
        ("(八)", "发挥企业创新主体作用", [{"beneficiary": "enterprise", "cap_yuan": 3e7}]),
        ("(十)", "推动中试平台提档升级", [{"beneficiary": "platform", "cap_yuan": 1e7}]),
        ("(十四)", "支持开展技术交易活动", [
            {"beneficiary": "enterprise", "rate": 0.08, "cap_yuan": 1e6},
            {"beneficiary": "university_institute", "rate": 0.02, "cap_yuan": 1e6},
            {"beneficiary": "tech_transfer_agency", "rate": 0.01, "cap_yuan": 1.5e6},
            {"beneficiary": "tech_broker", "rate": 0.3}]),
        ("(十七)", "加大科技成果股权投资力度", [
            {"beneficiary": "investment_fund", "rate": 0.15, "cap_yuan": 1e6},
            {"beneficiary": "investment_fund", "rate": 0.2, "cap_yuan": 3e6}]),
    ],
}


def _covers(ins, gold) -> bool:
    values = [getattr(ins, k) for k in NUMBER_FIELDS if getattr(ins, k) is not None]
    return all(any(abs(v - g) <= max(1e-9, abs(g) * 0.005) for v in values)
               for k, g in gold.items() if k in NUMBER_FIELDS)


def test_seed_clauses_against_gold(ex):
    tp = fp = fn = ben_ok = 0
    for prefix, clauses in GOLD.items():
        text = normalized_seed(prefix)
        gold_by_label = {label: (anchor, items) for label, anchor, items in clauses}
        # every clause of the seed counts: an instrument in a clause the gold leaves empty is a false positive
        starts = [m.start() for m in _LABEL_LINE.finditer(text)]
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            body = text[start:end]
            label = re.match(r"\s*(\([一二三四五六七八九十]+\))", body)
            predicted = quantified(ex.find(body, start))
            gold = []
            if label and label.group(1) in gold_by_label:
                anchor, gold = gold_by_label[label.group(1)]
                assert anchor in body
            taken: set[int] = set()
            for g in gold:
                hit = next((j for j, p in enumerate(predicted) if j not in taken and _covers(p, g)), None)
                if hit is None:
                    fn += 1
                    continue
                taken.add(hit)
                tp += 1
                ben_ok += predicted[hit].beneficiary == g["beneficiary"]
            fp += len(predicted) - len(taken)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.9 and recall >= 0.9, (tp, fp, fn)
    assert ben_ok / tp >= 0.9


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_gold_clause_lookup_by_anchor(prefix):
    text = normalized_seed(prefix)
    for label, anchor, _ in GOLD[prefix]:
        start, body = clause_text(text, anchor)
        assert body.lstrip().startswith(label)


def test_embedded_gold_matches_the_eval_files():
    gold_dir = Path(__file__).resolve().parents[1] / "data" / "gold"

    def key(clause, item):
        nums = tuple(sorted((k, float(v)) for k, v in item.items() if k in NUMBER_FIELDS))
        return clause, item.get("beneficiary") or "", nums

    for prefix, clauses in GOLD.items():
        data = json.loads((gold_dir / f"{prefix}.json").read_text(encoding="utf-8"))
        want = sorted(key(g["clause"], g) for g in data["instruments"])
        have = sorted(key(label, g) for label, _, items in clauses for g in items)
        assert have == want


def test_matching_ratios_are_rates(ex):
    text = "对获得省级科技奖的牵头单位按所得奖金1:1的比例配套奖励,合作单位按所得奖金1:0.5的比例配套奖励;"
    assert [i.rate for i in quantified(ex.find(text))] == [1.0, 0.5]


def test_listed_matching_ratios_are_one_instrument_each(ex):
    # the colon of a ratio does not cut the clause: both ratios keep the grant they share
    text = "获国家级、省级科技奖的第一完成单位,分别按上级奖金的 1:3、1:2 给予配套奖励。"
    assert [i.rate for i in quantified(ex.find(text))] == [3.0, 2.0]


def test_a_cap_in_its_own_clause_closes_every_rate_before_it(ex):
    text = ("对企业技术合同年累计成交额在1000万元及以下部分按成交额的1%给予奖励,"
            "超过1000万元部分按成交额的0.5%给予奖励,每家企业每年奖励最高不超过50万元。")
    assert [(i.rate, i.cap_yuan) for i in quantified(ex.find(text))] == [(0.01, 500_000), (0.005, 500_000)]


def test_a_shared_cap_stops_at_a_capped_rate(ex):
    # a yearly cap on all one recipient gets closes the base award too (the eighth set's convention)
    text = "给予3万元基础奖励,超过部分按0.5‰给予奖励,单个机构每年最高不超过10万元。"
    assert [(i.amount_yuan, i.rate, i.cap_yuan) for i in quantified(ex.find(text))] == [
        (30_000, None, 100_000), (None, 0.0005, 100_000)]
    # a cap without such a scope stays with the rate it follows
    text = "给予3万元基础奖励,超过部分按0.5‰给予奖励,最高不超过10万元。"
    assert [(i.amount_yuan, i.rate, i.cap_yuan) for i in quantified(ex.find(text))] == [
        (30_000, None, None), (None, 0.0005, 100_000)]
    text = "对国家级平台按投入的10%给予补助,最高200万元;对省级平台按投入的5%给予补助。"
    assert [(i.rate, i.cap_yuan) for i in quantified(ex.find(text))] == [(0.1, 2_000_000), (0.05, None)]


def test_news_around_a_policy_grants_nothing(ex):
    assert quantified(ex.find("兰州:技术经理人每年可享最高30万元技术交易奖励")) == []
    text = "本网讯:5月8日,《甲市方案》正式印发。对技术经理人按交易额的3%给予奖励,最高30万元。"
    assert quantified(ex.find(text)) == []


def test_a_field_label_before_an_incentive_is_no_headline(ex):
    assert one(ex, "奖励标准:每家企业最高奖励50万元").cap_yuan == 500_000
    assert one(ex, "对技术经理人按交易额的3%给予奖励,每年最高30万元").rate == 0.03


# ---------------------------------------------------------------- rights and income rules
@pytest.mark.parametrize(("text", "kind"), [
    ("高校、科研院所转化科技成果所获得的收益全部留归本单位,纳入单位预算统一管理。", "income_retention"),
    ("成果转化净收入留归项目承担单位。", "income_retention"),
    ("科研人员可以自主转让其持有的科技成果,不需审批或备案。", "disposal_right"),
    ("单位可以自主决定转让、许可或者作价投资,除涉及国家秘密外,不需审批或者备案。", "disposal_right"),
    ("高校的科技成果转化收益全部留归本单位,不上缴国库。", "income_retention"),
    ("单位可自主决定成果许可他人使用,不需报主管部门、财政部门审批。", "disposal_right"),
])
def test_income_kept_and_transfer_without_approval_are_incentives(ex, text, kind):
    found = ex.find(text)
    assert [i.type for i in found] == [kind]  # one provision, one incentive however many cues it has


def test_approval_words_alone_in_a_procedure_are_not_rights(ex):
    assert ex.find("项目申报须经主管部门审批。") == []


def test_bulleted_award_cards_are_read_line_by_line(ex):
    """A bulleted list (- item) keeps one line per item, so each card of awards under a lead line
    (甲奖配套:) is read on its own, sums per item (元/件, 万元/项) and with thousands commas too."""
    text = ("甲市专利资助:\n- 甲类专利:申请费 1,200 元 / 件,授权后 3,300 元 / 件\n- 乙类专利:授权后 700 元 / 件\n"
            "甲奖配套:\n- 甲等奖:最高 40 万元 / 项\n- 乙等奖:最高 25 万元 / 项,丙奖 12 万元\n"
            "其他资助:\n- 保险:按保费 40% 资助,最高 15 万元 / 年")
    found = ex.find(text)
    assert sorted(i.amount_yuan for i in found if i.amount_yuan) == [700, 1200, 3300, 120000]
    assert sorted(i.cap_yuan for i in found if i.cap_yuan and not i.rate) == [250000, 400000]
    assert [(i.rate, i.cap_yuan) for i in found if i.rate] == [(0.4, 150000)]


def test_bulleted_cards_on_following_lines_stay_apart(ex):
    text = "乙县奖励:\n- 一等奖:120 万元,二等奖 40 万元\n- 省级奖:25 万元,二等奖 15 万元\n- 其他"
    assert sorted(i.amount_yuan for i in ex.find(text) if i.amount_yuan) == [150000, 250000, 400000, 1200000]


def test_bullets_and_list_leads_keep_their_line_breaks():
    from policykg.loaders.instruments import join_wrapped_lines
    text = "甲市补助:\n- 甲类:500 元,乙类 300 元\n- 丙类:200 元,丁类 100 元\n其他补助:\n- 戊类:50 元"
    assert join_wrapped_lines(text)[0] == "甲市补助:\n-甲类:500元,乙类300元\n-丙类:200元,丁类100元\n其他补助:\n-戊类:50元"
    # a line wrapped inside a sentence is still joined
    assert join_wrapped_lines("对甲市企业,给予一次性\n奖励10万元。")[0] == "对甲市企业,给予一次性奖励10万元。"
