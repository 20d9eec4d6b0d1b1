"""Working-day calendars built from the ``holidays`` package.

Pure: no Flask, no database, no system clock. Imports only the standard library, ``holidays``,
``dateutil.easter`` (a dependency of ``holidays``) and this package's ``jurisdictions``/``errors``.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

import holidays
from dateutil.easter import easter

from jit.deadlines.jurisdictions import Place, check_year

# The ``holidays`` package names a government-substituted rest day ("bridge day", e.g. Hungary's
# "áthelyezett pihenőnap") with this English prefix; it is not a statutory public holiday.
_SUBSTITUTED_PREFIX = "Day off (substituted"


@cache
def _entity(jurisdiction: str, subdivision: str | None) -> holidays.HolidayBase:
    probe = holidays.country_holidays(jurisdiction)
    language = "en_US" if "en_US" in (probe.supported_languages or ()) else None
    return holidays.country_holidays(
        jurisdiction, subdiv=subdivision, language=language, categories=("public",)
    )


def holiday_package_version() -> str:
    return str(getattr(holidays, "__version__", "unknown"))


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are not working days for one counting method in one place.

    ``saturday_closed``: False only for Italian criminal procedure (c.p.p. art. 172; Cass. pen. II
    13505/2018: Saturday is not a *giorno festivo*). ``good_friday``: Austrian StPO § 84 lists
    Karfreitag beside the statutory holidays. ``work_schedule``: follow government-decreed
    bridge days and working Saturdays (Hungary, Latvia, ...) instead of the statutory list only.
    """

    place: Place
    saturday_closed: bool = True
    good_friday: bool = False
    work_schedule: bool = False
    decreed_saturdays_worked: bool = False

    def closed(self, day: date) -> str | None:
        """Why ``day`` is not a working day, or None if it is one."""
        return _closed(self, day)

    def _reason(self, day: date) -> str | None:
        check_year(self.place.jurisdiction, day.year)
        entity = _entity(self.place.jurisdiction, self.place.subdivision)
        names = [name for name in (entity.get(day) or "").split("; ") if name]
        if not self.work_schedule:
            names = [name for name in names if not name.startswith(_SUBSTITUTED_PREFIX)]
        if self.good_friday and day == easter(day.year) - timedelta(days=2):
            names = [*names, "Good Friday (StPO § 84)"] if "Good Friday" not in names else names
        if names:
            return f"public holiday in {self._where()}: {'; '.join(names)}"
        weekday = day.weekday()
        if weekday == 6:
            return "Sunday"
        if weekday == 5 and self.saturday_closed:
            worked = self.work_schedule and self.decreed_saturdays_worked
            if not (worked and day in entity.weekend_workdays):
                return "Saturday"
        return None

    def _where(self) -> str:
        if self.place.subdivision:
            return f"{self.place.jurisdiction}-{self.place.subdivision}"
        return self.place.jurisdiction


@lru_cache(maxsize=1 << 16)
def _closed(calendar: WorkCalendar, day: date) -> str | None:
    # The holiday tables are immutable once built, so answers can be memoised: the engine asks
    # the same days again and again (rolling forward, Art. 3(5), several readings).
    return calendar._reason(day)


def readings(calendar: WorkCalendar) -> tuple[WorkCalendar, ...]:
    """The calendar readings to compare: one, or two where the government moves days.

    Whether a decreed bridge day counts as a "public holiday" (Reg. 1182/71 Art. 2(1)) or makes a
    day "non-working" under national law is not settled in our sources, so both are computed and
    the earlier deadline is chosen (DESIGN §6; docs/decisions/deadlines-earlier-reading.md).
    """
    entity = _entity(calendar.place.jurisdiction, calendar.place.subdivision)
    if not getattr(entity, "has_substituted_holidays", False):
        return (calendar,)
    schedule = WorkCalendar(
        calendar.place,
        saturday_closed=calendar.saturday_closed,
        good_friday=calendar.good_friday,
        work_schedule=True,
        decreed_saturdays_worked=calendar.decreed_saturdays_worked,
    )
    return (calendar, schedule)
