"""Reading policy files: encodings, formats, folders and bad input."""

from __future__ import annotations

import codecs
import hashlib

import pytest

from policykg.loaders.errors import ReadError
from policykg.loaders.readers import SUPPORTED_EXTENSIONS, iter_policy_files, read_source

POLICY = (
    "荆州市促进科技成果转化若干政策措施\n"
    "一、深化职务科技成果赋权改革\n"
    "（一）支持高校开展试点。(责任单位:市科技局、市教育局)\n"
)
TRADITIONAL = "湖北省人民政府辦公廳關於印發科技成果轉移轉化示範區建設方案的通知\n各市、州、縣人民政府：請認真組織實施。\n"


# ---------------------------------------------------------------- encodings


def test_utf8_without_bom(tmp_path):
    path = tmp_path / "policy.txt"
    path.write_bytes(POLICY.encode("utf-8"))
    source = read_source(path)
    assert source.text == POLICY
    assert source.encoding == "utf-8"
    assert source.format == "txt"
    assert source.warnings == []


def test_utf8_with_bom_is_reported_and_bom_dropped(tmp_path):
    path = tmp_path / "policy.txt"
    path.write_bytes(codecs.BOM_UTF8 + POLICY.encode("utf-8"))
    source = read_source(path)
    assert source.text == POLICY
    assert source.encoding == "utf-8-sig"


def test_gbk_text(tmp_path):
    path = tmp_path / "policy.txt"
    path.write_bytes(POLICY.encode("gbk"))
    source = read_source(path)
    assert source.text == POLICY
    assert source.encoding == "gb18030"
    assert source.warnings == []


def test_traditional_text_in_gbk_is_not_mistaken_for_big5(tmp_path):
    path = tmp_path / "policy.txt"
    path.write_bytes(TRADITIONAL.encode("gbk"))
    source = read_source(path)
    assert source.text == TRADITIONAL
    assert source.encoding == "gb18030"


def test_gb18030_four_byte_characters(tmp_path):
    text = "支持䶮山科技园区和𠀀类项目建设\n"  # U+4DAE and U+20000 need GB18030 four-byte codes
    path = tmp_path / "policy.txt"
    path.write_bytes(text.encode("gb18030"))
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")
    source = read_source(path)
    assert source.text == text
    assert source.encoding == "gb18030"


