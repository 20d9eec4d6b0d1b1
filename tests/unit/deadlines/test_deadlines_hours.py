"""Hour periods: exact elapsed time across both daylight-saving changes; reading of the start."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from jit.deadlines import InvalidStart, compute

HOUR_CASES = [
    # rule, start, jurisdiction, length, expected due, why
    ("epoc.emergency", "2026-10-24T20:00+03:00", "RO", None, "2026-10-25T03:00:00+02:00", "autumn"),
    ("national", "2026-03-27T10:15", "RO", "72h", "2026-03-30T11:15:00+03:00", "spring RO"),
    (
        "eio.provisional_measure",
        "2026-03-28T12:00",
        "FR",
        None,
        "2026-03-29T13:00:00+02:00",
        "spring",
    ),
    (
        "eio.interception_objection",
        "2026-10-22T09:30",
        "FR",
        None,
        "2026-10-26T08:30:00+01:00",
        "autumn",
    ),
    (
        "freezing.recognition.urgent",
        "2026-03-28T23:00",
        "DE",
        None,
        "2026-03-31T00:00:00+02:00",
        "spring",
    ),
    (
        "epoc.emergency",
        "2026-12-24T20:00",
        "IT",
        None,
        "2026-12-25T04:00:00+01:00",
        "no holiday shift",
    ),
    ("national", "2026-10-24T12:00", "ES", "24h", "2026-10-25T11:00:00+01:00", "autumn ES"),
    ("national", "2026-03-28T12:00", "HU", "24h", "2026-03-29T13:00:00+02:00", "spring HU"),
    ("national", "2026-10-24T12:00", "NL", "48h", "2026-10-26T11:00:00+01:00", "Atw not for hours"),
    ("national", "2026-03-28T06:00", "AT", "72h", "2026-03-31T07:00:00+02:00", "spring AT"),
    ("epoc.emergency", "2026-03-29", "RO", None, "2026-03-29T09:00:00+03:00", "date only: 00:00"),
]


@pytest.mark.parametrize(("rule", "start", "country", "length", "due", "why"), HOUR_CASES)
def test_hour_periods(rule, start, country, length, due, why) -> None:
    deadline = compute(rule, start, country, length=length)
    assert deadline.due.isoformat() == due, why
    assert deadline.method == "exact-hours"
    assert deadline.due_date == date.fromisoformat(due[:10])
    assert any("next full hour" in s or "may not count" in s for s in deadline.steps)


def test_elapsed_time_is_real_time() -> None:
    deadline = compute("national", "2026-10-24T12:00", "RO", length="24h")
    # Subtract in UTC: Python subtracts two datetimes sharing a tzinfo by wall clock.
    elapsed = deadline.due.astimezone(UTC) - deadline.start.astimezone(UTC)
    assert elapsed.total_seconds() == 24 * 3600
    # Wall clock shows 11:00 because the night had 25 hours.
    assert deadline.due.hour == 11


def test_day_period_due_takes_the_offset_of_its_day() -> None:
    # Start in winter time, end in summer time: 23:59:59 with +03:00.
    assert compute("eio.recognition", "2026-03-02", "RO").due.isoformat() == (
        "2026-04-01T23:59:59+03:00"
    )
    # Start in summer time, end in winter time.
    assert compute("eio.recognition", "2026-10-01", "FR").due.isoformat() == (
        "2026-11-02T23:59:59+01:00"
    )


def test_aware_start_is_converted_to_the_jurisdiction() -> None:
    # 23:30 UTC on 31 March is already 1 April in Bucharest: the event day is 1 April.
    deadline = compute("eio.recognition", "2026-03-31T23:30:00+00:00", "RO")
    assert deadline.start.isoformat() == "2026-04-01T02:30:00+03:00"
    assert deadline.due_date == date(2026, 5, 4)


def test_python_objects_are_accepted() -> None:
    zone = ZoneInfo("Europe/Bucharest")
    aware = compute("epoc.emergency", datetime(2026, 10, 24, 20, 0, tzinfo=zone), "RO")
    naive = compute("epoc.emergency", datetime(2026, 10, 24, 20, 0), "RO")  # noqa: DTZ001
    assert aware.due == naive.due
    assert compute("eio.recognition", date(2026, 4, 1), "RO").due_date == date(2026, 5, 4)


def test_ambiguous_local_time_takes_the_first_occurrence() -> None:
    # 03:30 happens twice in Bucharest on 25 Oct 2026; the first (+03:00) is earlier.
    deadline = compute("epoc.emergency", "2026-10-25T03:30", "RO")
    assert deadline.start.isoformat() == "2026-10-25T03:30:00+03:00"
    assert deadline.due.isoformat() == "2026-10-25T10:30:00+02:00"
    assert any("occurs twice" in step for step in deadline.steps)


def test_nonexistent_local_time_is_refused() -> None:
    with pytest.raises(InvalidStart, match="does not exist"):
        compute("epoc.emergency", "2026-03-29T03:30", "RO")


def test_overseas_subdivision_uses_its_own_clock() -> None:
    deadline = compute("eio.recognition", "2026-04-01", "ES", subdivision="CN")
    assert deadline.timezone == "Atlantic/Canary"
    assert deadline.due.isoformat().endswith("+01:00")
