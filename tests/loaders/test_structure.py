"""Tests of the document tree (policykg.loaders.structure) on the seeds and on texts written here."""

from __future__ import annotations

import json
import re
import time
from dataclasses import replace
from pathlib import Path

import opencc
import pytest

from policykg.corpus import bundled_paths
from policykg.loaders.records import CleanText, Node
from policykg.loaders.structure import (
    DATA_FILE,
    StructureVocab,
    build_tree,
    chinese_numeral,
    load_vocab,
    parse_label,
)

GOLD_DIR = Path(__file__).resolve().parents[1] / "data" / "gold"  # the dev annotations
_T2S = opencc.OpenCC("t2s")
# pinyin left behind by web pages: 發(fā), 區(qū) — at least one letter with a tone mark
_PINYIN = re.compile(r"\([a-zü]*[\u00e0-\u01dc][a-zü\u00e0-\u01dc]*\)")


def make_clean(raw: str) -> CleanText:
    """A stand-in for the cleaner: pinyin debris removed, t2s per character, full-width folded."""
    text = _PINYIN.sub("", raw)
    simplified = "".join(s if len(s := _T2S.convert(c)) == 1 else c for c in text)
    normalized = "".join(
        " " if c == "\u3000" else chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c
        for c in simplified
    )
    return CleanText(text, simplified, normalized, list(range(len(text) + 1)))


def seed(prefix: str) -> CleanText:
    path = next(p for p in bundled_paths() if p.name.startswith(prefix))
    return make_clean(path.read_text(encoding="utf-8"))


def tree_of(text: str) -> tuple[CleanText, Node]:
    clean = make_clean(text)
    return clean, build_tree(clean)


def nodes(tree: Node, kind: str) -> list[Node]:
    return [n for n in tree.walk() if n.kind == kind]


def clauses(tree: Node) -> list[Node]:
    return [n for n in tree.walk() if n.is_clause]


def span(clean: CleanText, node: Node) -> str:
    return clean.normalized[node.start:node.end]


SEEDS = ["000", "001", "002", "003", "004"]


@pytest.fixture(scope="module")
def seed_trees() -> dict[str, tuple[CleanText, Node]]:
    out = {}
    for prefix in SEEDS:
        clean = seed(prefix)
        out[prefix] = (clean, build_tree(clean))
    return out


# ---------------------------------------------------------------- seeds


@pytest.mark.parametrize(
    ("prefix", "parts", "sections", "items", "n_clauses"),
    [
        ("000", 15, 34, 0, 34),  # 一、…十五、 holding (一)…(三十四)
        ("001", 5, 20, 0, 20),
        ("002", 4, 14, 34, 40),  # 6 bare sections + items 1.–27. + 3 + 4 items of 四、组织实施
        ("003", 6, 13, 0, 13),
        ("004", 3, 10, 12, 18),  # 一、主要目标 (paragraph only) + items 1.–12. + 5 sections of 三、
    ],
)
def test_seed_counts(seed_trees, prefix, parts, sections, items, n_clauses):
    _, tree = seed_trees[prefix]
    assert len(nodes(tree, "part")) == parts
    assert len(nodes(tree, "section")) == sections
    assert len(nodes(tree, "item")) == items
    assert len(clauses(tree)) == n_clauses


def test_jingzhou_labels_and_closing(seed_trees):
    clean, tree = seed_trees["000"]
    labels = [c.label for c in clauses(tree)]
    assert labels[:3] == ["(一)", "(二)", "(三)"]
    assert labels[20] == "(二十一)" and labels[-1] == "(三十四)"
    parts = nodes(tree, "part")
    assert [p.label for p in parts][-1] == "十五、"
    assert parts[0].heading == "深化职务科技成果赋权改革"
    # a long first sentence is not a heading; a short one followed by more text is
    assert clauses(tree)[0].heading is None
    assert next(c for c in clauses(tree) if c.label == "(三十)").heading == "强化科技成果转化信贷支持"
    # (三十四)'s only sentence is followed by a 责任单位 bracket alone: no heading
    last = clauses(tree)[-1]
    assert last.heading is None
    assert span(clean, last).endswith("(责任单位:市科技局,长江大学)")
    closing = [n for n in tree.children if n.kind == "closing"]
    assert closing and span(clean, closing[0]).startswith("已有相关文件明确规定的政策")
    assert "具体解释工作由荆州市科学技术局负责" in span(clean, closing[0])
    assert "已有相关文件" not in span(clean, last)


