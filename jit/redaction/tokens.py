"""Replacement tokens that stay the same for the same person across the documents of a case.

Pure: stdlib only. Tokens are plain ASCII in square brackets (``[V1]``, ``[V1-GUARDIAN]``,
``[PHONE]``) because text is redacted *before* machine translation (issue 6 point 5): MT
engines copy such bracketed ASCII through unchanged, so the translation keeps the tokens.

The map is keyed by the caller's stable person key (the victim record's pseudonym, e.g.
``V-RO-2025-0007``), never by a name, so storing it with the case stores no identity.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from jit.redaction.spans import EntityKind


class Role(StrEnum):
    VICTIM = "victim"
    GUARDIAN = "guardian"
    RELATIVE = "relative"
    # Anyone else whose identity must not travel (a witness, a foster parent...).
    OTHER = "other"


CATEGORY_TOKENS: dict[EntityKind, str] = {
    EntityKind.DATE_OF_BIRTH: "[DOB]",
    EntityKind.ADDRESS: "[ADDRESS]",
    EntityKind.NATIONAL_ID: "[ID]",
    EntityKind.IBAN: "[IBAN]",
    EntityKind.PHONE: "[PHONE]",
    EntityKind.EMAIL: "[EMAIL]",
    EntityKind.OTHER: "[REDACTED]",
}

_FORMAT_VERSION = 1


class TokenMapError(ValueError):
    """The serialised token map is malformed or inconsistent."""


@dataclass
class TokenMap:
    """Person key -> label (``V1``, ``V1-GUARDIAN``, ``P1``); one map per case."""

    labels: dict[str, str] = field(default_factory=dict)

    def label_for(self, key: str, role: Role, related_to: str | None = None) -> str:
        """Return the person's label, allocating the next free one on first sight."""
        existing = self.labels.get(key)
        if existing is not None:
            return existing
        if role is Role.VICTIM:
            label = self._next(lambda n: f"V{n}")
        elif role in (Role.GUARDIAN, Role.RELATIVE) and related_to is not None:
            # A guardian is named after the child: the reader of a disclosure must see whose
            # guardian acted, without learning who either of them is.
            victim = self.labels.get(related_to)
            if victim is None:
                raise TokenMapError("a guardian or relative needs its victim labelled first")
            base = f"{victim}-{role.value.upper()}"
            label = self._next(lambda n: base if n == 1 else f"{base}-{n}")
        else:
            label = self._next(lambda n: f"P{n}")
        self.labels[key] = label
        return label

    def _next(self, make: Callable[[int], str]) -> str:
        taken = set(self.labels.values())
        number = 1
        while make(number) in taken:
            number += 1
        return make(number)

    def to_json(self) -> str:
        return json.dumps({"version": _FORMAT_VERSION, "labels": self.labels}, sort_keys=True)

    @classmethod
    def from_json(cls, data: str) -> "TokenMap":
        try:
            raw = json.loads(data)
        except json.JSONDecodeError as error:
            raise TokenMapError(f"token map is not JSON: {error.msg}") from None
        if not isinstance(raw, dict) or raw.get("version") != _FORMAT_VERSION:
            raise TokenMapError("unsupported token map version")
        labels = raw.get("labels")
        if not isinstance(labels, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in labels.items()
        ):
            raise TokenMapError("token map labels must map strings to strings")
        if len(set(labels.values())) != len(labels):
            raise TokenMapError("two people share one label")
        return cls(labels=dict(labels))


def person_token(label: str) -> str:
    return f"[{label}]"
