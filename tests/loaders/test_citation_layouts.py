"""Citations as real documents write them: titles wrapped over a line, several documents
issued at once, attachments, forms, numbered 公告 and 令, unusual brackets. Made-up texts."""

from __future__ import annotations

import pytest

from policykg.loaders.citations import citation_kind, doc_numbers_in, find_citations


def cited(text: str, **own) -> list[tuple[str, str | None]]:
    return [(c.title, c.doc_number) for c in find_citations(text, **own)]


def test_title_wrapped_over_a_line_break():
    text = "落实《甲省人民政府关于印发促进成果\n  转化若干规定的通知》(甲政发〔2016〕16号)精神。"
    assert cited(text) == [("甲省人民政府关于印发促进成果转化若干规定的通知", "甲政发〔2016〕16号")]


def test_an_unclosed_title_does_not_swallow_the_next_lines():
    text = "《甲省条例\n第二行没有书名号结束\n按照《乙市办法》(乙政发〔2020〕2号)执行。"
    assert cited(text) == [("乙市办法", "乙政发〔2020〕2号")]


def test_every_document_the_notice_issues_is_its_own():
    text = ("现将《甲市技术合同奖补办法》、《甲市中试基地管理办法》和《甲市孵化器认定办法》印发给你们。"
            "本办法依据《乙省条例》(乙政发〔2019〕3号)制定。")
    assert cited(text) == [("乙省条例", "乙政发〔2019〕3号")]


def test_attachment_heading_before_a_title():
    assert cited("附件2:《甲市实施细则》\n根据《乙省办法》执行。") == [("乙省办法", None)]


@pytest.mark.parametrize("title", ["甲市技术合同奖补申请表", "项目申报书", "信用承诺书", "申报材料目录", "绩效目标表"])
def test_forms_are_not_citations(title):
    assert citation_kind(title) == "form"
    assert cited(f"填写《{title}》后报送。") == []


def test_forms_do_not_hide_catalogues_and_plans():
    assert citation_kind("国家重点支持的高新技术领域目录") == "programme"
    assert citation_kind("科技型中小企业评价办法") == "policy"


def test_numbered_announcements_and_orders():
    text = ("根据《促进科技成果转化法》(主席令第三十二号)、国家税务总局公告2017年第40号和"
            "财政部 税务总局公告2023年第7号执行,参照国务院令第588号。")
    assert cited(text) == [("促进科技成果转化法", "主席令第三十二号"),
                           ("国家税务总局公告2017年第40号", "国家税务总局公告2017年第40号"),
                           ("财政部税务总局公告2023年第7号", "财政部税务总局公告2023年第7号"),
                           ("国务院令第588号", "国务院令第588号")]


def test_an_order_word_without_an_issuer_is_no_number():
    assert doc_numbers_in("责令第3号整改") == []


@pytest.mark.parametrize("written", ["丙政发﹝2019﹞3号", "丙政发〖2019〗3号", "丙政发[2019]3号", "丙政发(2019)3号"])
def test_every_bracket_of_the_year(written):
    assert cited(f"按照《丙省办法》({written})执行。") == [("丙省办法", "丙政发〔2019〕3号")]


def test_own_number_in_a_web_header_is_not_cited():
    text = "发文字号: 丁科发〔2022〕5号\n丁市办法\n丁科发〔2022〕5号\n根据《戊省条例》(戊政发〔2018〕1号)制定。"
    assert cited(text, own_doc_number="丁科发〔2022〕5号") == [("戊省条例", "戊政发〔2018〕1号")]


def test_own_number_alone_on_a_line_or_after_a_field_label_is_not_cited():
    text = ("•【字号】丁科发〔2023〕7号\n丁市科技局关于分解重点任务的通知\n丁科发〔2023〕7号\n"
            "根据《戊省条例》(戊政发〔2018〕1号)制定。")
    assert cited(text) == [("戊省条例", "戊政发〔2018〕1号")]


def test_own_number_before_the_notice_heading_is_not_cited():
    text = ("ABCD-2021-00012 丁科字〔2021〕12号 关于印发《丁市实验室管理办法》的通知\n"
            "各有关单位:依据丁政发〔2019〕3号文件精神制定。")
    assert cited(text) == [("丁政发〔2019〕3号", "丁政发〔2019〕3号")]


def test_a_number_in_running_text_at_a_line_start_is_still_cited():
    text = "按照文件要求,\n丁政发〔2019〕3号)执行。"
    assert cited(text) == [("丁政发〔2019〕3号", "丁政发〔2019〕3号")]


def test_a_title_the_notice_sends_out_is_its_own():
    text = "现将修订后的《己区技术经纪人奖励细则》印发你们,请遵照执行。原《己区技术经纪人奖励细则(试行)》同时废止。"
    assert cited(text) == [("己区技术经纪人奖励细则(试行)", None)]
    text = "我局起草了《己市成果转化若干措施(征求意见稿)》(见附件),依据《庚省条例》制定。"
    assert cited(text) == [("庚省条例", None)]


