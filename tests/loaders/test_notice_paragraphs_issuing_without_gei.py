"""A titled notice with no numbered lines: the paragraph issuing its document (…现印发你们,请遵照
执行…), written with or without 给, is the notice's own text, no provision. Made-up notices."""

from __future__ import annotations

from pathlib import Path

import pytest

from policykg.loaders.pipeline import Pipeline

from .texts import read


@pytest.mark.parametrize("issuing", ["现印发你们,请结合实际抓好落实", "现印发给你们", "现将有关文件转来,请遵照执行"])
def test_the_issuing_paragraph_of_a_notice_is_no_provision(pipeline: Pipeline, tmp_path: Path, issuing: str) -> None:
    text = ("关于印发《甲省中小企业培育工作指南》的通知\n\n各市工业和信息化局:\n\n"
            f"  为进一步规范和推动我省中小企业培育工作,组织实施分层培育,省厅制定了《甲省中小企业培育工作指南》,{issuing},"
            "并结合本地实际,认真研究谋划市级中小企业的培育工作。\n")
    doc = read(pipeline, tmp_path, text)
    assert doc.clauses == []
