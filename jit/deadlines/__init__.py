"""Legal deadlines: rule catalog and pure counting engine (DESIGN §6, issue 4), and the portal
side of deadlines.

The engine (catalog, counting, calendars, jurisdictions, national, periods, rules, errors) and
``status``/``events``/``ical`` are pure: no Flask, no database, no system clock. ``models``,
``service``, ``dashboards``, ``feeds``, ``reminders`` use the database; ``views``, ``api``,
``display`` and ``web`` are the Flask side; ``clock`` is the one reader of the system clock.
This package root imports only the pure engine, so ``jit deadlines compute|rules`` need no app.
"""

from jit.deadlines.catalog import Rule, all_rules, get_rule
from jit.deadlines.errors import (
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
)
from jit.deadlines.rules import Deadline, allowed_jurisdictions, compute

__all__ = [
    "Deadline",
    "DeadlineError",
    "InvalidLength",
    "InvalidStart",
    "JurisdictionNotAllowed",
    "LengthNotAllowed",
    "LengthRequired",
    "OutOfCalendarRange",
    "Rule",
    "UnknownJurisdiction",
    "UnknownRule",
    "UnknownSubdivision",
    "all_rules",
    "allowed_jurisdictions",
    "compute",
    "get_rule",
]
