"""Metadata in the layouts real web pages print: labelled blocks, tables, joint issuers,
every date form, regions read from the 文号 or the body. The documents are made up."""

from __future__ import annotations

import pytest

from policykg.loaders.gazetteer import region_of_doc_number
from policykg.loaders.header_fields import read_header_fields

from .texts import meta

PAIRS_ON_LINES = """索引号: 11510000MB1234567X/2023-00088    主题分类: 科技
发文机关: 四川省人民政府办公厅    成文日期: 2023年05月06日
标题: 四川省人民政府办公厅关于印发《四川省加快成果转化若干措施》的通知
发文字号: 川办发〔2023〕21号    发布日期: 2023-05-12
各市(州)人民政府,省政府各部门:
为加快成果转化,现提出如下措施。
一、对技术合同给予奖励。
"""


def test_label_value_pairs_several_on_a_line():
    m = meta(PAIRS_ON_LINES)
    assert m["title"] == "四川省加快成果转化若干措施"
    assert m["doc_number"] == "川办发〔2023〕21号"
    assert m["date"] == "2023-05-06"  # 成文日期 before 发布日期
    assert m["issuer"] == "四川省人民政府办公厅"
    assert (m["region"], m["level"]) == ("四川省", "province")


def test_bracketed_labels_and_font_size_widget():
    text = ("【标题】关于促进成果转移转化的若干措施\n【字号】默认 大 中 小\n【发文字号】榕政综〔2020〕114号\n"
            "【发布日期】2020/9/3\n各县(市)区人民政府:\n一、支持技术转移机构。")
    m = meta(text)
    assert m["title"] == "关于促进成果转移转化的若干措施"
    assert m["doc_number"] == "榕政综〔2020〕114号"  # the 字号 font widget is not a number
    assert m["date"] == "2020-09-03"
    assert (m["region"], m["province"]) == ("福州市", "福建省")  # from the 文号 prefix 榕


def test_table_with_label_and_value_on_their_own_lines():
    text = ("发文字号\n湘科发〔2022〕45号\n成文日期\n2022.7.15\n发布日期\n2022.7.20\n"
            "关于印发《湖南技术转移奖补细则》的通知\n各市州科技局:\n第一条 为促进技术转移,制定本细则。")
    m = meta(text)
    assert m["doc_number"] == "湘科发〔2022〕45号"
    assert m["date"] == "2022-07-15"
    assert m["title"] == "湖南技术转移奖补细则"
    assert m["region"] == "湖南省"


def test_apply_time_in_the_body_is_not_a_label():
    fields = read_header_fields("甲市办法\n申报时间:2023年6月1日\n发布时间: 2023-05-02")
    assert fields.all("date") == [("发布时间", "2023-05-02")]


def test_database_layout_with_region_and_effective_date():
    text = ("发文标题: 乙县关于补齐科技创新短板的若干意见\n发文文号: 金政发[2016]54号\n发文部门: 乙县人民政府\n"
            "发文时间: 2016-10-18\n实施时间: 2016-11-01\n所属区域: 金华\n发文内容:\n各乡镇人民政府:\n一、总体要求")
    m = meta(text)
    assert m["title"] == "乙县关于补齐科技创新短板的若干意见"
    assert m["doc_number"] == "金政发〔2016〕54号"
    assert m["issuer"] == "乙县人民政府"
    assert (m["date"], m["effective_from"]) == ("2016-10-18", "2016-11-01")
    assert m["region"] == "金华市"  # the labelled region comes first


def test_joint_issuers_on_separate_lines_and_chinese_date():
    text = ("关于印发《技术转移奖补细则》的通知\n各市州科技局、财政局:\n现将《技术转移奖补细则》印发给你们,请遵照执行。\n"
            "湖南省科学技术厅\n湖南省财政厅\n二〇二二年七月十五日\n技术转移奖补细则\n第一条 为促进技术转移,制定本细则。")
    m = meta(text)
    assert m["issuer"] == "湖南省科学技术厅 湖南省财政厅"
    assert m["date"] == "2022-07-15"
    assert m["region"] == "湖南省"  # from the first signatory


def test_joint_issuers_on_the_date_line():
    text = "促进技术转移若干措施\n各区县:\n现将措施印发给你们。\n市科技局 市财政局 2023年05月06日\n一、支持技术交易。"
    m = meta(text)
    assert (m["issuer"], m["date"]) == ("市科技局 市财政局", "2023-05-06")


@pytest.mark.parametrize("written", ["2023年5月6日", "2023年05月06日", "2023-05-06", "2023/5/6", "2023.5.6",
                                     "二〇二三年五月六日", "二O二三年五月六日", "2023 年 5 月 6 日"])
def test_every_date_form(written):
    assert meta(f"甲市成果转化办法\n各区:\n甲市人民政府\n{written}\n一、总则")["date"] == "2023-05-06"