def test_jingzhou_front_matter(seed_trees):
    clean, tree = seed_trees["000"]
    kinds = [n.kind for n in tree.children[:4]]
    assert kinds == ["header", "title", "preamble", "part"]
    header, title, preamble = tree.children[:3]
    assert title.heading == "荆州市促进科技成果转化和科创供应链平台建设若干政策措施"
    # the title also opens the page; the repeated one after the cover notice is the policy's
    assert title.start > clean.normalized.index("现印发给你们")
    assert span(clean, header).endswith("2025年6月5日")
    assert span(clean, preamble).startswith("为深入贯彻党中央")


def test_wuhan_header_headings_and_closing(seed_trees):
    clean, tree = seed_trees["001"]
    header, title = tree.children[:2]
    assert header.kind == "header" and span(clean, header).startswith("各区人民政府,")
    assert [span(clean, p) for p in header.children][-2:] == ["武汉市人民政府", "2024年1月28日"]
    assert title.kind == "title" and title.heading == "武汉市促进科技成果转化的若干政策措施"
    first = clauses(tree)[0]
    assert (first.label, first.heading) == ("(一)", "促进高校院所服务地方产业发展")
    # several 责任单位 groups on one line stay in one clause
    assert span(clean, first).count("责任单位") == 3
    last = clauses(tree)[-1]
    assert last.label == "(二十)" and span(clean, last).endswith("(责任单位:市法院、市检察院)")
    assert tree.children[-1].kind == "closing"
    assert span(clean, tree.children[-1]).startswith("本政策措施涉及条款已有具体实施办法的")


def test_hubei_sections_items_and_paragraphs(seed_trees):
    clean, tree = seed_trees["002"]
    assert next(n for n in tree.children if n.kind == "title").heading == "湖北·汉襄宜国家科技成果转移转化示范区建设方案"
    header = tree.children[0]
    assert header.kind == "header" and "鄂政办函〔2021〕38号" in span(clean, header)
    part1 = nodes(tree, "part")[0]
    assert (part1.label, part1.heading) == ("一、", "总体要求")
    guiding, principles, goals = part1.children
    # a heading-only section takes the paragraphs below it, up to the next numbered line
    assert guiding.is_clause and guiding.heading == "指导思想"
    assert span(clean, guiding).startswith("(一)指导思想。\n坚持以习近平")
    assert [p.heading for p in principles.children] == ["坚持市场导向", "坚持重点突破", "坚持协同推进", "坚持示范带动"]
    assert all(p.kind == "paragraph" and p.label is None for p in principles.children)
    assert len(goals.children) == 4 and span(clean, goals.children[-1]).startswith("宜昌市")
    items = [c for c in clauses(tree) if c.kind == "item"]
    assert [c.label for c in items[:27]] == [f"{i}." for i in range(1, 28)]
    fourteen = items[13]
    assert fourteen.heading == "支持企业承接科技成果"
    assert fourteen.path == "5/4/2"
    # "2022年底前,…" inside item 1 did not open an item 2022
    assert "2022年底前" in span(clean, items[0])
    # the paragraph before the items of 四、(一) stays before them
    schedule = nodes(tree, "part")[3].children[0]
    assert [c.kind for c in schedule.children] == ["paragraph", "item", "item", "item"]
    for node in clauses(tree):
        assert "扫描二维码" not in span(clean, node)


def test_zhoukou_and_yueyang_front_matter(seed_trees):
    clean, tree = seed_trees["003"]
    header, title, preamble = tree.children[:3]
    assert header.kind == "header" and "周政办〔2023〕63号" in span(clean, header.children[0])
    assert title.heading == "周口市支持科技成果转化促进产学研用深度融合若干措施"
    assert preamble.kind == "preamble"
    assert "责任编辑" not in span(clean, clauses(tree)[-1])
    clean, tree = seed_trees["004"]
    assert [n.kind for n in tree.children[:3]] == ["title", "preamble", "part"]
    assert tree.children[0].heading == "岳阳市促进科技成果转移转化实施方案"
    aims = nodes(tree, "part")[0]
    assert aims.is_clause and aims.heading == "主要目标"
    assert [c.label for c in nodes(tree, "item")][2:4] == ["3.", "4."]  # numbering runs on across sections


