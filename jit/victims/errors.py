"""Typed failures of the victims concept. They carry codes, never translated text: the view
translates them in the user's language (STYLE B18)."""

from __future__ import annotations

from jit.documents.leak_check import LeakReport
from jit.victims.rules import ConsentProblem, DisclosureProblem


class VictimNotFound(LookupError):
    """No such record in a team the actor may see (shown as 404)."""


class InvalidVictimData(ValueError):
    def __init__(self, field: str) -> None:
        super().__init__(f"invalid {field}")
        self.field = field


class JustificationMissing(ValueError):
    """LED Art. 25(2): a consultation of identity needs a written justification."""


class ReauthenticationRequired(PermissionError):
    """ASVS 7.5.3: the password must have been re-entered within the last minutes."""


class StatementRejected(ValueError):
    """The uploaded statement was refused; ``reason`` is shown to the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class DisclosureRefused(ValueError):
    def __init__(self, problems: list[DisclosureProblem]) -> None:
        super().__init__(", ".join(problems))
        self.problems = problems


class ConsentRefused(ValueError):
    """The consent relied upon does not allow the disclosure (conflicted guardian...)."""

    def __init__(self, problems: list[ConsentProblem]) -> None:
        super().__init__(", ".join(problems))
        self.problems = problems


class LeakCheckFailed(RuntimeError):
    """The produced file still holds a known value: nothing is delivered or stored."""

    def __init__(self, report: LeakReport) -> None:
        super().__init__(f"{len(report.leaks)} leaks")
        self.report = report


class ExportUnavailable(RuntimeError):
    """The PDF converter (LibreOffice) is missing or failed."""
