"""Pages: a menu of bulleted words (新闻 ⏎ • 新闻 ⏎ • 政策) and a company site's menu (服务项目 ⏎
联系我们) are no title; a heading a page prints twice in a row is its title, whatever word it ends
on; question marks a page's encoding left for spaces (?甲市人民政府办公室 ⏎ ? 2031年9月11日) do not
hide a signature; a date under a deadline's label (申报截止时间:) is no date of the text; 创新办
names the office of the science and technology function; a signature date's disclosure remark ((此件公开发布))
is no half of the title printed below it. Made-up sentences."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import Pipeline

from .texts import meta, read


def test_a_bulleted_menu_is_no_title(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("您好,欢迎来到某网! 登录 注册 | 返回首页\n新闻\n  • 新闻\n  • 政策\n  • 技术\n  • 创业\n"
            "甲市科技企业孵化器认定办法正式出台\n发布日期:2031-09-18   编辑:某网   来源:甲市电视台\n"
            "近日,甲市科技局制定出台了《甲市科技企业孵化器认定管理办法(试行)》。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title is None or "•" not in doc.title and not doc.title.startswith("新闻")


def test_a_heading_printed_twice_under_a_company_menu_is_the_title(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("首  页 公司简介 项目代理 成功案例 人才招聘 联系我们\n服务项目\n联系我们\n甲市乙丙投资管理咨询有限公司\n"
            "地址:甲市某路1号\n联系人:王小姐\n \n科技成果转化项目贷款贴息\n科技成果转化项目贷款贴息\n \n政策摘要:\n"
            "经认定的科技成果转化项目,在认定之后的一定期限内,由财政专项资金给予贴息支持。\n办事依据:\n"
            "《甲市促进科技成果转化的若干规定》\n")
    assert read(pipeline, tmp_path, text).title == "科技成果转化项目贷款贴息"


def test_question_marks_left_for_spaces_do_not_hide_the_signature(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("各区县人民政府:\n《甲市概念验证中心建设实施方案》已经市政府同意,现印发给你们,请认真组织实施。\n"
            "?\n?\n?甲市人民政府办公室\n? 2031年9月11日\n?\n甲市概念验证中心建设实施方案\n?\n"
            "为加快建设概念验证中心,制定本方案。\n一、对新认定的概念验证中心给予最高100万元支持。\n")
    doc = read(pipeline, tmp_path, text)
    assert (doc.title, doc.issuer, doc.date) == ("甲市概念验证中心建设实施方案", "甲市人民政府办公室", "2031-09-11")


def test_a_date_under_a_deadline_label_is_no_date_of_the_text(pipeline: Pipeline, tmp_path: Path) -> None:
    body = "甲市技术转移奖补资金申报要求\n(一)技术交易额以登记的技术合同为依据。\n(二)奖补资金主要用于技术转移人员激励。\n"
    for tail in ("申报受理截止时间:\n2031年10月15日(星期五)17:00前,逾期不予受理。\n", "申报截止时间:\n2031年10月15日\n"):
        assert read(pipeline, tmp_path, body + tail).date is None, tail
    signed = body + "甲市科学技术局\n2031年9月1日\n申报截止时间:\n2031年10月15日\n"
    assert read(pipeline, tmp_path, signed).date == "2031-09-01"


def test_the_innovation_office_is_of_the_science_and_technology_function(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, "甲省促进科技成果转化工作方案\n(1)建设一批概念验证中心。(责任单位:省创新办、省财政厅)\n")
    assert [(u.name, u.function) for p in doc.clauses[0].provisions for u in p.units] == [
        ("省创新办", "science_tech"), ("省财政厅", "finance")]


def test_the_disclosure_remark_under_a_signature_is_no_part_of_the_title_below(
        pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("各州(市)科技局,有关单位:\n修订后的《甲省科技型企业孵化器认定管理办法》(甲科规〔2031〕1号)经甲省科技厅"
            "2031年第1次厅务会审议通过,现印发给你们,请遵照执行。\n甲省科学技术厅\n2031年1月21日\n(此件公开发布)\n"
            "甲省科技型企业孵化器认定管理办法\n第一章总则\n第一条 为推动孵化器高质量发展,制定本办法。\n"
            "第二条 对新认定的孵化器给予50万元奖励。\n")
    doc = read(pipeline, tmp_path, text)
    assert (doc.title, doc.date, doc.issuer) == ("甲省科技型企业孵化器认定管理办法", "2031-01-21", "甲省科学技术厅")


def test_a_news_items_headline_printed_twice_titles_nothing() -> None:
    text = ("甲市科技成果转化新政出台\n甲市科技成果转化新政出台\n本报讯(记者 王某)近日,甲市科技局介绍,该市将对技术合同"
            "登记额较大的企业给予奖励,最高50万元。\n据悉,相关细则将于下月公布。\n")
    assert meta(text)["title"] is None
