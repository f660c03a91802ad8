"""An untitled text whose first line addresses the bodies it is sent to (各…:) is a notice
that lost its heading: kept for its metadata and citations, not refused. Made-up text."""

from __future__ import annotations

import pytest

from policykg.loaders.errors import ReadError
from policykg.loaders.structure import opens_with_a_salutation

from .texts import read

NOTICE = ("各镇人民政府,区政府各部门:\n"
          "现将《年度工作要点》中的目标任务分解下达,请结合实际抓好落实,形成工作合力。\n")


def test_a_salutation_line_opens_a_notice():
    assert opens_with_a_salutation("\n  各市、县(区)科技局,各高等学校:\n正文")
    assert not opens_with_a_salutation("各单位要认真抓好落实,确保任务完成。\n")
    assert not opens_with_a_salutation("正文第一行\n各镇人民政府:\n")


def test_an_untitled_notice_opening_with_a_salutation_is_kept_for_its_citations(pipeline, tmp_path):
    doc = read(pipeline, tmp_path, NOTICE)
    assert [c.title for c in doc.citations] == ["年度工作要点"]
    assert doc.clauses == []


def test_the_same_text_without_its_salutation_is_still_refused(pipeline, tmp_path):
    with pytest.raises(ReadError, match="not a policy"):
        read(pipeline, tmp_path, NOTICE.split("\n", 1)[1])
