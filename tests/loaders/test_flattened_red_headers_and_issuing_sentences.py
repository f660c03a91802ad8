"""Headers seen among the misses of the fifty-second and fifty-third sets of real documents: an
official document's red header flattened onto the body's single line (the organ's 文件 line, a
文号 with spaces inside its brackets, the organ again, the title, the addressee), and a notice
without a title whose issuing sentence names the text it issues after a full stop
(…研究制定了《X》。现印发给你们)."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.page_forms import page_forms
from policykg.loaders.pipeline import Pipeline

from .texts import meta, read

_RED_HEADER = ("甲市人民政府文件 甲政发〔 2019 〕 12 号 甲市人民政府 关于加快建设创新型甲市的意见 "
               "各县区人民政府,市政府各部门: 为建设创新型甲市,结合我市实际,提出如下意见。 一、总体要求 "
               "到2025年,全市研发投入强度达到3%。 二、主要任务 (一)支持企业建设研发机构。")


def test_a_red_header_flattened_onto_the_body_gives_the_title_and_its_spaced_number():
    found = meta(_RED_HEADER)
    assert found["title"] == "关于加快建设创新型甲市的意见"
    assert found["doc_number"] == "甲政发〔2019〕12号"


def test_a_header_line_without_the_documents_word_is_no_red_header():
    forms = page_forms()
    assert forms.red_header.match(_RED_HEADER)
    assert not forms.red_header.match(_RED_HEADER.replace("甲市人民政府文件", "甲市人民政府", 1))
    assert not forms.red_header.match("乙县工作简报文件 乙办〔2020〕3号 关于乙县近期工作的情况 各乡镇:现将情况通报如下。")


_UNTITLED_NOTICE = ("乙科〔2021〕9号\n"
                    "各县(区)科技局,各有关单位:\n"
                    "为加快我市新型研发机构建设,根据《丙省新型研发机构管理办法》文件精神,"
                    "市科技局会同市财政局研究制定了《乙市新型研发机构认定办法(试行)》。现印发给你们,请遵照执行。\n"
                    "乙市科学技术局 乙市财政局\n2021年3月8日\n"
                    "第一条 为规范新型研发机构认定,制定本办法。\n第二条 本办法适用于在本市注册的新型研发机构。\n")


def test_a_notice_issuing_a_text_named_before_a_full_stop_is_titled_by_it(pipeline: Pipeline, tmp_path: Path):
    doc = read(pipeline, tmp_path, _UNTITLED_NOTICE)
    assert doc.title == "乙市新型研发机构认定办法(试行)"
    assert [c.title for c in doc.citations] == ["丙省新型研发机构管理办法"]


def test_a_quotation_ending_a_sentence_before_another_issuing_nothing_titles_nothing(pipeline: Pipeline,
                                                                                     tmp_path: Path):
    text = _UNTITLED_NOTICE.replace("。现印发给你们,请遵照执行", "。请各单位认真组织申报")
    assert read(pipeline, tmp_path, text).title != "乙市新型研发机构认定办法(试行)"
