"""Legal deadlines: rule catalog and pure counting engine (DESIGN §6, issue 4).

Pure: no Flask, no database, no system clock in any module; ``cli.py`` also imports click (never
flask). ``models``/``service``/``views`` are added by the integrator.
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
