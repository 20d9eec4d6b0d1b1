"""Table-driven tests of every day-counting method: holidays, weekends, month ends, leap years."""

from datetime import date

import pytest

from jit.deadlines import compute
from jit.deadlines.calendars import WorkCalendar
from jit.deadlines.counting import eu_1182_71
from jit.deadlines.jurisdictions import resolve_place
from jit.deadlines.periods import Length

# (rule, start, jurisdiction, subdivision, length, expected due_date, why)
EU_CASES = [
    ("eio.recognition", "2025-12-03", "RO", None, None, "2026-01-05", "2 Jan RO holiday + weekend"),
    ("eio.recognition", "2025-12-03", "FR", None, None, "2026-01-02", "2 Jan is a French workday"),
    ("eaw.decision.consent", "2026-03-31", "RO", None, None, "2026-04-14", "Orthodox Easter"),
    ("eaw.decision.consent", "2026-03-31", "DE", None, None, "2026-04-10", "no holiday in DE"),
    ("eaw.decision.consent", "2026-03-24", "DE", None, None, "2026-04-07", "Good Friday+Easter"),
    ("eaw.decision.consent", "2026-03-24", "AT", None, None, "2026-04-03", "AT: Good Friday works"),
    ("eaw.surrender", "2026-11-20", "RO", None, None, "2026-12-02", "30 Nov and 1 Dec"),
    ("eaw.surrender", "2026-11-20", "FR", None, None, "2026-11-30", "plain Monday in FR"),
    ("eio.acknowledge", "2026-12-18", "DE", None, None, "2026-12-28", "Christmas on Fri/Sat"),
    ("freezing.limit_response", "2026-07-04", "IT", None, None, "2026-08-17", "15 Aug Saturday"),
    ("eio.recognition", "2026-09-12", "ES", None, None, "2026-10-13", "12 Oct Fiesta Nacional"),
    ("eio.execution", "2027-12-01", "RO", None, None, "2028-02-29", "leap day"),
    ("eio.execution", "2026-12-01", "RO", None, None, "2027-03-01", "no leap day"),
    ("eio.recognition", "2025-12-03", "HU", None, None, "2026-01-02", "HU bridge day: earlier"),
    ("eio.recognition", "2026-04-24", "NL", None, None, "2026-05-26", "Whit Monday 25 May"),
    ("eaw.decision.consent", "2026-05-15", "DE", "BY", None, "2026-05-26", "Whit Monday"),
    ("eaw.decision.consent", "2026-05-25", "DE", "BY", None, "2026-06-05", "Corpus Christi BY"),
    ("eaw.decision.consent", "2026-05-25", "DE", "BE", None, "2026-06-04", "not in Berlin"),
]

NATIONAL_CASES = [
    # Romania, CPP art. 269: free days, then the next working day.
    ("national", "2026-03-31", "RO", None, "10d", "2026-04-14", "11 Apr Sat, Orthodox Easter"),
    ("national", "2026-01-20", "RO", None, "10d", "2026-02-02", "31 Jan Sat"),
    ("national", "2026-03-02", "RO", None, "2w", "2026-03-16", "weeks: earlier reading"),
    ("national", "2026-08-31", "RO", None, "3m", "2026-12-02", "30 Nov, 1 Dec"),
    ("national", "2028-01-31", "RO", None, "1m", "2028-02-29", "leap-year month end"),
    # Germany, StPO §§ 42-43.
    ("national", "2026-01-31", "DE", None, "1m", "2026-03-02", "28 Feb is a Saturday"),
    ("national", "2026-05-25", "DE", "BY", "10d", "2026-06-05", "Corpus Christi in Bavaria"),
    ("national", "2026-05-25", "DE", None, "10d", "2026-06-04", "no Land: nationwide only"),
    ("national", "2026-02-16", "DE", None, "2w", "2026-03-02", "two weeks"),
    # France, CPP art. 801.
    ("national", "2026-05-15", "FR", None, "10d", "2026-05-26", "Whit Monday (Cass. 2006)"),
    ("national", "2026-03-24", "FR", None, "10d", "2026-04-03", "Good Friday not a holiday"),
    ("national", "2026-03-24", "FR", "57", "10d", "2026-04-07", "Alsace-Moselle Good Friday"),
    ("national", "2027-11-30", "FR", None, "3m", "2028-02-29", "month end in a leap year"),
    # Italy, c.p.p. art. 172: Saturday is a working day.
    ("national", "2026-02-03", "IT", None, "5d", "2026-02-09", "Sunday moves on"),
    ("national", "2026-05-23", "IT", None, "10d", "2026-06-03", "2 June Festa della Repubblica"),
    ("national", "2026-05-23", "FR", None, "10d", "2026-06-02", "2 June works in FR"),
    ("national", "2026-05-02", "IT", None, "1m", "2026-06-02", "months are not extended"),
    ("national", "2026-01-31", "IT", None, "1m", "2026-02-28", "month end, a Saturday"),
    # Austria, StPO § 84: Good Friday counts as a holiday.
    ("national", "2026-03-24", "AT", None, "10d", "2026-04-07", "Karfreitag + Easter Monday"),
    ("national", "2026-12-14", "AT", None, "10d", "2026-12-24", "24 Dec is not in § 84"),
    ("national", "2026-01-31", "AT", None, "1m", "2026-03-02", "28 Feb Saturday"),
    # Spain, LOPJ 182-185: día-terms count working days only.
    ("national", "2026-03-02", "ES", None, "10d", "2026-03-16", "weekends excluded"),
    ("national", "2026-03-30", "ES", None, "5d", "2026-04-07", "Good Friday national"),
    ("national", "2026-03-30", "ES", "MD", "5d", "2026-04-08", "Madrid: Maundy Thursday"),
    ("national", "2026-01-31", "ES", None, "1m", "2026-03-02", "de fecha a fecha, rolled"),
    ("national", "2026-07-20", "ES", None, "10d", "2026-08-03", "August is hábil (LOPJ 184)"),
    # Hungary: two calendar readings, the earlier one wins.
    ("national", "2025-12-23", "HU", None, "10d", "2026-01-02", "bridge day read as workday"),
    ("national", "2025-12-31", "HU", None, "10d", "2026-01-10", "decreed working Saturday"),
    ("national", "2026-10-13", "HU", None, "10d", "2026-10-26", "23 Oct National Day"),
    ("national", "2027-11-30", "HU", None, "3m", "2028-02-29", "leap-year month end"),
    # Netherlands, Algemene termijnenwet.
    ("national", "2026-04-17", "NL", None, "10d", "2026-04-28", "King's Day 27 April"),
    ("national", "2026-12-24", "NL", None, "3d", "2026-12-29", "Atw art. 2: two workdays"),
    ("national", "2026-01-25", "NL", None, "3m", "2026-04-28", "Atw applies up to 3 months"),
    ("national", "2026-01-02", "NL", None, "4m", "2026-05-02", "Atw not for > 3 months"),
]


