"""Reading policy files: bytes on disk → ``SourceText`` with the encoding reported.

Supported formats, chosen by file extension: plain text (.txt), web pages (.html/.htm),
Word (.docx) and PDF (.pdf).  For plain text ``SourceText.text`` is the decoded file;
for the other formats it is the *extracted* text (visible page text, document paragraphs,
PDF text), so every offset downstream refers to that extracted text, not to the markup.

Every failure is a ``ReadError`` whose reason says what is wrong and what to do.
Bad input is contained by ``ReadLimits``: only regular files are opened (never a FIFO,
a device or a socket, which could block or never end), at most ``max_file_bytes`` are
read, a .docx or a PDF's compressed streams may not expand beyond ``max_expanded_bytes``
(for a .docx checked in the ZIP central directory and again while decompressing), a page beyond ``max_html_bytes`` is not
parsed, a PDF beyond ``max_pdf_pages`` is refused and no extracted text may exceed
``max_text_chars``.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import io
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ReadError
from .records import SourceText, Warning_

SUPPORTED_EXTENSIONS: tuple[str, ...] = (".txt", ".html", ".htm", ".docx", ".pdf")

_FORMATS = {".txt": "txt", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}
_SUPPORTED_TEXT = ", ".join(SUPPORTED_EXTENSIONS)

# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)

# Magic numbers of formats that are sometimes saved under a wrong extension.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document (rename it to .pdf)"),
    (b"PK\x03\x04", "a ZIP package such as a .docx document (rename it to .docx if it is one)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.xls); save it as .docx"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)

# Characters a Chinese policy text is made of; used to recognise UTF-16 without a BOM.
_PLAUSIBLE = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u01ff\u2010-\u203f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_CJK_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
# .docx and PDF hand over Unicode text themselves; no byte decoding is chosen by policykg.
_CONTAINER_ENCODING = "unicode"
_CID_CODE = re.compile(r"\(cid:\d+\)")
_KANA = re.compile(r"[\u3041-\u30ff]")
_HALFWIDTH_KANA = re.compile(r"[\uff61-\uff9f]")
# replacement, control (other than layout) and private-use characters: a wrong decoding
_UNUSUAL = re.compile(r"[\ufffd\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff]")

MB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """How much of a file is read and expanded before it is refused (see the module doc).

    The defaults are far above any policy document; ``policykg.settings`` sets them from
    POLICYKG_MAX_FILE_MB, POLICYKG_MAX_EXPANDED_MB, POLICYKG_MAX_HTML_MB and
    POLICYKG_MAX_PDF_PAGES.
    """

    max_file_bytes: int = 50 * MB
    max_expanded_bytes: int = 200 * MB  # a .docx unpacked (all members) or a PDF's streams inflated
    max_expansion_ratio: int = 200  # of a .docx member over 1 MB (zip bombs reach 1000)
    max_html_bytes: int = 20 * MB
    max_pdf_pages: int = 2000
    max_text_chars: int = 50 * MB


DEFAULT_LIMITS = ReadLimits()
_RATIO_CHECKED_ABOVE = MB  # small members (styles, settings) may compress very well
_MAX_DOCX_MEMBERS = 10_000


def read_source(path: Path | str, limits: ReadLimits = DEFAULT_LIMITS) -> SourceText:
    """Read one policy file and decode or extract its text.

    The format is chosen by extension (see ``SUPPORTED_EXTENSIONS``).  For HTML, .docx
    and PDF the returned text is the extracted text, and later offsets refer to it.
    Raises ``ReadError`` for a missing, empty, binary, corrupt or unsupported file, for
    anything that is not a regular file and for a file beyond ``limits``.
    """
    path = Path(path)
    _check_regular(path, limits)
    ext = path.suffix.lower()
    fmt = _FORMATS.get(ext)
    if fmt is None:
        if ext == ".doc":
            raise ReadError(str(path), "old Word format .doc is not supported: save it as .docx and retry")
        shown = f"'{ext}'" if ext else "no extension"
        raise ReadError(str(path), f"unsupported file type ({shown}); policykg reads {_SUPPORTED_TEXT}")
    data = _read_bytes(path, limits.max_file_bytes)
    if fmt == "txt":
        text, encoding, warnings = _decode(path, data)
    elif fmt == "html":
        text, encoding, warnings = _read_html(path, data, limits)
    elif fmt == "docx":
        text, encoding, warnings = _read_docx(path, data, limits), _CONTAINER_ENCODING, []
    else:
        text, encoding, warnings = _read_pdf(path, data, limits)
    if len(text) > limits.max_text_chars:
        raise ReadError(
            str(path), f"the {fmt} file holds {len(text):,} characters of text, over the limit of "
            f"{limits.max_text_chars:,} (POLICYKG_MAX_FILE_MB); split the document"
        )
    if not text.strip():
        raise ReadError(str(path), f"the {fmt} file contains no text")
    return SourceText(
        path=str(path),
        format=fmt,
        encoding=encoding,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        size_bytes=len(data),
        warnings=warnings,
    )


def iter_policy_files(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Yield the policy files named by ``paths``.

    A folder is searched recursively, in sorted order, for files with a supported
    extension; hidden files and folders (and Office lock files ``~$…``) are skipped.  A
    file named explicitly is yielded whatever its extension, and a path that does not
    exist is yielded as well, so that ``read_source`` reports the problem for it.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]  # one path given on its own, not a list of them
    seen: set[Path] = set()
    for item in paths:
        path = Path(item)
        if path.is_dir():
            # not is_file(): a FIFO or a broken link named *.txt is reported by read_source,
            # not silently left out
            found = (
                p
                for p in path.rglob("*")
                if p.suffix.lower() in _FORMATS and not p.is_dir() and not _is_hidden(p.relative_to(path))
            )
            candidates = sorted(found)
        else:
            candidates = [path]
        for candidate in candidates:
            key = candidate.resolve() if candidate.exists() else candidate
            if key not in seen:
                seen.add(key)
                yield candidate


def _is_hidden(relative: Path) -> bool:
    return any(part.startswith((".", "~$")) for part in relative.parts)


@contextlib.contextmanager
def _os_errors(path: Path) -> Iterator[None]:
    """The operating system's refusals to stat or open ``path`` as ``ReadError``s that say what to do."""
    try:
        yield
    except FileNotFoundError:
        raise ReadError(str(path), "no such file or folder: check the path") from None
    except PermissionError:
        raise ReadError(str(path), "permission denied: make the file readable and retry") from None
    except OSError as err:
        raise ReadError(str(path), f"cannot read the file ({err.strerror or err})") from None


