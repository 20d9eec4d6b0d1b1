"""Jurisdictions the engine knows: timezone, subdivisions, covered years.

Pure: no Flask, no database, no system clock. Imports only the standard library and ``holidays``.
"""

from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo

import holidays

from jit.deadlines.errors import (
    OutOfCalendarRange,
    UnknownJurisdiction,
    UnknownSubdivision,
)

# The 27 Member States bound by EU criminal-law instruments, with the IANA zone of the capital.
# Codes are the ISO 3166-1 codes used by the ``holidays`` package (Greece is GR, not EU "EL").
EU_MEMBER_STATES: dict[str, str] = {
    "AT": "Europe/Vienna",
    "BE": "Europe/Brussels",
    "BG": "Europe/Sofia",
    "CY": "Asia/Nicosia",
    "CZ": "Europe/Prague",
    "DE": "Europe/Berlin",
    "DK": "Europe/Copenhagen",
    "EE": "Europe/Tallinn",
    "ES": "Europe/Madrid",
    "FI": "Europe/Helsinki",
    "FR": "Europe/Paris",
    "GR": "Europe/Athens",
    "HR": "Europe/Zagreb",
    "HU": "Europe/Budapest",
    "IE": "Europe/Dublin",
    "IT": "Europe/Rome",
    "LT": "Europe/Vilnius",
    "LU": "Europe/Luxembourg",
    "LV": "Europe/Riga",
    "MT": "Europe/Malta",
    "NL": "Europe/Amsterdam",
    "PL": "Europe/Warsaw",
    "PT": "Europe/Lisbon",
    "RO": "Europe/Bucharest",
    "SE": "Europe/Stockholm",
    "SI": "Europe/Ljubljana",
    "SK": "Europe/Bratislava",
}

# Third States that often take part in JITs against trafficking (JIT agreements and victims'
# periods only: EU instruments do not bind them).
PARTNER_STATES: dict[str, str] = {
    "CH": "Europe/Zurich",
    "GB": "Europe/London",
    "MD": "Europe/Chisinau",
    "NO": "Europe/Oslo",
    "RS": "Europe/Belgrade",
    "UA": "Europe/Kyiv",
}

ALL_JURISDICTIONS: dict[str, str] = {**EU_MEMBER_STATES, **PARTNER_STATES}

# Subdivisions that are not on the capital's clock: the deadline is "in the jurisdiction's own
# timezone" (DESIGN §6), and the Canaries, Azores, Madeira and French overseas lie elsewhere.
SUBDIVISION_TIMEZONES: dict[tuple[str, str], str] = {
    ("ES", "CN"): "Atlantic/Canary",
    ("PT", "20"): "Atlantic/Azores",
    ("PT", "30"): "Atlantic/Madeira",
    ("FR", "971"): "America/Guadeloupe",
    ("FR", "972"): "America/Martinique",
    ("FR", "973"): "America/Cayenne",
    ("FR", "974"): "Indian/Reunion",
    ("FR", "976"): "Indian/Mayotte",
    ("FR", "BL"): "America/St_Barthelemy",
    ("FR", "MF"): "America/Marigot",
    ("FR", "NC"): "Pacific/Noumea",
    ("FR", "PF"): "Pacific/Tahiti",
    ("FR", "PM"): "America/Miquelon",
    ("FR", "TF"): "Indian/Kerguelen",
    ("FR", "WF"): "Pacific/Wallis",
    ("GB", "NIR"): "Europe/London",
}

# Covered years (docs/decisions/deadlines-calendar-range.md): the engine encodes today's counting
# rules and today's holiday laws, so it refuses years before 2000 and after 2040 (a calendar that
# far out is a projection, and such a year is more likely a typo than a real deadline), and any
# year the ``holidays`` package itself does not cover for the country (e.g. Spain before 2008).
FIRST_COVERED_YEAR = 2000
LAST_COVERED_YEAR = 2040


@dataclass(frozen=True)
class Place:
    """A validated jurisdiction (+ optional subdivision) and its clock."""

    jurisdiction: str
    subdivision: str | None
    timezone: str

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@cache
def _holiday_meta(jurisdiction: str) -> tuple[tuple[str, ...], dict[str, str], int, int]:
    """Subdivision codes, alias -> code, and year range of the ``holidays`` entity."""
    entity = holidays.country_holidays(jurisdiction)
    aliases = dict(getattr(entity, "subdivisions_aliases", {}) or {})
    return tuple(entity.subdivisions), aliases, int(entity.start_year), int(entity.end_year)


def covered_years(jurisdiction: str) -> tuple[int, int]:
    """First and last year whose calendar the engine trusts for this jurisdiction."""
    _, _, start_year, end_year = _holiday_meta(jurisdiction)
    return max(FIRST_COVERED_YEAR, start_year), min(LAST_COVERED_YEAR, end_year)


def check_year(jurisdiction: str, year: int) -> None:
    first, last = covered_years(jurisdiction)
    if not first <= year <= last:
        raise OutOfCalendarRange(jurisdiction, year, first, last)


def resolve_place(jurisdiction: str, subdivision: str | None) -> Place:
    """Validate a jurisdiction code and subdivision; raise with the valid choices."""
    code = jurisdiction.strip().upper()
    if code not in ALL_JURISDICTIONS:
        raise UnknownJurisdiction(jurisdiction, sorted(ALL_JURISDICTIONS))
    subdiv = None
    if subdivision is not None and subdivision.strip():
        subdiv = _canonical_subdivision(code, subdivision.strip())
    zone = SUBDIVISION_TIMEZONES.get((code, subdiv or ""), ALL_JURISDICTIONS[code])
    return Place(code, subdiv, zone)


def _canonical_subdivision(code: str, given: str) -> str:
    subdivisions, aliases, _, _ = _holiday_meta(code)
    by_fold = {name.casefold(): name for name in subdivisions}
    if given.casefold() in by_fold:
        return by_fold[given.casefold()]
    alias_by_fold = {alias.casefold(): target for alias, target in aliases.items()}
    if given.casefold() in alias_by_fold:
        return alias_by_fold[given.casefold()]
    raise UnknownSubdivision(code, given, subdivisions)
