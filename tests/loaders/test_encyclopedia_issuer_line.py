"""An encyclopedia's page on a policy (a layout seen among the misses of the fifty-sixth set of
real documents): the heading is the policy's title, and an opening line says which organ issued
it (《X》是甲厅发布的办法); with no header naming the issuer, that organ is the issuer."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.pipeline import Pipeline

from .texts import read

_PAGE = ("云南省技术转移示范机构管理办法\n"
         "《云南省技术转移示范机构管理办法》是云南省科学技术厅于2021年发布的办法。\n"
         "基本介绍\n"
         "云南省技术转移示范机构管理办法\n"
         "第一条 为规范技术转移示范机构管理,制定本办法。\n"
         "第二条 本办法适用于全省技术转移示范机构。\n")


def test_the_organ_an_encyclopedia_line_names_is_the_issuer(pipeline: Pipeline, tmp_path: Path):
    doc = read(pipeline, tmp_path, _PAGE)
    assert doc.title == "云南省技术转移示范机构管理办法"
    assert doc.issuer == "云南省科学技术厅"


def test_a_line_on_another_document_names_no_issuer(pipeline: Pipeline, tmp_path: Path):
    text = _PAGE.replace("《云南省技术转移示范机构管理办法》是", "《云南省科技计划项目管理办法》是")
    doc = read(pipeline, tmp_path, text)
    assert doc.issuer != "云南省科学技术厅"
