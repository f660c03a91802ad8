"""Citations: 《…》 titles with their 文号, abbreviations, own title and number excluded."""

from __future__ import annotations

import pytest

from policykg.loaders.citations import (
    citation_kind,
    find_citations,
    normalize_doc_number,
    unique_citations,
)

from .seeds import seed_text


def numbers(cits):
    return [c.doc_number for c in unique_citations(cits) if c.doc_number]


def test_number_in_brackets_after_title_and_offsets():
    text = "根据《国务院办公厅关于印发促进科技成果转移转化行动方案的通知》(国办发〔2016〕28号)精神。"
    (cit,) = find_citations(text, offset=100)
    assert cit.title == "国务院办公厅关于印发促进科技成果转移转化行动方案的通知"
    assert cit.doc_number == "国办发〔2016〕28号"
    assert cit.kind == "policy"
    assert text[cit.start - 100:cit.end - 100] == "《国务院办公厅关于印发促进科技成果转移转化行动方案的通知》"


def test_nested_titles_and_parentheses_kept_whole():
    text = ("落实《湖南省人民政府办公厅关于印发<湖南省促进科技成果转移转化实施方案>的通知》(湘政办发[2017]18号)"
            "和《岳阳市人民政府关于进一步加快开放型经济发展的意见(试行)》(岳政发〔2016〕9号)。")
    a, issued, b = find_citations(text)
    assert a.title == "湖南省人民政府办公厅关于印发<湖南省促进科技成果转移转化实施方案>的通知"
    # the plan the cited notice issues is referred to as well
    assert (issued.title, issued.doc_number) == ("湖南省促进科技成果转移转化实施方案", None)
    assert a.doc_number == "湘政办发〔2017〕18号"
    assert b.title == "岳阳市人民政府关于进一步加快开放型经济发展的意见(试行)"
    assert b.doc_number == "岳政发〔2016〕9号"


def test_number_written_before_the_title():
    text = "参照鄂政办发〔2024〕25号《湖北省促进科技成果转化行动方案》执行。"
    (cit,) = find_citations(text)
    assert (cit.title, cit.doc_number) == ("湖北省促进科技成果转化行动方案", "鄂政办发〔2024〕25号")


def test_adjacent_titles_get_only_their_own_number():
    text = "整合落实《中共甲市委关于加快实体经济发展的决议》《甲市人民政府关于支持发展的若干意见》(甲办发〔2017〕12号)。"
    a, b = find_citations(text)
    assert a.doc_number is None
    assert b.doc_number == "甲办发〔2017〕12号"


def test_abbreviation_resolves_to_the_full_document():
    text = ("为贯彻落实《中共甲市委 甲市人民政府关于建设区域性创新高地的实施意见》(甲发〔2022〕21号,以下简称《实施意见》),"
            "特制定本措施。\n按照《实施意见》有关政策给予奖补。")
    cits = find_citations(text)
    assert len(cits) == 2
    full, later = cits
    assert later.title == full.title == "中共甲市委 甲市人民政府关于建设区域性创新高地的实施意见"
    assert later.doc_number == "甲发〔2022〕21号"
    assert text[later.start:later.end] == "《实施意见》"
    assert later.start > text.index("按照")


def test_own_number_and_title_are_not_citations():
    text = ("甲政办函〔2021〕38号《甲省人民政府办公厅关于印发〈甲省示范区建设方案〉的通知》\n"
            "《甲省示范区建设方案》已经省政府同意,现印发给你们。\n"
            "甲省示范区建设方案\n贯彻《乙规定》(国发〔2020〕1号)。")
    cits = find_citations(text, own_doc_number="甲政办函[2021]38号")
    assert [(c.title, c.doc_number) for c in cits] == [("乙规定", "国发〔2020〕1号")]
    # the title alone is enough to recognise the policy and the notice wrapping it
    cits = find_citations("《甲办法》的解释。《关于印发甲办法的通知》《丙办法》", own_title="甲办法")
    assert [c.title for c in cits] == ["丙办法"]


def test_bare_number_is_a_citation_unless_own():
    text = "甲政发〔2020〕5号\n按照国发〔2016〕28号文件要求执行。"
    cits = find_citations(text, own_doc_number="甲政发〔2020〕5号")
    assert [(c.title, c.doc_number) for c in cits] == [("国发〔2016〕28号", "国发〔2016〕28号")]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("湖北省创新产品应用示范推荐目录", "programme"),
        ("重点企业名录", "programme"),
        ("场景应用开放清单", "programme"),
        ("产业领军人才培养计划", "programme"),
        ("中国创新创业大赛", "programme"),
        ("湖北省促进科技成果转化行动方案(2024—2026年)", "policy"),
        ("关于推进知识产权强市建设的若干措施", "policy"),
        ("中华人民共和国促进科技成果转化法", "policy"),
        ("湖南省科技成果转化贷款风险补偿管理暂行办法", "policy"),
        ("关于实施创新工程的通知", "policy"),
    ],
)
def test_kind_from_the_title_ending(title, kind):
    assert citation_kind(title) == kind


def test_normalize_doc_number():
    assert normalize_doc_number("国办发[2016]28号") == "国办发〔2016〕28号"
    assert normalize_doc_number("湘科 (2016) 77") == "湘科〔2016〕77号"
    assert normalize_doc_number("国发〔2016〕第 3 号") == "国发〔2016〕3号"


