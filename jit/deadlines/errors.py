"""Typed errors of the deadline engine. Pure: imports nothing outside the standard library.

Each error carries the valid choices as data (``choices``) so that views and the CLI can show them
without parsing the message; the message lists them too, in English, for logs and scripts.
"""

from collections.abc import Iterable


class DeadlineError(ValueError):
    """Base class: the request cannot be turned into a deadline."""

    choices: tuple[str, ...]

    def __init__(self, message: str, choices: Iterable[str] = ()) -> None:
        self.choices = tuple(choices)
        if self.choices:
            message = f"{message}; valid choices: {', '.join(self.choices)}"
        super().__init__(message)


class UnknownRule(DeadlineError):
    def __init__(self, rule_id: str, choices: Iterable[str]) -> None:
        self.rule_id = rule_id
        super().__init__(f"unknown rule {rule_id!r}", choices)


class UnknownJurisdiction(DeadlineError):
    def __init__(self, jurisdiction: str, choices: Iterable[str]) -> None:
        self.jurisdiction = jurisdiction
        super().__init__(f"unknown jurisdiction {jurisdiction!r}", choices)


class JurisdictionNotAllowed(DeadlineError):
    """The jurisdiction exists but the rule has no meaning there (e.g. a country's own period)."""

    def __init__(self, rule_id: str, jurisdiction: str, choices: Iterable[str]) -> None:
        self.rule_id = rule_id
        self.jurisdiction = jurisdiction
        super().__init__(f"rule {rule_id!r} does not apply in {jurisdiction!r}", choices)


class UnknownSubdivision(DeadlineError):
    def __init__(self, jurisdiction: str, subdivision: str, choices: Iterable[str]) -> None:
        self.jurisdiction = jurisdiction
        self.subdivision = subdivision
        choices = tuple(choices)
        what = "has no subdivisions" if not choices else "has no such subdivision"
        super().__init__(f"{jurisdiction} {what} ({subdivision!r})", choices)


class InvalidLength(DeadlineError):
    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        super().__init__(
            f"invalid length {text!r}: {reason}",
            ("<N>h (hours)", "<N>d (days)", "<N>w (weeks)", "<N>m (months)"),
        )


class LengthNotAllowed(DeadlineError):
    """A length was given for a rule whose length the law fixes."""

    def __init__(self, rule_id: str, fixed: str) -> None:
        self.rule_id = rule_id
        super().__init__(f"rule {rule_id!r} has a fixed length ({fixed}); do not give a length")


class LengthRequired(DeadlineError):
    def __init__(self, rule_id: str) -> None:
        self.rule_id = rule_id
        super().__init__(
            f"rule {rule_id!r} needs a length",
            ("<N>h (hours)", "<N>d (days)", "<N>w (weeks)", "<N>m (months)"),
        )


class InvalidStart(DeadlineError):
    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        super().__init__(
            f"invalid start {text!r}: {reason}",
            ("YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]", "YYYY-MM-DDTHH:MM[:SS]+HH:MM"),
        )


class OutOfCalendarRange(DeadlineError):
    """The computation touches a year for which the engine will not trust the holiday data."""

    def __init__(self, jurisdiction: str, year: int, first: int, last: int) -> None:
        self.jurisdiction = jurisdiction
        self.year = year
        self.first = first
        self.last = last
        super().__init__(
            f"year {year} is outside the calendar covered for {jurisdiction} ({first}-{last})",
            (f"{first}-{last}",),
        )