def test_notice_issuing_several_documents_takes_the_first_and_its_number():
    text = ("关于印发《丁市技术合同登记奖补办法》和《丁市中试基地管理办法》的通知\n青政办发〔2021〕9号\n各区、市人民政府:\n"
            "现将《丁市技术合同登记奖补办法》和《丁市中试基地管理办法》印发给你们,请认真贯彻执行。\n"
            "附件:1.丁市技术合同登记奖补办法\n2.丁市中试基地管理办法\n2021年3月2日\n附件1\n丁市技术合同登记奖补办法\n"
            "第一条 为促进技术交易,制定本办法。")
    m = meta(text)
    assert m["title"] == "丁市技术合同登记奖补办法"
    assert m["doc_number"] == "青政办发〔2021〕9号"
    assert m["date"] == "2021-03-02"
    assert m["region"] == "青岛市"  # 青政办发 is Qingdao, not Qinghai


def test_region_from_the_body_when_the_header_names_none():
    text = ("促进技术转移若干措施\n各区县:\n为推动成都市成果转化,结合成都市实际,落实《四川省条例》,制定本措施。\n"
            "一、支持技术交易。")
    assert meta(text)["region"] == "成都市"


@pytest.mark.parametrize("number, region", [
    ("川府发〔2023〕5号", "四川省"), ("青政办发〔2021〕9号", "青岛市"), ("青政办〔2021〕9号", "青海省"),
    ("榕政综〔2020〕114号", "福州市"), ("湘科发〔2022〕45号", "湖南省"), ("国办发〔2016〕28号", None),
    ("鄂府发〔2024〕8号", "鄂尔多斯市"), ("鄂政发〔2024〕8号", "湖北省"),  # 鄂府: Ordos' government, 鄂政: Hubei's
])
def test_region_of_doc_number(number, region):
    found = region_of_doc_number(number)
    assert (found.name if found else None) == region


def test_title_wrapped_onto_a_second_line():
    text = ("己省人民政府办公厅关于印发己省促进科技成果\n转化若干措施的通知\n川办发〔2023〕2号\n各市(州)人民政府:\n"
            "现印发给你们。\n一、总则")
    m = meta(text)
    assert (m["title"], m["doc_number"], m["region"]) == ("己省促进科技成果转化若干措施", "川办发〔2023〕2号", "四川省")
    plain = meta("甲市促进科技成果转移\n转化若干措施\n为了促进转化,制定本措施。\n一、总则")
    assert plain["title"] == "甲市促进科技成果转移转化若干措施"


def test_remark_on_the_line_below_the_title_belongs_to_it():
    assert meta("甲市科技成果转化奖励办法\n(试行)\n第一条 为了促进转化,制定本办法。")["title"] == "甲市科技成果转化奖励办法(试行)"


def test_table_row_with_cells_separated_by_tabs():
    m = meta("文号\t湘科发〔2022〕45号\t日期\t2022-07-15\n甲省技术转移奖补细则\n第一条 为促进技术转移,制定本细则。")
    assert (m["doc_number"], m["date"]) == ("湘科发〔2022〕45号", "2022-07-15")
    assert read_header_fields("标题党的文章\n日期很重要").values == {}  # ordinary words, not labels


def test_page_heading_is_the_title_when_no_line_ends_like_a_document():
    text = "甲市2020年度技术合同登记机构奖励\n为落实相关措施,现将申报事项通知如下:\n一、奖励对象"
    assert meta(text)["title"] == "甲市2020年度技术合同登记机构奖励"
    assert meta("甲市人民政府办公室\n为落实相关措施,现通知如下:\n一、奖励对象")["title"] is None  # an issuer is no title


def test_joint_issuers_named_in_the_notice_title():
    text = "甲市科学技术局、甲市财政局关于印发《技术转移奖补办法》的通知\n各区县:\n一、总则"
    assert meta(text)["issuer"] == "甲市科学技术局 甲市财政局"


def test_region_from_the_body_needs_evidence():
    once = "促进技术转移若干措施\n各区县:\n为推动成都市成果转化,制定本措施。\n一、支持技术交易。"
    assert meta(once)["region"] is None  # named once, and the text never says 我市
    level = "促进技术转移若干措施\n各区县:\n落实四川省部署,推动成都市成果转化,结合我市实际,制定本措施。\n一、总则"
    assert meta(level)["region"] == "成都市"  # 我市: the city, not the province


def test_labels_in_the_body_are_not_the_page_metadata():
    text = "甲市科技成果转化奖励办法\n第一条 为促进转化,制定本办法。\n名称: 某某科技有限公司\n时间: 2020-01-02"
    m = meta(text)
    assert m["title"] == "甲市科技成果转化奖励办法"
    assert read_header_fields(text).values == {}


def test_a_wrapped_body_line_is_no_title():
    text = "经登记机构备案的科技成果购买\n项目,年成交额在20万元以上的,给予奖励。\n07.对登记方给予奖励。"
    assert meta(text)["title"] is None
