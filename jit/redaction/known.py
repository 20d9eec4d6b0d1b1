"""Known entities handed to the redactor: people from the victim record and loose values.

Pure: stdlib, phonenumbers and python-stdnum. The integrator builds ``KnownPerson``s from the
decrypted victim record (names, aliases, date of birth, addresses, contacts, relatives and
guardians); the CLI builds them from ``--known`` values with ``classify_known_value``.
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from stdnum import iban

from jit.redaction.addresses import looks_like_address
from jit.redaction.normalize import normalize
from jit.redaction.spans import EntityKind
from jit.redaction.tokens import Role


@dataclass(frozen=True)
class KnownPerson:
    """Everything that identifies one person of the case.

    ``key`` is the caller's stable, non-identifying id (the victim pseudonym); ``related_to``
    is the key of the victim a guardian or relative belongs to.
    """

    key: str
    role: Role = Role.VICTIM
    names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    date_of_birth: date | None = None
    addresses: tuple[str, ...] = ()
    # National ids, phone numbers, e-mail addresses, IBANs, social-media handles...
    identifiers: tuple[str, ...] = ()
    related_to: str | None = None


@dataclass(frozen=True)
class KnownValue:
    """A value to remove that belongs to no particular person (``--known`` on the CLI)."""

    value: str
    kind: EntityKind = EntityKind.OTHER


@dataclass(frozen=True)
class KnownEntities:
    people: tuple[KnownPerson, ...] = ()
    values: tuple[KnownValue, ...] = field(default_factory=tuple)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NAME = re.compile(r"[^\W\d_]+(?:['\u2019\s\-.,\u00ad\u200b]+[^\W\d_]+)*\.?", re.UNICODE)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE_CHARS = re.compile(r"\+?[\d\s().\-/]{6,}")


def classify_known_value(value: str) -> KnownValue | date | str:
    """Decide what a ``--known`` value is.

    Returns a ``date`` (YYYY-MM-DD: matched in every format), a ``str`` for a person's name
    (letters only: matched with all name variants), or a ``KnownValue`` with the kind used for
    its token (address, e-mail, phone, IBAN, identifier, other).
    """
    stripped = value.strip()
    if not stripped:
        raise ValueError("an empty --known value would match nothing")
    if _ISO_DATE.fullmatch(stripped):
        return date.fromisoformat(stripped)
    if _NAME.fullmatch(stripped):
        return stripped
    if _EMAIL.fullmatch(stripped):
        return KnownValue(stripped, EntityKind.EMAIL)
    compact = re.sub(r"[\s-]", "", stripped)
    try:
        if iban.is_valid(compact):
            return KnownValue(stripped, EntityKind.IBAN)
    except Exception:  # noqa: S110 - not an IBAN then
        pass
    if looks_like_address(stripped):
        return KnownValue(stripped, EntityKind.ADDRESS)
    if _PHONE_CHARS.fullmatch(stripped) and stripped.lstrip("(").startswith(("+", "0")):
        return KnownValue(stripped, EntityKind.PHONE)
    if any(ch.isdigit() for ch in stripped):
        return KnownValue(stripped, EntityKind.NATIONAL_ID)
    return KnownValue(stripped, EntityKind.OTHER)


def cli_person_key(name: str) -> str:
    """Key for a person named on the command line.

    A hash, so a token map saved by the CLI does not hold the name in clear. It is not a
    secret (names can be guessed and hashed): the file still belongs with the case.
    """
    return "cli-" + hashlib.sha256(normalize(name).encode()).hexdigest()[:16]


def entities_from_cli(values: list[str]) -> KnownEntities:
    """Build entities from ``--known`` values: each name is a person (V1, V2 in order)."""
    people: list[KnownPerson] = []
    loose: list[KnownValue] = []
    dates: list[date] = []
    for value in values:
        classified = classify_known_value(value)
        if isinstance(classified, date):
            dates.append(classified)
        elif isinstance(classified, str):
            people.append(KnownPerson(key=cli_person_key(classified), names=(classified,)))
        else:
            loose.append(classified)
    if dates:
        # A date given alone is treated as a date of birth: it gets the [DOB] token.
        people.append(KnownPerson(key="cli-dates", role=Role.OTHER, date_of_birth=dates[0]))
        for number, extra in enumerate(dates[1:], start=2):
            people.append(
                KnownPerson(key=f"cli-date-{number}", role=Role.OTHER, date_of_birth=extra)
            )
    return KnownEntities(people=tuple(people), values=tuple(loose))
