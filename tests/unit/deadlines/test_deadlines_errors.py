"""Bad input: typed errors carrying the valid choices; years outside the covered calendar."""

import pytest

from jit.deadlines import (
    DeadlineError,
    InvalidLength,
    InvalidStart,
    JurisdictionNotAllowed,
    LengthNotAllowed,
    LengthRequired,
    OutOfCalendarRange,
    UnknownJurisdiction,
    UnknownRule,
    UnknownSubdivision,
    compute,
)


def test_unknown_rule_lists_rules() -> None:
    with pytest.raises(UnknownRule) as info:
        compute("eio.recognise", "2026-04-01", "RO")
    assert "eio.recognition" in info.value.choices
    assert "eio.recognition" in str(info.value)


def test_unknown_jurisdiction_lists_codes() -> None:
    with pytest.raises(UnknownJurisdiction) as info:
        compute("eio.recognition", "2026-04-01", "XX")
    assert {"RO", "FR", "DE"} <= set(info.value.choices)


def test_jurisdiction_code_is_case_insensitive() -> None:
    assert compute("eio.recognition", "2026-04-01", "ro").jurisdiction == "RO"


@pytest.mark.parametrize(
    ("rule", "country", "length", "allowed"),
    [
        ("victim.reflection.RO", "FR", None, ("RO",)),
        ("national", "BE", "10d", ("AT", "DE", "ES", "FR", "HU", "IT", "NL", "RO")),
        ("eio.recognition", "GB", None, None),
    ],
)
def test_rule_not_available_in_jurisdiction(rule, country, length, allowed) -> None:
    with pytest.raises(JurisdictionNotAllowed) as info:
        compute(rule, "2026-04-01", country, length=length)
    if allowed is not None:
        assert info.value.choices == allowed
    assert country not in info.value.choices


def test_unknown_subdivision_lists_subdivisions() -> None:
    with pytest.raises(UnknownSubdivision) as info:
        compute("eio.recognition", "2026-04-01", "DE", subdivision="ZZ")
    assert "BY" in info.value.choices
    assert "BY" in str(info.value)


def test_subdivision_for_country_without_any() -> None:
    with pytest.raises(UnknownSubdivision, match="no subdivisions"):
        compute("eio.recognition", "2026-04-01", "RO", subdivision="B")


def test_subdivision_alias_is_accepted() -> None:
    assert compute("eio.recognition", "2026-04-01", "ES", subdivision="md").subdivision == "MD"


@pytest.mark.parametrize("length", ["10x", "d10", "0d", "ten days", "-3d", "99999d", "1.5d", ""])
def test_invalid_length(length: str) -> None:
    with pytest.raises(InvalidLength) as info:
        compute("national", "2026-04-01", "RO", length=length)
    assert any("d (days)" in choice for choice in info.value.choices)


def test_length_on_fixed_rule() -> None:
    with pytest.raises(LengthNotAllowed, match="fixed length"):
        compute("eio.recognition", "2026-04-01", "RO", length="10d")


def test_length_required() -> None:
    with pytest.raises(LengthRequired):
        compute("national", "2026-04-01", "RO")


@pytest.mark.parametrize("start", ["2026-02-30", "yesterday", "2026-13-01T10:00", "01/04/2026"])
def test_invalid_start(start: str) -> None:
    with pytest.raises(InvalidStart):
        compute("eio.recognition", start, "RO")


@pytest.mark.parametrize(
    ("rule", "start", "country", "year"),
    [
        ("eio.recognition", "1999-05-01", "RO", 1999),
        ("eio.recognition", "2040-12-15", "RO", 2041),  # the due date leaves the range
        ("national", "2005-05-02", "ES", 2005),  # holidays data for Spain starts in 2008
        ("epoc.emergency", "2041-01-01T10:00", "RO", 2041),
        ("victim.reflection.DE", "2040-11-15", "DE", 2041),
    ],
)
def test_out_of_calendar_range(rule, start, country, year) -> None:
    length = "10d" if rule == "national" else None
    with pytest.raises(OutOfCalendarRange) as info:
        compute(rule, start, country, length=length)
    assert info.value.year == year
    assert info.value.choices
    assert info.value.choices[0].endswith("2040")


def test_all_errors_share_a_base() -> None:
    for error in (UnknownRule, UnknownJurisdiction, UnknownSubdivision, InvalidLength):
        assert issubclass(error, DeadlineError)