def _check_regular(path: Path, limits: ReadLimits) -> None:
    """Refuse, from ``os.stat`` alone (nothing is opened), what is not a readable regular file."""
    with _os_errors(path):
        info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(str(path), "this is a folder, not a file: pass the folder to read_many instead")
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(
            str(path), f"not a regular file but {_file_kind(info.st_mode)}; policykg reads only "
            "regular files: copy the document to a file first"
        )
    if info.st_size > limits.max_file_bytes:
        raise ReadError(str(path), _too_big(info.st_size, limits.max_file_bytes))


def _file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"


def _too_big(size: int, limit: int) -> str:
    return (f"the file is larger than the {limit / MB:g} MB limit ({size / MB:.1f} MB or more); "
            "split it, or raise POLICYKG_MAX_FILE_MB if it really is one policy")


def _read_bytes(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of a regular file, opened without blocking; more is refused."""
    with _os_errors(path):
        # O_NONBLOCK: should the path have become a FIFO since it was checked, open
        # returns at once instead of waiting for a writer
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb", buffering=0) as file:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise ReadError(str(path), f"not a regular file but {_file_kind(mode)}; policykg reads only "
                            "regular files: copy the document to a file first")
        chunks, size = [], 0
        try:
            while size <= limit and (chunk := file.read(min(MB, limit + 1 - size))):
                chunks.append(chunk)
                size += len(chunk)
        except OSError as err:
            raise ReadError(str(path), f"cannot read the file ({err.strerror or err})") from None
    if size > limit:  # the file grew after it was checked, or stat lied (/proc files)
        raise ReadError(str(path), _too_big(size, limit))
    data = b"".join(chunks)
    if not data:
        raise ReadError(str(path), "the file is empty (0 bytes): nothing to read")
    return data


# ---------------------------------------------------------------- text encodings


def _decode(path: Path, data: bytes, declared: str | None = None) -> tuple[str, str, list[Warning_]]:
    """Decode text bytes: BOM → declared charset → UTF-8 → GB18030 → guess (with a warning)."""
    for bom, bom_codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(bom_codec.replace("-sig", "")), name, []
            except UnicodeDecodeError as err:
                raise ReadError(
                    str(path), f"the file starts with a {name} byte-order mark but is not valid {name} "
                    f"(bad bytes at offset {err.start}); re-save it as UTF-8"
                ) from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ReadError(str(path), f"this is not a text file: it looks like {what}")
    warnings: list[Warning_] = []
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16[0], utf16[1], []
        raise ReadError(str(path), _BINARY_REASON)
    if declared:
        codec = _codec_for(declared)
        if codec is not None:
            try:
                return data.decode(codec), codec, []
            except UnicodeDecodeError:
                warnings.append(
                    Warning_(
                        code="charset_mismatch",
                        message=f"the page declares charset={declared} but its bytes are not {declared}; "
                        "the encoding was detected from the bytes instead",
                    )
                )
    for codec in ("utf-8", "gb18030"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "gb18030":
            japanese = _japanese_shift_jis(data)
            if japanese is not None:
                return japanese, "shift_jis", [*warnings, _SHIFT_JIS_WARNING]
            if _doubtful_gb18030(text, data):
                break
        return text, codec, [*warnings, *_unusual_characters(text)]
    return _guess(path, data, warnings)


_SHIFT_JIS_WARNING = Warning_(
    code="encoding_guess",
    message="the file looks like Japanese text in Shift-JIS, not Chinese in GB18030; it was read as "
    "Shift-JIS: check that it is a Chinese policy, and re-save it as UTF-8",
)


def _japanese_shift_jis(data: bytes) -> str | None:
    """The text of Japanese Shift-JIS bytes (which mostly decode as GB18030 too), else None.

    Japanese text is full of kana; GBK bytes read as Shift-JIS give half-width katakana
    (from GBK's lead bytes A1-DF) and almost never kana (lead bytes 82-83 are rare hanzi).
    """
    try:
        text = data.decode("shift_jis")
    except UnicodeDecodeError:
        return None
    kana = len(_KANA.findall(text))
    cjk = len(_CJK_IDEOGRAPH.findall(text))
    if kana < 3 or kana < 0.1 * (kana + cjk) or len(_HALFWIDTH_KANA.findall(text)) > kana:
        return None
    return text


def _unusual_characters(text: str) -> list[Warning_]:
    """A warning when decoded text holds many replacement, control or private-use characters."""
    unusual = len(_UNUSUAL.findall(text))
    if unusual < 3 or unusual < 0.005 * len(text):
        return []
    return [
        Warning_(
            code="unusual_characters",
            message=f"{unusual} characters of the text are replacement, control or private-use characters: "
            "the file may be damaged or in another encoding; check the text, and re-save it as UTF-8",
        )
    ]


def _doubtful_gb18030(text: str, data: bytes) -> bool:
    """True when bytes that decode as GB18030 are more likely something else.

    Private-use characters point to a wrong decoding; Big5 bytes always decode as GBK
    but give mostly characters outside GB2312 (kana, rare hanzi), while real GBK text,
    even traditional, rarely is valid Big5 as well.
    """
    if re.search(r"[\ue000-\uf8ff]", text):
        return True
    cjk = len(_CJK_IDEOGRAPH.findall(text))
    if not cjk:
        return False
    uncommon = text.encode("gb2312", errors="replace").count(b"?") - text.count("?")
    if uncommon < 0.2 * cjk:
        return False
    try:
        data.decode("big5")
    except UnicodeDecodeError:
        return False
    return True


def _codec_for(label: str) -> str | None:
    """Map a declared charset label to the codec used to decode it (GBK family → GB18030)."""
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in ("gbk", "gb2312", "gb18030", "cp936"):
        return "gb18030"  # the superset: pages labelled gb2312 often use GBK characters
    if name == "utf-16":
        return None  # BOM-less UTF-16 declared in a page: let the byte checks decide
    return name


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """Recognise UTF-16 without a BOM: one byte order must give plausible text, the other not."""
    if len(data) % 2:
        return None
    scores: dict[str, tuple[float, str]] = {}
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        scores[codec] = (len(_PLAUSIBLE.findall(text)) / max(1, len(text)), text)
    if not scores:
        return None
    codec = max(scores, key=lambda c: scores[c][0])
    best = scores[codec][0]
    other = min((score for c, (score, _) in scores.items() if c != codec), default=0.0)
    if best < 0.95 or other > 0.8:
        return None
    return scores[codec][1], codec


_BINARY_REASON = (
    "this looks like a binary file (it contains NUL bytes and is not UTF-16 text); "
    "convert it to a text, HTML, .docx or PDF file first"
)


def _guess(path: Path, data: bytes, warnings: list[Warning_]) -> tuple[str, str, list[Warning_]]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReadError(
            str(path),
            "cannot decode the file: it is neither UTF-8, UTF-16 nor GB18030 and no other text encoding "
            "fits; re-save it as UTF-8 (or it is not a text file at all)",
        )
    confidence = round(1.0 - best.chaos, 2)
    warnings.append(
        Warning_(
            code="encoding_guess",
            message=f"the encoding was guessed as {best.encoding} (confidence {confidence:.2f}); "
            "if the text looks wrong, re-save the file as UTF-8",
        )
    )
    return str(best), best.encoding, warnings


# ---------------------------------------------------------------- HTML

_DROP_TAGS = frozenset(
    "script style noscript template head nav aside footer header form button select option "
    "textarea iframe object embed svg canvas audio video map menu".split()
)
_BLOCK_TAGS = frozenset(
    "address article blockquote body br caption center dd details dialog div dl dt fieldset figcaption "
    "figure h1 h2 h3 h4 h5 h6 hr html li main ol p pre section summary table tbody td tfoot th thead "
    "title tr ul".split()
)
_NAV_LIKE = re.compile(r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|share|sidebar|topbar|toolbar)(?:$|[\s_-])", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _read_html(path: Path, data: bytes, limits: ReadLimits) -> tuple[str, str, list[Warning_]]:
    if len(data) > limits.max_html_bytes:  # parsing takes ~20 times the page size in memory
        raise ReadError(
            str(path), f"the web page is larger than the {limits.max_html_bytes / MB:g} MB limit for HTML "
            f"({len(data) / MB:.1f} MB); save its text as .txt, or raise POLICYKG_MAX_HTML_MB"
        )
    match = _META_CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii", "replace") if match else None
    markup, encoding, warnings = _decode(path, data, declared)
    return _html_text(markup), encoding, warnings


def _html_text(markup: str) -> str:
    """Visible text of a page: hidden and navigation elements dropped, one block per line."""
    from bs4 import BeautifulSoup
    from bs4.element import NavigableString, PreformattedString, Tag

    soup = BeautifulSoup(markup, "html.parser")
    parts: list[str] = []
    stack: list[object] = [soup]
    while stack:
        node = stack.pop()
        if isinstance(node, str) and not isinstance(node, NavigableString):
            parts.append(node)  # a block boundary pushed below
        elif isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):  # comments, doctype, CDATA, ...
                in_pre = any(p.name == "pre" for p in node.parents)
                parts.append(str(node) if in_pre else re.sub(r"[ \t\r\n\f]+", " ", str(node)))
        elif isinstance(node, Tag):
            if node.name in _DROP_TAGS or _is_invisible(node):
                continue
            block = node.name in _BLOCK_TAGS
            if block:
                parts.append("\n")
                stack.append("\n")
            stack.extend(reversed(node.contents))
    text = "".join(parts)
    text = re.sub(r"[ \t]*\n[ \t\n]*", "\n", text)  # one block per line, no blank lines
    return text.strip("\n ")


def _is_invisible(tag: Any) -> bool:
    attrs = tag.attrs or {}
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    if attrs.get("role") in ("navigation", "banner", "contentinfo", "search"):
        return True
    if _HIDDEN_STYLE.search(str(attrs.get("style", ""))):
        return True
    names = " ".join([*(attrs.get("class") or []), str(attrs.get("id", ""))])
    return bool(names.strip()) and bool(_NAV_LIKE.search(names))


# ---------------------------------------------------------------- Word


def _read_docx(path: Path, data: bytes, limits: ReadLimits) -> str:
    """Paragraphs and table cells of a .docx body in document order, one per line."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    _check_docx_package(path, data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError):
        raise ReadError(
            str(path), "the .docx file is truncated or corrupt (not a valid ZIP package); "
            "open it in Word and save it again"
        ) from None
    except MemoryError:
        raise  # reported as such by the pipeline, not as a damaged file
    except Exception as err:  # python-docx raises many types for a damaged package
        raise ReadError(
            str(path), f"the .docx file is damaged or not a Word document ({type(err).__name__}: {err}); "
            "open it in Word and save it again"
        ) from None

    lines: list[str] = []

    def add(container: Any) -> None:
        # iterative, so that tables nested in tables cannot exhaust the Python stack
        stack = [iter(container.iter_inner_content())]
        while stack:
            block = next(stack[-1], None)
            if block is None:
                stack.pop()
            elif isinstance(block, Table):
                stack.append(_table_blocks(block))
            else:
                lines.append(block.text)

    def _table_blocks(table: Any) -> Iterator[Any]:
        seen: set[Any] = set()  # holds the cell elements, so their identity stays stable
        for row in table.rows:
            for cell in row.cells:
                if cell._tc in seen:  # a merged cell is returned once per grid column
                    continue
                seen.add(cell._tc)
                yield from cell.iter_inner_content()

    try:
        add(document)
    except Exception as err:
        raise ReadError(
            str(path), f"the .docx body cannot be read ({type(err).__name__}: {err}); "
            "open it in Word and save it again"
        ) from None
    return "\n".join(lines)


def _check_docx_package(path: Path, data: bytes, limits: ReadLimits) -> None:
    """Refuse a .docx that would expand beyond the limits (a zip bomb) before it is parsed.

    The sizes the ZIP central directory declares are checked first, then every member
    is decompressed in chunks and the bytes counted, so a package whose directory lies
    is refused too, with no more than one chunk held in memory.
    """
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise ReadError(
            str(path), "the .docx file is truncated or corrupt (not a valid ZIP package); "
            "open it in Word and save it again"
        ) from None
    limit = limits.max_expanded_bytes
    refuse = (f"; a Word document does not expand this much (a zip bomb?): re-save it in Word, "
              f"or raise POLICYKG_MAX_EXPANDED_MB (now {limit / MB:g} MB) if it really is one policy")
    if len(members) > _MAX_DOCX_MEMBERS:
        raise ReadError(str(path), f"the .docx package holds {len(members):,} files" + refuse)
    declared = sum(m.file_size for m in members)
    if declared > limit:
        raise ReadError(str(path), f"the .docx package expands to {declared / MB:,.0f} MB" + refuse)
    for member in members:
        ratio = member.file_size / max(1, member.compress_size)
        if member.file_size > _RATIO_CHECKED_ABOVE and ratio > limits.max_expansion_ratio:
            raise ReadError(str(path), f"{member.filename} in the .docx package expands {ratio:,.0f} times "
                            f"(to {member.file_size / MB:,.0f} MB)" + refuse)
    counted = 0
    try:
        for member in members:
            with package.open(member) as stream:
                while chunk := stream.read(MB):
                    counted += len(chunk)
                    if counted > limit:
                        raise ReadError(str(path), f"the .docx package expands to more than {limit / MB:g} MB"
                                        + refuse)
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, RuntimeError) as err:
        # a bad CRC, an unknown compression method, an encrypted member ...
        raise ReadError(
            str(path), f"the .docx file is damaged ({type(err).__name__}: {err}); open it in Word and save it again"
        ) from None


# ---------------------------------------------------------------- PDF


# the start of a stream's data; "endstream" is not one
_PDF_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
_INFLATE_CHUNK = 1 << 20


def _check_pdf_expansion(path: Path, data: bytes, limits: ReadLimits) -> None:
    """Refuse a PDF whose compressed streams together expand beyond ``max_expanded_bytes``.

    pdfminer inflates each stream whole in memory, so a compression bomb is measured here
    first, a chunk at a time, with nothing kept: every Flate stream is inflated into a
    counter until it ends or the budget is spent. Streams that are not Flate fail at their
    first bytes and count as nothing.
    """
    view = memoryview(data)
    budget = limits.max_expanded_bytes
    total = 0
    for match in _PDF_STREAM_START.finditer(data):
        total += _inflated_size(view, match.end(), budget - total)
        if total > budget:
            raise ReadError(
                str(path), f"the PDF's compressed streams expand to more than {budget // MB:,} MB "
                "(a compression bomb?); raise POLICYKG_MAX_EXPANDED_MB if the file is genuine"
            )


def _inflated_size(view: memoryview, start: int, budget: int) -> int:
    """Bytes a Flate stream starting at ``start`` inflates to, counted up to ``budget`` + 1."""
    inflater = zlib.decompressobj()
    size, pos = 0, start
    try:
        while not inflater.eof and size <= budget:
            if inflater.unconsumed_tail:
                chunk: bytes | memoryview = inflater.unconsumed_tail
            elif pos < len(view):
                chunk, pos = view[pos:pos + _INFLATE_CHUNK], pos + _INFLATE_CHUNK
            else:
                break
            size += len(inflater.decompress(chunk, _INFLATE_CHUNK))
    except zlib.error:
        pass  # not Flate, or damaged: what inflated so far counts
    return size


def _read_pdf(path: Path, data: bytes, limits: ReadLimits) -> tuple[str, str, list[Warning_]]:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    _check_pdf_expansion(path, data, limits)
    try:
        text = _pdf_text(path, data, limits)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ReadError(str(path), "the PDF is encrypted: remove the password and retry") from None
    except (ReadError, MemoryError, RecursionError):
        raise
    except Exception as err:  # pdfminer raises many types (PSEOF, PDFSyntaxError, ...) for bad files
        raise ReadError(
            str(path), f"not a valid PDF or the PDF is damaged ({type(err).__name__}); "
            "open it in a PDF viewer and save or print it to a new PDF"
        ) from None
    text = text.replace("\x0c", "\n")  # page breaks become line breaks
    warnings: list[Warning_] = []
    visible = re.sub(r"\s+", "", text)
    if not visible:
        raise ReadError(str(path), "the PDF has no extractable text (scanned PDF? run OCR first)")
    unmapped = sum(len(m) for m in _CID_CODE.findall(visible))
    if unmapped > 0.5 * len(visible):
        raise ReadError(
            str(path), "the PDF fonts have no Unicode mapping, so its text cannot be extracted; "
            "run OCR on it or export it again with embedded Unicode fonts"
        )
    if unmapped:
        warnings.append(
            Warning_(
                code="pdf_unmapped_glyphs",
                message=f"{len(_CID_CODE.findall(visible))} glyphs of the PDF have no Unicode mapping and "
                "appear as (cid:N); check the text against the PDF",
            )
        )
    return text, _CONTAINER_ENCODING, warnings


def _pdf_text(path: Path, data: bytes, limits: ReadLimits) -> str:
    """pdfminer's ``extract_text``, page by page, refusing a PDF beyond the page or text limit."""
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    output = io.StringIO()
    resources = PDFResourceManager(caching=True)
    device = TextConverter(resources, output, codec="utf-8", laparams=LAParams())
    interpreter = PDFPageInterpreter(resources, device)
    for number, page in enumerate(PDFPage.get_pages(io.BytesIO(data), caching=True), 1):
        if number > limits.max_pdf_pages:
            raise ReadError(str(path), f"the PDF has more than {limits.max_pdf_pages:,} pages: split it, or raise "
                            "POLICYKG_MAX_PDF_PAGES if it really is one policy")
        interpreter.process_page(page)
        if output.tell() > limits.max_text_chars:
            break  # read_source refuses it with the text size
    return output.getvalue()
