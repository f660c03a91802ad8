"""Layouts found among the misses of the nineteenth round of real documents: a notice issuing
several documents whose first one's text follows (the others cited), a notice heading wrapped
over lines around the documents it issues, a news item on a draft open for comment and the call
printed below it, an unsigned call for comments naming the organ that drafted it, a closing quote
a PDF gave as 9, markup tags and betting-site names a hacked page left in a text, a plan named
without 《》 that was approved, a headline quoting a draft, a clock stamp run into the site a page
came from, a title and its 文号 run into a flattened body, a 文号 under the heading of the notice
issuing the policy, a foreword ending on the purpose of its plan."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.cleaning import clean_text
from policykg.loaders.header_fields import metadata_forms
from policykg.loaders.metadata import _orgs
from policykg.loaders.pipeline import Pipeline
from policykg.loaders.records import SourceText

from .texts import meta, read


def cleaned(text: str) -> str:
    return clean_text(SourceText(path="t.txt", format="txt", encoding="utf-8", text=text, sha256="",
                                 size_bytes=0)).text

# ---------------------------------------------------------------- a notice issuing several documents


def test_the_documents_issued_beside_the_one_whose_text_follows_are_cited(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲省人民政府办公厅关于印发支持乙产业发展若干政策和甲省乙产业创新行动计划(2021—2023年)的通知\n"
            "甲政办秘〔2021〕5号\n各市人民政府,省政府各部门:\n"
            "《支持乙产业发展若干政策》《甲省乙产业创新行动计划(2021—2023年)》已经省政府同意,现印发给你们,请认真抓好落实。\n"
            "甲省人民政府办公厅\n2021年9月2日\n支持乙产业发展若干政策\n为加快乙产业发展,制定以下政策。\n"
            "一、支持乙平台建设\n对省级乙平台给予奖补,最高300万元。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "支持乙产业发展若干政策"
    assert [c.title for c in doc.citations] == ["甲省乙产业创新行动计划(2021—2023年)"]


def test_a_notice_heading_wrapped_around_the_documents_it_issues_names_no_title_line(pipeline: Pipeline,
                                                                                    tmp_path: Path) -> None:
    text = ("甲省人民政府\n关于印发“甲创新”“乙产业”\n“丙需求”行动计划(2024—2025年)\n的通知\n甲政发〔2024〕5号\n"
            "各市人民政府:\n《“甲创新”行动计划(2024—2025年)》《“乙产业”行动计划(2024—2025年)》"
            "《“丙需求”行动计划(2024—2025年)》已经省政府同意,现印发给你们。\n甲省人民政府\n2024年4月22日\n"
            "“甲创新”行动计划(2024—2025年)\n一、总体目标\n到2025年,全省研发经费投入达到100亿元。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "“甲创新”行动计划(2024—2025年)"
    assert [c.title for c in doc.citations] == ["“乙产业”行动计划(2024—2025年)", "“丙需求”行动计划(2024—2025年)"]


# ---------------------------------------------------------------- a news item on a draft open for comment


_DRAFT_NEWS = ("11月7日,甲市公开征求《甲市推动乙经济发展资金管理办法(征求意见稿)》意见。\n"
               "其中指出,对在本市建设的乙项目,固定资产投资额5亿元以上的项目,市财政按固定资产投资额的2%予以扶持。"
               "年度扶持总额不超过3000万。\n原文如下:\n"
               "甲市发展和改革委员会关于公开征求《甲市推动乙经济发展资金管理办法(征求意见稿)》意见的公告\n"
               "为规范我市乙经济发展资金管理,我委起草了《甲市推动乙经济发展资金管理办法(征求意见稿)》(以下简称《管理办法》),"
               "现公开向社会征求意见。\n如对《管理办法》有修改意见,请自本公告发布之日起30日内以书面形式提出。\n特此公告。\n"
               "附件:\n1. 关于《甲市推动乙经济发展资金管理办法(征求意见稿)》的说明.docx\n2. 甲市推动乙经济发展资金")


def test_a_call_for_comments_below_a_news_lead_takes_the_drafts_title_and_the_caller(pipeline: Pipeline,
                                                                                    tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _DRAFT_NEWS)
    assert doc.title == "甲市推动乙经济发展资金管理办法"
    assert doc.issuer == "甲市发展和改革委员会"
    assert doc.citations == []


def test_a_news_lead_on_a_draft_open_for_comment_grants_nothing(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _DRAFT_NEWS)
    assert doc.clauses == []


def test_a_policy_opening_on_a_date_without_a_call_for_comments_keeps_its_grants(pipeline: Pipeline,
                                                                                tmp_path: Path) -> None:
    text = ("甲市乙经济发展资金管理办法\n11月7日起,对在本市建设的乙项目,市财政按固定资产投资额的2%予以扶持。\n"
            "一、扶持范围\n(一)对乙整机项目给予最高100万元奖励。\n")
    doc = read(pipeline, tmp_path, text)
    rates = [i.rate for c in doc.clauses for p in c.provisions for i in p.instruments if i.rate]
    assert rates == [0.02]


def test_a_list_of_attachments_under_a_bare_attachment_line_is_no_provision(pipeline: Pipeline,
                                                                          tmp_path: Path) -> None:
    text = ("甲市科学技术局关于征集乙项目的通知\n各有关单位:\n现将有关事项通知如下,请按要求申报。\n特此通知。\n"
            "附件:\n1. 乙项目申报书.docx\n2. 甲市乙项目管理办\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == []


def test_numbered_sentences_under_a_bare_attachment_line_stay_provisions(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲市乙项目管理办法\n附件:\n1. 对认定的乙项目给予一次性奖励10万元。\n2. 对丙项目给予最高20万元补助。\n")
    doc = read(pipeline, tmp_path, text)
    assert [c.label for c in doc.clauses] == ["1.", "2."]


# ---------------------------------------------------------------- an unsigned call for comments on a draft


_UNSIGNED_CALL = ("为加快发展乙产业,甲市科技局起草了《关于促进甲市乙产业发展的若干措施(试行)(征求意见稿)》。"
                  "现面向社会公开征求意见,如有意见建议,请向甲市科技局反馈。\n"
                  "征求意见时间:2024年8月21日至2024年9月4日。\n"
                  "关于促进甲市乙产业发展的若干措施(试行)(征求意见稿 )\n"
                  "为贯彻落实《 \"乙+9 应用行动方案》《丙 产业指导意见》等文件精神,特制定以下措施:\n"
                  "一、支持技术攻关\n(一)支持企业研发。给予项目最高 500 万元经费支持。\n")


def test_an_unsigned_call_that_quotes_its_draft_and_prints_it_takes_the_drafts_title(pipeline: Pipeline,
                                                                                    tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _UNSIGNED_CALL)
    assert doc.title == "关于促进甲市乙产业发展的若干措施(试行)"


def test_an_unsigned_call_is_issued_by_the_organ_that_drafted_it(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _UNSIGNED_CALL)
    assert doc.issuer == "甲市科技局"


def test_an_organ_drafting_a_draft_not_the_texts_own_issues_nothing(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲市乙产业发展若干措施\n为加快发展乙产业,甲市科技局起草了《甲市丙办法(征求意见稿)》。\n"
            "一、支持技术攻关\n(一)支持企业研发。给予项目最高500万元经费支持。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.issuer is None


def test_a_period_for_comments_is_no_date(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _UNSIGNED_CALL)
    assert doc.date is None


def test_a_time_label_before_one_day_still_stamps_the_page() -> None:
    assert meta("甲市乙办法\n时间:2024-08-21\n一、对企业给予奖励。\n")["date"] == "2024-08-21"
    assert meta("甲市乙办法解读\n解读时间:2024-08-21 加入收藏\n一、对企业给予奖励。\n")["date"] == "2024-08-21"


def test_a_closing_quote_a_pdf_gave_as_nine_is_read_as_the_quote(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _UNSIGNED_CALL)
    assert [c.title.replace(" ", "") for c in doc.citations] == ["“乙+”应用行动方案", "丙产业指导意见"]


def test_a_nine_in_a_title_whose_quotes_close_is_kept(pipeline: Pipeline, tmp_path: Path) -> None:
    text = "甲市乙办法\n一、根据《“乙9号”工程实施方案》《丙“十四五”规划9项任务分解方案》,对企业给予奖励。\n"
    doc = read(pipeline, tmp_path, text)
    assert [c.title for c in doc.citations] == ["“乙9号”工程实施方案", "丙“十四五”规划9项任务分解方案"]


# ---------------------------------------------------------------- a hacked interpretation page


_HACKED_READING = ('<legend id="k2xq"></legend><samp id="k2xq"></samp>\n<sup id="k2xq"></sup>\n\n'
                   '  • <input id="k2xq"><address id="k2xq"></address>\n\n'
                   '    1. <blockquote id="k2xq"><rt id="k2xq"></rt></blockquote>\n      <wbr id="k2xq">\n'
                   '    2. <meter id="k2xq"></meter>\n    3. <dl id="k2xq"></dl>\n\n'
                   "        当前位置:首页 >> 政务公开 >> 政策文件 >> 政策解读\n"
                   "        索引号 113300000012345678/2021-00001 文号 甲政办发〔2021〕7号\n"
                   "        组配分类 政策解读 发布机构 市商务局\n"
                   "        成文日期 2021-12-10 公开方式 主动公开\n"
                   "        【音频】《888bet在线体育_365bet官网_365bet篮球比分直播促进乙产业发展的实施意见》政策解读\n"
                   "        发布时间:2021-12-15 10:43 浏览次数: 信息来源: 市商务局\n\n"
                   "        《888bet在线体育_365bet官网_365bet篮球比分直播促进乙产业发展的实施意见》(以下简称《实施意见》)"
                   "已于2021年12月10日印发。现将有关情况解读如下:\n\n        一、起草背景\n\n"
                   "        2020年7月,中国(甲市)乙产业综合试验区实施方案获丙省政府同意并发文。当前,乙产业已成为新动能。\n")


def test_a_title_inside_angle_brackets_is_no_markup() -> None:
    text = "根据《关于印发<甲市乙办法>的通知》,制定本办法。"
    assert cleaned(text) == text


def test_betting_site_names_a_hacked_page_put_in_a_title_are_removed() -> None:
    text = "《888bet在线体育_365bet官网_365bet篮球比分直播促进乙产业发展的实施意见》"
    assert cleaned(text) == "《促进乙产业发展的实施意见》"
    assert cleaned("乙 alphabet 和 between 两词。") == "乙 alphabet 和 between 两词。"


def test_a_hacked_reading_page_takes_its_headline_and_header_number(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _HACKED_READING)
    assert doc.title == "《促进乙产业发展的实施意见》政策解读"
    assert doc.doc_number == "甲政办发〔2021〕7号"
    assert [c.label for c in doc.clauses] == ["一、"]


def test_a_reading_page_cites_what_it_reads_and_a_plan_said_to_be_approved(pipeline: Pipeline,
                                                                            tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, _HACKED_READING)
    titles = {c.title for c in doc.citations}
    assert titles == {"促进乙产业发展的实施意见", "中国(甲市)乙产业综合试验区实施方案"}
    assert all(c.title != c.doc_number for c in doc.citations)


def test_a_plan_of_our_own_said_to_be_approved_is_no_citation(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("甲市乙办法\n一、我市实施方案获省政府同意后,对企业给予奖励。\n二、乙项目获市政府批准的,给予补助。\n"
            "三、各县区年度科技项目实施方案经专家评审批准后,给予补助。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.citations == []


# ---------------------------------------------------------------- headlines, stamps and numbers of pages


def test_a_headline_quoting_a_draft_titles_it_without_its_mark_and_a_stamped_site_issues_it(
        pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("《甲省关于促进乙经济发展的意见(征求意见稿)》发布\n\n2024-08-13 10:52:00甲省发展和改革委员会网站 浏览:\n"
            "甲省关于促进乙经济发展的意见\n(征求意见稿)\n为促进我省乙经济发展,制定意见如下。\n一、总体要求\n"
            "(一)指导思想\n以创新为驱动,培育发展新引擎。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "甲省关于促进乙经济发展的意见"
    assert doc.date == "2024-08-13"


def test_a_clock_stamp_run_into_the_site_a_page_was_taken_from_names_its_source() -> None:
    source = metadata_forms().source_line
    m = source.search("2024-08-13 10:52:00甲省发展和改革委员会网站 浏览:")
    assert m is not None and m.group("org") == "甲省发展和改革委员会"
    assert source.search("来源:甲区科技局发布时间:2024-08-13").group("org") == "甲区科技局"  # type: ignore[union-attr]
    assert all(not _orgs(m.group("org")) for m in source.finditer("2024-08-13 10:52:00 阅读 浏览:"))


def test_a_title_and_its_number_run_into_the_body_of_a_flattened_page(pipeline: Pipeline, tmp_path: Path) -> None:
    text = ("已阅读5页,还剩9页未读, 继续免费阅读\n文档简介\n"
            "甲州乙县投资优惠政策 发表时间:2011 年 11 月 02 日 15:29 乙县招商引资优惠政策(试行) (乙发201120 号) "
            "为进一步扩大开放,结合我县实际,特制定本优惠政策: 第一条 凡到我县投资新办企业的,均可享受本优惠政策。 "
            "第二条 固定资产投资500万元以上的企业,按地方税收的40%给予奖励。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "乙县招商引资优惠政策(试行)"
    assert doc.doc_number == "乙发〔2011〕20号"


def test_a_number_under_the_heading_of_the_notice_issuing_the_policy_is_its_own(pipeline: Pipeline,
                                                                                tmp_path: Path) -> None:
    text = ("政策发布 | 甲市出台乙奖补政策\n时间:2025-02-20 10:30:29 | 来源:丙信息科技有限公司\n\n"
            "甲市工业和信息化局:2025年1月26日,甲市工业和信息化局和甲市财政局印发《甲市乙试点工作方案》。\n\n\n"
            "关于印发《甲市乙试点工作方案》的通知\n\n甲工信发〔2025〕14号\n\n\n各区工业和信息化局、财政局:\n"
            "经市人民政府同意,现将《甲市乙试点工作方案》印发给你们,请认真遵照执行。\n\n甲市工业和信息化局\n\n甲市财政局\n\n"
            "2025年1月26日\n\n甲市乙试点工作方案\n\n一、工作目标\n推动100家企业数字化转型。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.title == "甲市乙试点工作方案"
    assert doc.doc_number == "甲工信发〔2025〕14号"


# ---------------------------------------------------------------- a plan's foreword


def test_a_foreword_ending_on_the_purpose_the_plan_is_made_for_is_no_provision(pipeline: Pipeline,
                                                                              tmp_path: Path) -> None:
    text = ("甲部 乙局关于印发《“十三五”丙科技创新专项规划》的通知\n各省、自治区、直辖市科技厅:\n"
            "按照《丁规划纲要》的总体部署,特制定《“十三五”丙科技创新专项规划》。现印发你们,请认真贯彻执行。\n"
            "丙蕴含着深厚的科学内涵,是实现丙事业振兴发展的重大战略方向。依据《戊战略纲要》等,"
            "为加快提升丙科技创新能力,特制定本规划。\n党的十八大以来,丙科技创新工作的战\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.clauses == []


def test_an_unnumbered_paragraph_granting_after_a_purpose_stays_a_provision(pipeline: Pipeline,
                                                                            tmp_path: Path) -> None:
    text = ("甲市乙奖励办法\n对认定的乙企业,给予一次性奖励10万元。\n对新引进的丙团队,给予最高50万元资助。\n")
    doc = read(pipeline, tmp_path, text)
    assert len(doc.clauses) == 2


def test_lines_of_nothing_but_markup_are_removed_and_markup_inside_a_line_is_kept() -> None:
    """A hacked page's lines of bare tags are page debris; markup inside a provision's words is the
    text as written (shown as text, never interpreted)."""
    text = cleaned('<legend id="a1"></legend><samp id="a1"></samp>\n1. <dl id="a1"></dl>\n甲市乙办法\n'
                   '一、对企业<b>给予</b>奖励。\n')
    assert text.strip().startswith("甲市乙办法") and "1." not in text and "legend" not in text
    assert "一、对企业<b>给予</b>奖励。" in text
