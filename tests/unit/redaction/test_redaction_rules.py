"""Unit tests of the pure pieces: normalisation, recognisers, tokens, spans, CLI values."""

import json
from datetime import date

import pytest

from jit.redaction.engine import Redactor, reapply
from jit.redaction.image_metadata import UnsupportedImage, strip_image_metadata
from jit.redaction.known import KnownEntities, KnownPerson, KnownValue, classify_known_value
from jit.redaction.normalize import normalize, normalize_with_offsets
from jit.redaction.spans import EntityKind, Span, apply_spans, resolve_overlaps
from jit.redaction.tokens import Role, TokenMap, TokenMapError

PATTERNS_ONLY = Redactor(KnownEntities())


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("ŞTEFĂNESCU", "stefanescu"),
        ("Ștefănescu", "stefanescu"),
        ("Ţ\u0163ț", "ttt"),
        ("Ale\u00adxan\u200bdra", "alexandra"),
        ("Łukasz Đorđević Søren Kırık Straße", "lukasz dordevic soren kirik strasse"),
        ("a \t\n\u00a0 b", "a b"),
        ("Alexandra\u2011Ioana", "alexandra-ioana"),
        ("ﬁlip", "filip"),
    ],
)
def test_normalisation(raw: str, folded: str) -> None:
    assert normalize(raw) == folded
    assert normalize_with_offsets(raw).text == folded


def test_offsets_map_back_to_the_source() -> None:
    source = "x Io\u00adana  Ş."
    folded = normalize_with_offsets(source)
    start = folded.text.index("ioana")
    assert folded.to_source(start, start + 5) == (2, 8)


@pytest.mark.parametrize(
    ("text", "kind", "rule"),
    [
        ("CNP 6100927226701.", EntityKind.NATIONAL_ID, "ro.cnp"),
        ("codice fiscale RSSMRA85T10A562S", EntityKind.NATIONAL_ID, "it.codicefiscale"),
        ("DNI 48392017V", EntityKind.NATIONAL_ID, "es.dni"),
        ("NIE X1234567L", EntityKind.NATIONAL_ID, "es.nie"),
        ("BSN 111222333", EntityKind.NATIONAL_ID, "nl.bsn"),
        ("EGN 1041200004", EntityKind.NATIONAL_ID, "bg.egn"),
        ("PESEL 44051401359", EntityKind.NATIONAL_ID, "pl.pesel"),
        ("IBAN RO38 RNCB 0082 0445 1234 0001 si", EntityKind.IBAN, "iban"),
        ("IBAN ro38rncb0082044512340001", EntityKind.IBAN, "iban"),
        ("tel. 0722 184 305", EntityKind.PHONE, "phone"),
        ("tel. +40 (722) 184-305", EntityKind.PHONE, "phone"),
        ("Tel. 0049 30 12345678", EntityKind.PHONE, "phone"),
        ("Tel. 030/12345678", EntityKind.PHONE, "phone"),
        ("tél. 06 12 34 56 78", EntityKind.PHONE, "phone"),
        ("cell. 333 123 4567", EntityKind.PHONE, "phone"),
        ("Tel. 0664 1234567", EntityKind.PHONE, "phone"),
        ("móvil 612 345 678", EntityKind.PHONE, "phone"),
        ("tel +36 30 123 4567", EntityKind.PHONE, "phone"),
        ("mobiel 06 12345678", EntityKind.PHONE, "phone"),
        ("mail: ana.pop+x@mail.example.ro.", EntityKind.EMAIL, "email"),
    ],
)
def test_pattern_recognisers(text: str, kind: EntityKind, rule: str) -> None:
    spans = PATTERNS_ONLY.find(text)
    assert [(s.kind, s.rule, s.doubt) for s in spans] == [(kind, rule, False)]
    assert not any(ch.isdigit() for ch in PATTERNS_ONLY.redact(text).text.split(":")[-1][-6:])


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("CNP 6100927226702", "ro.cnp-lookalike"),
        ("IBAN RO39 RNCB 0082 0445 1234 0001", "iban-lookalike"),
        ("tel +40 722 18 43", "phone-lookalike"),
        ("codice fiscale RSSMRA85T10A562X", "it.codicefiscale-lookalike"),
    ],
)
def test_checksum_invalid_lookalikes_are_replaced_and_flagged(text: str, rule: str) -> None:
    result = PATTERNS_ONLY.redact(text)
    assert [s.rule for s in result.doubts] == [rule]
    assert result.spans[0].token in result.text


@pytest.mark.parametrize(
    "text",
    [
        "Dosar nr. 1234/3/2024 din 12.02.2025, ora 14:30.",
        "Sentința penală nr. 512/2025, art. 211 alin. (1) Cod penal.",
        "Aktenzeichen 2 StR 123/24, Seite 17, Betrag 12.500,00 EUR.",
        "Procedimento n. 4521/2024 R.G.N.R., udienza del 3.4.2025.",
        "Case ref. 2025/0042, 3 pages, 15 minutes.",
    ],
)
def test_case_numbers_dates_and_amounts_stay(text: str) -> None:
    assert PATTERNS_ONLY.redact(text).text == text


