"""Department vocabulary: function codes, canonical names, kinds, and a user-extended data file."""

from __future__ import annotations

import json

import pytest

from policykg.loaders.departments import DATA_FILE, DepartmentVocabulary, VocabularyError
from policykg.loaders.records import Region

JINGZHOU = Region("荆州市", "湖北省", "city", "荆州")
WUHAN = Region("武汉市", "湖北省", "city", "武汉")
HUBEI = Region("湖北省", "湖北省", "province", "湖北")
DANCHENG = Region("郸城县", "河南省", "county", "郸城", city="周口市")

README_CODES = [
    "science_tech", "finance", "education", "human_resources", "talent", "state_assets", "market_ip",
    "health", "industry_it", "development_reform", "agriculture", "financial_regulation", "taxation",
    "audit", "judicial", "association", "statistics", "data", "natural_resources", "environment",
    "civil_affairs", "general_office", "local_government", "development_zone", "university_institute",
    "state_enterprise", "other",
]


@pytest.fixture(scope="module")
def vocab() -> DepartmentVocabulary:
    return DepartmentVocabulary.load()


def test_codes_are_exactly_the_scored_ones(vocab):
    assert vocab.codes == README_CODES


@pytest.mark.parametrize(
    ("name", "function"),
    [
        ("市科技局", "science_tech"),
        ("区科技创新局", "science_tech"),
        ("省科学技术厅", "science_tech"),
        ("县财政局", "finance"),
        ("市教育体育局", "education"),
        ("县教体局", "education"),
        ("市人力资源和社会保障局", "human_resources"),
        ("市人才工作局", "talent"),
        ("市委组织部", "talent"),
        ("区政府国资委", "state_assets"),
        ("市知识产权局", "market_ip"),
        ("县工商局", "market_ip"),
        ("市卫计委", "health"),
        ("省工信厅", "industry_it"),
        ("市发展和改革委员会", "development_reform"),
        ("县农业农村局", "agriculture"),
        ("市金融办", "financial_regulation"),
        ("人行湖北省分行营管部", "financial_regulation"),
        ("宜昌金融监管分局", "financial_regulation"),
        ("市地税局", "taxation"),
        ("县审计局", "audit"),
        ("市纪委监委机关", "judicial"),
        ("区检察院", "judicial"),
        ("县科协", "association"),
        ("市统计局", "statistics"),
        ("区数据局", "data"),
        ("市自然资源和规划局", "natural_resources"),
        ("县生态环境局", "environment"),
        ("市民政局", "civil_affairs"),
        ("各区人民政府", "local_government"),  # 人民政府 contains 民政 but is not civil affairs
        ("市政府办", "general_office"),
        ("县委办公室", "general_office"),
        ("武汉仲裁委办公室", "other"),  # an office, but not the government's general office
        ("技术转移办公室", "other"),
        ("孝感高新区管委会", "development_zone"),
        ("在汉高校院所", "university_institute"),
        ("华中农业大学", "university_institute"),
        ("省农业科学院", "university_institute"),  # a research institute, not the agriculture bureau
        ("市农科院", "university_institute"),
        ("市农业农村局", "agriculture"),
        ("县卫健局", "health"),
        ("市城投集团", "state_enterprise"),
        ("市直有关行业主管部门", "other"),
    ],
)
def test_function_codes(vocab, name, function):
    assert vocab.resolve(name, JINGZHOU)[1] == function


