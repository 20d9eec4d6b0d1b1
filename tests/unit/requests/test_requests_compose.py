"""Composition: rows, checkboxes, bilingual pairing and the marking of free text."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from jit.documents.compose import (
    Mark,
    RowKind,
    TranslatedText,
    compose_document,
    machine_translation,
)
from jit.requests.catalog import load_instrument
from jit.requests.rules import InvalidDraft, example_draft

EIO = load_instrument("eio")
DRAFT = example_draft(EIO)


def find_cell(document, field_label_start: str, column: int = 0):  # type: ignore[no-untyped-def]
    for section in document.sections:
        for row in section.rows:
            if row.cells[column].label.startswith(field_label_start):
                return row.cells[column]
    raise AssertionError(field_label_start)


def test_monolingual_rows_follow_the_form() -> None:
    document = compose_document(EIO, DRAFT, language="fr")
    assert document.languages == ("fr",)
    assert [s.id for s in document.sections] == list("ABCDEFGHIJKL")
    first = document.sections[0].rows[0]
    assert first.kind is RowKind.FIELD
    assert first.cells[0].label == "État d'émission:"
    assert first.cells[0].lines[0].text == "Roumanie"


def test_checkboxes_are_all_printed_with_their_state() -> None:
    document = compose_document(EIO, DRAFT, language="en")
    cell = find_cell(document, "2. The investigative measure(s) requested")
    boxes = [line for line in cell.lines if line.checked is not None]
    assert len(boxes) == 32
    assert [b.text for b in boxes if b.checked] == [
        "participation in a criminal organisation",
        "trafficking in human beings",
    ]


def test_bilingual_rows_pair_the_labels_of_one_element() -> None:
    document = compose_document(EIO, DRAFT, language="ro", bilingual="fr")
    assert document.languages == ("ro", "fr")
    for section in document.sections:
        for row in section.rows:
            assert [cell.language for cell in row.cells] == ["ro", "fr"]
    row = document.sections[0].rows[1]
    assert (row.cells[0].label, row.cells[1].label) == ("Statul executant:", "État d'exécution:")
    assert (row.cells[0].lines[0].text, row.cells[1].lines[0].text) == ("Franța", "France")


def test_free_text_without_translation_keeps_the_source_with_a_notice() -> None:
    document = compose_document(EIO, DRAFT, language="fr")
    line = find_cell(document, "1. Résumé des faits").lines[0]
    assert line.mark is Mark.UNTRANSLATED
    assert line.notice == "Non traduit — texte original en roumain"
    assert line.text == DRAFT["fields"]["G.1"]
    assert line.language == "ro"


def test_free_text_in_the_source_language_is_unmarked() -> None:
    line = find_cell(compose_document(EIO, DRAFT, language="ro"), "1. Rezumatul").lines[0]
    assert line.mark is Mark.NONE


@dataclass
class FakeTranslator:
    calls: list[tuple[str, str, str]] = field(default_factory=list)

    def translate(self, text: str, *, source: str, target: str) -> str:
        self.calls.append((text, source, target))
        if target == "de":
            raise LookupError("no model")
        return f"[{source}->{target}] {text}"


def test_machine_translation_is_marked_until_reviewed() -> None:
    fake = FakeTranslator()
    provider = machine_translation(
        fake, unavailable=(LookupError,), reviewed={("G.2", "fr"): "Traite d'enfants."}
    )
    document = compose_document(EIO, DRAFT, language="fr", translate=provider)
    facts = find_cell(document, "1. Résumé des faits").lines[0]
    assert facts.mark is Mark.MACHINE_TRANSLATION
    assert facts.notice == "Traduction automatique — à vérifier"
    assert facts.text.startswith("[ro->fr] ")
    reviewed = find_cell(document, "Nature et qualification").lines[0]
    assert (reviewed.mark, reviewed.text) == (Mark.NONE, "Traite d'enfants.")
    assert "G.1" in document.machine_translated_fields
    assert "G.2" not in document.machine_translated_fields
    # Short text fields (names, addresses) are never sent to the translator.
    assert all(text != "DUMITRACHE" for text, _, _ in fake.calls)


def test_missing_model_falls_back_to_the_notice() -> None:
    provider = machine_translation(FakeTranslator(), unavailable=(LookupError,))
    document = compose_document(EIO, DRAFT, language="de", translate=provider)
    assert find_cell(document, "1. Zusammenfassung").lines[0].mark is Mark.UNTRANSLATED


def test_custom_provider_returning_reviewed_text() -> None:
    def provider(field_id: str, text: str, *, source: str, target: str) -> TranslatedText:
        return TranslatedText(f"{field_id}:{target}", reviewed=True)

    document = compose_document(EIO, DRAFT, language="it", translate=provider)
    assert find_cell(document, "1. Sintesi dei fatti").lines[0].text == "G.1:it"


def test_footer_notices_follow_provenance() -> None:
    eio = compose_document(EIO, DRAFT, language="en")
    assert eio.working_translation
    assert any("working translation" in n for n in eio.footer_notices)
    assert any("reconstructed" in n for n in eio.footer_notices)
    freezing = load_instrument("freezing-certificate")
    official = compose_document(freezing, example_draft(freezing), language="en")
    assert not official.working_translation
    assert official.footer_notices == ()
    french = compose_document(freezing, example_draft(freezing), language="en", bilingual="fr")
    assert french.footer_notices == (
        "Les rubriques en français de ce formulaire sont une traduction de travail et non le texte"
        " publié au Journal officiel de l'Union européenne, qui seul fait foi.",
    )


def test_header_carries_reference_and_marking() -> None:
    document = compose_document(EIO, DRAFT, language="ro", bilingual="fr")
    assert document.header == "Referință: DIICOT ST Brașov 417/D/P/2025 – ECE RO-FR"
    assert document.marking.startswith("CONFIDENȚIAL – conține date ale unor victime minore")
    assert document.marking.endswith("aucune divulgation ultérieure")


def test_repeatable_entries_are_numbered() -> None:
    document = compose_document(EIO, DRAFT, language="en")
    section_e = next(s for s in document.sections if s.id == "E")
    numbered = [r.cells[0].label for r in section_e.rows if r.kind is RowKind.GROUP]
    assert [label for label in numbered if label.startswith("No.")] == ["No. 1", "No. 2", "No. 3"]


def test_composition_refuses_an_invalid_draft() -> None:
    draft = example_draft(EIO)
    draft["fields"]["A.1"] = "XX"
    with pytest.raises(InvalidDraft) as caught:
        compose_document(EIO, draft, language="fr")
    assert [e.path for e in caught.value.errors] == ["fields.A.1"]
