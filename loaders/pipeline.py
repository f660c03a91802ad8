"""The reading pipeline: one policy file in, one ``Document`` out.

read (bytes → text, encoding reported) → clean (provenance kept) → structure
(document tree, provisions) → metadata and references → actors and instruments.

A bad file never stops a batch: ``read_many`` turns every exception raised while one
file is read or extracted (a ``ReadError``, a bug, even ``MemoryError`` or
``RecursionError``) into a ``LoadFailure`` with the path and the reason, and goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

from .citations import find_citations
from .cleaning import clean_text
from .departments import default_departments
from .errors import ReadError
from .extraction import Extractor, caps_over_items, has_figure
from .instruments import InstrumentExtractor
from .metadata import extract_metadata
from .readers import DEFAULT_LIMITS, ReadLimits, iter_policy_files, read_source
from .records import CleanText, Document, Node, SourceText
from .structure import (
    NUMBERED_KINDS,
    SENTENCE_PUNCT,
    attachment_parts,
    build_tree,
    commends,
    opens_with_a_salutation,
    parse_label,
    prose_lead_ins,
    reports_on_a_measure,
)
from .targets import find_targets
from .unit_layouts import table_rows


@dataclass
class LoadFailure:
    """A file that could not be turned into a document."""

    path: str
    reason: str


# unnumbered text that may hold an incentive outside every clause
_STRAY_KINDS = frozenset({"paragraph", "preamble", "closing"})


# what a line that ends a sentence, a lead-in or a bracket ends with
_SENTENCE_END = tuple("。.!！?？;；:：)）]】〕﹞>〉”\"")
# what marks a line as holding a whole sentence or a field (责任单位:…, 【牵头单位】…)
_COMPLETE_MARKS = re.compile(r"[。!！?？;；:：】]")
_QUOTED = re.compile(r"“[^“”]*”")  # a quotation: words of another text, quoted to be amended


def _continuation_lines(text: str, nodes: list[Node]) -> list[bool]:
    """For each of ``nodes`` (siblings), whether it is an unnumbered line carrying on the
    unnumbered line right above it, a piece of prose that stops mid-sentence: a line wrapped
    in a PDF, or the end of a provision an excerpt opens inside. Such a line is no paragraph
    of its own. The line above is such a piece when it has no end mark, holds no sentence
    end and no field (责任单位:…) and is not the value of a field line above it (参与单位:⏎…)."""
    lines = [text[n.start:n.end].strip() if n.kind in _STRAY_KINDS and not n.children else None
             for n in nodes]
    out = [False]
    for i in range(1, len(nodes)):
        above = lines[i - 1]
        two_above = lines[i - 2] if i >= 2 else None
        field_value = two_above is not None and two_above.endswith((":", "："))
        out.append(lines[i] is not None and above is not None and not field_value
                   and not above.endswith(_SENTENCE_END) and not _COMPLETE_MARKS.search(above)
                   and not _heading_over_paragraph(text, nodes[i - 1], nodes[i], above))
    return out


_HEADING_LINE_CHARS = 20  # the longest line without punctuation read as a heading over a paragraph
_BLANK_LINE = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*\n")
# a heading numbered by its part and its own number (2-1 国际标准, 3.2 试点示范), no label of a list
_SUBSECTION_NUMBER = re.compile(r"\d{1,2}(?:[-－—.．]\d{1,2})+[ \t\u3000]*[\u4e00-\u9fff]")


def _heading_over_paragraph(text: str, above_node: Node, node: Node, above: str) -> bool:
    """Whether the line above ``node`` is a short numbered heading set apart from it by a blank
    line (2-1 国际标准⏎⏎主导…给予50万元奖励。): a page's paragraph under its heading, no line
    wrapped off the one above (a wrap is never a blank line away from its line, nor so short)."""
    return len(above) <= _HEADING_LINE_CHARS and not SENTENCE_PUNCT.search(above) \
        and _SUBSECTION_NUMBER.match(above) is not None \
        and _BLANK_LINE.search(text, above_node.end, node.start) is not None


def _opens_inside_a_provision(doc: Document) -> bool:
    """An untitled excerpt whose numbered body starts in the middle of a list (四、, 8.), or
    an untitled digest run together on one line whose body starts after an unlabelled
    fragment (…最高奖励300万元:1.…): the text before it is the tail of a provision whose
    label was cut off."""
    if doc.title:
        return False
    first = next((c for c in doc.tree.children if c.kind in ("part", "section", "item")), None)
    label = parse_label(first.label) if first is not None and first.label else None
    if label is not None and label.number == 1 and "\n" not in doc.clean.normalized.strip():
        return True
    return label is not None and label.number > 1


def _no_provision_lead_ins(text: str, nodes: list[Node], instruments: InstrumentExtractor) -> set[int]:
    """Ids of the unnumbered lines before the first numbered node of ``nodes`` (siblings) that
    are no provision of their own though they state a figure: the only line before an item 2.
    (item 1. whose label the page lost, no provision as printed), and a lead-in whose cap is the
    top cap of the grades listed below it (最高300万元 over 1.…最高300万元 2.…最高200万元)."""
    first = next((i for i, n in enumerate(nodes) if n.kind in NUMBERED_KINDS), None)
    if not first:
        return set()
    before = [n for n in nodes[:first] if n.kind in _STRAY_KINDS and not n.children]
    raw = nodes[first].label
    label = parse_label(raw) if raw else None
    if label is not None and label.number == 2 and len(before) == 1:
        return {id(before[0])}
    capped = {}  # the lines before whose every figure is a cap, with their caps
    for n in before:
        found = [i for i in instruments.find(text[n.start:n.end], n.start) if has_figure(i)]
        if found and all(i.cap_yuan is not None for i in found):
            capped[id(n)] = {i.cap_yuan for i in found}
    if not capped:
        return set()
    caps = [i.cap_yuan for n in nodes[first:] if n.kind in NUMBERED_KINDS
            for i in instruments.find(text[n.start:n.end], n.start) if i.cap_yuan is not None]
    if len(caps) < 2:
        return set()
    return {key for key, own in capped.items() if own == {max(caps)}}


# a line opening on a notice's salutation (甲市各有关单位:, 各区人民政府:)
# a sentence ending in an exclamation mark (最高 500万奖励!)
_EXCLAIMED = re.compile(r"[^。!！?？;；\n]*[!！]")
_SALUTED = re.compile(r"\s*[^\s,，。;；:：]{0,6}?各[^,，。;；:：\n]{0,30}?(?:单位|部门|机关|机构|人民政府)\s*[:：]")


NOT_A_POLICY = "not a policy: no title and no clauses found; use --force to load it anyway"


def _official(doc: Document) -> bool:
    """An untitled text without provisions is still an official document when it carries its
    own 文号, or is dated and cites a policy by its 文号 (a notice whose heading a page lost)."""
    return bool(doc.doc_number) or bool(doc.date and any(c.doc_number for c in doc.citations))


def _placed_or_dated(doc: Document) -> bool:
    """An untitled text without provisions that is still about a policy: a page (a news item,
    a question and its answer, a post of bullets, a notice that lost its heading) whose date,
    place or issuer was found, or that cites a policy by its 文号 (an answer naming the
    measure it applies, 依据:《…办法》(…〔2023〕8号)). It is kept for its metadata and
    citations, not refused."""
    return bool(doc.date or doc.region or doc.province or doc.issuer) or any(c.doc_number for c in doc.citations)


def failure_reason(err: BaseException) -> str:
    """What to tell the user about an exception raised while one file was read."""
    if isinstance(err, ReadError):
        return err.reason
    if isinstance(err, MemoryError):
        return ("ran out of memory while reading this file: it is too large or malformed; "
                "split it or check that it is a policy document")
    if isinstance(err, RecursionError):
        return "the file is nested too deeply to be read; check that it is a policy document"
    return (f"unexpected error while reading this file ({type(err).__name__}: {err}); "
            "the other files were not affected: please report this file")


def slice_clean(clean: CleanText, start: int, end: int) -> CleanText:
    """``clean[start:end]`` as a text of its own: offsets from 0, origins and warnings kept."""
    warnings = [replace(w, start=w.start - start, end=(w.end or w.start) - start) for w in clean.warnings
                if w.start is not None and start <= w.start < end]
    return CleanText(clean.text[start:end], clean.simplified[start:end], clean.normalized[start:end],
                     clean.origin[start:end + 1], warnings)


def title_as_written(clean: CleanText, title: str | None) -> str | None:
    """The title with the punctuation of the document (（2016—2018年） stays full-width),
    in simplified Chinese; metadata finds it in the width-folded text."""
    if not title:
        return title
    pattern = r"\s*".join(re.escape(ch) for ch in title)
    m = re.search(pattern, clean.normalized)
    if not m:
        return title
    return re.sub(r"\s+", "", clean.simplified[m.start() : m.end()])


class Pipeline:
    """Turns policy files into documents. Create once and reuse: it owns the tokenizer."""

    def __init__(self, extractor: Extractor | None = None, limits: ReadLimits = DEFAULT_LIMITS,
                 force: bool = False) -> None:
        """``limits`` bound what is read (see ``ReadLimits``); with ``force``, a text with
        neither a title nor a clause is still read as a policy."""
        self.extractor = extractor or Extractor()
        self.limits = limits
        self.force = force

    def table_rows(self, text: str) -> list[tuple[int, int]]:
        """Spans of the rows of the task tables in ``text``, found as the unit extraction finds
        them (the same vocabularies, so the work is cached for it): each row is a clause."""
        # an extractor of another kind may carry no vocabulary: the bundled one then
        departments = getattr(self.extractor, "departments", None) or default_departments()
        return [(start, end) for start, end, _cells in table_rows(text, departments.labels, departments.forms)]

    def read(self, path: Path | str) -> Document:
        """Read one file into a fully extracted ``Document``; raises ``ReadError``. Of a
        notice that issues several documents as attachments, the first (``read_documents``
        gives them all)."""
        return self.read_documents(path)[0]

    def read_documents(self, path: Path | str) -> list[Document]:
        """The documents of one file: the file's own, or, when it is a notice issuing
        several documents as attachments (印发《A》《B》… 附件1 … 附件2 …), one per
        attachment, each with the notice's 文号, issuer and date and its ``part`` (附件2).
        Raises ``ReadError`` (for a notice: when none of its attachments is a policy)."""
        path = Path(path)
        source = read_source(path, self.limits)
        clean = clean_text(source)
        parts = attachment_parts(clean.normalized)
        if not parts:
            return [self._document(path, source, clean)]
        whole = build_tree(clean, table_rows=self.table_rows(clean.normalized))
        notice = extract_metadata(clean, whole, path.name)
        docs: list[Document] = []
        refused: ReadError | None = None
        for label, start, end in parts:
            try:
                docs.append(self._document(path, source, slice_clean(clean, start, end), notice, label))
            except ReadError as err:  # an attachment that is no policy (a form, a list)
                refused = refused or err
        if not docs:
            raise refused or ReadError(str(path), NOT_A_POLICY)
        return docs

    def _document(self, path: Path, source: SourceText, clean: CleanText,
                  notice: dict[str, str | None] | None = None, part: str | None = None) -> Document:
        """Structure, metadata, references and extraction of one cleaned text."""
        tree = build_tree(clean, table_rows=self.table_rows(clean.normalized))
        meta = extract_metadata(clean, tree, path.name)
        if notice:
            for key in ("doc_number", "issuer", "date"):  # the notice numbers, signs and dates them
                meta[key] = notice[key] or meta[key]
            if not meta["region"]:
                meta.update({key: notice[key] for key in ("region", "province", "level")})
        folded = meta.get("title")  # as the width-folded text writes it, where citations are read
        meta["title"] = title_as_written(clean, folded)
        doc = Document(source=source, clean=clean, tree=tree, part=part, **cast(dict[str, Any], meta))
        text = clean.normalized
        doc.citations = find_citations(text, 0, own_doc_number=doc.doc_number, own_title=folded)
        page_only = not doc.title and not doc.clauses and not _official(doc)
        if page_only and not self.force and not _placed_or_dated(doc) and not opens_with_a_salutation(text):
            raise ReadError(str(path), NOT_A_POLICY)
        for node in tree.walk():
            if node.kind == "document":
                continue
            if node.is_clause or not node.children:
                node.citations = [c for c in doc.citations if node.start <= c.start < node.end]
        doc.targets = find_targets(text, 0)
        for node in tree.walk():
            if node.kind != "document" and (node.is_clause or not node.children):
                node.targets = [t for t in doc.targets if node.start <= t.start < node.end]
        self.extractor.extract(doc)
        if not page_only and not reports_on_a_measure(text, [doc.title or ""]) and not commends(doc.title):
            # a page about a policy (no title, no provision, or a news item or a question
            # page) reports on it: its lines that name a figure are the report's, not
            # provisions granting it; a commendation's figures are what its winners got
            self.promote_stray_incentives(doc)
            self.promote_lead_in_prose(doc)
        caps_over_items(doc)  # after the lead-ins that grant a figure became clauses
        doc.warnings = [*source.warnings, *clean.warnings]
        return doc

    def promote_stray_incentives(self, doc: Document) -> None:
        """Make a clause of every unnumbered line outside the clauses (a preamble or closing
        paragraph, a part's lead-in before its sections) that grants an incentive with a
        figure (a rate, an amount, a cap), and extract it: the incentive is then found in
        the provision that holds it. Lines that only speak of funding in general stay text."""
        instruments = getattr(self.extractor, "instruments", None)
        if instruments is None:
            return
        text = doc.clean.normalized
        region = None
        children = doc.tree.children
        if _opens_inside_a_provision(doc):
            # an excerpt opening inside a provision whose label it cut off: its first lines are
            # that provision's tail, no provision of their own
            children = [c for c in children if c.kind not in ("header", "preamble")]
        pending = [(child, False) for child in children]
        # the document's own line before its item 2. when it opens on the notice's salutation
        # (各有关单位:《…》经市政府同意,,给予最高500万元补助(责任单位:…)(二)…: a digest that lost
        # its item 1.'s label), as any node's lines before its first numbered one
        lead_ins: set[int] = {key for key in _no_provision_lead_ins(text, children, instruments)
                              if any(id(n) == key and _SALUTED.match(text, n.start) for n in children)}
        while pending:
            node, continues = pending.pop()
            if node.is_clause:
                continue
            if node.children:
                lines = list(zip(node.children, _continuation_lines(text, node.children), strict=True))
                if node.kind == "header":
                    # a page's banner above the notice (10万~50万补贴详情) is no sentence
                    # granting anything: only the header's sentences may hold a provision
                    lines = [(c, cont) for c, cont in lines if SENTENCE_PUNCT.search(text[c.start:c.end])]
                pending.extend(lines)
                lead_ins |= _no_provision_lead_ins(text, node.children, instruments)
                continue
            if node.kind not in _STRAY_KINDS or continues or id(node) in lead_ins:
                continue
            # figures inside a quotation (将“4.…给予最高50万元…”的表述删除) are another text's
            line = text[node.start:node.end]
            if "“" in line:
                line = _QUOTED.sub(lambda m: " " * len(m.group()), line)
            # a teaser a page shouts (最高奖励500万!成都出台…) advertises a figure, it grants nothing
            if "!" in line or "！" in line:  # none: nothing to blank, and no scan of every position
                line = _EXCLAIMED.sub(lambda m: " " * len(m.group()), line)
            found = instruments.find(line, node.start)
            if any(has_figure(ins) for ins in found):
                region = region or self.extractor.region_of(doc)
                node.is_clause = True
                self.extractor.extract_clause(text, node, region, doc.issuer)

    def promote_lead_in_prose(self, doc: Document) -> None:
        """Make a clause of each paragraph of prose a numbered heading states before its items
        (``structure.prose_lead_ins``), unless it states a figure: such a lead-in was read as
        one (``promote_stray_incentives``), and a cap over the graded items below is none."""
        instruments = getattr(self.extractor, "instruments", None)
        text = doc.clean.normalized
        region = None
        for node in prose_lead_ins(doc.tree, text):
            if instruments is not None and any(has_figure(i) for i in instruments.find(text[node.start:node.end],
                                                                                          node.start)):
                continue
            region = region or self.extractor.region_of(doc)
            node.is_clause = True
            self.extractor.extract_clause(text, node, region, doc.issuer)

    def read_many(self, paths: Iterable[Path | str]) -> Iterator[Document | LoadFailure]:
        """Read every policy file under ``paths`` (files or folders), never stopping on a bad one;
        a notice issuing several documents gives one ``Document`` per attachment."""
        for path in iter_policy_files(paths):
            try:
                documents = self.read_documents(path)
            except Exception as err:  # noqa: BLE001 - one bad file must not stop the batch
                yield LoadFailure(str(path), failure_reason(err))
                continue
            yield from documents
