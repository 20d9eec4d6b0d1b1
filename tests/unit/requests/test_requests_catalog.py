"""The catalog: every instrument, every language, label validation (shipped files and failures)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from requests_fixtures import EXPECTED_INSTRUMENTS, INSTRUMENTS, LANGUAGES

from jit.requests.catalog import (
    CATALOG_DIR,
    FieldType,
    Provenance,
    UnknownInstrument,
    UnknownLanguage,
    list_instruments,
    load_instrument,
    validate_labels,
)

LABEL_FILES = sorted(CATALOG_DIR.glob("*/labels/*.json"))


def test_catalog_holds_the_eleven_instruments_of_issue_3() -> None:
    assert INSTRUMENTS == EXPECTED_INSTRUMENTS


@pytest.mark.parametrize("instrument_id", INSTRUMENTS)
def test_every_instrument_has_labels_in_the_five_languages(instrument_id: str) -> None:
    instrument = load_instrument(instrument_id)
    assert set(LANGUAGES) <= set(instrument.languages)
    assert instrument.form.structure_source
    assert instrument.form.legal_basis


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_shipped_label_file_is_valid(path: Path) -> None:
    assert validate_labels(path) == []


def test_list_instruments_reports_provenance() -> None:
    infos = {info.id: info for info in list_instruments()}
    freezing = infos["freezing-certificate"]
    assert freezing.verified
    assert "en" not in freezing.working_translations
    assert set(freezing.working_translations) == {"ro", "fr", "de", "it"}
    assert not infos["eio"].verified


@pytest.mark.parametrize(
    ("key", "official"),
    [
        # Spot checks against the official EN text of Regulation (EU) 2018/1805, Annex I.
        ("B", "SECTION B: Urgency and/or requested date for execution"),
        (
            "E.3.cb8",
            "fraud, including fraud and other criminal offences affecting the Union's financial"
            " interests as defined in Directive (EU) 2017/1371",
        ),
        ("K.2.cb2", "Yes, the outcome will be communicated to the executing authority"),
        ("P.t1", "Please indicate any attachments to the certificate:"),
    ],
)
def test_freezing_certificate_english_is_the_official_text(key: str, official: str) -> None:
    labels = load_instrument("freezing-certificate").label_set("en")
    assert labels.provenance is Provenance.OFFICIAL
    assert "OJ L 303" in labels.source
    assert labels[key] == official


def test_confiscation_certificate_has_every_section_a_to_n() -> None:
    form = load_instrument("confiscation-certificate").form
    assert [s.id for s in form.sections] == list("ABCDEFGHIJKLMN")


def test_eio_covers_sections_a_to_l_and_the_32_offences() -> None:
    instrument = load_instrument("eio")
    assert [s.id for s in instrument.form.sections] == list("ABCDEFGHIJKL")
    offences = instrument.item("G.3")
    assert offences.type is FieldType.CHECKBOXES
    assert len(offences.options) == 32
    assert instrument.label_set("en")["G.3.cb3"] == "trafficking in human beings"


def test_unknown_instrument_names_the_choices() -> None:
    with pytest.raises(UnknownInstrument) as caught:
        load_instrument("european-arrest")
    assert "eaw" in caught.value.choices
    assert "eaw" in str(caught.value)


def test_unknown_language_names_the_choices() -> None:
    with pytest.raises(UnknownLanguage) as caught:
        load_instrument("eio").label_set("es")
    assert caught.value.choices == ("de", "en", "fr", "it", "ro")


def _copy_labels(tmp_path: Path, edit: dict[str, object]) -> Path:
    data = json.loads((CATALOG_DIR / "eio" / "labels" / "fr.json").read_text(encoding="utf-8"))
    data.update({k: v for k, v in edit.items() if k != "labels"})
    labels = data["labels"]
    for key, value in dict(edit.get("labels", {})).items():  # type: ignore[call-overload]
        if value is None:
            labels.pop(key)
        else:
            labels[key] = value
    path = tmp_path / "fr.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("edit", "code", "key"),
    [
        ({"labels": {"G.3.cb3": None}}, "missing_key", "G.3.cb3"),
        ({"labels": {"Z.9": "Autre"}}, "extra_key", "Z.9"),
        ({"labels": {"A.1": "  "}}, "empty_label", "A.1"),
        ({"labels": {"A.1": "État {state}"}}, "placeholder_mismatch", "A.1"),
        ({"provenance": ""}, "missing_provenance", "provenance"),
        ({"provenance": "official", "source": ""}, "missing_source", "source"),
        ({"provenance": "machine"}, "invalid_provenance", "provenance"),
        ({"language": "de"}, "language_mismatch", "language"),
        ({"instrument": "nope"}, "unknown_instrument", "instrument"),
    ],
)
def test_label_file_problems_are_reported(
    tmp_path: Path, edit: dict[str, object], code: str, key: str
) -> None:
    labels_dir = tmp_path / "labels"
    labels_dir.mkdir()
    problems = validate_labels(_copy_labels(labels_dir, edit))
    assert (code, key) in [(p.code, p.key) for p in problems]


def test_label_file_that_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "fr.json"
    path.write_text('{"labels": ', encoding="utf-8")
    [problem] = validate_labels(path)
    assert problem.code == "invalid_json"
    assert "line 1" in problem.detail


def test_document_labels_are_validated_too() -> None:
    path = CATALOG_DIR / "_document" / "labels" / "it.json"
    assert validate_labels(path) == []


def test_published_json_schemas_match_the_loader() -> None:
    schema_dir = CATALOG_DIR / "_schema"
    form = json.loads((schema_dir / "form.schema.json").read_text(encoding="utf-8"))
    labels = json.loads((schema_dir / "labels.schema.json").read_text(encoding="utf-8"))
    assert set(form["$defs"]["item"]["properties"]["type"]["enum"]) == {t.value for t in FieldType}
    assert set(labels["properties"]["provenance"]["enum"]) == {p.value for p in Provenance}
    for path in CATALOG_DIR.glob("*/form.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert set(data) <= set(form["properties"]), path
        assert set(form["required"]) <= set(data), path
