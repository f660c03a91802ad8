"""Bad input files are contained: a clear reason for the file, nothing lost, the batch goes on.

Deeply nested headings, zip bombs, FIFOs, devices, oversized files, Japanese Shift-JIS,
texts that are not policies, and exceptions raised while one file is extracted.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import struct
import threading
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from policykg import extracting
from policykg.corpus import bundled_paths
from policykg.extracting import MIN_PARALLEL_JOBS, WORKER_DIED, extract_graphs
from policykg.graph.model import PolicyGraph
from policykg.loaders.cleaning import clean_text
from policykg.loaders.contract import document_dict
from policykg.loaders.errors import ReadError
from policykg.loaders.pipeline import NOT_A_POLICY, LoadFailure, Pipeline
from policykg.loaders.readers import MB, ReadLimits, iter_policy_files, read_source
from policykg.loaders.records import SourceText
from policykg.loaders.structure import build_tree, load_vocab

NESTED = "一、标题\n(一)内容\n1.内容\n(1)内容\n" * 300  # 1,200 label lines, each opening a level
JAPANESE = (
    "科学技術の成果を社会に還元するための取組について\n"
    "大学や研究機関が持つ特許を、企業がより使いやすくなるように、手続きを見直します。\n"
    "また、地域の中小企業と研究者が出会える場を増やし、共同研究を後押しします。\n"
)


def _clean(text: str):
    return clean_text(SourceText(path="t.txt", format="txt", encoding="utf-8", text=text,
                                 sha256="0", size_bytes=len(text.encode())))


def _numbered_depth(node) -> int:
    """The deepest chain of numbered nodes, counted without recursion."""
    deepest, pending = 0, [(node, 0)]
    while pending:
        current, depth = pending.pop()
        deepest = max(deepest, depth)
        for child in current.children:
            pending.append((child, depth + (child.kind in ("part", "section", "item"))))
    return deepest


def _reason(path, limits: ReadLimits | None = None) -> str:
    with pytest.raises(ReadError) as err:
        read_source(path, limits) if limits else read_source(path)
    assert err.value.path == str(path)
    return err.value.reason


# ---------------------------------------------------------------- nested headings


def test_nested_headings_build_a_deep_tree_without_recursion():
    vocab = dataclasses.replace(load_vocab(), max_depth=10_000)  # no cap: 1,200 levels, beyond the recursion limit
    clean = _clean(NESTED)
    tree = build_tree(clean, vocab)
    assert _numbered_depth(tree) == 1200
    nodes = list(tree.walk())
    assert len(nodes) == 1201
    deepest = nodes[-1]
    assert deepest.path == "/".join(["1"] * 1200) and deepest.label == "(1)"
    assert [n for n in nodes if n.is_clause] == [deepest]
    assert nodes[1].end == len(NESTED) - 1  # the top part's end spans every level below it


def test_nested_headings_are_capped_and_nothing_is_lost(tmp_path):
    clean = _clean(NESTED)
    tree = build_tree(clean)
    cap = load_vocab().max_depth
    assert _numbered_depth(tree) == cap == 32
    nodes = list(tree.walk())[1:]
    numbered = [n for n in nodes if n.kind in ("part", "section", "item")]
    paragraphs = [n for n in nodes if n.kind == "paragraph"]
    assert len(numbered) == cap and len(paragraphs) == 1200 - cap  # every line is in the tree
    assert all(p.path.count("/") == cap for p in paragraphs)  # children of the deepest node
    assert [clean.normalized[p.start:p.end] for p in paragraphs[:2]] == ["一、标题", "(一)内容"]
    contract = document_dict(Pipeline().read(_write(tmp_path / "nested.txt", NESTED)))
    assert len(json.dumps(contract, ensure_ascii=False)) > len(NESTED)


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_nested_headings_in_a_batch_with_good_files(tmp_path):
    good = [shutil.copyfile(p, tmp_path / p.name) for p in bundled_paths()[:2]]
    nested = _write(tmp_path / "nested.txt", NESTED)
    results = list(Pipeline().read_many([good[0], nested, good[1]]))
    assert [type(r).__name__ for r in results] == ["Document"] * 3
    assert [r.source.path for r in results] == [str(good[0]), str(nested), str(good[1])]
    assert results[0].title and results[2].title and len(results[1].clauses) == 1


# ---------------------------------------------------------------- zip bombs


def _zip_bomb(path: Path, expanded: int) -> Path:
    """A .docx whose word/document.xml is ``expanded`` bytes of one repeated run (~1000:1)."""
    run = b"<w:r><w:t>0</w:t></w:r>" * 45_000  # about 1 MB
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w") as member:
            written = 0
            while written < expanded:
                member.write(run)
                written += len(run)
    return path


def _peak_while(fn) -> tuple[int, object]:
    """Peak Python memory allocated while ``fn`` runs, and what it returned or raised."""
    tracemalloc.start()
    try:
        try:
            result = fn()
        except ReadError as err:
            result = err
        return tracemalloc.get_traced_memory()[1], result
    finally:
        tracemalloc.stop()


def test_zip_bomb_docx_is_refused_from_its_directory_with_bounded_memory(tmp_path):
    bomb = _zip_bomb(tmp_path / "bomb.docx", 210 * MB)
    assert bomb.stat().st_size < 2 * MB
    started = time.monotonic()
    peak, err = _peak_while(lambda: read_source(bomb))
    assert isinstance(err, ReadError) and "expands to 2" in err.reason and "zip bomb" in err.reason
    assert "POLICYKG_MAX_EXPANDED_MB" in err.reason
    assert peak < 10 * MB  # far below the 210 MB it would expand to
    assert time.monotonic() - started < 10


def test_zip_bomb_docx_is_refused_by_its_ratio_under_a_lower_limit(tmp_path):
    bomb = _zip_bomb(tmp_path / "bomb.docx", 20 * MB)
    peak, err = _peak_while(lambda: read_source(bomb, ReadLimits(max_expanded_bytes=50 * MB)))
    assert isinstance(err, ReadError) and "word/document.xml" in err.reason and "times" in err.reason
    assert peak < 5 * MB


def _declare_size(bomb: Path, size: int) -> None:
    """Make word/document.xml (the second entry) declare ``size`` bytes, in its local
    header and in the central directory."""
    data = bytearray(bomb.read_bytes())
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature, data.find(signature) + 1)
        data[at + size_at:at + size_at + 4] = struct.pack("<I", size)
    bomb.write_bytes(bytes(data))


def test_zip_bomb_with_a_lying_directory_is_refused_while_decompressing(tmp_path):
    bomb = _zip_bomb(tmp_path / "bomb.docx", 30 * MB)
    _declare_size(bomb, 100_000)  # passes the directory checks: 100 KB, a ratio of 3
    peak, err = _peak_while(lambda: read_source(bomb, ReadLimits(max_expanded_bytes=10 * MB)))
    assert isinstance(err, ReadError) and "damaged" in err.reason
    assert peak < 5 * MB


# ---------------------------------------------------------------- special files and sizes


def _in_thread(fn, timeout: float = 10):
    outcome: list[object] = []

    def run():
        try:
            outcome.append(fn())
        except Exception as err:  # noqa: BLE001 - handed to the test
            outcome.append(err)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), "reading blocked"
    return outcome[0]


def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    err = _in_thread(lambda: read_source(fifo), timeout=5)
    assert isinstance(err, ReadError) and err.reason.startswith("not a regular file but a named pipe (FIFO)")


def test_fifo_in_a_folder_is_reported_not_skipped(tmp_path):
    shutil.copyfile(bundled_paths()[0], tmp_path / "a.txt")
    os.mkfifo(tmp_path / "b.txt")
    assert list(iter_policy_files([tmp_path])) == [tmp_path / "a.txt", tmp_path / "b.txt"]
    results = _in_thread(lambda: list(Pipeline().read_many([tmp_path])), timeout=120)
    assert results[0].title
    assert isinstance(results[1], LoadFailure) and "named pipe" in results[1].reason


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused():
    err = _in_thread(lambda: read_source("/dev/zero"), timeout=5)
    assert isinstance(err, ReadError) and "character device" in err.reason


def test_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = _write(tmp_path / "big.txt", "科技成果转化" * 1000)
    reason = _reason(path, ReadLimits(max_file_bytes=10_000))
    assert "larger than" in reason and "POLICYKG_MAX_FILE_MB" in reason


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc here")
def test_reading_stops_at_the_limit_when_the_size_on_disk_lies(tmp_path):
    # /proc files say they are 0 bytes long; the read itself must stop at the limit
    link = tmp_path / "status.txt"
    link.symlink_to("/proc/self/status")
    assert "larger than" in _reason(link, ReadLimits(max_file_bytes=100))


def test_html_over_its_limit_is_refused(tmp_path):
    path = _write(tmp_path / "page.html", "<p>" + "科技成果转化。" * 5000 + "</p>")
    assert "POLICYKG_MAX_HTML_MB" in _reason(path, ReadLimits(max_html_bytes=10_000))


def test_pdf_over_the_page_limit_is_refused(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "p.pdf"
    pages = canvas.Canvas(str(path))
    for line in ("第一页科技成果转化", "第二页", "第三页"):
        pages.setFont("STSong-Light", 12)
        pages.drawString(50, 800, line)
        pages.showPage()
    pages.save()
    assert "more than 2 pages" in _reason(path, ReadLimits(max_pdf_pages=2))
    assert read_source(path, ReadLimits(max_pdf_pages=3)).text.count("页") == 3


def _pdf_bomb(path: Path, expanded: int) -> Path:
    """A one-page PDF whose content stream is ``expanded`` bytes of spaces, Flate-compressed."""
    packed = zlib.compress(b" " * expanded, 9)
    path.write_bytes(
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n"
        + f"4 0 obj << /Length {len(packed)} /Filter /FlateDecode >> stream\n".encode()
        + packed + b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )
    return path


def test_pdf_compression_bomb_is_refused_with_bounded_memory(tmp_path):
    bomb = _pdf_bomb(tmp_path / "bomb.pdf", 40 * MB)
    assert bomb.stat().st_size < MB
    peak, err = _peak_while(lambda: read_source(bomb, ReadLimits(max_expanded_bytes=8 * MB)))
    assert isinstance(err, ReadError) and "compression bomb" in err.reason
    assert "POLICYKG_MAX_EXPANDED_MB" in err.reason
    assert peak < 6 * MB  # inflated a chunk at a time into a counter, never whole


def test_pdf_with_ordinary_compressed_streams_passes_the_expansion_check(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "ok.pdf"
    page = canvas.Canvas(str(path), pageCompression=1)
    page.setFont("STSong-Light", 12)
    page.drawString(50, 800, "对技术合同成交额给予奖励")
    page.showPage()
    page.save()
    assert b"FlateDecode" in path.read_bytes()
    assert "技术合同" in read_source(path, ReadLimits(max_expanded_bytes=MB)).text


# ---------------------------------------------------------------- encodings


def test_japanese_shift_jis_is_not_read_as_gb18030(tmp_path):
    path = _write(tmp_path / "japanese.txt", JAPANESE, "shift_jis")
    JAPANESE.encode("shift_jis").decode("gb18030")  # the bytes are valid GB18030: nothing fails
    source = read_source(path)
    assert source.encoding == "shift_jis" and source.text == JAPANESE
    (warning,) = source.warnings
    assert warning.code == "encoding_guess" and "Shift-JIS" in warning.message


def test_many_replacement_characters_are_warned_about(tmp_path):
    text = "科技成果转化若干措施\n" + "支持\ufffd\ufffd企业研发。\n" * 5
    source = read_source(_write(tmp_path / "p.txt", text))
    assert [w.code for w in source.warnings] == ["unusual_characters"]
    assert "10 characters" in source.warnings[0].message


# ---------------------------------------------------------------- not a policy, unexpected errors


def test_a_text_that_is_not_a_policy_is_refused_unless_forced(tmp_path):
    hello = _write(tmp_path / "hello.txt", "hello")
    (result,) = Pipeline().read_many([hello])
    assert result == LoadFailure(str(hello), NOT_A_POLICY)
    forced = Pipeline(force=True).read(hello)
    assert forced.title is None and forced.clauses == []


class _Exploding:
    """An extractor that fails on one file as a damaged one might make it fail."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def extract(self, doc) -> None:
        if doc.source.path.endswith("bad.txt"):
            raise self.error


