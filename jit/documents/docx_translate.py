"""DOCX in → DOCX out machine translation that keeps the document's structure and run formatting.

No Flask, no database, no argostranslate: the caller passes a function that translates the text
of one paragraph (the portal passes the translation pipeline: memory, glossary, placeholders,
model) and gets the new DOCX bytes back. The upload is checked with ``docx_safety.open_docx``
first (zip bomb, path traversal, DOCTYPE/entities) before python-docx reads it.

What is translated: the paragraphs of the body, of every table cell (nested tables included), and
of every header and footer (default, first-page and even-page; a header "linked to previous" is
the previous section's and is translated once). Text boxes, footnotes, comments and field results
(e.g. a table of contents) are left as they are.

Strategy for run formatting — translate per paragraph, then distribute:
- A paragraph's text is the concatenation of its text runs (hyperlink runs included). The whole
  paragraph goes through the pipeline in one call, so sentences keep their context and the
  glossary/placeholder protection sees whole terms and names.
- The translation is then split over the same runs, in order, in proportion to the length each
  run had in the source, and each cut is moved to the nearest word boundary. Every run keeps its
  own properties (bold, italic, underline, size, font, colour, style): nothing in ``w:rPr`` is
  touched; only its ``w:t`` text changes. A run whose share is empty keeps no text.
- Runs that hold something other than text (images, fields, footnote references) are never
  rewritten; their text, if any, stays in the source language.

Limits (documented for users): word order changes between languages, so formatting that covered
a word in the source covers the word at the same relative position in the translation, which may
be another word (e.g. a bold name in mid-sentence may move). Paragraph-level formatting (styles,
alignment, numbering, spacing), tables, sections, headers, footers and images are preserved
exactly. A document whose paragraphs each use one format (the common case for statements and
letters) comes back with exactly its formatting.

While any paragraph holds machine output that no person has reviewed, a notice paragraph is
inserted at the top of the body (``NOTICE_STYLE_ID`` marker in its bookmark name).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import docx
from docx.oxml.ns import qn
from docx.shared import RGBColor

from jit.documents.docx_safety import open_docx

NOTICE_BOOKMARK = "jit_unreviewed_mt_notice"
# Text-bearing children of a run that we rewrite; any other child (drawing, field, footnote
# reference, object) makes the run "not plain text" and it is left untouched.
_TEXT_TAGS = frozenset(
    qn(t) for t in ("w:t", "w:tab", "w:br", "w:cr", "w:noBreakHyphen", "w:softHyphen")
)
_KEEP_TAGS = frozenset({qn("w:rPr")})


class ParagraphTranslation(Protocol):
    """What the translate callback returns for one paragraph (TranslationResult fits)."""

    @property
    def text(self) -> str: ...

    @property
    def needs_review(self) -> bool: ...


Translate = Callable[[str], ParagraphTranslation]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class TranslatedDocx:
    data: bytes
    paragraphs: int  # paragraphs sent for translation
    needs_review: bool
    results: tuple[ParagraphTranslation, ...]


def _plain_text_run(run: Any) -> bool:
    return all(child.tag in _TEXT_TAGS or child.tag in _KEEP_TAGS for child in run._r)


def _runs_of(paragraph: Any) -> list[Any]:
    from docx.text.hyperlink import Hyperlink
    from docx.text.run import Run

    runs: list[Any] = []
    for item in paragraph.iter_inner_content():
        if isinstance(item, Run):
            runs.append(item)
        elif isinstance(item, Hyperlink):
            runs.extend(item.runs)
    return [r for r in runs if _plain_text_run(r) and r.text]


def _table_paragraphs(table: Any) -> Iterator[Any]:
    seen: set[int] = set()
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:  # merged cells appear once per grid column
                continue
            seen.add(id(cell._tc))
            yield from _container_paragraphs(cell)


def _container_paragraphs(container: Any) -> Iterator[Any]:
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            yield from _table_paragraphs(block)
        else:
            yield block


def _all_paragraphs(document: Any) -> Iterator[Any]:
    yield from _container_paragraphs(document)
    seen: set[int] = set()
    for section in document.sections:
        for part in (
            section.header,
            section.first_page_header,
            section.even_page_header,
            section.footer,
            section.first_page_footer,
            section.even_page_footer,
        ):
            # A linked header/footer has no definition of its own; asking for its paragraphs
            # would create one. The previous section's definition is translated once.
            if part.is_linked_to_previous:
                continue
            if id(part._element) in seen:
                continue
            seen.add(id(part._element))
            yield from _container_paragraphs(part)


def distribute(text: str, weights: list[int]) -> list[str]:
    """Split `text` into len(weights) consecutive pieces proportional to `weights`, cutting at
    word boundaries (the concatenation is always `text`)."""
    if not weights:
        return []
    if len(weights) == 1:
        return [text]
    total = sum(weights) or len(weights)
    cuts: list[int] = []
    acc = 0
    previous = 0
    for w in weights[:-1]:
        acc += w
        ideal = round(len(text) * acc / total)
        cut = _nearest_boundary(text, max(ideal, previous), previous)
        cuts.append(cut)
        previous = cut
    pieces: list[str] = []
    start = 0
    for cut in [*cuts, len(text)]:
        pieces.append(text[start:cut])
        start = cut
    return pieces


def _nearest_boundary(text: str, ideal: int, floor: int) -> int:
    """The position ≥ floor closest to `ideal` just after a space (or the ends of the text)."""
    if ideal >= len(text):
        return len(text)
    if ideal <= floor:
        return floor

    def ok(i: int) -> bool:
        return i in (floor, len(text)) or (text[i - 1].isspace() and not text[i].isspace())

    for delta in range(len(text)):
        for i in (ideal - delta, ideal + delta):
            if floor <= i <= len(text) and ok(i):
                return i
    return ideal


def _set_run_text(run: Any, text: str) -> None:
    # run.text = ... rewrites only text children (w:t, w:tab, w:br) and keeps w:rPr.
    run.text = text


def _add_notice(document: Any, notice: str) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(notice)
    run.bold = True
    run.font.color.rgb = RGBColor(0xA0, 0x00, 0x00)
    start = paragraph._p.makeelement(qn("w:bookmarkStart"), {qn("w:id"): "9901"})
    start.set(qn("w:name"), NOTICE_BOOKMARK)
    end = paragraph._p.makeelement(qn("w:bookmarkEnd"), {qn("w:id"): "9901"})
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)
    body = document.element.body
    body.remove(paragraph._p)
    body.insert(0, paragraph._p)


def has_notice(data: bytes) -> bool:
    document = docx.Document(io.BytesIO(data))
    return any(
        el.get(qn("w:name")) == NOTICE_BOOKMARK
        for el in document.element.body.iter(qn("w:bookmarkStart"))
    )


def translate_docx(
    data: bytes,
    translate: Translate,
    *,
    notice: str,
    progress: Progress | None = None,
) -> TranslatedDocx:
    """Translate a DOCX (bytes) paragraph by paragraph; raises DocumentRejected for a bad file.

    `notice` is the text of the "unreviewed machine translation" notice, in the target language
    or the user's; it is added when any paragraph needs review.
    """
    open_docx(data)  # refuse hostile archives before python-docx parses anything
    document = docx.Document(io.BytesIO(data))
    work: list[tuple[Any, list[Any]]] = []
    for paragraph in _all_paragraphs(document):
        runs = _runs_of(paragraph)
        if runs and "".join(r.text for r in runs).strip():
            work.append((paragraph, runs))
    results: list[ParagraphTranslation] = []
    total = len(work)
    if progress is not None:
        progress(0, total)
    for done, (_paragraph, runs) in enumerate(work, start=1):
        source_texts = [r.text for r in runs]
        result = translate("".join(source_texts))
        results.append(result)
        for run, piece in zip(
            runs, distribute(result.text, [len(t) for t in source_texts]), strict=True
        ):
            _set_run_text(run, piece)
        if progress is not None:
            progress(done, total)
    needs_review = any(r.needs_review for r in results)
    if needs_review:
        _add_notice(document, notice)
    out = io.BytesIO()
    document.save(out)
    return TranslatedDocx(out.getvalue(), total, needs_review, tuple(results))
