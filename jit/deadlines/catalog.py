"""The rule catalog: legal deadlines as data (``rules.json``), validated when first loaded.

Pure: no Flask, no database, no system clock. Reads only its own package data file.
"""

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, Literal

from jit.deadlines.errors import UnknownRule
from jit.deadlines.periods import Length, parse_length

Verification = Literal["verified", "secondary", "unverified", "per-jurisdiction"]
Method = Literal["eu-1182/71", "exact-hours", "national", "calendar", "fixed-date"]
CalendarOf = Literal["executing", "issuing", "given"]

_VERIFICATIONS = ("verified", "secondary", "unverified", "per-jurisdiction")
_METHODS = ("eu-1182/71", "exact-hours", "national", "calendar", "fixed-date")
_CALENDARS = ("executing", "issuing", "given")
_JURISDICTION_SETS = ("eu", "national", "any")


@dataclass(frozen=True)
class Rule:
    """One deadline rule. ``length`` None means the caller gives it (the ``national`` rule)."""

    id: str
    length: Length | None
    method: Method
    calendar: CalendarOf
    jurisdictions: str | tuple[str, ...]  # "eu" | "national" | "any" | explicit codes
    source: str
    verification: Verification
    starts_on: str
    description: str
    extends: str | None = None
    in_force_from: date | None = None

    @property
    def verified(self) -> bool:
        return self.verification == "verified"

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "length": None if self.length is None else str(self.length),
            "method": self.method,
            "calendar": self.calendar,
            "jurisdictions": (
                self.jurisdictions
                if isinstance(self.jurisdictions, str)
                else list(self.jurisdictions)
            ),
            "source": self.source,
            "verification": self.verification,
            "verified": self.verified,
            "starts_on": self.starts_on,
            "description": self.description,
            "extends": self.extends,
            "in_force_from": None if self.in_force_from is None else self.in_force_from.isoformat(),
        }


def _choice(raw: dict[str, Any], key: str, allowed: tuple[str, ...]) -> Any:
    value = raw[key]
    if value not in allowed:
        raise ValueError(f"rules.json: {raw['id']}: {key}={value!r} not in {allowed}")
    return value


def _rule(raw: dict[str, Any]) -> Rule:
    jurisdictions = raw["jurisdictions"]
    if isinstance(jurisdictions, list):
        jurisdictions = tuple(jurisdictions)
    elif jurisdictions not in _JURISDICTION_SETS:
        raise ValueError(f"rules.json: {raw['id']}: unknown jurisdiction set {jurisdictions!r}")
    length = raw["length"]
    in_force = raw.get("in_force_from")
    return Rule(
        id=raw["id"],
        length=None if length is None else parse_length(length, allow_zero=True),
        method=_choice(raw, "method", _METHODS),
        calendar=_choice(raw, "calendar", _CALENDARS),
        jurisdictions=jurisdictions,
        source=raw["source"],
        verification=_choice(raw, "verification", _VERIFICATIONS),
        starts_on=raw["starts_on"],
        description=raw["description"],
        extends=raw.get("extends"),
        in_force_from=None if in_force is None else date.fromisoformat(in_force),
    )


@cache
def all_rules() -> dict[str, Rule]:
    """Every rule by id, in catalog order."""
    text = resources.files("jit.deadlines").joinpath("rules.json").read_text(encoding="utf-8")
    rules = [_rule(raw) for raw in json.loads(text)["rules"]]
    by_id = {rule.id: rule for rule in rules}
    if len(by_id) != len(rules):
        raise ValueError("rules.json: duplicate rule ids")
    for rule in rules:
        if rule.extends is not None and rule.extends not in by_id:
            raise ValueError(f"rules.json: {rule.id} extends unknown rule {rule.extends}")
    return by_id


def get_rule(rule_id: str) -> Rule:
    try:
        return all_rules()[rule_id]
    except KeyError:
        raise UnknownRule(rule_id, all_rules()) from None