@pytest.mark.parametrize(("error", "said"), [
    (MemoryError(), "ran out of memory"),
    (RecursionError("maximum recursion depth exceeded"), "nested too deeply"),
    (KeyError("x"), "unexpected error while reading this file (KeyError"),
])
def test_any_exception_in_one_file_is_that_files_failure(tmp_path, error, said):
    good = [shutil.copyfile(p, tmp_path / f"{i}.txt") for i, p in enumerate(bundled_paths()[:2])]
    bad = shutil.copyfile(bundled_paths()[2], tmp_path / "bad.txt")
    results = list(Pipeline(extractor=_Exploding(error)).read_many([good[0], bad, good[1]]))
    assert isinstance(results[1], LoadFailure) and results[1].path == str(bad) and said in results[1].reason
    assert [r.source.path for r in (results[0], results[2])] == [str(good[0]), str(good[1])]


# ---------------------------------------------------------------- worker processes


def _jobs_with_bad_files(tmp_path: Path) -> list[tuple[Path, str]]:
    jobs = []
    for i in range(MIN_PARALLEL_JOBS):
        path = shutil.copyfile(bundled_paths()[i % 5], tmp_path / f"{i:02d}.txt")
        jobs.append((path, path.name))
    os.mkfifo(tmp_path / "pipe.txt")
    for name, content in (("nested.txt", NESTED), ("hello.txt", "hello"), ("pipe.txt", None)):
        if content is not None:
            _write(tmp_path / name, content)
        jobs.insert(len(jobs) // 2, (tmp_path / name, name))
    return jobs


def test_bad_files_in_worker_processes_are_their_own_failures(tmp_path):
    jobs = _jobs_with_bad_files(tmp_path)
    results = dict(_in_thread(lambda: list(extract_graphs(jobs, workers=2)), timeout=600))
    assert isinstance(results[tmp_path / "nested.txt"], PolicyGraph)
    assert results[tmp_path / "hello.txt"].reason == NOT_A_POLICY
    assert "named pipe" in results[tmp_path / "pipe.txt"].reason
    assert sum(isinstance(r, PolicyGraph) for r in results.values()) == MIN_PARALLEL_JOBS + 1


_original_extract = extracting._extract


def _die_on_kill(job, pipeline=None):
    """Extraction that kills its process on kill.txt, as the kernel's OOM killer would."""
    if job[0].name == "kill.txt":
        os._exit(137)
    return _original_extract(job, pipeline)


def test_a_worker_process_that_dies_fails_its_file_only(tmp_path, monkeypatch):
    jobs = _jobs_with_bad_files(tmp_path)
    kill = shutil.copyfile(bundled_paths()[0], tmp_path / "kill.txt")
    jobs.insert(5, (kill, kill.name))
    monkeypatch.setattr(extracting, "_extract", _die_on_kill)  # forked workers inherit it
    results = _in_thread(lambda: list(extract_graphs(jobs, workers=2)), timeout=600)
    assert [p for p, _ in results] == [p for p, _ in jobs]
    failed = {p.name: r.reason for p, r in results if isinstance(r, LoadFailure)}
    assert failed.pop("kill.txt") == WORKER_DIED
    assert set(failed) == {"hello.txt", "pipe.txt"}
    assert sum(isinstance(r, PolicyGraph) for _, r in results) == MIN_PARALLEL_JOBS + 1