@pytest.mark.parametrize(
    ("name", "region", "canonical"),
    [
        ("市科技局", JINGZHOU, "荆州市科学技术局"),
        ("省科技厅", HUBEI, "湖北省科学技术厅"),
        ("省科技厅", JINGZHOU, "湖北省科学技术厅"),
        ("市科技创新局", WUHAN, "武汉市科技创新局"),
        ("市人社局", WUHAN, "武汉市人力资源和社会保障局"),
        ("市发改委", JINGZHOU, "荆州市发展和改革委员会"),
        ("市经信局", JINGZHOU, "荆州市经济和信息化局"),
        ("市卫健委", WUHAN, "武汉市卫生健康委员会"),
        ("市政府国资委", JINGZHOU, "荆州市人民政府国有资产监督管理委员会"),
        ("市市场监管局", JINGZHOU, "荆州市市场监督管理局"),
        ("市政府办", JINGZHOU, "荆州市人民政府办公室"),
        ("各县市区人民政府", JINGZHOU, "荆州市各县市区人民政府"),
        ("各区人民政府", WUHAN, "武汉市各区人民政府"),
        ("武汉经开区管委会", WUHAN, "武汉经开区管委会"),
        ("长江大学", JINGZHOU, "长江大学"),
        ("人行荆州市分行", JINGZHOU, "人行荆州市分行"),
        ("荆州市科技局", JINGZHOU, "荆州市科学技术局"),
        ("宜昌市科技局", JINGZHOU, "宜昌市科学技术局"),  # another city written out: kept, department expanded
        ("荆州金融监管分局", JINGZHOU, "荆州金融监管分局"),
        ("县科技局", DANCHENG, "郸城县科学技术局"),
        ("市科技局", DANCHENG, "周口市科学技术局"),
        ("省财政", DANCHENG, "河南省财政厅"),
        ("市财政", JINGZHOU, "荆州市财政局"),
        ("省法院", HUBEI, "湖北省高级人民法院"),
        ("市法院", WUHAN, "武汉市中级人民法院"),
        ("市检察院", WUHAN, "武汉市人民检察院"),
        ("市场监管局", JINGZHOU, "市场监管局"),  # 市场 is not the level prefix 市
        ("市科技局", None, "市科学技术局"),
        ("县科技局", JINGZHOU, "县科学技术局"),  # a county body in a city policy: which county is unknown
    ],
)
def test_canonical_names(vocab, name, region, canonical):
    assert vocab.resolve(name, region)[0] == canonical


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("市科技局", "government"),
        ("各县市区人民政府", "government"),
        ("荆州高新区管委会", "government"),
        ("市法院", "government"),
        ("在荆高校及科研院所", "university_institute"),
        ("长江大学", "university_institute"),
        ("市产投集团", "state_enterprise"),
        ("省科协", "association"),
        ("省委军民融合办", "government"),
        ("某某技术咨询", "other"),
    ],
)
def test_kinds(vocab, name, kind):
    assert vocab.resolve(name, JINGZHOU)[2] == kind


def test_extended_data_file_changes_result_without_code(tmp_path, vocab):
    assert vocab.resolve("市创新委", JINGZHOU) == ("荆州市创新委", "other", "government")
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    data["synonyms"]["创新委"] = "科学技术局"
    data["expansions"].append({"short": "城建局", "full": "城乡建设局"})
    extended = tmp_path / "departments.json"
    extended.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    custom = DepartmentVocabulary.load(extended)
    assert custom.resolve("市创新委", JINGZHOU) == ("荆州市科学技术局", "science_tech", "government")
    assert custom.resolve("市城建局", JINGZHOU)[0] == "荆州市城乡建设局"
    assert vocab.resolve("市城建局", JINGZHOU)[0] == "荆州市城建局"


