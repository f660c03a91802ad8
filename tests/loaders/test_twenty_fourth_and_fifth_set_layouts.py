"""Layouts the twenty-fourth and twenty-fifth development sets showed: a (实施主体:…) line naming who
carries out a measure, the 牵头单位 of a project named as the one an award goes to (no one assigned),
a reform office's abbreviation (创改办), a news page's timestamp with its clock run into the day
(2023年03月02日09:15) beside application windows and deadlines, a digest's 摘自 line with the
notice's wrapper outside the marks, the policy's heading as printed below its notice, an office of a
bureau signing a notice, a signature the heading spells out with its place, a blog post's date line,
a notice's 文号 in brackets on the line under its title, and places sharing one government's suffix
in an unlabelled bracket (长沙、株洲、湘潭市人民政府…按职责分工负责). Made-up sentences."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.departments import default_departments
from policykg.loaders.pipeline import Pipeline

from .texts import clause_units, inline_units, read

# ---------------------------------------------------------------- who carries a measure out


def test_an_implementing_body_line_names_the_units_of_its_article(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("丙区促进企业创新的若干措施\n\n第一条 企业认定奖励\n\n对首次认定的企业,给予20万元奖励。\n\n"
            "(实施主体:区科学技术局、区财政局)\n\n第二条 平台建设\n\n对新建的平台给予配套支持。"
            "(实施主体:区科学技术局、各园区管委会)\n")
    doc = read(pipeline, tmp_path, text)
    assert clause_units(doc) == [("第一条", [("区科学技术局", True), ("区财政局", False)]),
                                 ("第二条", [("区科学技术局", True), ("各园区管委会", False)])]


# ---------------------------------------------------------------- a project's leading body as beneficiary


def test_the_leading_body_of_a_project_that_an_award_goes_to_is_no_unit() -> None:
    text = ("对新获批的工程研究中心牵头单位给予一次性200万元奖补。"
            "对新建的重点实验室、野外观测站牵头单位给予一次性100万元奖补。")
    assert inline_units(text) == []


def test_a_body_that_leads_a_task_is_still_read() -> None:
    assert inline_units("建设成果转化平台,由市工业和信息化局牵头,市财政局配合。") == [
        ("市工业和信息化局", True), ("市财政局", False)]


# ---------------------------------------------------------------- a reform office's abbreviation


def test_a_reform_office_known_by_its_abbreviation_takes_the_reform_function() -> None:
    vocab = default_departments()
    assert vocab.function_of("市创改办") == "development_reform"
    assert vocab.function_of("丁省全面创新改革办公室") == "development_reform"


# ---------------------------------------------------------------- a clock run into the day


def test_a_timestamp_with_its_clock_run_into_the_day_dates_a_news_page(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("戊市出台示范企业认定办法\n2021年11月08日16:40 | 来源:戊市日报\n"
            "11月7日,记者从市科技局获悉,戊市出台了《戊市科技示范企业认定办法》。\n"
            "办法明确,对认定的示范企业给予不超过50万元资金支持。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.date == "2021-11-08"


def test_a_time_window_for_applications_is_no_timestamp(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("关于开展2025年度科技奖励申报工作的通知\n一、申报时间\n"
            "2025年10月20日9:00至11月5日17:00,申报单位登录系统填写申报书。\n"
            "二、支持标准\n根据评估结果给予奖励,每年最高100万元。\n"
            "三、联系方式\n自通知发布之日起至2025年11月10日17:00前受理咨询。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.date is None


# ---------------------------------------------------------------- a digest's source with its notice's wrapper


def test_a_digest_quoting_a_notice_wrapped_outside_its_marks_takes_its_title_and_number(
        pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("人才政策汇编(三)\n\n5、青年人才安家补贴\n\n对新引进的全日制博士,给予安家补贴10万元。\n\n"
            "——摘自关于印发《己市青年人才安家补贴实施细则 (试行)》的通知(己人社发[2023]7号)\n")
    doc = read(pipeline, tmp_path, text)
    assert (doc.title, doc.doc_number) == ("己市青年人才安家补贴实施细则(试行)", "己人社发〔2023〕7号")
    assert doc.citations == []


# ---------------------------------------------------------------- the heading as printed


def test_the_policy_heading_below_its_notice_is_the_title_when_the_notice_quotes_it_without_a_de(
        pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("庚区人民政府关于印发促进人才集聚奖励办法的通知\n各镇人民政府,区政府各部门:\n"
            "《关于促进人才集聚奖励办法》已经区政府同意,现印发给你们,请认真遵照执行。\n"
            "庚区人民政府\n2019年4月2日\n关于促进人才集聚的奖励办法\n第一章 总则\n"
            "第一条 为吸引人才,制定本办法。\n第二条 对新引进的博士,给予一次性奖励5万元。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "关于促进人才集聚的奖励办法"


# ---------------------------------------------------------------- an office of a bureau signs


def test_an_office_inside_a_bureau_that_signs_a_notice_is_its_issuer(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("关于对2024年度拟认定技术转移机构名单的公示\n"
            "根据《辛省技术转移机构管理办法》,经评审,拟认定以下机构为省级技术转移机构,现予公示。\n"
            "公示期为5个工作日。\n辛省科学技术厅成果转化与区域创新处\n2024-09-12\n")
    doc = read(pipeline, tmp_path, text)
    assert (doc.issuer, doc.date) == ("辛省科学技术厅成果转化与区域创新处", "2024-09-12")


# ---------------------------------------------------------------- a 文号 line under the title


def test_a_bracketed_number_line_under_the_title_is_its_number_not_part_of_it(pipeline: Pipeline,
                                                                              tmp_path: Path) -> None:
    text = ("壬省人民政府办公厅关于示范区建设责任分工的通知\n(壬政办文〔2012〕31号)\n各市人民政府,省直有关单位:\n"
            "为加快示范区建设,现就责任分工通知如下。\n一、责任分工\n1、组织编制发展规划。(壬省发展改革委)\n"
            "2、支持园区扩大规模。(壬省自然资源厅)\n")
    doc = read(pipeline, tmp_path, text)
    assert (doc.title, doc.doc_number) == ("壬省人民政府办公厅关于示范区建设责任分工的通知", "壬政办文〔2012〕31号")


# ---------------------------------------------------------------- a blog platform's date line


def test_a_blog_posts_date_line_dates_the_page(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("癸省建立企业研发投入奖励机制 Posted on 2022年3月9日 by admin 从癸省新闻发布会获悉:"
            "省级财政按企业研发投入增量的10%给予奖励,最高500万元。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.date == "2022-03-09"


# ---------------------------------------------------------------- a signature shorter than the heading


def test_a_signature_without_its_place_takes_the_name_the_heading_spells_out(pipeline: Pipeline,
                                                                             tmp_path: Path) -> None:
    text = ("湖南省科学技术厅关于公布2022年度省级众创空间的通知\n各市州科技局、各有关单位:\n"
            "经评审,现将名单予以公布,请加强指导。\n附件:2022年度省级众创空间名单\n省科技厅\n2022年12月5日\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.issuer == "湖南省科学技术厅"


def test_a_signature_of_another_organ_than_the_heading_is_kept(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("湖南省科学技术厅关于公布2022年度省级众创空间的通知\n各市州科技局、各有关单位:\n"
            "经评审,现将名单予以公布,请加强指导。\n附件:2022年度省级众创空间名单\n省财政局\n2022年12月5日\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.issuer == "省财政局"


# ---------------------------------------------------------------- places sharing one body's suffix


def test_places_sharing_a_governments_suffix_in_an_unlabelled_bracket_are_its_units() -> None:
    text = "推动园区协同建设。(省科技厅,长沙、株洲、湘潭市人民政府等按职责分工负责)"
    assert inline_units(text) == [("省科技厅", True), ("长沙市人民政府", False), ("株洲市人民政府", False),
                                  ("湘潭市人民政府", False)]


def test_places_named_in_a_sentence_are_no_units() -> None:
    assert inline_units("支持长沙、株洲、湘潭建设创新平台,由各地负责落实。") == []
