"""National procedural counting for day, week and month terms (legal-deadlines.md §6.2).

Pure: no Flask, no database, no system clock. Imports only the standard library and this
package's ``periods``/``calendars``/``counting``/``jurisdictions``.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta

from jit.deadlines.calendars import WorkCalendar
from jit.deadlines.counting import (
    Counted,
    DayCounter,
    ensure_two_working_days,
    fmt,
    period_end_step,
    roll_forward,
)
from jit.deadlines.jurisdictions import Place
from jit.deadlines.periods import Length, add_calendar


@dataclass(frozen=True)
class NationalMethod:
    name: str
    source: str
    verification: str  # per legal-deadlines.md §6.2
    counter: DayCounter
    calendar: WorkCalendar  # template; ``place`` is filled in by ``calendar_for``

    def calendar_for(self, place: Place) -> WorkCalendar:
        return replace(self.calendar, place=place)


def _overlaps(first: date, last: date, month_days: tuple[tuple[int, int], tuple[int, int]]) -> bool:
    """Whether [first, last] touches the yearly window (start (month, day), end (month, day))."""
    (start_month, start_day), (end_month, end_day) = month_days
    for year in range(first.year - 1, last.year + 1):
        window_start = date(year, start_month, start_day)
        end_year = year if (end_month, end_day) >= (start_month, start_day) else year + 1
        window_end = date(end_year, end_month, end_day)
        if window_start <= last and first <= window_end:
            return True
    return False


def romania(event: date, length: Length, calendar: WorkCalendar) -> Counted:
    steps: list[str] = []
    if length.unit == "d":
        # CPP art. 269(2): for terms in days "nu se socotește ... ziua de la care începe să curgă
        # termenul, nici ziua în care acesta se împlinește": both ends are free days, so the act
        # may still be done on the day after the n-th day.
        counted_end = event + timedelta(days=length.value)
        end = counted_end + timedelta(days=1)
        steps.append(
            f"CPP art. 269(2): neither the day the term starts, {fmt(event)}, nor the day it is "
            f"fulfilled counts; the {length.words()} run to {fmt(counted_end)}, so the last day "
            f"is {fmt(end)}."
        )
    elif length.unit == "m":
        end = add_calendar(event, length)
        steps.append(period_end_step(event, length, end, "CPP art. 269(3):"))
    else:
        end = add_calendar(event, length)
        steps.append(period_end_step(event, length, end, "CPP art. 269 (weeks, by art. 269(3)):"))
        later = add_calendar(event, length) + timedelta(days=1)
        # Art. 269 regulates hours, days, months and years only; weeks can be read like months
        # (same weekday) or as 7n free days (one day later). The earlier reading is chosen.
        steps.append(
            f"Art. 269 does not regulate weeks: read as {length.value * 7} free days the last day "
            f"would be {fmt(later)}; the earlier reading ({fmt(end)}) is used."
        )
    end, rolled = roll_forward(end, calendar, "CPP art. 269(4)")
    steps += rolled
    if _overlaps(event, end, ((7, 1), (8, 31))):
        steps.append(
            "The term runs through the courts' vacation (1 July-31 August); its effect on time "
            "limits is not verified and it is not applied (the earlier reading)."
        )
    return Counted(end, tuple(steps))


def _exclusive_start(article_count: str, article_roll: str) -> DayCounter:
    """Day of the event not counted, last day counted, a closed last day moves on."""

    def counter(event: date, length: Length, calendar: WorkCalendar) -> Counted:
        end = add_calendar(event, length)
        steps = [period_end_step(event, length, end, f"{article_count}:")]
        end, rolled = roll_forward(end, calendar, article_roll)
        return Counted(end, (*steps, *rolled))

    return counter


_germany_count = _exclusive_start("StPO § 42 (days) / § 43(1) (weeks, months)", "StPO § 43(2)")


def germany(event: date, length: Length, calendar: WorkCalendar) -> Counted:
    counted = _germany_count(event, length, calendar)
    if calendar.place.subdivision is None:
        # "allgemeiner Feiertag" is Land law; without a Land only nationwide holidays are known,
        # which can only make the deadline earlier.
        note = (
            "No Land given: only nationwide public holidays are used; a Land holiday could end "
            "the term later (the earlier reading)."
        )
        return Counted(counted.due_date, (*counted.steps, note))
    return counted


_france_count = _exclusive_start(
    "CPP art. 801 (day of the event not counted, per practice; ends on the last day at 24:00)",
    "CPP art. 801",
)


def france(event: date, length: Length, calendar: WorkCalendar) -> Counted:
    counted = _france_count(event, length, calendar)
    if counted.due_date >= date(2029, 1, 1):
        note = (
            "The new CPP (Ordonnance 2025-1091, arts. L1322-1 to L1322-6) is expected to apply "
            "from 1 January 2029; art. 801 is applied here. Check the rule in force."
        )
        return Counted(counted.due_date, (*counted.steps, note))
    return counted


def italy(event: date, length: Length, calendar: WorkCalendar) -> Counted:
    end = add_calendar(event, length)
    steps = [
        period_end_step(event, length, end, "c.p.p. art. 172 (common calendar; last day counted):")
    ]
    if length.unit == "d":
        # Art. 172(3): a term "stabilito a giorni" ending on a giorno festivo is extended to the
        # next day that is not festivo; Saturday is not festivo (Cass. pen. II 13505/2018).
        end, rolled = roll_forward(end, calendar, "c.p.p. art. 172(3)")
        steps += rolled
    elif calendar.closed(end) is not None:
        steps.append(
            f"{fmt(end)} is a Sunday or public holiday; art. 172(3) extends only terms set in "
            "days, so this term is not extended (the earlier reading)."
        )
    if _overlaps(event, end, ((8, 1), (8, 31))):
        steps.append(
            "The term runs through August: the summer suspension (L. 742/1969 art. 1) has "
            "criminal exceptions and is not applied (the earlier reading)."
        )
    return Counted(end, tuple(steps))


_austria_count = _exclusive_start("StPO § 84 (the starting day does not count)", "StPO § 84")


def spain(event: date, length: Length, calendar: WorkCalendar) -> Counted:
    steps: list[str] = []
    if length.unit == "d":
        # LOPJ art. 185.1: in terms set in days the días inhábiles (art. 182.1: Saturdays,
        # Sundays, national and regional holidays) are excluded; CC art. 5.1: the first day
        # does not count. So the term is counted in working days.
        end, counted, skipped = event, 0, []
        while counted < length.value:
            end += timedelta(days=1)
            reason = calendar.closed(end)
            if reason is None:
                counted += 1
            else:
                skipped.append(f"{end.isoformat()} {reason}")
        steps.append(
            f"LOPJ art. 185.1 and CC art. 5.1: the day of the event, {fmt(event)}, is not counted "
            f"and días inhábiles are excluded; working day {length.value} is {fmt(end)}."
        )
        if skipped:
            steps.append("Días inhábiles skipped (LOPJ art. 182.1): " + ", ".join(skipped) + ".")
    else:
        end = add_calendar(event, length)
        label = "CC art. 5.1 (de fecha a fecha):"
        if length.unit == "w":
            label = "Weeks read as calendar days (CC art. 5.1 knows days, months, years):"
        steps.append(period_end_step(event, length, end, label))
        end, rolled = roll_forward(end, calendar, "LOPJ art. 185.2")
        steps += rolled
    if _overlaps(event, end, ((8, 1), (8, 31))) or _overlaps(event, end, ((12, 24), (1, 6))):
        steps.append(
            "August and 24 December-6 January are not excluded: LOPJ art. 184 makes every day "
            "hábil for the criminal instrucción (the earlier reading)."
        )
    return Counted(end, tuple(steps))


_hungary_count = _exclusive_start(
    "Be. (Act XC of 2017; section not verified): start day not counted", "Be. (next working day)"
)


def netherlands(event: date, length: Length, calendar: WorkCalendar) -> Counted:
    end = add_calendar(event, length)
    steps = [period_end_step(event, length, end, "Netherlands (start day rule not verified):")]
    too_long = {"d": 90, "w": 12, "m": 3}[length.unit] < length.value
    if too_long:
        # The Atw does not apply to terms longer than 90 days, 12 weeks or 3 months (reference
        # §6.2, [V/S]; the article number was not retrieved).
        steps.append("The Algemene termijnenwet does not apply to terms this long; not extended.")
        return Counted(end, tuple(steps))
    end, rolled = roll_forward(end, calendar, "Algemene termijnenwet art. 1")
    steps += rolled
    if (end - event).days >= 3:
        end, extended = ensure_two_working_days(event, end, calendar, "Atw art. 2")
        steps += extended
    return Counted(end, tuple(steps))


_NOWHERE = Place("", None, "UTC")

# Verification marks follow legal-deadlines.md §6.2: HU's section number and NL's start-day rule
# rest on secondary or unverified sources; the others were read in the legal text.
NATIONAL_METHODS: dict[str, NationalMethod] = {
    "RO": NationalMethod(
        "ro-cpp-269", "CPP (Law 135/2010) art. 269", "verified", romania, WorkCalendar(_NOWHERE)
    ),
    "DE": NationalMethod(
        "de-stpo-42-43", "StPO §§ 42-43", "verified", germany, WorkCalendar(_NOWHERE)
    ),
    "FR": NationalMethod("fr-cpp-801", "CPP art. 801", "verified", france, WorkCalendar(_NOWHERE)),
    "IT": NationalMethod(
        "it-cpp-172",
        "c.p.p. art. 172",
        "verified",
        italy,
        WorkCalendar(_NOWHERE, saturday_closed=False, decreed_saturdays_worked=True),
    ),
    "AT": NationalMethod(
        "at-stpo-84",
        "StPO § 84",
        "verified",
        _austria_count,
        WorkCalendar(_NOWHERE, good_friday=True),
    ),
    "ES": NationalMethod(
        "es-lopj-185", "LOPJ arts. 182-185; CC art. 5", "verified", spain, WorkCalendar(_NOWHERE)
    ),
    "HU": NationalMethod(
        "hu-be",
        "Act XC of 2017 on criminal procedure (Be.)",
        "secondary",
        _hungary_count,
        WorkCalendar(_NOWHERE, decreed_saturdays_worked=True),
    ),
    "NL": NationalMethod(
        "nl-atw",
        "Algemene termijnenwet (Atw) arts. 1-3",
        "secondary",
        netherlands,
        WorkCalendar(_NOWHERE),
    ),
}
