"""The department catalogue against the standard organs of government at every level.

Every body a policy names after 责任单位 gets one of the scored function codes: the standard
departments of the State Council and of provinces, cities and counties (after the 2018 and 2023
reforms), their former and merged names, their abbreviations, party bodies and mass
organisations, and offices inside a bureau. Bodies that no scored function fits (commerce,
transport, culture and tourism, veterans, emergencies…) are catalogued under ``other`` so that
no domain word or shorter name inside them places them elsewhere. The places (甲市, 乙县) and
bodies of the sentences are made up.
"""

from __future__ import annotations

import json

import pytest

from policykg.loaders.departments import DepartmentVocabulary
from policykg.loaders.records import Region
from policykg.loaders.responsibility import extract_provisions
from policykg.loaders.unit_forms import CATALOGUE_FILE

JIA = Region("甲市", "乙省", "city", "甲")
YI = Region("乙县", "乙省", "county", "乙", city="甲市")


@pytest.fixture(scope="module")
def vocab() -> DepartmentVocabulary:
    return DepartmentVocabulary.load()


def _units(text: str, region: Region | None = JIA) -> list[tuple[str, str]]:
    [provision] = extract_provisions(text, 0, len(text), region)
    return [(u.name, u.function) for u in provision.units]


# -- former, merged and abbreviated names of the scored departments -------------------------


@pytest.mark.parametrize(
    ("name", "function"),
    [
        ("乙县科学技术和信息化局", "science_tech"),
        ("甲市科技创新和经济信息化局", "science_tech"),
        ("国家自然科学基金委员会", "science_tech"),
        ("乙县财政和国有资产管理局", "finance"),
        ("乙县财政国资局", "finance"),
        ("甲市社保局", "human_resources"),
        ("甲市社会保险事业管理中心", "human_resources"),
        ("国家公务员局", "human_resources"),
        ("甲市人才工作领导小组", "talent"),
        ("乙县国资办", "state_assets"),
        ("甲市国有资产监督管理办公室", "state_assets"),
        ("甲市市场监督管理分局", "market_ip"),
        ("国家标准化管理委员会", "market_ip"),
        ("国家认证认可监督管理委员会", "market_ip"),
        ("国家质量监督检验检疫总局", "market_ip"),  # not the 检验检疫局 of the customs
        ("甲市质量监督检验检疫局", "market_ip"),
        ("国家疾病预防控制局", "health"),
        ("乙县人口和计划生育局", "health"),
        ("甲市工信委", "industry_it"),
        ("乙省经济和信息化委", "industry_it"),
        ("国防科学技术工业委员会", "industry_it"),  # not science_tech by its 科学技术
        ("乙省信息产业厅", "industry_it"),
        ("甲市发展计划局", "development_reform"),
        ("乙省经济体制改革委员会", "development_reform"),
        ("甲市体改办", "development_reform"),
        ("乙县农发办", "agriculture"),
        ("中国银行保险监督管理委员会", "financial_regulation"),  # not a bank (银行)
        ("中国证券监督管理委员会", "financial_regulation"),
        ("乙省银行业监督管理局", "financial_regulation"),
        ("国家外汇局甲市中心支局", "financial_regulation"),
        ("乙省委金融工委", "financial_regulation"),
        ("甲市公证处", "judicial"),
        ("乙县法律援助中心", "judicial"),
        ("乙省监狱管理局", "judicial"),
        ("甲市青联", "association"),
        ("甲市慈善总会", "association"),
        ("甲市政务服务数据管理局", "data"),
        ("乙县数据和政务服务局", "data"),
        ("甲市委网络安全和信息化委员会办公室", "data"),  # 网信办 written out, not industry_it
        ("乙县电子政务办公室", "data"),
        ("乙省测绘地理信息局", "natural_resources"),
        ("乙省地质矿产勘查开发局", "natural_resources"),
        ("甲市国土房管局", "natural_resources"),
        ("甲市规划委", "natural_resources"),
        ("甲市规划和自然资源委员会", "natural_resources"),
        ("乙县生态环境保护委员会", "environment"),
        ("乙县党政办", "general_office"),
        ("乙县党政综合办公室", "general_office"),
    ],
)
def test_former_merged_and_abbreviated_names(vocab, name, function):
    assert vocab.resolve(name, YI)[1] == function