def test_unique_citations_merges_by_number_or_title():
    text = "根据《甲办法》(甲发〔2020〕1号)和《乙目录》。再次按《甲办法》和《乙目录》执行。"
    cits = find_citations(text)
    assert len(cits) == 4
    # the second 《甲办法》 takes the number given at its first mention
    assert cits[2].doc_number == "甲发〔2020〕1号"
    uniq = unique_citations(cits)
    assert [(c.title, c.doc_number, c.kind) for c in uniq] == [
        ("甲办法", "甲发〔2020〕1号", "policy"), ("乙目录", None, "programme")]


def test_seed_000_dev_citations():
    cits = find_citations(seed_text("000"))
    assert numbers(cits) == ["鄂政办发〔2024〕25号", "荆政办发〔2024〕16号", "荆办发电〔2022〕6号"]
    # every occurrence is returned: 荆政办发〔2024〕16号 is cited in two clauses
    assert sum(c.doc_number == "荆政办发〔2024〕16号" for c in cits) == 2
    catalogue = [c for c in cits if c.title == "湖北省创新产品应用示范推荐目录"]
    assert len(catalogue) == 1 and catalogue[0].kind == "programme" and catalogue[0].doc_number is None
    # the policy the notice issues is not a citation
    assert not any(c.title.startswith("荆州市促进科技成果转化和科创供应链平台") for c in cits)
    nested = next(c for c in cits if c.doc_number == "鄂政办发〔2024〕25号")
    assert nested.title == "省人民政府办公厅关于印发〈湖北省促进科技成果转化行动方案(2024—2026年)〉的通知"


def test_seed_001_has_no_citations():
    assert find_citations(seed_text("001")) == []


@pytest.mark.parametrize("own", ["鄂政办函〔2021〕38号", None])
def test_seed_002_own_number_not_cited(own):
    cits = find_citations(seed_text("002"), own_doc_number=own)
    assert numbers(cits) == ["国办发〔2021〕32号"]
    assert not any("汉襄宜" in c.title for c in cits)


def test_seed_003_abbreviation():
    text = seed_text("003")
    cits = find_citations(text, own_doc_number="周政办〔2023〕63号")
    assert numbers(cits) == ["周发〔2022〕21号"]
    assert all(c.title == "中共周口市委 周口市人民政府关于建设区域性创新高地的实施意见" for c in cits)
    mentions = [text[c.start:c.end] for c in cits]
    assert mentions[0].startswith("《中共周口市委")
    assert mentions[1:] == ["《实施意见》"] * (len(mentions) - 1) and len(mentions) >= 5


def test_seed_004_citations():
    cits = find_citations(seed_text("004"))
    assert numbers(cits) == ["国办发〔2016〕28号", "湘政办发〔2017〕18号", "岳办发〔2017〕12号", "岳政发〔2016〕9号",
                             "湘科〔2016〕77号", "岳办发〔2017〕13号"]
    by_number = {c.doc_number: c.title for c in cits}
    assert by_number["湘政办发〔2017〕18号"] == "湖南省人民政府办公厅关于印发<湖南省促进科技成果转移转化实施方案>的通知"
    assert by_number["岳政发〔2016〕9号"].endswith("意见(试行)")
    # besides a resolution cited without its number, the measure a cited notice issues (印发<X>)
    assert {c.title for c in cits if c.doc_number is None} == {"中共岳阳市委关于加快实体经济发展的决议",
                                                                "湖南省促进科技成果转移转化实施方案",
                                                                "湖南省科技成果转化贷款风险补偿管理暂行办法"}


def test_a_repealed_document_under_the_own_title_is_a_citation():
    text = ("《某省技术市场条例》已由省人民代表大会常务委员会通过,现予公布。"
            "1998年5月1日通过的《某省技术市场条例》同时废止。\n第一条 为了发展技术市场,制定本条例。")
    cits = unique_citations(find_citations(text, own_title="某省技术市场条例"))
    assert [(c.title, c.doc_number) for c in cits] == [("某省技术市场条例", None)]
    assert text[cits[0].start:cits[0].end] == "《某省技术市场条例》"
    assert cits[0].start == text.rindex("《")


def test_repeal_written_before_the_title_or_with_its_number():
    text = "本办法自公布之日起施行,同时废止原《某市成果奖励办法》。"
    assert [c.title for c in find_citations(text, own_title="某市成果奖励办法")] == ["某市成果奖励办法"]
    text = "原《某市成果奖励办法》(甲政发〔2010〕3号)予以废止。"
    cits = find_citations(text, own_title="某市成果奖励办法")
    assert [(c.title, c.doc_number) for c in cits] == [("某市成果奖励办法", "甲政发〔2010〕3号")]


def test_the_own_title_without_a_repeal_stays_out():
    text = "《某省技术市场条例》已由省人民代表大会常务委员会通过,自2020年1月1日起施行。《某省技术市场条例》的解释。"
    assert find_citations(text, own_title="某省技术市场条例") == []


def test_a_short_name_pointing_back_is_the_title_named_before():
    text = "学习《关于推进甲市乙区建设若干政策意见》。该《政策意见》提出十项措施,此《若干政策意见》另有规定。"
    assert [c.title for c in unique_citations(find_citations(text))] == ["关于推进甲市乙区建设若干政策意见"]