def test_load_errors_tell_what_to_do(tmp_path):
    with pytest.raises(VocabularyError, match="not found"):
        DepartmentVocabulary.load(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(VocabularyError, match="not valid JSON"):
        DepartmentVocabulary.load(broken)
    partial = tmp_path / "partial.json"
    partial.write_text(json.dumps({"codes": ["other"]}), encoding="utf-8")
    with pytest.raises(VocabularyError, match="missing keys"):
        DepartmentVocabulary.load(partial)
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    data["functions"].append({"code": "sports", "patterns": ["体育局"]})
    unknown = tmp_path / "unknown.json"
    unknown.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(VocabularyError, match="sports"):
        DepartmentVocabulary.load(unknown)


# -- the department catalogue: former names, abbreviations, offices, forms -----------------


@pytest.mark.parametrize(
    "name,function",
    [
        ("省工信厅", "industry_it"),
        ("市经济和信息化委员会", "industry_it"),
        ("市食品药品监督管理局", "market_ip"),
        ("县卫生和计划生育委员会", "health"),
        ("市法制办", "judicial"),
        ("湖北银保监局", "financial_regulation"),
        ("荆州金融监管分局", "financial_regulation"),
        ("人民银行宜昌市中心支行", "financial_regulation"),
        ("国家金融监督管理总局湖北监管局", "financial_regulation"),
        ("市住建局", "other"),  # housing and construction: no scored function fits (the gold of the real sets)
        ("省林业局", "natural_resources"),  # forestry sits with natural resources since 2018
        ("市商务局", "other"),  # commerce is no development and reform body; no scored function fits
        ("省商务厅", "other"),
        ("市投资促进局", "development_reform"),
        ("市医保局", "health"),
        ("市公安局", "other"),  # public security is no judicial body in the scored codes
        ("市总工会", "association"),
        ("团市委", "association"),
        ("市政务服务和数据管理局", "data"),
        ("省科技厅政策法规处", "science_tech"),  # an office takes its bureau's function
        ("省财政厅教科文处", "finance"),
        ("国家统计局荆州调查队", "statistics"),
        ("市城投集团", "state_enterprise"),
        ("中国科学院武汉分院", "university_institute"),
        ("市交通运输局", "other"),  # no scored function fits transport
        ("渤海新区黄骅市政府", "local_government"),  # a city's government named after its zone
        ("渤海新区管委会", "development_zone"),
    ],
)
def test_catalogue_functions(vocab, name, function):
    assert vocab.resolve(name, JINGZHOU)[1] == function


@pytest.mark.parametrize(
    "name,is_unit",
    [
        ("市新材料产业发展促进中心", True),
        ("东湖新技术开发区管委会", True),
        ("省科技厅", True),
        ("科协", True),
        ("各县(市、区)", True),
        ("有关高校院所", True),
        ("市直有关部门", True),
        ("支持科技领军企业", False),
        ("单位", False),
        ("2025年底", False),
        ("完成时限", False),
    ],
)
def test_a_body_is_recognised_by_its_form(vocab, name, is_unit):
    assert vocab.forms.looks_like_unit(name) is is_unit


def test_catalogue_extension_is_a_data_change(tmp_path, vocab):
    from policykg.loaders.unit_forms import CATALOGUE_FILE

    assert vocab.resolve("市双创委", JINGZHOU)[1] == "other"
    catalogue = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
    catalogue["departments"][0]["names"].append("双创委")
    (tmp_path / "department_catalogue.json").write_text(json.dumps(catalogue, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "departments.json").write_text(DATA_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    custom = DepartmentVocabulary.load(tmp_path / "departments.json")
    assert catalogue["departments"][0]["code"] == "science_tech"
    assert custom.resolve("市双创委", JINGZHOU)[1] == "science_tech"


def test_catalogue_codes_must_be_known(tmp_path):
    from policykg.loaders.unit_forms import CATALOGUE_FILE

    catalogue = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
    catalogue["departments"].append({"code": "sports", "names": ["体育局"]})
    (tmp_path / "department_catalogue.json").write_text(json.dumps(catalogue, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "departments.json").write_text(DATA_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(VocabularyError, match="sports"):
        DepartmentVocabulary.load(tmp_path / "departments.json")


@pytest.mark.parametrize(
    "name,function",
    [
        ("市科技成果转化服务中心", "science_tech"),
        ("区人才发展服务中心", "talent"),
        ("市中小企业发展促进中心", "industry_it"),
        ("县乡村振兴服务站", "agriculture"),
        ("市新材料产业发展促进中心", "other"),  # no domain word gives it a function
        ("市科技", "science_tech"),  # a level and a domain word alone: a department's short name
        ("科技", "other"),  # no level, no organ suffix: not a body's form
    ],
)
def test_unknown_bodies_get_the_function_of_their_domain_words(vocab, name, function):
    assert vocab.resolve(name, JINGZHOU)[1] == function


def test_every_catalogue_name_has_one_function_and_resolves_to_it(vocab):
    from policykg.loaders.unit_forms import CATALOGUE_FILE

    catalogue = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for entry in catalogue["departments"]:
        for name in entry["names"]:
            assert seen.setdefault(name, entry["code"]) == entry["code"], name
            assert vocab.function_of(name) == entry["code"], name


def test_collective_places_are_local_governments(vocab):
    assert vocab.resolve("各县市区", JINGZHOU)[1] == "local_government"
    assert vocab.resolve("各地", JINGZHOU)[1] == "local_government"
    # towns and subdistricts (镇街), and places qualified as the ones concerned (各有关县区)
    assert vocab.resolve("各镇街", JINGZHOU)[1] == "local_government"
    assert vocab.resolve("各有关县区", JINGZHOU)[1] == "local_government"
    assert vocab.resolve("各有关部门", JINGZHOU)[1] == "other"
