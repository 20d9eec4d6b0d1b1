"""Pure parts: sentence splitting, placeholders, glossary, pipeline with the fake translator."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jit.translation.engine import TranslationUnavailable, Translator
from jit.translation.fake import FakeTranslator
from jit.translation.glossary import (
    LANGUAGES,
    Glossary,
    GlossaryFormatError,
    from_csv,
    from_tbx,
    load_starter,
    to_csv,
    to_tbx,
)
from jit.translation.pipeline import InMemoryTranslationMemory, Origin, TranslationPipeline
from jit.translation.placeholders import (
    EntityKind,
    ProtectionRequest,
    detect_entities,
    protect,
    restore,
)
from jit.translation.segmenting import split_sentences

# --- segmenting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The request was received. The hearing is postponed.",
            ["The request was received.", "The hearing is postponed."],
        ),
        (
            "See Art. 5 of the Directive. It applies.",
            ["See Art. 5 of the Directive.", "It applies."],
        ),
        (
            "Dosarul nr. 123/2026 a fost trimis. Ședința e mâine.",
            ["Dosarul nr. 123/2026 a fost trimis.", "Ședința e mâine."],
        ),
        ("Mr. J. Smith agreed! Why? Because.", ["Mr. J. Smith agreed!", "Why?", "Because."]),
        ("Approx. ten days.", ["Approx. ten days."]),
        ("⟦N1⟧ was heard. ⟦N2⟧ was not.", ["⟦N1⟧ was heard.", "⟦N2⟧ was not."]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


# --- placeholders -----------------------------------------------------------------------------


def kinds(text: str) -> dict[str, EntityKind]:
    return {text[c.start : c.end]: c.kind for c in detect_entities(text)}


def test_detects_identifiers() -> None:
    text = (
        "Contact ana.pop@example.ro or +40 721 234 567 about file 1234/P/2025 and JIT-2026-004; "
        "IBAN RO49 AAAA 1B31 0075 9384 0000, hearing on 2026-03-12 or 12 martie 2026."
    )
    found = kinds(text)
    assert found["ana.pop@example.ro"] is EntityKind.EMAIL
    assert found["+40 721 234 567"] is EntityKind.PHONE
    assert found["1234/P/2025"] is EntityKind.CASE_NUMBER
    assert found["JIT-2026-004"] is EntityKind.CASE_NUMBER
    assert found["RO49 AAAA 1B31 0075 9384 0000"] is EntityKind.IBAN
    assert found["2026-03-12"] is EntityKind.DATE
    assert found["12 martie 2026"] is EntityKind.DATE


def test_invalid_iban_checksum_is_not_an_iban() -> None:
    assert EntityKind.IBAN not in kinds("Account RO48AAAA1B31007593840000 only.").values()


def test_protect_and_restore_round_trip() -> None:
    text = "Maria Popescu paid RO49AAAA1B31007593840000 to Maria Popescu on 12.03.2026."
    request = ProtectionRequest(names=["Maria Popescu"])
    protected = protect(text, request.candidates(text))
    assert protected.text == "⟦N1⟧ paid ⟦N2⟧ to ⟦N1⟧ on ⟦N3⟧."
    report = restore("⟦N1⟧ a plătit ⟦N2⟧ lui ⟦N1⟧ la ⟦ N 3 ⟧.", protected)
    assert report.ok
    assert (
        report.text
        == "Maria Popescu a plătit RO49AAAA1B31007593840000 lui Maria Popescu la 12.03.2026."
    )


def test_restore_reports_missing_duplicated_and_unknown() -> None:
    text = "Ion Ionescu wrote to ion@example.org."
    protected = protect(text, ProtectionRequest(names=["Ion Ionescu"]).candidates(text))
    report = restore("⟦N1⟧ ⟦N1⟧ a scris ⟦N9⟧.", protected)
    assert not report.ok
    assert [p.original for p in report.missing] == ["ion@example.org"]
    assert [p.original for p in report.duplicated] == ["Ion Ionescu"]
    assert report.unknown == ("⟦N9⟧",)
    assert "missing email: ion@example.org" in report.problems()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Ana Pop", "RO49AAAA1B31007593840000", "a@b.eu", "12.03.2026", "word"]),
        min_size=1,
        max_size=6,
    )
)
def test_round_trip_property(words: list[str]) -> None:
    text = " and ".join(words) + "."
    protected = protect(text, ProtectionRequest(names=["Ana Pop"]).candidates(text))
    assert "Ana Pop" not in protected.text or "Ana Pop" not in words
    report = restore(protected.text, protected)
    assert report.ok
    assert report.text == text


# --- glossary ---------------------------------------------------------------------------------


def test_starter_glossary_coverage() -> None:
    entries = load_starter()
    assert len(entries) >= 80
    assert all(all(e.form(lang) for lang in LANGUAGES) for e in entries)
    eio = next(e for e in entries if e.id == "eio")
    assert dict(eio.forms) == {
        "en": "European Investigation Order",
        "ro": "ordin european de anchetă",
        "fr": "décision d'enquête européenne",
        "de": "Europäische Ermittlungsanordnung",
        "it": "ordine europeo di indagine penale",
    }
    # Romanian uses comma-below ș/ț, never the cedilla look-alikes.
    assert not any(ch in e.forms["ro"] for e in entries for ch in "şţŞŢ")
    assert sum(1 for e in entries if e.source) >= 80


def test_glossary_finds_longest_term_case_insensitively() -> None:
    g = Glossary(load_starter())
    found = g.find("A Request for Mutual Legal Assistance was sent.", "en")
    assert [m.entry.id for m in found] == ["mla-request"]
    fr = g.find("Une décision d’enquête européenne a été émise.", "fr")
    assert [m.entry.id for m in fr] == ["eio"]


def test_csv_round_trip() -> None:
    entries = load_starter()
    assert from_csv(to_csv(entries)) == entries


def test_csv_rejects_bad_input() -> None:
    with pytest.raises(GlossaryFormatError):
        from_csv("en,ro\nx,y\n")
    with pytest.raises(GlossaryFormatError):
        from_csv("id,en,ro\na,x,y\na,z,w\n")


def test_tbx_round_trip() -> None:
    entries = load_starter()
    assert from_tbx(to_tbx(entries)) == entries


def test_tbx_refuses_entities() -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<tbx><text><body><conceptEntry id='a'><langSec xml:lang='en'><termSec>"
        b"<term>&x;</term></termSec></langSec></conceptEntry></body></text></tbx>"
    )
    with pytest.raises(GlossaryFormatError, match="DOCTYPE"):
        from_tbx(xxe)
    with pytest.raises(GlossaryFormatError):
        from_tbx(b"<tbx><unclosed></tbx>")


# --- pipeline with the fake -------------------------------------------------------------------


def upper(text: str, source: str, target: str) -> str:
    return text.upper()


def test_fake_is_a_translator() -> None:
    assert isinstance(FakeTranslator(), Translator)


def test_pipeline_provenance_memory_glossary_machine() -> None:
    fake = FakeTranslator(transform=upper)
    memory = InMemoryTranslationMemory()
    memory.store("The case is closed.", "Cauza este închisă.", source="en", target="ro")
    pipeline = TranslationPipeline(fake, Glossary(load_starter()), memory)
    text = (
        "The case is closed.  European Investigation Order\n\nWe call Ana Pop on +40 721 234 567."
    )
    result = pipeline.translate(
        text, source="en", target="ro", protection=ProtectionRequest(names=["Ana Pop"])
    )
    origins = [s.origin for s in result.segments]
    assert origins == [Origin.MEMORY, Origin.GLOSSARY, Origin.MACHINE]
    assert result.text == (
        "Cauza este închisă.  Ordin european de anchetă\n\nWE CALL Ana Pop ON +40 721 234 567."
    )
    assert fake.calls == [("We call ⟦N1⟧ on ⟦N2⟧.", "en", "ro")]
    machine = result.segments[2]
    assert machine.needs_review
    assert machine.models == ("fake-en_ro 0",)
    assert not result.segments[0].needs_review


def test_pipeline_flags_dropped_placeholder() -> None:
    def drop(text: str, source: str, target: str) -> str:
        return text.replace("⟦N1⟧", "")

    pipeline = TranslationPipeline(FakeTranslator(transform=drop))
    result = pipeline.translate("Pay RO49AAAA1B31007593840000 now.", source="en", target="ro")
    (segment,) = result.segments
    assert segment.problems == ("missing iban: RO49AAAA1B31007593840000",)
    assert result.needs_review


def test_pipeline_pivot_and_unavailable() -> None:
    fake = FakeTranslator()
    result = TranslationPipeline(fake).translate("Bonjour.", source="fr", target="ro")
    assert result.pivot == ("en",)
    assert result.text == "[en->ro] [fr->en] Bonjour."
    with pytest.raises(TranslationUnavailable):
        TranslationPipeline(fake).translate("Hallo.", source="de", target="ro")


def test_pipeline_empty_and_same_language() -> None:
    pipeline = TranslationPipeline(FakeTranslator())
    assert pipeline.translate("", source="en", target="ro").text == ""
    assert pipeline.translate("Hi.", source="en", target="en").text == "Hi."