@pytest.mark.parametrize(
    ("bom", "codec", "expected"),
    [(codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be")],
)
def test_utf16_with_bom(tmp_path, bom, codec, expected):
    path = tmp_path / "policy.txt"
    path.write_bytes(bom + POLICY.encode(codec))
    source = read_source(path)
    assert source.text == POLICY
    assert source.encoding == expected


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(tmp_path, codec):
    path = tmp_path / "policy.txt"
    path.write_bytes(POLICY.encode(codec))
    source = read_source(path)
    assert source.text == POLICY
    assert source.encoding == codec


def test_big5_is_guessed_with_a_warning(tmp_path):
    path = tmp_path / "policy.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    source = read_source(path)
    assert source.encoding == "big5"
    assert source.text == TRADITIONAL
    (warning,) = source.warnings
    assert warning.code == "encoding_guess"
    assert "big5" in warning.message and "confidence" in warning.message


def test_latin_text_falls_back_to_a_guess_with_warning(tmp_path):
    path = tmp_path / "policy.txt"
    path.write_bytes("Politique de transfert: café, résumé et élève.\n".encode("cp1252"))
    source = read_source(path)
    assert source.text.startswith("Politique de transfert")
    assert [w.code for w in source.warnings] == ["encoding_guess"]
    assert source.encoding in source.warnings[0].message


def test_hash_and_size_are_of_the_file_bytes(tmp_path):
    data = POLICY.encode("gbk")
    path = tmp_path / "policy.txt"
    path.write_bytes(data)
    source = read_source(str(path))
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert source.size_bytes == len(data)
    assert source.path == str(path)


# ---------------------------------------------------------------- HTML

GBK_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>网站标题</title><style>.x {{ color: red }}</style></head>
<body>
<nav>首页 &gt; 政策文件</nav>
<div class="menu">栏目导航</div>
<script>var tracker = "统计代码";</script>
<div id="content"><h1>郸城县科技成果转化若干措施</h1>
<p>一、<b>加强</b>平台建设</p><p>（一）支持企业   研发。<br>责任单位：县科技局</p>
<table><tr><td>序号</td><td>任务</td></tr></table>
<p style="display:none">隐藏文字</p>
<!-- 注释文字 -->
</div>
<footer>版权所有</footer>
</body></html>"""


def test_html_with_meta_gbk_extracts_visible_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(GBK_PAGE.encode("gbk"))
    source = read_source(path)
    assert source.format == "html"
    assert source.encoding == "gb18030"
    assert source.text.split("\n") == [
        "郸城县科技成果转化若干措施",
        "一、加强平台建设",
        "（一）支持企业 研发。",
        "责任单位：县科技局",
        "序号",
        "任务",
    ]
    for hidden in ("统计代码", "color", "网站标题", "首页", "栏目导航", "隐藏文字", "注释文字", "版权所有"):
        assert hidden not in source.text


def test_html_meta_charset_contradicted_by_bytes_is_reported(tmp_path):
    page = '<html><head><meta charset="utf-8"></head><body><p>科技成果转化</p></body></html>'
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("gbk"))
    source = read_source(path)
    assert source.text == "科技成果转化"
    assert source.encoding == "gb18030"
    assert [w.code for w in source.warnings] == ["charset_mismatch"]


def test_html_utf8_meta_honoured(tmp_path):
    page = '<html><head><meta charset="UTF-8"></head><body><div>第一条</div><div>第二条</div></body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("utf-8"))
    source = read_source(path)
    assert source.text == "第一条\n第二条"
    assert source.encoding == "utf-8"


# ---------------------------------------------------------------- docx and pdf


def test_docx_paragraphs_and_table_cells(tmp_path, write_docx):
    path = write_docx(
        tmp_path / "policy.docx",
        ["岳阳市促进科技成果转移转化实施方案", "一、主要目标"],
        table=[["任务", "责任单位"], ["建立交易平台", "市科技局"]],
    )
    source = read_source(path)
    assert source.format == "docx"
    assert source.encoding == "unicode"
    assert source.text.split("\n") == [
        "岳阳市促进科技成果转移转化实施方案",
        "一、主要目标",
        "任务",
        "责任单位",
        "建立交易平台",
        "市科技局",
    ]


def test_pdf_chinese_text_round_trips(tmp_path, write_pdf):
    lines = ["荆州市促进科技成果转化若干政策措施（试行）", "（一）支持企业开展创新活动。责任单位：市科技局"]
    source = read_source(write_pdf(tmp_path / "policy.pdf", lines))
    assert source.format == "pdf"
    assert [line for line in source.text.split("\n") if line.strip()] == lines
    assert "\x0c" not in source.text


# ---------------------------------------------------------------- bad input


def _reason(path) -> str:
    with pytest.raises(ReadError) as info:
        read_source(path)
    assert info.value.path == str(path)
    assert str(path) in str(info.value)
    return info.value.reason


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "empty" in _reason(path)


def test_whitespace_only_file(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\u3000\n", encoding="utf-8")
    assert "no text" in _reason(path)


def test_binary_file(tmp_path):
    path = tmp_path / "data.txt"
    path.write_bytes(bytes(range(256)) * 4)
    reason = _reason(path)
    assert "binary" in reason and "convert" in reason


def test_pdf_saved_as_txt_is_named(tmp_path, write_pdf):
    path = tmp_path / "policy.txt"
    path.write_bytes(write_pdf(tmp_path / "real.pdf", ["科技"]).read_bytes())
    assert "PDF" in _reason(path)


def test_unknown_extension_lists_supported_ones(tmp_path):
    path = tmp_path / "policy.xlsx"
    path.write_bytes(b"whatever")
    reason = _reason(path)
    assert "'.xlsx'" in reason
    for ext in SUPPORTED_EXTENSIONS:
        assert ext in reason


def test_old_word_format_suggests_docx(tmp_path):
    path = tmp_path / "policy.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0whatever")
    assert "save it as .docx" in _reason(path)


def test_truncated_docx(tmp_path, write_docx):
    full = write_docx(tmp_path / "full.docx", ["科技成果转化"] * 50).read_bytes()
    path = tmp_path / "broken.docx"
    path.write_bytes(full[: len(full) // 2])
    reason = _reason(path)
    assert "truncated or corrupt" in reason and "save it again" in reason


def test_text_file_named_docx(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("不是Word文件", encoding="utf-8")
    assert "corrupt" in _reason(path)


def test_pdf_without_text_suggests_ocr(tmp_path, write_blank_pdf):
    assert "OCR" in _reason(write_blank_pdf(tmp_path / "scan.pdf"))


def test_corrupt_pdf(tmp_path):
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.4\n this is not really a pdf")
    assert "PDF" in _reason(path)


def test_missing_file(tmp_path):
    assert _reason(tmp_path / "nowhere.txt") == "no such file or folder: check the path"


def test_missing_path_without_extension_is_missing_not_unsupported(tmp_path):
    assert _reason(tmp_path / "nonexistent") == "no such file or folder: check the path"


def test_folder_is_not_a_file(tmp_path):
    folder = tmp_path / "policies.txt"
    folder.mkdir()
    assert "folder" in _reason(folder)


# ---------------------------------------------------------------- folders


def test_iter_policy_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ["z.txt", "a.HTML", "b/c.docx", "b/deep/d.pdf", "b/notes.xlsx", ".secret.txt", ".hidden/e.txt",
                 "b/~$lock.docx", "b/page.htm"]:
        (tmp_path / name).write_bytes(b"x")
    found = list(iter_policy_files([tmp_path]))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.HTML",
        "b/c.docx",
        "b/deep/d.pdf",
        "b/page.htm",
        "z.txt",
    ]


def test_iter_policy_files_keeps_explicit_files_and_missing_paths(tmp_path):
    explicit = tmp_path / "notes.xlsx"
    explicit.write_bytes(b"x")
    missing = tmp_path / "gone.txt"
    folder = tmp_path / "dir"
    folder.mkdir()
    (folder / "p.txt").write_bytes(b"x")
    found = list(iter_policy_files([str(explicit), missing, folder, folder / "p.txt"]))
    assert found == [explicit, missing, folder / "p.txt"]  # the file named twice is yielded once


def test_seeds_read_as_utf8(seed_path):
    for prefix in ("000", "001", "002", "003", "004"):
        source = read_source(seed_path(prefix))
        assert source.encoding == "utf-8"
        assert source.text == seed_path(prefix).read_text(encoding="utf-8")


def test_iter_policy_files_accepts_a_single_path(tmp_path):
    (tmp_path / "p.txt").write_bytes(b"x")
    assert list(iter_policy_files(str(tmp_path))) == [tmp_path / "p.txt"]
