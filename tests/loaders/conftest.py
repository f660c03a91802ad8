"""Helpers that write policy files of every supported format for the loader tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from policykg.corpus import CORPUS_DIR
from policykg.loaders.instruments import InstrumentExtractor
from policykg.loaders.pipeline import Pipeline


@pytest.fixture
def seed_path() -> Callable[[str], Path]:
    """Path of a bundled seed policy by its number prefix, e.g. ``seed_path("002")``."""

    def find(prefix: str) -> Path:
        matches = sorted(CORPUS_DIR.glob(f"{prefix}_*.txt"))
        assert matches, f"no bundled seed {prefix}"
        return matches[0]

    return find


@pytest.fixture
def write_docx() -> Callable[..., Path]:
    """Write a .docx with the given paragraphs and, optionally, a table after them."""

    def write(path: Path, paragraphs: Sequence[str], table: Sequence[Sequence[str]] | None = None) -> Path:
        import docx

        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph(text)
        if table:
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, value in enumerate(row):
                    grid.cell(r, c).text = value
        document.save(str(path))
        return path

    return write


@pytest.fixture
def write_pdf() -> Callable[..., Path]:
    """Write a PDF with one line of Chinese text per entry (reportlab, built-in STSong-Light)."""

    def write(path: Path, lines: Sequence[str]) -> Path:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen import canvas

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        page = canvas.Canvas(str(path))
        page.setFont("STSong-Light", 12)
        y = 800
        for line in lines:
            page.drawString(50, y, line)
            y -= 20
        page.save()
        return path

    return write


@pytest.fixture
def write_blank_pdf() -> Callable[[Path], Path]:
    """Write a PDF whose only page holds a drawing and no text, like a scan."""

    def write(path: Path) -> Path:
        from reportlab.pdfgen import canvas

        page = canvas.Canvas(str(path))
        page.rect(100, 100, 300, 400, fill=1)
        page.save()
        return path

    return write


@pytest.fixture(scope="module")
def ex() -> InstrumentExtractor:
    """The instrument extractor with the bundled vocabularies."""
    return InstrumentExtractor()


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    """The whole reading pipeline (reader, cleaning, structure, extraction), as a load runs it."""
    return Pipeline()