def test_the_document_a_notice_title_wraps_is_its_own():
    text = "根据《庚省条例》,现对《己市成果转化若干措施(征求意见稿)》提出如下说明。"
    own = "关于对《己市成果转化若干措施(征求意见稿)》公开征求意见的通知"
    assert cited(text, own_title=own) == [("庚省条例", None)]
    assert cited(text, own_title="己市成果转化若干措施") == [("庚省条例", None)]


def test_a_title_named_inside_the_own_title_otherwise_is_cited():
    text = "丁市科技局关于落实《政府工作报告》重点任务的通知\n一、按照《政府工作报告》分解任务。"
    assert cited(text, own_title="丁市科技局关于落实《政府工作报告》重点任务的通知") == [
        ("政府工作报告", None), ("政府工作报告", None)]


def test_a_title_that_stands_as_a_line_of_its_own_is_the_policy():
    text = ("本报讯:《辛市成果转化行动方案》正式印发。《方案》提出:建强技术经理人队伍。\n"
            "辛市成果转化行动方案\n一、依据《庚省条例》,制定本方案。")
    assert cited(text) == [("庚省条例", None)]


def test_a_bare_type_word_title_is_the_last_document_of_that_type():
    assert cited("本报讯:《辛市行动方案》印发给各区。《方案》提出十条措施,依据《庚省条例》。") == [("庚省条例", None)]
    assert cited("根据《庚省创新条例》,《条例》规定的奖励按年兑现。") == [
        ("庚省创新条例", None), ("庚省创新条例", None)]


def test_every_number_in_the_bracket_after_a_title_is_cited():
    text = "根据《关于支持科技创新的若干办法》(壬科发[2006]15号、壬财企[2006]7号),制定本细则。"
    assert cited(text) == [("关于支持科技创新的若干办法", "壬科发〔2006〕15号"),
                           ("壬财企〔2006〕7号", "壬财企〔2006〕7号")]


def test_a_document_named_without_title_marks_beside_a_titled_one():
    text = "为深入贯彻创新驱动战略,落实国家乡村产业振兴五年攻坚方案和《癸市科技规划》,特制定本措施。"
    assert cited(text) == [("乡村产业振兴五年攻坚方案", None), ("癸市科技规划", None)]
    assert cited("贯彻落实癸省科技创新驱动发展纲要精神,制定本办法。") == [("癸省科技创新驱动发展纲要", None)]


@pytest.mark.parametrize(("text", "titles"), [
    ("根据第三方机构评估意见,给予支持。", []),
    ("按照本实施方案和《癸市办法》执行。", ["癸市办法"]),
    ("根据有关管理办法和《癸市办法》执行。", ["癸市办法"]),
    ("落实企业的实施方案和《癸市办法》。", ["癸市办法"]),
    ("根据《关于落实癸省科技创新驱动发展纲要精神的意见》制定。", ["关于落实癸省科技创新驱动发展纲要精神的意见"]),
])
def test_running_text_that_names_no_document(text, titles):
    assert [title for title, _ in cited(text)] == titles


@pytest.mark.parametrize("title", ["甲国创新能力评价报告2024", "乙指数-创新城市2023", "全球科技园区排行榜(2022)",
                                   "甲省数字经济白皮书"])
def test_reports_and_rankings_are_not_citations(title):
    assert citation_kind(title) == "publication"
    assert cited(f"据《{title}》显示,我省位列第十。") == []


def test_a_report_of_the_government_is_still_cited():
    assert citation_kind("甲省政府工作报告") == "policy"
    assert cited("落实《甲省政府工作报告》部署。") == [("甲省政府工作报告", None)]


def test_a_spaced_label_is_no_part_of_the_number_after_it():
    from policykg.loaders.citations import doc_numbers_in

    assert [n for n, _s, _e in doc_numbers_in("文  号 甲政〔2024〕7号")] == ["甲政〔2024〕7号"]


# ---------------------------------------------------------------- a notice cited with and without its issuer


@pytest.mark.parametrize("issuer", ["甲省科学技术厅", "甲市人民政府", "中共甲市委", "甲市科学技术协会", "甲大学"])
def test_a_notice_cited_with_its_issuer_before_it_is_the_same_document(issuer):
    text = f"根据《关于开展成果登记工作的通知》要求,按照《{issuer}关于开展成果登记工作的通知》报送。"
    assert [c.title for c in find_citations(text)] == ["关于开展成果登记工作的通知"]


def test_words_before_a_notice_that_name_no_organ_make_another_document():
    text = "根据《关于开展成果登记工作的通知》要求,参照《成果登记补充说明关于开展成果登记工作的通知》报送。"
    assert len(find_citations(text)) == 2


def test_the_issuer_endings_are_read_from_the_metadata_vocabulary():
    import json
    from pathlib import Path

    from policykg.loaders.header_fields import metadata_forms
    data = json.loads((Path(__file__).parents[2] / "loaders" / "data" / "metadata.json").read_text(encoding="utf-8"))
    for ending in data["government_endings"] + data["institution_endings"]:
        assert metadata_forms().org_end.search("甲市某某" + ending), ending