@pytest.mark.parametrize(
    ("rule", "start", "country", "subdivision", "length", "expected", "why"),
    EU_CASES + NATIONAL_CASES,
    ids=[f"{case[2]}-{case[1]}-{case[4] or case[0]}" for case in EU_CASES + NATIONAL_CASES],
)
def test_due_date(rule, start, country, subdivision, length, expected, why) -> None:
    deadline = compute(rule, start, country, subdivision=subdivision, length=length)
    assert deadline.due_date.isoformat() == expected, why
    assert deadline.due.isoformat().startswith(f"{expected}T23:59:59")


def test_method_names_per_country() -> None:
    names = {
        country: compute("national", "2026-03-02", country, length="10d").method
        for country in ("RO", "DE", "FR", "IT", "AT", "ES", "HU", "NL")
    }
    assert names == {
        "RO": "ro-cpp-269",
        "DE": "de-stpo-42-43",
        "FR": "fr-cpp-801",
        "IT": "it-cpp-172",
        "AT": "at-stpo-84",
        "ES": "es-lopj-185",
        "HU": "hu-be",
        "NL": "nl-atw",
    }
    assert compute("eio.recognition", "2026-03-02", "RO").method == "eu-1182/71"


def test_hungarian_two_readings_are_explained() -> None:
    steps = "\n".join(compute("national", "2025-12-23", "HU", length="10d").steps)
    assert "Two readings" in steps
    assert "2026-01-05" in steps
    assert "earlier" in steps


def test_spanish_steps_list_skipped_days() -> None:
    steps = "\n".join(compute("national", "2026-03-30", "ES", subdivision="MD", length="5d").steps)
    assert "2026-04-02" in steps
    assert "Maundy Thursday" in steps
    assert "2026-04-04 Saturday" in steps


def test_romanian_weeks_name_the_later_reading() -> None:
    steps = "\n".join(compute("national", "2026-03-02", "RO", length="2w").steps)
    assert "2026-03-17" in steps
    assert "earlier reading" in steps


def test_german_steps_warn_without_land() -> None:
    steps = compute("national", "2026-03-02", "DE", length="10d").steps
    assert any("No Land given" in step for step in steps)


def test_art_3_5_two_working_days() -> None:
    # Thu 24 Dec + 2 days = Sat 26 Dec -> Mon 28 Dec by Art. 3(4); 25 Dec-28 Dec holds one working
    # day only, so Art. 3(5) extends to Tue 29 Dec.
    calendar = WorkCalendar(resolve_place("DE", None))
    counted = eu_1182_71(date(2026, 12, 24), Length(2, "d"), calendar)
    assert counted.due_date == date(2026, 12, 29)
    assert any("Art. 3(5)" in step for step in counted.steps)


def test_plain_calendar_and_fixed_date_are_never_moved() -> None:
    assert compute("jit.agreement_end", "2026-12-25", "DE").due_date == date(2026, 12, 25)
    assert compute("victim.reflection.DE", "2027-11-30", "DE").due_date == date(2028, 2, 29)
    assert compute("victim.reflection.DE", "2026-11-30", "DE").due_date == date(2027, 2, 28)
