"""Rules learned from the generated corpus, each with sentences written for the test."""

from __future__ import annotations

import pytest

from policykg.loaders.citations import doc_numbers_in
from policykg.loaders.cleaning import clean_text
from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.pipeline import Pipeline, title_as_written
from policykg.loaders.records import SourceText
from policykg.loaders.responsibility import extract_provisions, parse_units


def test_units_on_a_line_of_their_own_without_a_bracket():
    text = "(一)支持企业购买科技成果,给予奖励。\n责任单位:市科技局、市财政局,各县(市、区)人民政府\n"
    [provision] = extract_provisions(text, 0, len(text), None)
    assert [u.name for u in provision.units] == ["市科技局", "市财政局", "各县市区人民政府"]
    assert provision.units[0].lead and provision.units_text.startswith("市科技局")


def test_label_line_ending_in_a_bracket_keeps_its_last_character():
    text = "(一)推动转化。\n责任单位:市科技局,各县(市、区)\n"
    [provision] = extract_provisions(text, 0, len(text), None)
    assert provision.units_text == "市科技局,各县(市、区)"


def test_a_responsibility_word_inside_a_sentence_is_not_a_label_line():
    text = "(一)明确各责任单位:分工负责的要求。"
    [provision] = extract_provisions(text, 0, len(text), None)
    assert provision.units == [] and provision.units_text is None


@pytest.mark.parametrize(
    ("units_text", "expected"),
    [
        ("韶关、湛江市人民政府", ["韶关市人民政府", "湛江市人民政府"]),
        ("中山、江门、茂名市人民政府", ["中山市人民政府", "江门市人民政府", "茂名市人民政府"]),
        ("嘉峪关、酒泉市人民政府", ["嘉峪关市人民政府", "酒泉市人民政府"]),
        ("市海关、市财政局", ["市海关", "市财政局"]),
    ],
)
def test_place_names_ending_like_organisations_share_the_suffix(units_text, expected):
    assert [u.name for u in parse_units(units_text, 0, 0, None)] == expected


def test_a_rate_paid_out_as_a_voucher_is_an_incentive():
    found = InstrumentExtractor().find("企业使用科技创新券购买服务的,按服务合同金额的60%予以兑付,每家企业每年最高200万元。")
    quantified = [i for i in found if i.rate is not None]
    assert [(i.rate, i.cap_yuan, i.beneficiary) for i in quantified] == [(0.6, 2e6, "enterprise")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("根据共和政发〔2017〕27号文件", "共和政发〔2017〕27号"),
        ("按照仁和办发〔2020〕3号执行", "仁和办发〔2020〕3号"),
        ("参照荆政办发〔2024〕16号和岳政发〔2016〕9号", "荆政办发〔2024〕16号"),
    ],
)
def test_doc_number_place_names_containing_lead_words(text, expected):
    assert doc_numbers_in(text)[0][0] == expected


def test_title_keeps_the_documents_own_brackets(tmp_path):
    text = "某某市促进科技成果转化行动方案（2016—2018年）\n一、总体要求\n（一）支持企业创新。\n"
    source = SourceText("t.txt", "txt", "utf-8", text, "0" * 64, len(text.encode()))
    clean = clean_text(source)
    assert title_as_written(clean, "某某市促进科技成果转化行动方案(2016—2018年)") == \
        "某某市促进科技成果转化行动方案（2016—2018年）"
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    assert Pipeline().read(path).title == "某某市促进科技成果转化行动方案（2016—2018年）"


def test_collectives_of_no_particular_place_are_qualified_by_the_region():
    from policykg.loaders.departments import DepartmentVocabulary
    from policykg.loaders.gazetteer import Gazetteer

    vocab, places = DepartmentVocabulary.load(), Gazetteer.load()
    jingzhou, wuhan = places.lookup("荆州市"), places.lookup("武汉市")
    assert vocab.resolve("有关高校院所", jingzhou)[0] == "荆州市有关高校院所"
    assert vocab.resolve("有关高校院所", wuhan)[0] == "武汉市有关高校院所"
    assert vocab.resolve("长江大学", jingzhou)[0] == "长江大学"  # a named body stays as it is