def test_overlaps_become_one_span_covering_the_union() -> None:
    a = Span(0, 10, EntityKind.PHONE, "[PHONE]", "phone", priority=15)
    b = Span(8, 20, EntityKind.DATE_OF_BIRTH, "[DOB]", "dob", priority=25)
    (merged,) = resolve_overlaps([a, b])
    assert (merged.start, merged.end, merged.token) == (0, 20, "[DOB]")


def test_reviewer_edits_are_reapplied() -> None:
    redactor = Redactor(KnownEntities(people=(KnownPerson(key="v", names=("Maria Pop",)),)))
    source = "Maria Pop locuiește la Ferma Veche."
    result = redactor.redact(source)
    added = Span(23, 34, EntityKind.ADDRESS, "[ADDRESS]", "reviewer")
    edited = reapply(source, [*result.spans, added])
    assert edited.text == "[V1] locuiește la [ADDRESS]."
    assert reapply(source, []).text == source
    with pytest.raises(ValueError, match="overlapping"):
        apply_spans(source, [added, Span(20, 25, EntityKind.OTHER, "[X]", "reviewer")])
    # Spans serialise without the value they cover.
    assert "Maria" not in json.dumps(edited.to_dict()["spans"])


def test_token_map_keeps_labels_and_round_trips() -> None:
    tokens = TokenMap()
    assert tokens.label_for("V-7", Role.VICTIM) == "V1"
    assert tokens.label_for("V-8", Role.VICTIM) == "V2"
    assert tokens.label_for("G-7", Role.GUARDIAN, related_to="V-7") == "V1-GUARDIAN"
    assert tokens.label_for("G-7b", Role.GUARDIAN, related_to="V-7") == "V1-GUARDIAN-2"
    assert tokens.label_for("W-1", Role.OTHER) == "P1"
    again = TokenMap.from_json(tokens.to_json())
    assert again.label_for("V-8", Role.VICTIM) == "V2"
    assert again.label_for("V-9", Role.VICTIM) == "V3"
    assert tokens.to_json().isascii()
    with pytest.raises(TokenMapError):
        TokenMap.from_json('{"version": 1, "labels": {"a": "V1", "b": "V1"}}')
    with pytest.raises(TokenMapError):
        TokenMap().label_for("G", Role.GUARDIAN, related_to="unknown")


def test_tokens_survive_a_translation_round_trip() -> None:
    """Placeholders are bracketed ASCII; a (fake) MT that rewrites words keeps them."""
    redactor = Redactor(KnownEntities(people=(KnownPerson(key="v", names=("Ana Pop",)),)))
    redacted = redactor.redact("Ana Pop a plecat. Tel 0722 184 305.").text
    translated = redacted.replace("a plecat", "left")
    assert "[V1]" in translated
    assert "[PHONE]" in translated


def test_shared_surname_is_flagged_and_full_names_keep_their_person() -> None:
    victim = KnownPerson(key="v", names=("Alexandra DUMITRU",))
    mother = KnownPerson(key="g", role=Role.GUARDIAN, related_to="v", names=("Elena DUMITRU",))
    redactor = Redactor(KnownEntities(people=(victim, mother)))
    result = redactor.redact("Elena Dumitru și Alexandra Dumitru. Familia Dumitru.")
    assert result.text == "[V1-GUARDIAN] și [V1]. Familia [V1]."
    assert [s.rule for s in result.doubts] == ["name-shared"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2010-09-27", date(2010, 9, 27)),
        ("DUMITRU Alexandra-Ioana", "DUMITRU Alexandra-Ioana"),
        ("Str. Florilor nr. 12", KnownValue("Str. Florilor nr. 12", EntityKind.ADDRESS)),
        ("ana@example.ro", KnownValue("ana@example.ro", EntityKind.EMAIL)),
        ("RO38RNCB0082044512340001", KnownValue("RO38RNCB0082044512340001", EntityKind.IBAN)),
        ("+40 722 184 305", KnownValue("+40 722 184 305", EntityKind.PHONE)),
        ("6100927226701", KnownValue("6100927226701", EntityKind.NATIONAL_ID)),
        ("Casa Speranța #2", KnownValue("Casa Speranța #2", EntityKind.NATIONAL_ID)),
    ],
)  # fmt: skip
def test_cli_values_are_classified(value: str, expected: object) -> None:
    assert classify_known_value(value) == expected


def test_known_values_are_matched_however_they_are_printed() -> None:
    entities = KnownEntities(
        values=(
            KnownValue("+40 722 184 305", EntityKind.PHONE),
            KnownValue("Str. Florilor nr. 12, Iași", EntityKind.ADDRESS),
            KnownValue("6100927226701", EntityKind.NATIONAL_ID),
        )
    )
    redactor = Redactor(entities, patterns=False)
    text = "0722.184.305 / 0040-722-184-305; STR FLORILOR NR.12; 610 0927 226701"
    assert redactor.redact(text).text == "[PHONE] / [PHONE]; [ADDRESS]; [ID]"


def test_images_other_than_jpeg_and_png_are_refused() -> None:
    with pytest.raises(UnsupportedImage):
        strip_image_metadata(b"GIF89a....")
