"""The identity register of a victim and of a guardian or relative, and their mapping onto the
redaction engine's ``KnownPerson``.

Pure: stdlib and jit.redaction. These values are sealed before they touch the database and
are shown only after a justified, re-authenticated reveal.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from jit.redaction.known import KnownPerson
from jit.redaction.tokens import Role


@dataclass(frozen=True)
class Identity:
    names: tuple[str, ...] = ()  # full legal names, e.g. "Alexandra-Ioana DUMITRU"
    aliases: tuple[str, ...] = ()  # aliases and nicknames
    date_of_birth: date | None = None
    national_id: str = ""
    nationality: str = ""
    addresses: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()  # phone numbers, e-mail addresses, handles

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["date_of_birth"] = self.date_of_birth.isoformat() if self.date_of_birth else None
        for key in ("names", "aliases", "addresses", "contacts"):
            data[key] = list(data[key])
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Identity:
        dob = data.get("date_of_birth")
        return cls(
            names=tuple(data.get("names", ())),
            aliases=tuple(data.get("aliases", ())),
            date_of_birth=date.fromisoformat(dob) if dob else None,
            national_id=str(data.get("national_id", "")),
            nationality=str(data.get("nationality", "")),
            addresses=tuple(data.get("addresses", ())),
            contacts=tuple(data.get("contacts", ())),
        )

    def identifiers(self) -> tuple[str, ...]:
        return tuple(v for v in (self.national_id, *self.contacts) if v.strip())


@dataclass(frozen=True)
class RelationIdentity:
    names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "names": list(self.names),
            "aliases": list(self.aliases),
            "addresses": list(self.addresses),
            "contacts": list(self.contacts),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RelationIdentity:
        return cls(
            names=tuple(data.get("names", ())),
            aliases=tuple(data.get("aliases", ())),
            addresses=tuple(data.get("addresses", ())),
            contacts=tuple(data.get("contacts", ())),
        )


def victim_person(pseudonym: str, identity: Identity) -> KnownPerson:
    """The victim as the redactor sees it; keyed by the pseudonym, never by a name."""
    return KnownPerson(
        key=pseudonym,
        role=Role.VICTIM,
        names=identity.names,
        aliases=identity.aliases,
        date_of_birth=identity.date_of_birth,
        addresses=identity.addresses,
        identifiers=identity.identifiers(),
    )


def relation_person(
    pseudonym: str, relation_id: int, guardian: bool, identity: RelationIdentity
) -> KnownPerson:
    return KnownPerson(
        key=f"{pseudonym}-R{relation_id}",
        role=Role.GUARDIAN if guardian else Role.RELATIVE,
        names=identity.names,
        aliases=identity.aliases,
        addresses=identity.addresses,
        identifiers=tuple(c for c in identity.contacts if c.strip()),
        related_to=pseudonym,
    )


def split_lines(raw: str) -> tuple[str, ...]:
    """Form input: one value per line, blanks dropped, surrounding space removed."""
    return tuple(line.strip() for line in raw.splitlines() if line.strip())
