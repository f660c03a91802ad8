"""Cleaning with provenance: debris, corruption, boilerplate, whitespace and the three forms."""

from __future__ import annotations

import json

import pytest

from policykg.loaders import cleaning
from policykg.loaders.cleaning import clean_text, load_boilerplate, normalize, to_simplified
from policykg.loaders.readers import read_source
from policykg.loaders.records import SourceText


def source(text: str) -> SourceText:
    return SourceText(path="test.txt", format="txt", encoding="utf-8", text=text, sha256="", size_bytes=0)


def cleaned(text: str) -> str:
    return clean_text(source(text)).text


def assert_provenance(src: SourceText, clean) -> None:
    """Every cleaned character comes from the same character of the source (or a line break)."""
    assert len(clean.origin) == len(clean.text) + 1
    assert clean.origin[-1] == len(src.text)
    assert all(clean.origin[i] < clean.origin[i + 1] for i in range(len(clean.text)))
    for i, ch in enumerate(clean.text):
        original = src.text[clean.origin[i]]
        assert original == ch or (ch == "\n" and original in "\r\x0b\x0c\x85\u2028\u2029"), (i, ch, original)


# ---------------------------------------------------------------- pinyin debris


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("促進科技成果轉化,推動高質量發(fā)展。", "促進科技成果轉化,推動高質量發展。"),
        ("建設示範區(qū)和創(chuàng)新中心", "建設示範區和創新中心"),
        ("知識產(chǎn)權(quán)保護", "知識產權保護"),
        ("發（fā）展規（guī）劃", "發展規劃"),  # full-width parentheses
        ("(國家科技成果轉移轉化示範區(qū))建設", "(國家科技成果轉移轉化示範區)建設"),  # nested in real ones
        ("《湖北·漢襄宜示範區(qū)建設方案》(鄂政辦發(fā)〔2021〕38號)", "《湖北·漢襄宜示範區建設方案》(鄂政辦發〔2021〕38號)"),
        ("聯(lia\u0301n)合攻關", "聯合攻關"),  # tone mark as a combining character
        ("女(nǚ)科技工作者", "女科技工作者"),
    ],
)
def test_pinyin_debris_removed(raw, expected):
    assert cleaned(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "建設期限(2021年)至(2025年)。",
        "(一)支持企業研發。",
        "首貸戶數(含)以上",
        "岳阳市科技成果转化管理办法(试行)",
        "市市场监管局(市知识产权局)负责",
        "支持企业开展(ABC)认证",
        "拼音标注(de)不带声调",
        "咖啡馆(café)项目",  # accented, but not a pinyin syllable
        "（国办发〔2016〕28号）",
    ],
)
def test_real_parentheses_kept(raw):
    assert cleaned(raw) == raw


# ---------------------------------------------------------------- provenance


def test_provenance_on_traditional_hubei_seed(seed_path):
    src = read_source(seed_path("002"))
    clean = clean_text(src)
    clause = "深入實施創新驅動發展戰略"
    start = clean.text.index(clause)
    a, b = clean.orig_span(start, start + len(clause))
    assert src.text[a:b] == "深入實施創(chuàng)新驅動發(fā)展戰(zhàn)略"
    nested = "以高新區(經濟開發區)、產業技"  # debris nested inside real parentheses
    start = clean.text.index(nested)
    a, b = clean.orig_span(start, start + len(nested))
    assert src.text[a:b] == "以高新區(qū)(經(jīng)濟開發(fā)區(qū))、產(chǎn)業(yè)技"


def test_provenance_of_a_written_sentence():
    raw = "\u3000\u3000一、加強發(fā)展\r\n\r\n\r\n\r\n(一)建設示範區(qū)\u200b。\r\n"
    src = source(raw)
    clean = clean_text(src)
    assert clean.text == "一、加強發展\n\n(一)建設示範區。"
    start = clean.text.index("建設")
    assert raw[slice(*clean.orig_span(start, len(clean.text)))] == "建設示範區(qū)\u200b。"
    assert clean.orig_span(0, 0) == (2, 2)
    assert clean.orig_span(len(clean.text), len(clean.text)) == (len(raw), len(raw))
    assert_provenance(src, clean)


