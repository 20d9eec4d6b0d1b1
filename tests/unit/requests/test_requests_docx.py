"""DOCX output: every instrument and language, golden text, metadata leaks, structure, speed."""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from requests_docx_text import docx_text, headings
from requests_fixtures import BILINGUAL_PAIRS, INSTRUMENTS, LANGUAGES

from jit.documents.compose import compose_document
from jit.requests.catalog import load_instrument
from jit.requests.rules import example_draft

GOLDEN = Path(__file__).resolve().parents[2] / "data" / "golden"
Render = Callable[..., bytes]


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("instrument_id", INSTRUMENTS)
def test_every_instrument_renders_in_every_language(
    render: Render, instrument_id: str, language: str
) -> None:
    data = render(instrument_id, language)
    instrument = load_instrument(instrument_id)
    labels = instrument.label_set(language)
    found = headings(data)
    assert found[0] == labels["title"]
    assert found[1:] == [labels[s.id] for s in instrument.form.sections]
    assert re.search(
        rf'<w:lang w:val="{language}-[A-Z]{{2}}"', parts(data)["word/styles.xml"].decode()
    )


@pytest.mark.parametrize(("left", "right"), BILINGUAL_PAIRS)
@pytest.mark.parametrize("instrument_id", INSTRUMENTS)
def test_every_instrument_renders_bilingual(
    render: Render, instrument_id: str, left: str, right: str
) -> None:
    data = render(instrument_id, left, right)
    instrument = load_instrument(instrument_id)
    first = instrument.form.sections[0].id
    expected = f"{instrument.label_set(left)[first]} / {instrument.label_set(right)[first]}"
    assert expected in headings(data) or instrument.label_set(left)[first] in headings(data)
    text = docx_text(data)
    # Left column in the first language, right column in the second, on the same row.
    a1 = instrument.form.sections[0].items[0].id
    pair = f"{instrument.label_set(left)[a1]}"
    assert any(
        line.startswith(pair) and f"| {instrument.label_set(right)[a1]}" in line
        for line in text.splitlines()
    )
    assert f'w:val="{right}-' in parts(data)["word/document.xml"].decode()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("instrument_id", INSTRUMENTS)
def test_golden_text(render: Render, instrument_id: str, language: str) -> None:
    """Paragraph and table text compared with tests/data/golden (JIT_UPDATE_GOLDEN=1 rewrites)."""
    text = docx_text(render(instrument_id, language))
    path = GOLDEN / f"{instrument_id}.{language}.txt"
    if os.environ.get("JIT_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text


def test_golden_text_bilingual(render: Render) -> None:
    text = docx_text(render("eio", "ro", "fr"))
    path = GOLDEN / "eio.ro-fr.txt"
    if os.environ.get("JIT_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text


PERSONAL = re.compile(
    rb"<dc:creator|<cp:lastModifiedBy|<cp:revision|<dcterms:created|<dcterms:modified"
    rb"|<cp:lastPrinted|w:rsid|<w:rsids|w14:docId|w15:docId|<w:comment|w:author=|python-docx"
    rb"|<Company>|<Manager>|<Template>"
)


@pytest.mark.parametrize(("left", "right"), [("en", None), ("ro", "fr")])
@pytest.mark.parametrize("instrument_id", INSTRUMENTS)
def test_no_personal_metadata_in_any_part(
    render: Render, instrument_id: str, left: str, right: str | None
) -> None:
    data = render(instrument_id, left, right)
    package = parts(data)
    assert not [name for name in package if "comments" in name or "thumbnail" in name]
    assert not [name for name in package if name.startswith("customXml")]
    for name, content in package.items():
        assert not PERSONAL.search(content), name
    core = package["docProps/core.xml"].decode()
    assert f"<dc:language>{left}-" in core
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_output_is_reproducible(render: Render) -> None:
    instrument = load_instrument("eio")
    from jit.documents.docx_render import render_docx

    again = render_docx(compose_document(instrument, example_draft(instrument), language="fr"))
    assert again == render("eio", "fr")


def test_header_footer_and_page_numbers(render: Render) -> None:
    package = parts(render("eio", "fr"))
    header = b"".join(v for k, v in package.items() if k.startswith("word/header"))
    footer = b"".join(v for k, v in package.items() if k.startswith("word/footer"))
    assert "Référence: DIICOT ST Brașov".encode() in header
    assert b"CONFIDENTIEL" in header
    assert b'w:instr=" PAGE "' in footer
    assert b'w:instr=" NUMPAGES "' in footer
    assert b"traduction de travail" in footer


def test_boxes_and_one_table_per_section(render: Render) -> None:
    document = parts(render("eio", "de"))["word/document.xml"].decode()
    assert "☒" in document
    assert "☐" in document
    sections = len(load_instrument("eio").form.sections)
    # One table per section plus none for the monolingual certification paragraph.
    assert document.count("<w:tbl>") == sections
    assert "Nicht übersetzt — Originaltext in Rumänisch" in document


def test_untranslated_text_carries_its_own_language(render: Render) -> None:
    document = parts(render("eio", "fr"))["word/document.xml"].decode()
    assert '<w:lang w:val="ro-RO"/>' in document


def test_rendering_a_complete_eio_is_fast() -> None:
    from jit.documents.docx_render import render_docx

    instrument = load_instrument("eio")
    document = compose_document(instrument, example_draft(instrument), language="fr")
    render_docx(document)
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        render_docx(document)
        timings.append(time.perf_counter() - start)
    # Issue 3 aims at "well under 200 ms"; the bound leaves room for a loaded CI machine.
    assert sorted(timings)[2] < 0.5
