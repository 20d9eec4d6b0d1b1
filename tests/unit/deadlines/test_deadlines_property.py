"""Property test: the engine against a naive day-by-day counter written here, separately.

The naive counter walks one day at a time and asks the ``holidays`` package directly; it shares
no code with the engine. Thousands of random events per country (derandomized for CI).
"""

from collections.abc import Callable
from datetime import date, timedelta
from functools import cache

import holidays
import pytest
from dateutil.easter import easter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jit.deadlines import compute

COUNTRIES = ["RO", "FR", "DE", "IT", "AT", "ES", "HU", "NL"]
# Each example checks a batch of events: hypothesis' per-example overhead dominates otherwise.
# 100 examples x 10 events = 1,000 random events per country and per test (2,000 per country).
EXAMPLES = 100
BATCH = 10


@cache
def table(country: str) -> holidays.HolidayBase:
    return holidays.country_holidays(country, years=range(2001, 2041), language="en_US")


@cache
def off(country: str, day: date, *, saturday_off: bool, schedule: bool, eu: bool = False) -> bool:
    """Naive: is ``day`` a day on which a deadline cannot end?"""
    names = [n for n in table(country).get_list(day) if schedule or "substituted" not in n]
    if names or day.weekday() == 6:
        return True
    if day.weekday() == 5:
        # Reg. 1182/71 names Saturday itself; national law follows a decreed working Saturday.
        worked = schedule and not eu and day in table(country).weekend_workdays
        return saturday_off and not worked
    return False


def naive_national(country: str, event: date, n: int, unit: str, schedule: bool) -> date:
    sat_off = country != "IT"

    def closed(day: date) -> bool:
        if country == "AT" and day == easter(day.year) - timedelta(days=2):
            return True
        return off(country, day, saturday_off=sat_off, schedule=schedule)

    if unit == "m":
        # Walk day by day, counting month boundaries; stop on the same day-of-month, or on the
        # last day of a month that is too short for it.
        day, crossed = event, 0
        while True:
            day += timedelta(days=1)
            crossed += day.day == 1
            month_ends = (day + timedelta(days=1)).day == 1
            if crossed == n and (day.day == event.day or (month_ends and day.day < event.day)):
                break
    elif country == "ES" and unit == "d":
        day, counted = event, 0
        while counted < n:
            day += timedelta(days=1)
            counted += not closed(day)
        return day
    else:
        day = event
        for _ in range(n * (7 if unit == "w" else 1)):
            day += timedelta(days=1)
        if country == "RO" and unit == "d":
            day += timedelta(days=1)
    if country == "IT" and unit != "d":
        return day
    if country == "NL" and n > {"d": 90, "w": 12, "m": 3}[unit]:
        return day
    while closed(day):
        day += timedelta(days=1)
    if country == "NL" and (day - event).days >= 3:
        while not two_working_days(closed, event, day):
            day += timedelta(days=1)
    return day


def two_working_days(closed: Callable[[date], bool], event: date, last: date) -> bool:
    """Naive: does (event, last] hold at least two working days?"""
    found, day = 0, event
    while day < last and found < 2:
        day += timedelta(days=1)
        found += not closed(day)
    return found >= 2


def naive_eu(country: str, event: date, n: int, schedule: bool) -> date:
    def closed(day: date) -> bool:
        return off(country, day, saturday_off=True, schedule=schedule, eu=True)

    day = event
    for _ in range(n):
        day += timedelta(days=1)
    while closed(day):
        day += timedelta(days=1)
    while not two_working_days(closed, event, day):
        day += timedelta(days=1)
    return day


# Plain integers are much cheaper for hypothesis to draw than dates and tuples; they are decoded
# into an event day (2001-01-01 .. 2039-04-30) and a length (1-120d, 1-10w, 1-14m).
FIRST_EVENT = date(2001, 1, 1)
events = st.integers(0, 13999).map(lambda offset: FIRST_EVENT + timedelta(days=offset))


def decode_length(code: int) -> tuple[int, str]:
    if code < 120:
        return code + 1, "d"
    if code < 130:
        return code - 119, "w"
    return code - 129, "m"


lengths = st.integers(0, 143).map(decode_length)
SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def clamp(country: str, event: date) -> date:
    # The holidays package has no Spanish data before 2008 (the engine refuses those years).
    return (
        event.replace(year=2008 + event.year % 10)
        if country == "ES" and event.year < 2008
        else event
    )


@pytest.mark.parametrize("country", COUNTRIES)
@SETTINGS
@given(cases=st.lists(st.tuples(events, lengths), min_size=BATCH, max_size=BATCH))
def test_national_matches_naive(country: str, cases: list[tuple[date, tuple[int, str]]]) -> None:
    for raw_event, (n, unit) in cases:
        event = clamp(country, raw_event)
        engine = compute("national", event, country, length=f"{n}{unit}").due_date
        naive = min(naive_national(country, event, n, unit, schedule) for schedule in (False, True))
        assert engine == naive, (event, n, unit)


@pytest.mark.parametrize("country", COUNTRIES)
@SETTINGS
@given(days=st.lists(events, min_size=BATCH, max_size=BATCH))
def test_eio_recognition_matches_naive(country: str, days: list[date]) -> None:
    for raw_event in days:
        event = clamp(country, raw_event)
        engine = compute("eio.recognition", event, country).due_date
        naive = min(naive_eu(country, event, 30, schedule) for schedule in (False, True))
        assert engine == naive, event