def test_provenance_and_length_invariants_on_all_seeds(seed_path):
    for prefix in ("000", "001", "002", "003", "004"):
        src = read_source(seed_path(prefix))
        clean = clean_text(src)
        assert len(clean.text) == len(clean.simplified) == len(clean.normalized) == len(clean.origin) - 1
        assert "\r" not in clean.text and "\n\n\n" not in clean.text
        assert clean.text == clean.text.strip()
        assert_provenance(src, clean)


# ---------------------------------------------------------------- corrupted characters


def test_corrupted_characters_in_hubei_seed_are_flagged(seed_path):
    src = read_source(seed_path("002"))
    clean = clean_text(src)
    corrupted = [w for w in clean.warnings if w.code == "corrupted_text"]
    assert len(corrupted) == 3
    assert "?" not in clean.text
    first, second, third = corrupted
    assert "咨詢?yōu)橐惑w" in first.message and "'?yōu)'" in first.message
    assert clean.text[first.start : first.end] == "咨詢橐惑w"
    assert src.text[first.orig_start : first.orig_start + 5] == "?yōu)"
    assert "?;a(chǎn)" in second.message
    assert clean.text[second.start : second.end] == "到規的"
    assert "專家?guī)?" in third.message
    assert clean.text[third.start : third.end] == "專家、"
    assert "需求庫、專家、案例庫" in clean.text


def test_written_corruption_and_replacement_characters():
    clean = clean_text(source("建立專家?guī)?、案例庫。\n數據\ufffd\ufffd平臺和科技??成果"))
    assert clean.text == "建立專家、案例庫。\n數據\ufffd\ufffd平臺和科技??成果"
    codes = [(w.code, clean.text[w.start : w.end]) for w in clean.warnings]
    assert codes[0] == ("corrupted_text", "專家、")
    assert ("corrupted_text", "\ufffd\ufffd") in codes
    assert ("corrupted_text", "??") in codes
    assert len(codes) == 3


def test_stray_pinyin_without_a_character_is_flagged():
    clean = clean_text(source("規劃2025(fā)年"))
    assert clean.text == "規劃2025年"
    (warning,) = clean.warnings
    assert warning.code == "corrupted_text" and "(fā)" in warning.message


def test_question_marks_in_normal_text_are_not_flagged():
    clean = clean_text(source("是否符合条件?请咨询市科技局。How? Why (ABC)?"))
    assert clean.warnings == []


# ---------------------------------------------------------------- boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "字体大小[ ] 打印",
        "【字体：大 中 小】【打印本页】【关闭窗口】",
        "分享:",
        "分享到：",
        "扫描二维码 关注我们",
        "掃描二維碼 關注我們",
        "责任编辑:郸城县管理员",
        "責任編輯：張三",
        "本文链接:http://www.example.com/policy/1.html",
        "本文鏈接：http://www.example.com/policy/1.html",
        "本文关键词: 科技成果, 转化",
        "文章目录",
        "文章摘要",
        "暂无摘要信息",
        "来源: 某市人民政府网站 时间: 2023-12-12 17:04:32 访问量:0",
        "發布時間：2023-12-12 來源：市政府辦公室 瀏覽次數：125",
        "当前位置：首页 > 政策文件",
        "上一篇：关于某某的通知",
        "1、某某网转载本文目的在于传递信息,不代表赞同其观点。",
        "2、若所转内容涉及版权问题,请与本网联系。",
        "3、本网原创文章欢迎转载,请注明来源。",
        "转载请注明出处",
    ],
)
def test_boilerplate_lines_removed(line):
    text = f"一、总体要求\n{line}\n(一)指导思想。"
    assert cleaned(text) == "一、总体要求\n(一)指导思想。"


