"""Layouts the twenty-third development set showed: a news headline reporting that several
bodies issued one document (甲省8部门联合印发《X》), a title printed with its joint issuers
(中共甲县委、甲县人民政府关于…) over a page's stamp line, and a goal sentence whose sizes are
targets (力争到2030年,…基金规模达2万亿元). Made-up sentences."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.pipeline import Pipeline

from .instrument_figures import numbers
from .texts import read

# ---------------------------------------------------------------- a headline reporting an issue


def test_a_headline_reporting_that_bodies_issued_a_document_gives_the_document(pipeline: Pipeline,
                                                                                 tmp_path: Path) -> None:
    text = ("甲省8部门联合印发《甲省推动金融服务科技创新工作方案》\n\n2024-05-06 10:20:31\n\n"
            "甲省地方金融管理局等8部门联合印发《甲省推动金融服务科技创新工作方案》,方案提出,要聚焦重点产业。\n"
            "方案明确,到2027年,科技贷款余额稳步增长。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "甲省推动金融服务科技创新工作方案"
    assert doc.issuer is None


# ---------------------------------------------------------------- a title printed with joint issuers


def test_a_title_printed_with_joint_issuers_is_given_without_them(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("中共乙县委、乙县人民政府关于加快建设人才强县的若干意见\n发布时间:2019-03-12  来源:  \n\n"
            "为深入实施人才强县战略,吸引各类人才在乙县创新创业,提出如下意见。\n"
            "一、引进高层次人才\n1、对新引进的领军人才,给予一次性奖励20万元。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "关于加快建设人才强县的若干意见"


def test_a_title_printed_with_one_issuer_over_a_stamp_line_keeps_it(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("乙县人民政府关于加快建设人才强县的若干意见\n发布时间:2019-03-12  来源:  \n\n"
            "为深入实施人才强县战略,吸引各类人才在乙县创新创业,提出如下意见。\n"
            "一、引进高层次人才\n1、对新引进的领军人才,给予一次性奖励20万元。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "乙县人民政府关于加快建设人才强县的若干意见"


# ---------------------------------------------------------------- the sizes a goal sentence sets


def test_sizes_a_goal_sentence_sets_are_no_fund_amounts() -> None:
    text = ("力争到2030年,金融业增加值达800亿元,本外币存款规模达3万亿元,基金资产管理规模达6000亿元,"
            "建成区域金融中心。")
    assert numbers(InstrumentExtractor(), text) == []


def test_a_fund_size_outside_a_goal_sentence_is_still_read() -> None:
    text = "设立甲市科技成果转化基金,基金规模达5亿元,支持科技型企业发展。"
    assert numbers(InstrumentExtractor(), text) == [{"amount_yuan": 500000000.0}]


# ---------------------------------------------------------------- a draft's heading run into its text


def test_a_draft_heading_run_into_its_first_sentence_gives_the_title(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("乙县促进专精特新企业发展行动方案(征求意见稿)(2024-2026年)为深入贯彻落实中小企业发展政策,"
            "培育专精特新中小企业,制定本方案。(一)加强梯度培育。建立企业培育库,给予一次性奖励10万元。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "乙县促进专精特新企业发展行动方案(2024-2026年)"


# ---------------------------------------------------------------- a plan its preamble names without 《》


def test_a_plan_named_without_quotes_at_the_end_of_its_preamble_is_the_title(pipeline: Pipeline,
                                                                              tmp_path: Path) -> None:
    text = ("知识产权是创新驱动发展的动力源泉。“十四五”时期是本市转型升级的关键期。"
            "结合甲市知识产权发展形势和实际特点,编制甲市知识产权“十四五”发展规划。\n"
            "一、发展基础\n(一)专利数量稳步增长。全市发明专利拥有量持续增长。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "甲市知识产权“十四五”发展规划"


def test_a_preamble_drawing_up_this_plan_names_no_title(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("知识产权是创新驱动发展的动力源泉。结合实际,编制本发展规划。\n"
            "一、发展基础\n(一)专利数量稳步增长。全市发明专利拥有量持续增长。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title != "本发展规划"


def test_a_headline_naming_three_issuing_bodies_under_a_banner_gives_the_document(pipeline: Pipeline,
                                                                                    tmp_path: Path) -> None:
    text = ("科技兴省 信息先行\n\n新闻资讯\n\n"
            "甲省科学技术厅、甲省发展和改革委员会、甲省工业和信息化厅印发《甲省高新区提质增效三年行动计划(2031-2033年)》\n\n"
            "《行动计划》提出,到2033年,省级高新区数量突破20家,高新技术产业营收占比达60%以上。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "甲省高新区提质增效三年行动计划(2031-2033年)"


def test_standards_a_sentence_draws_up_are_no_title(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("(十一)完善考核。对不同类型的企业实行分类考核,制定不同的考核标准。\n"
            "(十二)强化监督。加强对企业经营的监督,对符合条件的企业给予奖励10万元。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title != "不同的考核标准"


# ---------------------------------------------------------------- a time line run into the site's name


def test_a_time_line_run_into_the_site_name_dates_the_news_page(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("百余家科研单位齐聚甲州 科技项目推介会签约投资近百亿\n2031-04-16甲州旅游网\n\n"
            "9月26日,甲州举行科技项目推介会,促成26个项目达成合作意向。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.date == "2031-04-16"


def test_a_date_run_into_a_sentence_is_no_time_line(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲州科技项目推介会签约投资近百亿\n2031-04-16甲州举行科技项目推介会\n\n"
            "甲州举行科技项目推介会,促成26个项目达成合作意向。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.date != "2031-04-16"


# ---------------------------------------------------------------- a signature printed 印


def test_a_signature_date_marked_printed_dates_the_rules(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲省高新技术企业奖励办法\n第一条、为鼓励企业创新,制定本办法。\n"
            "第二条、对新认定的高新技术企业,给予一次性奖励10万元。\n"
            "甲省科学技术厅办公室\n2031年7月12日印\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.date == "2031-07-12"
    assert doc.issuer == "甲省科学技术厅办公室"
