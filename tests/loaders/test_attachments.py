"""A notice that issues several documents as attachments is read as one document per
attachment, each numbered, signed and dated by the notice. Texts written for these tests."""

from __future__ import annotations

from pathlib import Path

from policykg.extracting import extract_graphs
from policykg.loaders.contract import document_dict
from policykg.loaders.pipeline import LoadFailure
from policykg.loaders.structure import attachment_parts

NOTICE = """某市人民政府办公室关于印发《某市技术转移奖励办法》《某市中试平台建设方案》的通知
某政办发〔2024〕12号
各区人民政府,市政府各部门:
《某市技术转移奖励办法》《某市中试平台建设方案》已经市政府同意,现印发给你们,请认真贯彻执行。
附件:1.某市技术转移奖励办法
2.某市中试平台建设方案
某市人民政府办公室
2024年3月5日
附件1
某市技术转移奖励办法
一、对技术合同登记额给予奖励,按成交额的5%给予奖励,最高100万元。(责任单位:市科技局)
二、支持技术经理人培养。(责任单位:市人社局)
附件2
某市中试平台建设方案
一、建设中试平台,给予最高200万元补助。(责任单位:市工信局)
二、完善服务体系。
"""


def write(tmp_path: Path, text: str, name: str = "notice.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_attachment_parts_of_a_notice_issuing_two_documents():
    parts = attachment_parts(NOTICE)
    assert [label for label, _, _ in parts] == ["附件1", "附件2"]
    assert NOTICE[parts[0][1]:parts[0][2]].startswith("附件1\n某市技术转移奖励办法\n一、")
    assert NOTICE[parts[1][1]:parts[1][2]].startswith("附件2\n某市中试平台建设方案")
    assert parts[1][2] == len(NOTICE)


def test_the_list_under_a_notice_does_not_count_as_attachments():
    listed = NOTICE.replace("附件:1.某市技术转移奖励办法\n2.", "附件1:某市技术转移奖励办法\n附件2:")
    parts = attachment_parts(listed)
    assert [listed[a:a + 4] for _, a, _ in parts] == ["附件1\n", "附件2\n"]


def test_a_notice_issuing_one_document_is_not_split():
    single = NOTICE.replace("《某市技术转移奖励办法》《某市中试平台建设方案》", "《某市技术转移奖励办法》")
    assert attachment_parts(single) == []


def test_each_attachment_is_a_document_with_the_notices_number_issuer_and_date(pipeline, tmp_path):
    docs = pipeline.read_documents(write(tmp_path, NOTICE))
    got = [(d.part, d.title, d.doc_number, d.issuer, d.date) for d in docs]
    assert got == [
        ("附件1", "某市技术转移奖励办法", "某政办发〔2024〕12号", "某市人民政府办公室", "2024-03-05"),
        ("附件2", "某市中试平台建设方案", "某政办发〔2024〕12号", "某市人民政府办公室", "2024-03-05")]
    assert [[u.name for c in d.clauses for p in c.provisions for u in p.units] for d in docs] == [
        ["市科技局", "市人社局"], ["市工信局"]]
    first = docs[0].clauses[0]
    assert docs[0].clean.text[first.start:first.end].startswith("一、对技术合同登记额")
    # offsets of a part map back to the file's text
    orig_start, _ = docs[1].clean.orig_span(docs[1].clauses[0].start, docs[1].clauses[0].end)
    assert NOTICE[orig_start:].startswith("一、建设中试平台")
    assert [document_dict(d)["part"] for d in docs] == ["附件1", "附件2"]
    assert pipeline.read(write(tmp_path, NOTICE)).part == "附件1"


def test_read_many_gives_every_attachment_and_a_plain_file_once(pipeline, tmp_path):
    notice = write(tmp_path, NOTICE)
    plain = write(tmp_path, "某市成果转化措施\n一、支持平台建设。\n二、支持人才引进。\n", "plain.txt")
    results = list(pipeline.read_many([notice, plain]))
    assert not any(isinstance(r, LoadFailure) for r in results)
    assert [(Path(r.source.path).name, r.part) for r in results] == [
        ("notice.txt", "附件1"), ("notice.txt", "附件2"), ("plain.txt", None)]


def test_graphs_of_a_notice_get_one_source_key_per_attachment(pipeline, tmp_path):
    notice = write(tmp_path, NOTICE)
    plain = write(tmp_path, "某市成果转化措施\n一、支持平台建设。\n二、支持人才引进。\n", "plain.txt")
    got = [(path.name, graph.source_key) for path, graph in
           extract_graphs([(notice, "notice.txt"), (plain, "plain.txt")], workers=1, pipeline=pipeline)]
    assert got == [("notice.txt", "notice.txt#1"), ("notice.txt", "notice.txt#2"), ("plain.txt", "plain.txt")]