@pytest.mark.parametrize("gold_file", sorted(GOLD_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_gold_anchors_fall_in_their_clause(gold_file):
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    clean = seed(gold["source"][:3])
    found = clauses(build_tree(clean))
    assert len(found) == len(gold["clauses"])
    for gc in gold["clauses"]:
        for anchor in gc["anchors"]:
            at = clean.normalized.find(anchor)
            assert at >= 0, anchor
            holders = [c for c in found if c.start <= at and at + len(anchor) <= c.end]
            assert [c.label for c in holders] == [gc["label"]], anchor


@pytest.mark.parametrize("prefix", SEEDS)
def test_tree_invariants(seed_trees, prefix):
    clean, tree = seed_trees[prefix]
    assert (tree.kind, tree.start, tree.end, tree.path) == ("document", 0, len(clean.text), "")
    paths = set()
    for node in tree.walk():
        previous_end = node.start
        for index, child in enumerate(node.children, 1):
            assert node.start <= child.start < child.end <= node.end
            assert child.start >= previous_end  # in document order, no overlap
            previous_end = child.end
            assert child.path == (f"{node.path}/{index}" if node.path else str(index))
        assert node.path not in paths
        paths.add(node.path)
        if node.label:
            assert re.sub(r"\s", "", clean.normalized[node.start:node.start + len(node.label) + 2]).startswith(node.label)
        if node.kind != "document":
            assert span(clean, node) == span(clean, node).strip()
        assert node.is_clause == (node.kind in {"part", "section", "item"}
                                  and not any(c.kind in {"part", "section", "item"} for c in node.children))


# ---------------------------------------------------------------- written texts

MIXED = """关于加快科技成果转化的若干措施

为促进科技成果转化，制定本措施。

一、总体要求
（一）加强组织。各地要建立工作机制。
(二)明确分工。各部门按职责推进。
二、重点任务
（三）支持企业创新。
1、对企业研发给予补助，最高100万元。
2.对新认定的平台给予奖励。
3．对技术交易给予后补助。
(四)强化人才支撑。引进高层次人才。（责任单位：市人社局）
"""


def test_mixed_label_forms():
    clean, tree = tree_of(MIXED)
    assert [n.label for n in nodes(tree, "part")] == ["一、", "二、"]
    assert [n.label for n in nodes(tree, "section")] == ["(一)", "(二)", "(三)", "(四)"]
    assert [n.label for n in nodes(tree, "item")] == ["1、", "2.", "3."]
    assert [c.label for c in clauses(tree)] == ["(一)", "(二)", "1、", "2.", "3.", "(四)"]
    third = nodes(tree, "section")[2]
    assert not third.is_clause and third.heading == "支持企业创新"
    assert span(clean, nodes(tree, "section")[3]).endswith("(责任单位:市人社局)")
    assert [n.kind for n in tree.children] == ["title", "preamble", "part", "part"]


HEADING_ONLY = """XX市科技成果转化实施方案
一、总体要求
(一)指导思想。
以创新驱动为引领,加快成果转化。
到2025年,技术合同成交额达到100亿元。
(二)基本原则。
——坚持市场导向。发挥市场作用。
——坚持协同推进。形成工作合力。
二、保障措施
(一)加强领导。建立联席会议制度。
(二)加强宣传。
各地要及时总结推广典型经验。
营造良好氛围。
"""


def test_heading_only_sections_take_their_paragraphs():
    clean, tree = tree_of(HEADING_ONLY)
    first, second = nodes(tree, "part")[0].children
    assert first.is_clause and first.heading == "指导思想"
    assert [span(clean, p) for p in first.children] == ["以创新驱动为引领,加快成果转化。",
                                                        "到2025年,技术合同成交额达到100亿元。"]
    assert span(clean, first).endswith("达到100亿元。")
    assert [p.heading for p in second.children] == ["坚持市场导向", "坚持协同推进"]
    # the last clause is a bare heading: the paragraphs below it are its own, not closing
    last = clauses(tree)[-1]
    assert last.label == "(二)" and last.heading == "加强宣传"
    assert span(clean, last).endswith("营造良好氛围。")
    assert not nodes(tree, "closing")


NUMBER_LIKE = """一、支持企业创新
(一)加大投入。各地要加快建设,到
2025年底前完成全覆盖。
1个中心带动N个节点。
3.5%以上的企业纳入统计。
一、二类企业优先支持。
8.此行编号与上下文不连续。
(二)其他。按照(一)的规定执行,支持“1+9+N”体系。
二、加强保障
(一)加强领导。落实责任。
"""


def test_numbers_inside_running_text_are_not_labels():
    clean, tree = tree_of(NUMBER_LIKE)
    assert [n.label for n in nodes(tree, "part")] == ["一、", "二、"]
    assert [c.label for c in clauses(tree)] == ["(一)", "(二)", "(一)"]
    first = clauses(tree)[0]
    assert len(first.children) == 5 and all(c.kind == "paragraph" for c in first.children)
    assert span(clean, first).endswith("8.此行编号与上下文不连续。")
    assert not nodes(tree, "item")


def test_unnumbered_document():
    clean, tree = tree_of("关于加强科技成果转化工作的意见\n为加强科技成果转化工作，现提出如下意见。\n各地要认真贯彻执行。\n")
    assert [n.kind for n in tree.children] == ["title", "preamble"]
    assert tree.children[0].heading == "关于加强科技成果转化工作的意见"
    assert len(tree.children[1].children) == 2
    assert not clauses(tree)
    clean, tree = tree_of("各地要加快推进科技成果转化,建立健全工作机制,形成合力。")
    assert [n.kind for n in tree.children] == ["preamble"]
    assert (tree.children[0].start, tree.children[0].end) == (0, len(clean.text))


@pytest.mark.parametrize("text", ["", "\n\n  \u3000\n"])
def test_empty_text(text):
    _, tree = tree_of(text)
    assert (tree.kind, tree.start, tree.end, tree.children) == ("document", 0, len(text), [])


CLOSING = """XX市促进科技成果转化若干措施
一、强化激励
(一)对技术交易给予奖励。按交易额的5%给予奖励。(责任单位:市科技局)
(二)支持平台建设。给予最高50万元补助。(责任单位:市财政局)
本措施自2024年1月1日起施行,有效期3年。
本措施由市科技局负责解释。
XX市人民政府办公室
2023年12月1日
"""


def test_closing_paragraphs_after_the_last_clause():
    clean, tree = tree_of(CLOSING)
    last = clauses(tree)[-1]
    assert span(clean, last).endswith("(责任单位:市财政局)")
    closing = nodes(tree, "closing")
    assert [span(clean, n) for n in closing] == [
        "本措施自2024年1月1日起施行,有效期3年。", "本措施由市科技局负责解释。",
        "XX市人民政府办公室", "2023年12月1日"]
    assert all(n in tree.children for n in closing)


def test_last_clause_keeps_its_own_paragraphs_in_a_multi_paragraph_document():
    text = ("一、重点任务\n(一)建设平台。支持建设中试平台。\n对评价优秀的给予奖励。\n"
            "(二)培育机构。支持技术转移机构发展。\n对新认定的机构给予补助。\n本办法自印发之日起施行。\n")
    clean, tree = tree_of(text)
    last = clauses(tree)[-1]
    assert span(clean, last).endswith("对新认定的机构给予补助。")
    assert [span(clean, n) for n in nodes(tree, "closing")] == ["本办法自印发之日起施行。"]


def test_unfinished_last_sentence_continues_on_the_next_line():
    clean, tree = tree_of("一、任务\n(一)建设平台。支持建设中试平台,对评价优秀的\n给予奖励。\n")
    assert span(clean, clauses(tree)[-1]).endswith("给予奖励。")
    assert not nodes(tree, "closing")


def test_attachment_list_closes_the_provisions():
    clean, tree = tree_of("一、任务\n(一)建设平台。支持建设中试平台。\n附件:\n1.申报指南\n2.项目清单\n")
    assert [c.label for c in clauses(tree)] == ["(一)"]
    assert [span(clean, n) for n in nodes(tree, "closing")] == ["附件:", "1.申报指南", "2.项目清单"]


def test_title_over_two_lines_with_bracket_and_articles():
    text = ("XX省人民政府办公厅关于印发XX省促进科技成果转化的\n若干规定\n(试行)\n"
            "第一章 总则\n第一条 为促进科技成果转化,制定本规定。\n第二条 本规定适用于本省。\n"
            "第二章 激励\n第三条 对技术交易给予奖励。\n")
    clean, tree = tree_of(text)
    title = tree.children[0]
    assert title.kind == "title"
    assert title.heading == "XX省人民政府办公厅关于印发XX省促进科技成果转化的若干规定(试行)"
    chapters = nodes(tree, "part")
    assert [(c.label, c.heading) for c in chapters] == [("第一章", "总则"), ("第二章", "激励")]
    assert [c.label for c in clauses(tree)] == ["第一条", "第二条", "第三条"]
    assert all(c.kind == "section" for c in clauses(tree))


def test_nested_list_of_the_same_style_and_deeper_kinds():
    text = "一、任务\n1.建设平台。支持建设。\n(一)省级平台。给予奖励。\n(二)市级平台。给予补助。\n2.培育机构。支持发展。\n"
    clean, tree = tree_of(text)
    first_item = nodes(tree, "item")[0]
    assert first_item.label == "1." and not first_item.is_clause
    # (一) below an item is an item too
    assert [(c.kind, c.label) for c in first_item.children] == [("item", "(一)"), ("item", "(二)")]
    assert [c.label for c in clauses(tree)] == ["(一)", "(二)", "2."]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("十", 10), ("十五", 15), ("二十一", 21), ("三十四", 34), ("九十九", 99), ("一百零一", 101),
     ("一二", None), ("十十", None), ("〇", None), ("", None)],
)
def test_chinese_numeral(numeral, value):
    assert chinese_numeral(numeral) == value


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("（一）加强组织", ("cn_paren", 1, "（一）")),
        ("( 三十四 )高标准建设", ("cn_paren", 34, "(三十四)")),
        ("二十一、开展活动", ("cn_dun", 21, "二十一、")),
        ("14.支持企业", ("ar_dot", 14, "14.")),
        ("1、建立机制", ("ar_dot", 1, "1、")),
        ("1．建立机制", ("ar_dot", 1, "1．")),
        ("(2)对企业", ("ar_paren", 2, "(2)")),
        ("③加强宣传", ("circled", 3, "③")),
        ("第十二条 本办法", ("article", 12, "第十二条")),
        ("2022年底前完成", None),
        ("1个企业创新服务中心", None),
        ("3.5%以上", None),
        ("(2021—2026年)", None),
        ("(含)10万元", None),
        ("一、二类企业", None),
        ("三、四季度完成", None),
        ("三、三级联动机制", ("cn_dun", 3, "三、")),
        ("100.某项", ("ar_dot", 100, "100.")),  # an excerpt of a long list (100.一是…)
        ("1000.某项", None),
    ],
)
def test_parse_label(line, expected):
    label = parse_label(line)
    assert (label and (label.style, label.number, label.text)) == expected


