"""DOCX leak tests (data-protection.md §5.3, T-F1 and T-F4): one file per hiding place.

Each fixture hides the canary identity in one place; the test proves that the leak check
*sees* the canary in the original (so a pass on the output means something), that the
redacted output passes, and that the output is structurally clean.
"""

import io
import re
import zipfile
from collections.abc import Callable
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn
from redaction_docx_builders import (
    add_custom_property,
    add_footnote,
    add_runs,
    add_text_box,
    add_tracked_changes,
    jpeg_with_exif,
    png_with_text,
    save,
)

from jit.documents.docx_redact import redact_docx
from jit.documents.leak_check import check_docx
from jit.redaction.engine import Redactor
from jit.redaction.image_metadata import strip_image_metadata
from jit.redaction.known import KnownEntities, KnownPerson
from jit.redaction.needles import LeakProbe
from jit.redaction.tokens import Role, TokenMap

CANARY = KnownPerson(
    key="V-RO-2025-0099",
    names=("Ştefania-Ioana ZĂVOIANU",),
    aliases=("Fănica",),
    date_of_birth=date(2011, 4, 3),
    addresses=("Str. Salcâmilor nr. 9, Vaslui",),
    identifiers=("0745 210 998", "stefania.z@example.ro", "6110403375205"),
)
GUARDIAN = KnownPerson(
    key="G-RO-2025-0099",
    role=Role.GUARDIAN,
    related_to="V-RO-2025-0099",
    names=("Costel ZĂVOIANU",),
)
ENTITIES = KnownEntities(people=(CANARY, GUARDIAN))
NAME = "Ștefania-Ioana Zăvoianu"


def _doc() -> "docx.document.Document":
    document = docx.Document()
    document.add_paragraph("Raport de evaluare – Direcția Generală de Asistență Socială Vaslui")
    return document


def body_split_runs() -> bytes:
    document = _doc()
    add_runs(
        document.add_paragraph(),
        ["Minora Şte", "fa", "nia-Io", "ana ZĂ", "VOIANU (n. 03.0", "4.2011)."],
    )
    return save(document)


def table_cells() -> bytes:
    document = _doc()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Nume"
    table.cell(0, 1).text = "ZAVOIANU Stefania Ioana"
    table.cell(1, 0).text = "Telefon / CNP"
    table.cell(1, 1).text = "0745-210-998 / 6110403375205"
    return save(document)


def header_footer() -> bytes:
    document = _doc()
    document.sections[0].header.paragraphs[0].text = f"Dosar {NAME}"
    document.sections[0].footer.paragraphs[0].text = "Contact: stefania.z@example.ro"
    return save(document)


def footnote() -> bytes:
    return add_footnote(save(_doc()), "Mama Ștefaniei a confirmat adresa Str. Salcâmilor nr. 9.")


def comment() -> bytes:
    document = _doc()
    paragraph = document.add_paragraph("Evaluarea este completă.")
    document.add_comment(
        paragraph.runs, text="Verificați cu Fănica", author="Costel Zăvoianu", initials="CZ"
    )
    return save(document)


def tracked_changes() -> bytes:
    document = _doc()
    paragraph = document.add_paragraph("Victima ")
    add_tracked_changes(paragraph, inserted="Ştefania Zăvoianu", deleted="ZĂVOIANU Costel")
    return save(document)


def text_box() -> bytes:
    document = _doc()
    add_text_box(document.add_paragraph("Notă: "), f"{NAME}, 3 aprilie 2011")
    return save(document)


def custom_property() -> bytes:
    return add_custom_property(save(_doc()), "VictimName", NAME)


def author_metadata() -> bytes:
    document = _doc()
    properties = document.core_properties
    properties.author = "Costel Zavoianu"
    properties.last_modified_by = NAME
    properties.title = f"Evaluare {NAME}"
    properties.subject = "03/04/2011"
    properties.keywords = "Fănica"
    properties.comments = "tel 0745 210 998"
    return save(document)


def hidden_text() -> bytes:
    document = _doc()
    run = document.add_paragraph("Vizibil. ").add_run(NAME)
    run.font.hidden = True
    return save(document)


def images_with_metadata() -> bytes:
    document = _doc()
    document.add_picture(io.BytesIO(jpeg_with_exif(NAME)))
    document.add_picture(io.BytesIO(png_with_text(NAME)))
    # Alt text of the picture: wp:docPr/@descr.
    for element in document.element.body.iter(qn("wp:docPr")):
        element.set("descr", f"Fotografie {NAME}")
    return save(document)


def hyperlink_and_field() -> bytes:
    document = _doc()
    paragraph = document.add_paragraph("Scrieți la ")
    relationship = document.part.relate_to(
        "mailto:stefania.z@example.ro",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        is_external=True,
    )
    link = paragraph._p.makeelement(qn("w:hyperlink"), {qn("r:id"): relationship})
    run = paragraph.add_run("adresa de e-mail")
    link.append(run._r)
    paragraph._p.append(link)
    field = document.add_paragraph().add_run()
    instruction = field._r.makeelement(qn("w:instrText"), {})
    instruction.text = ' MERGEFIELD "Ştefania Zăvoianu" '
    field._r.append(instruction)
    return save(document)