# -- bodies no scored function fits -------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "外交部", "甲市外事办", "乙省外侨办", "甲市侨办", "乙省台办", "甲市港澳办",
        "乙省国家安全厅", "乙县人武部",
        "甲市民宗局", "乙省民族宗教事务委员会",
        "甲市交通运输局", "甲市交委", "乙省公路局", "甲市邮政管理局", "甲海事局",
        "甲市商务局", "甲市商务委", "甲市外经贸局", "乙省对外贸易经济合作厅", "甲市经合局",
        "甲市文旅局", "甲市文化广电和旅游局", "乙县文体局", "甲市文化委", "乙省广播电视局", "甲市体育局",
        "甲市退役军人事务局", "乙县退役军人局", "甲市应急管理局", "乙县应急局", "甲市安监局",
        "甲市消防救援支队", "甲市人防办", "乙县气象局",
        "甲市城管局", "乙县综合行政执法局",
        "甲市委宣传部", "甲市委统战部", "甲市直属机关工作委员会", "甲市委老干部局", "甲市委党史研究室",
        "甲市档案馆", "乙省烟草专卖局", "甲出入境检验检疫局",
    ],
)
def test_bodies_without_a_scored_function_are_other(vocab, name):
    assert vocab.resolve(name, JIA)[1] == "other"


def test_a_known_other_body_is_not_placed_by_a_domain_word_inside_it(vocab):
    # 人事 (human_resources) inside 退役军人事务局, 研究室 (general_office) inside 党史研究室
    assert vocab.function_of("甲市退役军人事务局") == "other"
    assert vocab.function_of("甲市委党史研究室") == "other"


def test_a_merged_bureau_takes_the_function_of_its_placed_half(vocab):
    # 商务局 names no scored function; the 工信 of a merged 工信商务局 does
    assert vocab.function_of("乙县工信商务局") == "industry_it"
    assert vocab.function_of("乙县发展改革和商务局") == "development_reform"
    assert vocab.function_of("乙县商务局") == "other"


def test_every_added_body_is_a_department_term(vocab):
    for name in ("商务局", "交通运输局", "退役军人事务局", "应急管理局", "宣传部", "文旅局"):
        assert vocab.is_department_term(name), name


def test_catalogue_names_are_all_valid_codes_and_unique(vocab):
    catalogue = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
    names = [n for e in catalogue["departments"] for n in e["names"]]
    assert len(names) == len(set(names))
    assert {e["code"] for e in catalogue["departments"]} <= set(vocab.codes)


# -- in a clause --------------------------------------------------------------------------


def test_a_list_of_standard_bodies_takes_their_functions():
    text = ("(一)推进示范区建设。(牵头单位:甲市商务局;配合单位:甲市交通运输局、甲市文旅局、"
            "甲市退役军人事务局、甲市应急管理局、甲市委宣传部)")
    assert _units(text) == [
        ("甲市商务局", "other"), ("甲市交通运输局", "other"), ("甲市文旅局", "other"),
        ("甲市退役军人事务局", "other"), ("甲市应急管理局", "other"), ("甲市委宣传部", "other"),
    ]


def test_merged_county_bureaus_in_a_clause():
    text = "(二)支持企业上云。责任单位:乙县工信商务局、乙县财政国资局、乙县科学技术和信息化局"
    assert _units(text, YI) == [
        ("乙县工信商务局", "industry_it"), ("乙县财政国资局", "finance"), ("乙县科学技术和信息化局", "science_tech"),
    ]


def test_an_office_named_with_its_bureau_takes_the_bureau_function(vocab):
    assert vocab.resolve("甲市科技局成果转化与区域创新处", JIA)[1] == "science_tech"
    assert vocab.resolve("甲市财政局政策法规处", JIA)[1] == "finance"


# -- bodies whose function follows their own work, not the ministry that took them in ----------


@pytest.mark.parametrize(
    ("name", "function"),
    [
        # the foreign experts bureau brings in foreign talent, whichever ministry it sits in
        ("外专局", "talent"),
        ("国家外国专家局", "talent"),
        ("乙省外国专家局", "talent"),
        ("甲市外国专家服务中心", "talent"),
        # customs collect duties but are no tax authority
        ("甲海关", "other"),
        ("海关总署", "other"),
        ("甲市海关", "other"),
        # the staffing office of a party committee is no human resources bureau
        ("甲市委编办", "other"),
        ("乙县机构编制委员会办公室", "other"),
        ("甲市编委办", "other"),
    ],
)
def test_bodies_placed_by_their_own_work(vocab, name, function):
    assert vocab.resolve(name, JIA)[1] == function


def test_customs_and_staffing_office_in_a_clause():
    text = "(三)优化通关服务。(牵头单位:甲海关;配合单位:甲市委编办、甲市外专局、甲市税务局)"
    assert _units(text) == [
        ("甲海关", "other"), ("甲市委编办", "other"), ("甲市外专局", "talent"), ("甲市税务局", "taxation"),
    ]


# -- public security, housing and construction, forestry -----------------------------------


