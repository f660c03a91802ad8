"""Page forms: how web pages, news items and databases print a policy around its text.

The forms are regular expressions in ``data/metadata.json`` under ``page_forms`` (each with an
``_KEY_about`` note): page timestamps (2025-03-07 16:22:49, 2019-03-05 来源:甲网), a site's tags
and bullets before a title, a news lead naming the measure it reports (印发了《X》), a title run
into its first sentence, a database's abstract mark (<正>). ``metadata`` reads them through
``page_forms()``, so adding a page form is a change of that file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .header_fields import DEFAULT_PATH
from .vocabulary_files import read_vocabulary


@dataclass(frozen=True)
class PageForms:
    """The compiled ``page_forms`` of ``data/metadata.json`` (see each key's ``_about`` there)."""

    clock_stamp: re.Pattern[str]  # date and clock time; groups y, m, d
    sourced_stamp: re.Pattern[str]  # date line with its source; groups y, m, d
    credited_stamp: re.Pattern[str]  # date after a credit line; groups y, m, d
    split_stamp: re.Pattern[str]  # year, then month/day on the next line; groups y, m, d
    listed_stamp: re.Pattern[str]  # • 2025-09-10 in a page's list of facts; groups y, m, d
    page_tag: re.Pattern[str]  # a site's short tag before a title (【区级】)
    site_link: re.Pattern[str]  # a bracketed link longer than a tag
    lead_mark: re.Pattern[str]  # a bullet, list number or tag before a line
    headed_title: re.Pattern[str]  # 政策名称:X; group title
    reprint: re.Pattern[str]  # 印发了《X》…全文如下; group title
    place_quoted: re.Pattern[str]  # 甲市《X》; groups place, title
    published: re.Pattern[str]  # 甲局发布《X》; groups org, title, rest
    headline_tail: re.Pattern[str]  # (全文) after a headline
    reported: re.Pattern[str]  # …出台的《X》; group title
    reported_bare: re.Pattern[str]  # 出台《X》; group title
    flat_heading: re.Pattern[str]  # X 为…; group title
    abstract_opening: re.Pattern[str]  # <正>
    renewing_notice: re.Pattern[str]  # 关于延长…有效期的通知: the document printed below titles the text
    self_named: re.Pattern[str]  # …,编制了《X》,…: a preamble naming its own text; group title
    asked_about: re.Pattern[str]  # X的工作目标是什么?: a question heading on one document; group title
    signed_opening: re.Pattern[str]  # 甲市人民政府2022年9月19日甲办法第一条…; groups org, y, m, d, title
    stamped_heading: re.Pattern[str]  # 关于…的通知发表时间:… on a flattened page; group title
    own_place: re.Pattern[str]  # 结合甲区实际: the place a text is fitted to; group place
    speech_occasion: re.Pattern[str]  # ——在甲会议上的报告 under a speech's heading
    lately_issued: re.Pattern[str]  # 《X》(以下简称《措施》)近日印发: a news lead; group title
    consulted_lead: re.Pattern[str]  # 《X(征求意见稿)》公开征求意见: a news lead; group title
    drafted_by: re.Pattern[str]  # 甲局起草了《X(征求意见稿)》: a call naming its drafter; groups org, title
    numbered_flat_heading: re.Pattern[str]  # 甲政策 (甲发〔2011〕20号) 为…: groups title, number
    red_header: re.Pattern[str]  # 甲市人民政府文件 甲政发〔2013〕4号 甲市人民政府 关于…的意见 各…: groups number, title
    weekday_stamp: re.Pattern[str]  # 2015年4月10日 星期五: a paper's edition date; groups y, m, d
    posted_stamp: re.Pattern[str]  # Posted on 2021年2月7日 by admin: a blog page's date; groups y, m, d
    speaker_stamp: re.Pattern[str]  # 2030-03-29  省科技厅厅长 张某: a speech's date and speaker; groups y, m, d
    lately_revised: re.Pattern[str]  # 近日,甲省修改了《X》: a lead on a revised measure; group title
    edition_line: re.Pattern[str]  # 2023年12月8日 《甲日报》第01版: a paper's edition line; groups y, m, d
    zone_mention: re.Pattern[str]  # 甲市高新区 in running text: a development zone an untitled text may speak for
    edition_credit: re.Pattern[str]  # 原刊于《甲日报》(2024年03月30日 第 05 版): a reprint's edition; groups y, m, d
    uploaded_page: re.Pattern[str]  # 上传时间:, 网友上传: a document-sharing page, whose stamps date the upload
    generic_heading: re.Pattern[str]  # 企业奖励补助政策: a site's heading naming a kind of policy, no title
    zone_title: re.Pattern[str]  # 甲市高新区…: a development zone a title opens with; groups zone, kind
    column_label: re.Pattern[str]  # 栏目:甲省政策: the column a page is filed in; group column
    covering_headline: re.Pattern[str]  # 甲省及各市区县…: a compilation covering a place; group place
    partner_city: re.Pattern[str]  # 省科技厅与甲市人民政府…签约: a province-city agreement; group place
    teaser_link: re.Pattern[str]  # 了解更多 +: a link under a teaser paragraph of another page
    described_issuer: re.Pattern[str]  # 《甲办法》是甲省乙厅发布的办法: an encyclopedia's line; groups title, org

    @property
    def stamps(self) -> tuple[re.Pattern[str], ...]:
        """The page timestamps, in the order a page date is looked for."""
        return (self.clock_stamp, self.sourced_stamp, self.credited_stamp, self.split_stamp, self.listed_stamp,
                self.weekday_stamp, self.posted_stamp, self.speaker_stamp, self.edition_line)


@lru_cache(maxsize=1)
def page_forms() -> PageForms:
    """The page forms of the bundled ``data/metadata.json``."""
    data, path = read_vocabulary(None, DEFAULT_PATH, "metadata label list")
    try:
        forms = data["page_forms"]
        return PageForms(**{name: re.compile(str(forms[name])) for name in PageForms.__dataclass_fields__})
    except (re.error, TypeError, KeyError) as err:
        raise ValueError(f"{path}: a page form is missing or not valid ({err}); "
                         f"restore the bundled metadata.json") from None
