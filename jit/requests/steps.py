"""Lifecycle statuses and refusals in the user's language (web and API layer)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from jit.requests.lifecycle import Status, StepRefused

STATUS_LABELS: Mapping[Status, Any] = {
    Status.DRAFT: _l("Draft"),
    Status.ISSUED: _l("Issued"),
    Status.TRANSMITTED: _l("Transmitted"),
    Status.RECEIVED: _l("Received by the executing authority"),
    Status.ACKNOWLEDGED: _l("Receipt acknowledged (Annex B)"),
    Status.RECOGNISED: _l("Recognised"),
    Status.EXECUTED: _l("Executed"),
    Status.REFUSED: _l("Refused"),
    Status.WITHDRAWN: _l("Withdrawn"),
}

REFUSALS: Mapping[str, Any] = {
    "final": _l("The request is %(current)s; no further step can be recorded."),
    "not_allowed": _l(
        "A request that is %(current)s cannot become %(step)s. Possible next steps: %(allowed)s."
    ),
    "future_date": _l("The date of a step cannot be in the future."),
    "before_previous": _l("The date of a step cannot be earlier than the previous step."),
    "receipt_date_missing": _l(
        "Give the date of receipt stated in the Annex B acknowledgement: it starts the deadlines."
    ),
    "receipt_date_invalid": _l(
        "The date of receipt must lie between the transmission and the acknowledgement."
    ),
}


def step_refusal(exc: StepRefused) -> str:
    allowed = ", ".join(str(STATUS_LABELS[s]) for s in exc.allowed) or _("none")
    text: str = str(REFUSALS[exc.code]) % {
        "current": str(STATUS_LABELS[exc.current]).lower(),
        "step": str(STATUS_LABELS[exc.step]).lower(),
        "allowed": allowed,
    }
    return text