HIDING_PLACES: dict[str, Callable[[], bytes]] = {
    "body split across runs": body_split_runs,
    "table cells": table_cells,
    "header and footer": header_footer,
    "footnote": footnote,
    "comment": comment,
    "tracked changes": tracked_changes,
    "text box": text_box,
    "custom property": custom_property,
    "author metadata": author_metadata,
    "hidden text": hidden_text,
    "image metadata and alt text": images_with_metadata,
    "hyperlink and field code": hyperlink_and_field,
}


def _redact(data: bytes) -> tuple[bytes, LeakProbe]:
    tokens = TokenMap()
    redactor = Redactor(ENTITIES, tokens, language="ro")
    result = redact_docx(data, redactor)
    return result.data, LeakProbe(ENTITIES, tokens, language="ro")


@pytest.mark.parametrize("place", list(HIDING_PLACES))
def test_leak_check_sees_the_canary_in_the_original(place: str) -> None:
    tokens = TokenMap()
    Redactor(ENTITIES, tokens)  # allocates the labels used in leak labels
    report = check_docx(HIDING_PLACES[place](), LeakProbe(ENTITIES, tokens))
    assert not report.passed


@pytest.mark.parametrize("place", list(HIDING_PLACES))
def test_redacted_docx_passes_the_leak_check(place: str) -> None:
    output, probe = _redact(HIDING_PLACES[place]())
    report = check_docx(output, probe)
    assert report.passed, report.leaks
    assert "word/document.xml" in report.parts_checked


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _combined() -> bytes:
    document = _doc()
    add_runs(document.add_paragraph(), ["Minora Şte", "fania ZĂ", "VOIANU"])
    add_tracked_changes(document.add_paragraph("x "), inserted="Fănica", deleted="Costel Zăvoianu")
    document.add_comment(document.paragraphs[0].runs, text=NAME, author=NAME, initials="SZ")
    document.sections[0].header.paragraphs[0].text = NAME
    document.add_picture(io.BytesIO(jpeg_with_exif(NAME)))
    document.core_properties.author = NAME
    return add_custom_property(add_footnote(save(document), NAME), "Victim", NAME)


def test_output_holds_only_allow_listed_parts_and_no_history() -> None:
    """T-F4: no w:del/w:ins/comments/people/custom/customXml, no rsid/nsid, empty properties,
    media without EXIF."""
    output, probe = _redact(_combined())
    members = _members(output)
    assert not any(
        name.startswith("customXml/")
        or name in ("word/comments.xml", "word/people.xml", "docProps/custom.xml")
        or "thumbnail" in name
        for name in members
    )
    for name, content in members.items():
        if name.endswith(".xml"):
            assert not re.search(rb"<w:(del|ins|delText|commentReference|rsids|nsid)\b", content)
            assert b"w:rsid" not in content, name
            assert b"w14:paraId" not in content, name
        if name.startswith("word/media/"):
            assert strip_image_metadata(content) == content
            assert b"Exif" not in content
            assert b"GPS" not in content
    for name in ("docProps/core.xml", "docProps/app.xml"):
        assert re.sub(rb"<[^>]*>", b"", members[name].split(b"?>", 1)[1]).strip() == b""
    assert check_docx(output, probe).passed
    rels = members["word/_rels/document.xml.rels"]
    assert b"comments" not in rels
    assert b"customXml" not in rels


def test_tracked_changes_are_resolved_not_just_hidden() -> None:
    document = _doc()
    add_tracked_changes(document.add_paragraph("A "), inserted="inserted words", deleted="gone")
    output, _ = _redact(save(document))
    body = _members(output)["word/document.xml"].decode()
    assert "inserted words" in body
    assert "gone" not in body


def test_text_outside_known_values_is_kept_and_tokens_are_consistent() -> None:
    output, _ = _redact(_combined())
    body = _members(output)["word/document.xml"].decode()
    assert "Direcția Generală de Asistență Socială Vaslui" in body
    assert "[V1]" in body
    header = next(c for n, c in _members(output).items() if n.startswith("word/header"))
    assert b"[V1]" in header


def test_redaction_is_deterministic() -> None:
    data = _combined()
    assert _redact(data)[0] == _redact(data)[0]


def test_doubts_are_reported_for_docx() -> None:
    document = _doc()
    document.add_paragraph("CNP greșit: 6110403375204")
    tokens = TokenMap()
    result = redact_docx(save(document), Redactor(ENTITIES, tokens))
    assert [f.span.rule for f in result.doubts] == ["ro.cnp-lookalike"]
    assert b"6110403375204" not in _members(result.data)["word/document.xml"]
