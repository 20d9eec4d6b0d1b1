"""DOCX in → DOCX out: paragraphs, run formatting, tables, headers and footers preserved; the
unreviewed-machine-translation notice; hostile files refused (issue 5 §6, §7)."""

from __future__ import annotations

import io

import docx
import pytest
from docx.shared import Pt

from jit.documents.docx_safety import DocumentRejected
from jit.documents.docx_translate import distribute, has_notice, translate_docx
from jit.translation.fake import FakeTranslator
from jit.translation.pipeline import InMemoryTranslationMemory, TranslationPipeline

NOTICE = "Unreviewed machine translation."


def _upper(text: str, source: str, target: str) -> str:
    return text.upper()


def _sample() -> bytes:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Case file header"
    section.footer.paragraphs[0].text = "Page footer text"
    p = document.add_paragraph(style="Heading 1")
    p.add_run("Witness statement")
    p = document.add_paragraph()
    bold = p.add_run("The suspect ")
    bold.bold = True
    italic = p.add_run("was heard ")
    italic.italic = True
    plain = p.add_run("in Bucharest.")
    plain.font.size = Pt(14)
    plain.font.name = "Arial"
    plain.underline = True
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Date"
    table.cell(0, 1).text = "Place"
    table.cell(1, 0).text = "The hearing"
    inner = table.cell(1, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "Nested cell"
    document.add_paragraph("")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pipeline(memory: InMemoryTranslationMemory | None = None) -> TranslationPipeline:
    return TranslationPipeline(
        FakeTranslator(transform=_upper), memory=memory or InMemoryTranslationMemory()
    )


def _translate(data: bytes, pipeline: TranslationPipeline) -> bytes:
    result = translate_docx(
        data, lambda t: pipeline.translate(t, source="en", target="ro"), notice=NOTICE
    )
    return result.data


def test_round_trip_keeps_formatting_structure_headers_and_footers() -> None:
    progress: list[tuple[int, int]] = []
    pipeline = _pipeline()
    result = translate_docx(
        _sample(),
        lambda t: pipeline.translate(t, source="en", target="ro"),
        notice=NOTICE,
        progress=lambda done, total: progress.append((done, total)),
    )
    assert result.needs_review
    assert progress[0] == (0, result.paragraphs)
    assert progress[-1][0] == result.paragraphs
    document = docx.Document(io.BytesIO(result.data))
    body = document.paragraphs
    assert body[0].text == NOTICE
    assert body[0].runs[0].bold
    assert body[1].text == "WITNESS STATEMENT"
    assert body[1].style.name == "Heading 1"
    runs = body[2].runs
    assert [r.text for r in runs] == ["THE SUSPECT ", "WAS HEARD ", "IN BUCHAREST."]
    assert [(r.bold, r.italic, r.underline) for r in runs] == [
        (True, None, None),
        (None, True, None),
        (None, None, True),
    ]
    assert runs[2].font.size == Pt(14)
    assert runs[2].font.name == "Arial"
    table = document.tables[0]
    assert len(table.rows) == 2
    assert len(table.columns) == 2
    assert [c.text for c in table.rows[0].cells] == ["DATE", "PLACE"]
    assert table.cell(1, 0).text == "THE HEARING"
    assert table.cell(1, 1).tables[0].cell(0, 0).text == "NESTED CELL"
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "CASE FILE HEADER"
    assert section.footer.paragraphs[0].text == "PAGE FOOTER TEXT"
    assert has_notice(result.data)


def test_no_notice_when_every_segment_is_reviewed() -> None:
    memory = InMemoryTranslationMemory()
    pipeline = _pipeline(memory)
    for source_text in (
        "Witness statement",
        "The suspect was heard in Bucharest.",
        "Date",
        "Place",
        "The hearing",
        "Nested cell",
        "Case file header",
        "Page footer text",
    ):
        memory.store(source_text, source_text[::-1], source="en", target="ro")
    out = _translate(_sample(), pipeline)
    assert not has_notice(out)
    document = docx.Document(io.BytesIO(out))
    assert document.paragraphs[0].text == "tnemetats ssentiW"


def test_fake_tag_and_glossary_through_the_pipeline() -> None:
    out = _translate(_sample(), TranslationPipeline(FakeTranslator()))
    document = docx.Document(io.BytesIO(out))
    assert document.paragraphs[1].text == "[en->ro] Witness statement"
    assert "".join(r.text for r in document.paragraphs[2].runs) == (
        "[en->ro] The suspect was heard in Bucharest."
    )


def test_distribute_cuts_at_word_boundaries_and_loses_nothing() -> None:
    text = "Suspectul a fost audiat la Bucuresti."
    pieces = distribute(text, [12, 10, 13])
    assert "".join(pieces) == text
    assert all(p == "" or not p.startswith(" ") for p in pieces)
    assert distribute("abc", [1]) == ["abc"]
    assert "".join(distribute("x", [3, 3, 3])) == "x"


def test_hostile_or_broken_files_are_refused() -> None:
    with pytest.raises(DocumentRejected):
        translate_docx(
            b"not a zip",
            lambda t: _pipeline().translate(t, source="en", target="ro"),
            notice=NOTICE,
        )
