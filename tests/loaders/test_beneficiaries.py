"""Beneficiary types, longest synonym first, and a user-extended vocabulary file."""

from __future__ import annotations

import json

import pytest

from policykg.loaders.beneficiaries import (
    DEFAULT_PATH,
    BeneficiaryVocabulary,
    find_beneficiaries,
)
from policykg.loaders.responsibility import responsibility_spans


def test_longest_synonym_wins():
    assert find_beneficiaries("支持技术转移机构开展服务") == ["tech_transfer_agency"]
    assert find_beneficiaries("初创科技型企业") == ["enterprise"]
    assert find_beneficiaries("国有企业加大研发投入") == ["state_owned_enterprise"]
    assert find_beneficiaries("大学科技园") == ["platform"]


def test_order_of_first_appearance():
    text = "对购买高校、科研院所、医疗卫生机构、新型研发机构成果的企业,以及技术经纪人和科研人员"
    assert find_beneficiaries(text) == [
        "university_institute", "medical_institution", "new_rd_institution", "enterprise", "tech_broker",
        "researcher"]


def test_every_listed_type_is_found():
    cases = {
        "中小微企业": "enterprise", "高校院所": "university_institute", "成果完成单位": "university_institute",
        "医疗卫生机构": "medical_institution", "新型研发机构": "new_rd_institution",
        "技术中介服务机构": "tech_transfer_agency", "技术经纪人": "tech_broker", "成果完成人": "researcher",
        "创业团队": "talent_team", "股权投资基金": "investment_fund", "天使投资人": "investment_fund",
        "科创银行专营机构": "financial_institution", "众创空间": "platform", "国企": "state_owned_enterprise",
        "各县市区": "local_government",
    }
    for term, code in cases.items():
        assert find_beneficiaries(f"支持{term}发展") == [code], term


def test_responsibility_brackets_are_not_beneficiaries():
    text = "支持高校开展试点。(责任单位:市人才工作局、市科技局〈含开发区管委会〉,在荆高校)下一条"
    spans = responsibility_spans(text)
    assert len(spans) == 1
    s, e = spans[0]
    assert text[s:e].startswith("(责任单位") and text[e:] == "下一条"
    assert find_beneficiaries("市人才工作局负责") == []  # a stop term, not talent
    assert BeneficiaryVocabulary.load().find_beneficiaries("(责任单位:各区人民政府)中试平台") == ["platform"]


def test_user_extended_file_changes_extraction_without_code(tmp_path):
    sentence = "按照合同额的2%给予技术输出方一次性补助"
    assert find_beneficiaries(sentence) == []
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    for entry in data["types"]:
        if entry["code"] == "tech_transfer_agency":
            entry["synonyms"].append("技术输出方")
    data["types"].append({"code": "farmer", "label": "农户", "synonyms": ["种植大户", "农户"]})
    path = tmp_path / "beneficiaries.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    vocab = BeneficiaryVocabulary.load(path)
    assert vocab.find_beneficiaries(sentence) == ["tech_transfer_agency"]
    assert vocab.find_beneficiaries("对种植大户给予补贴") == ["farmer"]
    assert find_beneficiaries(sentence) == []  # the bundled vocabulary is untouched


def test_bad_files_tell_the_user_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="beneficiaries.json"):
        BeneficiaryVocabulary.load(tmp_path / "missing.json")
    broken = tmp_path / "b.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match="not valid JSON"):
        BeneficiaryVocabulary.load(broken)
    dup = tmp_path / "d.json"
    dup.write_text(json.dumps({"types": [{"code": "a", "synonyms": ["企业"]}, {"code": "b", "synonyms": ["企业"]}]}),
                   encoding="utf-8")
    with pytest.raises(ValueError, match="one type only"):
        BeneficiaryVocabulary.load(dup)


def test_types_found_are_those_of_the_matches_in_order():
    vocab = BeneficiaryVocabulary.load()
    for text in ("对购买高校成果的企业和高校给予奖励,企业再获补助", "国有企业与初创科技型企业", "", "无关文字"):
        codes = list(dict.fromkeys(m.code for m in vocab.matches(text)))
        assert vocab.find_beneficiaries(text, skip_responsibility=False) == codes, text