def test_boilerplate_glued_to_the_end_of_a_line():
    assert cleaned("加强绩效评价责任编辑:郸城县管理员") == "加强绩效评价"
    assert cleaned("推广先进典型案例。掃描二維碼 關注我們\n第二段") == "推广先进典型案例。\n第二段"
    assert cleaned("上级有新规定的,从其规定。文章目录") == "上级有新规定的,从其规定。"


@pytest.mark.parametrize(
    "line",
    [
        "支持3D打印产业发展,推动成果共享。",
        "技术需求来源于企业,时间紧任务重。",
        "建设科技成果目录和专家库。",
        "编写文章摘要和目录是申报材料的一部分。",
        "各单位要及时分享经验。",
        "对转载本文所列成果的企业给予补助。",
    ],
)
def test_policy_text_resembling_boilerplate_is_kept(line):
    assert cleaned(line) == line


def test_seed_boilerplate_is_gone(seed_path):
    zhoukou = clean_text(read_source(seed_path("003"))).text
    for fragment in ("来源:", "访问量", "字体大小", "打印", "分享:", "责任编辑", "郸城县管理员"):
        assert fragment not in zhoukou
    assert zhoukou.endswith("加强绩效评价")
    assert zhoukou.startswith("周口市人民政府办公室")
    jingzhou = clean_text(read_source(seed_path("000"))).text
    for fragment in ("文章摘要", "暂无摘要信息", "文章目录"):
        assert fragment not in jingzhou
    assert jingzhou.endswith("从其规定。")
    hubei = clean_text(read_source(seed_path("002"))).text
    for fragment in ("掃描二維碼", "本文鏈接", "本文關鍵詞", "per-better"):
        assert fragment not in hubei


def test_custom_boilerplate_file(tmp_path):
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"line_patterns": ["我要评论.*"], "tail_patterns": []}), encoding="utf-8")
    clean = clean_text(source("第一条\n我要評論(0)\n第二条\n责任编辑:甲"), load_boilerplate(rules))
    assert clean.text == "第一条\n第二条\n责任编辑:甲"


def test_invalid_boilerplate_pattern_is_reported(tmp_path):
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"line_patterns": ["(unclosed"], "tail_patterns": []}), encoding="utf-8")
    with pytest.raises(ValueError, match="invalid boilerplate pattern"):
        load_boilerplate(rules)


# ---------------------------------------------------------------- whitespace


def test_whitespace_and_invisible_characters():
    raw = "\ufeff标题\u00a0\r\n\u00a0\r\n\u3000\u3000第一条\u200b内容\t \n\n\n\n\n第二条\r第三条\n\n"
    clean = clean_text(source(raw))
    assert clean.text == "标题\n\n第一条内容\n\n第二条\n第三条"


def test_inner_nbsp_kept_in_text_and_folded_in_normalized():
    clean = clean_text(source("《中共某市委\u00a0某市人民政府关于建设创新高地的意见》"))
    assert "\u00a0" in clean.text
    assert "中共某市委 某市人民政府" in clean.normalized


def test_single_line_breaks_kept():
    assert cleaned("一、总体要求\n(一)指导思想。\n(二)基本原则。") == "一、总体要求\n(一)指导思想。\n(二)基本原则。"


# ---------------------------------------------------------------- the three forms


def test_simplified_and_normalized_forms():
    clean = clean_text(source("湖北省人民政府辦公廳關於印發（試行）：ＡＢＣ１２３\u3000﹙一﹚﹝責任單位﹞、。《》〈〉〔〕“”—"))
    assert clean.text == "湖北省人民政府辦公廳關於印發（試行）：ＡＢＣ１２３\u3000﹙一﹚﹝責任單位﹞、。《》〈〉〔〕“”—"
    assert clean.simplified == "湖北省人民政府办公厅关于印发（试行）：ＡＢＣ１２３\u3000﹙一﹚﹝责任单位﹞、。《》〈〉〔〕“”—"
    assert clean.normalized == "湖北省人民政府办公厅关于印发(试行):ABC123 (一)〔责任单位〕、。《》〈〉〔〕“”—"


