"""A unit list an excerpt cuts right after a separator (…、乙厅、) ends on a whole name; a ratio
two parties share a loss or cost by (按照8:2比例进行代偿损失分担) is no matching rate; the part of a
total one level of government pays (给予30万元,其中市本级给予15万元) is no second incentive; a place a
page prints after a title in brackets is no part of it; a news page's headline is found below a
row of the outlet's links; a second recipient's rate joined by 和 to the first's cap is the same
grant's; a newspaper in 《》 is no citation; a news item's own time under its headline dates it over
the page's date above; a heading opened by 关于 over three lines is one title. Made-up sentences."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.citations import citation_kind, find_citations
from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.pipeline import Pipeline

from .instrument_figures import figures
from .texts import inline_units, read


def test_a_list_cut_after_a_separator_keeps_its_last_name() -> None:
    text = "(三)推动专利入库。(责任单位:省科技厅、省教育厅、省农业农村厅、"
    assert [name for name, _ in inline_units(text)] == ["省科技厅", "省教育厅", "省农业农村厅"]


def test_a_list_cut_inside_a_name_still_drops_it() -> None:
    text = "(三)推动专利入库。(责任单位:省科技厅、省教育厅、省农业农"
    assert [name for name, _ in inline_units(text)] == ["省科技厅", "省教育厅"]


def test_a_ratio_sharing_a_loss_is_no_rate(ex: InstrumentExtractor) -> None:
    assert figures(ex, "对纳入资金池的贷款,担保公司与风险补偿资金池按照7:3比例进行代偿损失分担。") == []
    assert figures(ex, "所需资金由市、区两级按1:1比例共同承担,每家企业最高奖励20万元。") \
        == [(None, 200000.0, None)]


def test_a_matching_ratio_is_still_a_rate(ex: InstrumentExtractor) -> None:
    assert figures(ex, "对获得省级奖励的项目,按所获奖金1:0.5的比例给予配套奖励。") == [(0.5, None, None)]


def test_one_levels_part_of_a_total_is_no_second_incentive(ex: InstrumentExtractor) -> None:
    assert figures(ex, "对首次认定的高新技术企业,市、县两级给予每家企业40万元奖补,其中县级一次性给予20万元。") \
        == [(None, None, 400000.0)]
    # a part with a rate of its own is an incentive of its own
    assert figures(ex, "市、区给予最高20万元奖补,其中区级按其区级贡献的50%,给予最高8万元奖补。") \
        == [(None, 200000.0, None), (0.5, 80000.0, None)]


def test_a_place_printed_after_a_title_is_no_part_of_it(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path, "关于促进中试平台建设的若干措施(试行)(无锡)\n"
                                   "一、对新建的中试平台,给予最高100万元补助。\n二、对服务企业的平台给予奖励。\n")
    assert doc.title == "关于促进中试平台建设的若干措施(试行)"
    assert doc.region == "无锡市"


def test_a_news_headline_below_a_row_of_links_places_the_item(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path,
               "甲省日报传媒集团旗下: 甲省日报 |甲省晚报 |甲省网 返回首页\n"
               "当前版: 003版 上一版 下一版\n"
               "温州将对新建概念验证中心最高补助300万元\n"
               "  本报讯 (记者 张某)日前,温州市科技局公布《温州市概念验证中心建设实施办法》,"
               "对新建的概念验证中心给予最高300万元补助。浙江省其他城市也在推进相关工作,浙江省科技厅表示支持。\n")
    assert doc.region == "温州市"


def test_a_second_recipients_rate_joined_to_the_first_cap_is_a_rate(ex: InstrumentExtractor) -> None:
    assert figures(ex, "对登记的技术合同,给予技术输出方3%,最高50万元和技术吸纳方5%,最高100万元的奖励。") \
        == [(0.03, 500000.0, None), (0.05, 1000000.0, None)]
    # a rate with no grant before it in its sentence stays no incentive
    assert figures(ex, "全市技术合同成交额达到50亿元和企业研发投入增长10%。") == []


def test_a_newspaper_a_reporter_writes_for_is_no_citation() -> None:
    assert citation_kind("甲省经济参考报") == "publication"
    found = find_citations("《甲省经济参考报》记者从省政府获悉,根据新出台的《甲省科技保险补贴办法》,企业可获补贴。")
    assert [c.title for c in found] == ["甲省科技保险补贴办法"]


def test_a_news_items_own_time_under_its_headline_dates_it(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path,
               "首页 | 政务公开 | 政务服务\n\n2031-07-14\n\n甲市高新区概念验证中心建设提速\n"
               "  • 2029年05月02日 11时55分\n  • 来源: 甲市政务网\n"
               "  近日,甲市高新区与三家高校签订协议,共建概念验证中心,对入驻项目给予最高50万元补助。\n")
    assert doc.date == "2029-05-02"


def test_a_bare_date_line_with_no_clocked_time_below_still_dates_the_page(pipeline: Pipeline,
                                                                          tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path,
               "2031-07-14\n\n甲市高新区概念验证中心建设提速\n来源: 甲市政务网\n"
               "  近日,甲市高新区与三家高校签订协议,共建概念验证中心,对入驻项目给予最高50万元补助。\n")
    assert doc.date == "2031-07-14"


def test_a_heading_opened_by_guanyu_over_three_lines_is_one_title(pipeline: Pipeline, tmp_path: Path) -> None:
    doc = read(pipeline, tmp_path,
               "甲科发成字〔2031〕13号\n甲省科学技术厅关于公布\n2031年度省级科技企业孵化器和\n省级众创空间的通知\n"
               "各市科技局,各有关单位:\n根据《甲省科技企业孵化器认定管理办法》,现将认定结果公布如下。\n")
    assert (doc.title, doc.issuer) == ("甲省科学技术厅关于公布2031年度省级科技企业孵化器和省级众创空间的通知", "甲省科学技术厅")