def test_speed_figure(capsys):
    raw = "\n".join(p.read_text(encoding="utf-8") for p in bundled_paths())
    big = raw * (1_000_000 // len(raw.encode("utf-8")) + 1)
    clean = make_clean(big)
    began = time.perf_counter()
    tree = build_tree(clean)
    seconds = time.perf_counter() - began
    megabytes = len(big.encode("utf-8")) / 1e6
    with capsys.disabled():
        print(f"\nbuild_tree: {megabytes:.2f} MB in {seconds:.3f} s = {megabytes / seconds:.1f} MB/s")
    assert len(clauses(tree)) >= 100


def test_bare_heading_keeps_a_first_paragraph_that_only_opens_like_a_closing_one():
    text = ("一、任务\n(一)建设平台。支持建设中试平台。\n二、附则\n(一)适用范围。\n"
            "本办法适用于本市科技成果转化活动。\n本办法由市科技局负责解释。\n")
    clean, tree = tree_of(text)
    scope = clauses(tree)[-1]
    assert span(clean, scope).endswith("本办法适用于本市科技成果转化活动。")
    assert [span(clean, n) for n in nodes(tree, "closing")] == ["本办法由市科技局负责解释。"]
    clean, tree = tree_of("一、任务\n(一)建设平台。支持建设中试平台。\n二、附则\n本办法自2024年3月1日起施行。\n")
    assert span(clean, clauses(tree)[-1]) == "二、附则"
    assert [span(clean, n) for n in nodes(tree, "closing")] == ["本办法自2024年3月1日起施行。"]


def test_paragraph_after_a_complete_one_paragraph_clause_closes_without_a_cue():
    text = ("一、强化激励\n(一)奖励技术交易。按交易额的5%给予奖励。(责任单位:市科技局)\n"
            "(二)支持平台建设。给予最高50万元补助。(责任单位:市财政局)\n各地要结合实际抓好落实。\n")
    clean, tree = tree_of(text)
    assert span(clean, clauses(tree)[-1]).endswith("(责任单位:市财政局)")
    assert [span(clean, n) for n in nodes(tree, "closing")] == ["各地要结合实际抓好落实。"]


def test_vocabulary_comes_from_the_data_file():
    text = ("一、任务\n(一)建设平台。支持建设中试平台。\n对评价优秀的给予奖励。\n"
            "(二)培育机构。支持技术转移机构发展。\n各单位要认真组织实施。\n")
    clean = make_clean(text)
    assert not nodes(build_tree(clean), "closing")  # clauses run over paragraphs: the line stays
    extended = replace(load_vocab(), closing_prefixes=(*load_vocab().closing_prefixes, "各单位要"))
    assert [span(clean, n) for n in nodes(build_tree(clean, extended), "closing")] == ["各单位要认真组织实施。"]
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    del data["closing_prefixes"]
    with pytest.raises(ValueError, match="closing_prefixes"):
        StructureVocab.from_dict(data)
