"""Draft validation: required fields, contradictions, unknown fields, types and sizes."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from requests_fixtures import INSTRUMENTS

from jit.requests.catalog import load_instrument
from jit.requests.rules import (
    NARRATIVE_MAX_CHARS,
    ErrorCode,
    FieldError,
    draft_fields,
    draft_schema,
    example_draft,
    top_field,
    validate_draft,
)

EIO = load_instrument("eio")


def codes(errors: list[FieldError]) -> list[tuple[str, ErrorCode]]:
    return [(e.path, e.code) for e in errors]


def eio_draft(**fields: Any) -> dict[str, Any]:
    draft = example_draft(EIO)
    for key, value in fields.items():
        if value is None:
            draft["fields"].pop(key, None)
        else:
            draft["fields"][key] = value
    return draft


@pytest.mark.parametrize("instrument_id", INSTRUMENTS)
def test_example_draft_is_complete_and_valid(instrument_id: str) -> None:
    instrument = load_instrument(instrument_id)
    draft = example_draft(instrument)
    assert draft["instrument"] == instrument_id
    assert validate_draft(instrument, draft) == []
    required = [s.id for s in draft_fields(instrument) if s.required and not s.only_if]
    assert all(key in draft["fields"] for key in required)


def test_missing_required_field_is_named() -> None:
    errors = validate_draft(EIO, eio_draft(**{"G.1": None}))
    assert codes(errors) == [("fields.G.1", ErrorCode.REQUIRED)]
    assert errors[0].message() == "fields.G.1 is required."


def test_conditionally_required_field() -> None:
    # Ticking "information on bank accounts" in Section C requires the reasons of H4.
    errors = validate_draft(EIO, eio_draft(**{"H4.1": None}))
    assert codes(errors) == [("fields.H4.1", ErrorCode.REQUIRED)]


def test_contradiction_between_sections() -> None:
    # H7 (interception) filled in while interception is not among the measures of Section C.
    errors = validate_draft(EIO, eio_draft(**{"H7.1": "Relevant because ..."}))
    assert codes(errors) == [("fields.H7.1", ErrorCode.CONTRADICTION)]
    assert "C.1.t0 includes C.cb13" in errors[0].message()


def test_section_l_contradicts_a_prosecutor_issuing_authority() -> None:
    errors = validate_draft(EIO, eio_draft(**{"L.t1": "Tribunal"}))
    assert codes(errors) == [("fields.L.t1", ErrorCode.CONTRADICTION)]


def test_sub_box_without_its_parent() -> None:
    errors = validate_draft(EIO, eio_draft(**{"C.1.t0": ["C.cb1", "C.cb3.1", "C.cb9"]}))
    assert (
        "fields.C.1.t0",
        ErrorCode.OPTION_WITHOUT_PARENT,
    ) in codes(errors)


def test_mutually_exclusive_boxes() -> None:
    draft = eio_draft()
    draft["fields"]["E.1"][0]["E.1.t0"] = ["E.cb1", "E.cb2"]
    errors = validate_draft(EIO, draft)
    assert codes(errors) == [("fields.E.1[0].E.1.t0", ErrorCode.EXCLUSIVE_OPTIONS)]


def test_natural_and_legal_person_in_one_entry() -> None:
    draft = eio_draft()
    draft["fields"]["E.1"][0]["E.1.ii.t1"] = "SC Exemplu SRL"
    errors = validate_draft(EIO, draft)
    assert codes(errors) == [("fields.E.1[0]", ErrorCode.EXCLUSIVE_ENTRIES)]


def test_unknown_field_and_unknown_top_level_key() -> None:
    draft = eio_draft(**{"Z.99": "x"})
    draft["author"] = "someone"
    errors = validate_draft(EIO, draft)
    assert ("fields.Z.99", ErrorCode.UNKNOWN_FIELD) in codes(errors)
    assert ("author", ErrorCode.UNKNOWN_FIELD) in codes(errors)


def test_one_megabyte_of_text_names_the_field() -> None:
    errors = validate_draft(EIO, eio_draft(**{"G.1": "x" * 1_048_576}))
    assert codes(errors) == [("fields.G.1", ErrorCode.TOO_LONG)]
    assert errors[0].params == {"length": 1_048_576, "limit": NARRATIVE_MAX_CHARS}
    assert "fields.G.1 has 1048576 characters" in errors[0].message()


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("A.1", "XX", ErrorCode.INVALID_COUNTRY),
        ("A.1", 40, ErrorCode.WRONG_TYPE),
        ("D.1", "2026-02-30", ErrorCode.INVALID_DATE),
        ("K.t0", "K.cb9", ErrorCode.INVALID_OPTION),
        ("K.t8", "not-an-address", ErrorCode.INVALID_EMAIL),
        ("K.t6", "call me", ErrorCode.INVALID_PHONE),
        ("K.t9", ["ro", "klingon"], ErrorCode.INVALID_LANGUAGE),
        ("G.3", ["G.3.cb3", "G.3.cb3"], ErrorCode.DUPLICATE_OPTION),
        ("G.2", "text with a NUL \x00 byte", ErrorCode.INVALID_CHARACTERS),
        ("E.1", {"not": "a list"}, ErrorCode.WRONG_TYPE),
    ],
)
def test_wrong_values(field: str, value: Any, code: ErrorCode) -> None:
    errors = validate_draft(EIO, eio_draft(**{field: value}))
    assert (f"fields.{field}", code) in codes(errors)


def test_envelope_errors() -> None:
    assert codes(validate_draft(EIO, [])) == [("", ErrorCode.NOT_AN_OBJECT)]
    draft = eio_draft()
    draft.update(instrument="eaw", reference="", handling="secret", source_language="xx")
    found = codes(validate_draft(EIO, draft))
    assert ("instrument", ErrorCode.WRONG_INSTRUMENT) in found
    assert ("reference", ErrorCode.REQUIRED) in found
    assert ("handling", ErrorCode.INVALID_HANDLING) in found
    assert ("source_language", ErrorCode.INVALID_LANGUAGE) in found


@pytest.mark.parametrize("instrument_id", INSTRUMENTS)
def test_schema_lists_every_draft_field(instrument_id: str) -> None:
    instrument = load_instrument(instrument_id)
    schema = draft_schema(instrument)
    fields = schema["properties"]["fields"]
    assert fields["additionalProperties"] is False
    assert list(fields["properties"]) == [spec.id for spec in draft_fields(instrument)]
    assert schema["properties"]["instrument"] == {"const": instrument_id}


def test_schema_describes_conditions() -> None:
    fields = draft_schema(EIO)["properties"]["fields"]["properties"]
    assert fields["H7.1"]["x-only-if"] == "C.1.t0 includes C.cb13"
    assert fields["G.3"]["items"]["enum"][2] == "G.3.cb3"
    assert fields["E.1"]["type"] == "array"


def test_example_is_a_copy() -> None:
    first = example_draft(EIO)
    first["fields"]["A.1"] = "DE"
    assert example_draft(EIO)["fields"]["A.1"] == "RO"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
field_names = st.sampled_from([s.id for s in draft_fields(EIO)] + ["zz"])


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(field_names, json_values, max_size=8))
def test_validation_never_raises_on_arbitrary_json(fields: dict[str, Any]) -> None:
    draft = copy.deepcopy(example_draft(EIO))
    draft["fields"].update(fields)
    for error in validate_draft(EIO, draft):
        assert error.message()


def test_section_by_section_validation_of_a_partial_draft() -> None:
    partial = {
        "instrument": "eio",
        "reference": "R-1",
        "source_language": "ro",
        "fields": {"A.1": "RO", "A.2": "FR", "E.1": [{"E.1.i.t9": "1984-05-12"}]},
    }
    assert validate_draft(EIO, partial, sections=["A", "B"]) == []
    everything = codes(validate_draft(EIO, partial))
    assert ("fields.G.1", ErrorCode.REQUIRED) in everything
    assert ("fields.K.t0", ErrorCode.REQUIRED) in everything
    # A wrong value is refused wherever it is, even outside the sections being checked.
    partial["fields"]["E.1"][0]["E.1.i.t9"] = "12.05.1984"  # type: ignore[index]
    assert codes(validate_draft(EIO, partial, sections=["A"])) == [
        ("fields.E.1[0].E.1.i.t9", ErrorCode.INVALID_DATE)
    ]


def test_top_field() -> None:
    assert top_field("fields.E.1[0].E.1.i.t1") == "E.1"
    assert top_field("fields.G.1") == "G.1"