@pytest.mark.parametrize(
    ("name", "function"),
    [
        ("公安部", "other"),
        ("乙省公安厅", "other"),
        ("甲市公安局", "other"),
        ("甲市公安局乙分局", "other"),
        ("甲市公安局交警支队", "other"),
        ("乙县派出所", "other"),
        ("住房城乡建设部", "other"),
        ("住房和城乡建设部", "other"),
        ("乙省住房和城乡建设厅", "other"),
        ("甲市住建委", "other"),
        ("乙县住建局", "other"),
        ("甲市城乡建设委员会", "other"),
        ("甲市房管局", "other"),
        # a body that also holds land or planning keeps natural_resources
        ("甲市国土房管局", "natural_resources"),
        ("甲市国土资源和房屋管理局", "natural_resources"),
        ("乙县自然资源和城乡建设局", "natural_resources"),
        ("乙县规划建设局", "natural_resources"),
        # forestry sits with natural resources (林业和草原局)
        ("甲市林业局", "natural_resources"),
        ("乙省林业厅", "natural_resources"),
        ("乙省林业和草原厅", "natural_resources"),
        ("乙县林业技术推广站", "natural_resources"),
        ("甲市林业科学院", "university_institute"),
        ("甲市住房公积金管理中心", "finance"),
    ],
)
def test_police_housing_and_forestry(vocab, name, function):
    assert vocab.resolve(name, JIA)[1] == function


def test_police_and_housing_bodies_in_a_clause():
    text = "(四)保障项目落地。责任单位:甲市公安局、甲市住建局、甲市林业局、甲市司法局"
    assert _units(text) == [
        ("甲市公安局", "other"), ("甲市住建局", "other"), ("甲市林业局", "natural_resources"), ("甲市司法局", "judicial"),
    ]


# -- party bodies, national bodies and mass organisations --------------------------------------


@pytest.mark.parametrize(
    ("name", "function"),
    [
        ("乙省委科技工委", "science_tech"),  # the party's science and technology committee (2023)
        ("国家自然科学基金委", "science_tech"),
        ("乙县教科体局", "education"),
        ("甲市人力社保局", "human_resources"),
        ("中组部", "talent"),
        ("国家航天局", "industry_it"),
        ("国家粮食和储备局", "development_reform"),
        ("甲市委政研室", "development_reform"),  # as 政策研究室
        ("乙县农林局", "agriculture"),
        ("甲市委农办", "agriculture"),
        ("乙省金融管理局", "financial_regulation"),
        ("甲市委金融委员会办公室", "financial_regulation"),
        ("乙县团区委", "association"),
        ("团中央", "association"),
        ("甲市作协", "association"),
        ("甲市规划资源局", "natural_resources"),
        ("国家标准委", "market_ip"),
        ("国务院办公厅", "general_office"),
        ("甲市机关事务服务中心", "general_office"),
        ("甲市国动办", "other"),
        ("国家移民局", "other"),
        ("国家民委", "other"),
        ("甲市委社会工作部", "other"),
        ("国务院新闻办", "other"),
        ("中宣部", "other"),
        ("乙县退役军人服务中心", "other"),
        ("乙县退役军人事务服务中心", "other"),  # not human_resources by the 人事 inside it
    ],
)
def test_party_national_and_mass_bodies(vocab, name, function):
    assert vocab.resolve(name, JIA)[1] == function


def test_an_office_named_alone_takes_the_function_of_the_issuing_bureau():
    text = "(五)完善制度。(责任处室:政策法规处、成果转化与区域创新处)"
    [provision] = extract_provisions(text, 0, len(text), JIA, issuer="甲市财政局")
    assert [(u.name, u.function) for u in provision.units] == [
        ("政策法规处", "finance"), ("成果转化与区域创新处", "finance")]


# -- kinds of the bodies under other, and research institutes written short -------------------


@pytest.mark.parametrize(
    "name", ["海关总署", "甲海关", "国家国际发展合作署", "乙县派出所", "甲市消防救援支队", "甲市文化执法总队", "外交部"]
)
def test_government_bodies_under_other_are_of_the_government_kind(vocab, name):
    assert vocab.resolve(name, JIA)[1:] == ("other", "government")


def test_a_made_up_firm_under_other_stays_of_kind_other(vocab):
    assert vocab.resolve("某某咨询", JIA)[1:] == ("other", "other")


@pytest.mark.parametrize("name", ["中科院甲分院", "乙省林科院", "中国医学科学院", "甲市医科院"])
def test_research_institutes_written_short(vocab, name):
    assert vocab.resolve(name, JIA)[1:] == ("university_institute", "university_institute")


@pytest.mark.parametrize(
    "name", ["科技部火炬中心", "乙省火炬高技术产业开发中心", "乙省高新技术企业认定管理工作领导小组办公室", "乙省高企认定办"]
)
def test_science_bodies_named_without_a_science_word_at_their_end(vocab, name):
    assert vocab.resolve(name, JIA)[1] == "science_tech"