def test_normalize_folds_all_fullwidth_ascii():
    fullwidth = "".join(chr(c) for c in range(0xFF01, 0xFF5F))
    ascii_ = "".join(chr(c) for c in range(0x21, 0x7F))
    assert normalize(fullwidth) == ascii_


def test_simplified_keeps_length_when_the_converter_does_not(monkeypatch):
    class LengthChanging:
        """Converts 發 → 发 but adds a character whenever it sees 發展 as a phrase."""

        def convert(self, text: str) -> str:
            return text.replace("發展", "发展了").replace("發", "发")

    monkeypatch.setattr(cleaning, "_converter", LengthChanging())
    monkeypatch.setattr(cleaning, "_char_cache", {})
    text = "推動發展\n發明專利\n"
    result = to_simplified(text)
    assert result == "推動发展\n发明專利\n"
    assert len(result) == len(text)


def test_simplified_of_seed_is_aligned(seed_path):
    clean = clean_text(read_source(seed_path("002")))
    start = clean.text.index("湖北省人民政府辦公廳")
    assert clean.simplified[start : start + 10] == "湖北省人民政府办公厅"
    assert clean.normalized[start : start + 10] == "湖北省人民政府办公厅"


# ---------------------------------------------------------------- publishing dates in the header


def test_a_publishing_date_line_in_the_header_is_kept():
    text = "某市关于支持技术转移的通知\n发布时间:2024-03-05 来源:市科技局 浏览次数:30\n各区科技局:\n现将有关事项通知如下。"
    assert cleaned(text) == text
    traditional = "某市關於支持技術轉移的通知\n發布日期：2024年3月5日 來源：市科技局 瀏覽次數：30\n各區科技局：\n通知如下。"
    assert "2024年3月5日" in cleaned(traditional)


def test_a_publishing_date_line_after_the_header_is_removed():
    text = "一、总体要求\n发布时间:2024-03-05 来源:市科技局 浏览次数:30\n(一)指导思想。"
    assert cleaned(text) == "一、总体要求\n(一)指导思想。"


def test_a_page_time_without_a_publishing_label_is_removed_from_the_header():
    text = "某市通知\n来源: 某市人民政府网站 时间: 2023-12-12 17:04:32 访问量:0\n各区:\n通知如下。"
    assert cleaned(text) == "某市通知\n各区:\n通知如下。"


def test_the_header_date_is_read_as_the_documents_date(tmp_path):
    from policykg.loaders.pipeline import Pipeline
    path = tmp_path / "notice.txt"
    path.write_text("某市关于支持技术转移的措施\n发布日期:2024-03-05 来源:市科技局 浏览次数:30\n"
                    "一、支持平台建设。对新建平台给予奖励。\n", encoding="utf-8")
    assert Pipeline().read(path).date == "2024-03-05"


def test_variant_characters_opencc_keeps_are_simplified():
    clean = clean_text(source("陜西省科學技術廳\n衞生健康委員會"))
    assert clean.normalized.split("\n") == ["陕西省科学技术厅", "卫生健康委员会"]
    assert len(clean.normalized) == len(clean.text)


def test_variant_tables_of_any_shape_read_as_translate():
    """The replacement of variant characters is ``str.translate`` whatever the table: a table of
    single characters, one whose replacement is itself replaced, one that deletes or expands."""
    text = "陜西衞生甲乙丙"
    for table in ({ord("陜"): "陕", ord("衞"): "卫"}, {ord("甲"): "乙", ord("乙"): "丙"},
                  {ord("甲"): None, ord("丙"): "丙丙"}, {}):
        assert to_simplified(text, table) == to_simplified(text, {}).translate(table), table
