"""The life of a request: allowed steps, their dates, and the deadline events they emit.

Pure: no Flask, no database, no clock (``today`` is passed in).

draft → issued → transmitted → received → acknowledged (Annex B) → recognised → executed,
or refused (by the executing authority, once it has the request) / withdrawn (by the issuing
authority, at any point before the end). For an outgoing request the issuing side learns the
date of receipt only from the Annex B acknowledgement (Art. 16(1) Directive 2014/41/EU), so the
receipt is recorded together with the acknowledgement, dated as Annex B says.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date


class Status(enum.StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    TRANSMITTED = "transmitted"
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    RECOGNISED = "recognised"
    EXECUTED = "executed"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


FINAL = frozenset({Status.EXECUTED, Status.REFUSED, Status.WITHDRAWN})

#: Status -> the steps that may follow it (for either direction; see plan_step for the rest).
NEXT: dict[Status, tuple[Status, ...]] = {
    Status.DRAFT: (Status.ISSUED, Status.RECEIVED, Status.WITHDRAWN),
    Status.ISSUED: (Status.TRANSMITTED, Status.WITHDRAWN),
    Status.TRANSMITTED: (Status.RECEIVED, Status.ACKNOWLEDGED, Status.REFUSED, Status.WITHDRAWN),
    Status.RECEIVED: (Status.ACKNOWLEDGED, Status.RECOGNISED, Status.REFUSED, Status.WITHDRAWN),
    Status.ACKNOWLEDGED: (Status.RECOGNISED, Status.REFUSED, Status.WITHDRAWN),
    Status.RECOGNISED: (Status.EXECUTED, Status.REFUSED, Status.WITHDRAWN),
    Status.EXECUTED: (),
    Status.REFUSED: (),
    Status.WITHDRAWN: (),
}

#: (instrument family, step) -> event name of jit.deadlines.events. Steps without an entry start
#: or meet no deadline (the MLA letter and the JIT agreement have no time limits of their own).
EVENTS: dict[tuple[str, Status], str] = {
    ("eio", Status.RECEIVED): "eio.received",
    ("eio", Status.ACKNOWLEDGED): "eio.acknowledged",
    ("eio", Status.RECOGNISED): "eio.recognised",
    ("eio", Status.EXECUTED): "eio.executed",
    # EAW: recognition is the final decision on surrender (FD 2002/584 Art. 17), execution the
    # surrender itself (Art. 23).
    ("eaw", Status.RECOGNISED): "eaw.final_decision",
    ("eaw", Status.EXECUTED): "eaw.surrendered",
    ("epoc", Status.RECEIVED): "epoc.received",
    ("epoc", Status.EXECUTED): "epoc.produced",
    ("epoc-pr", Status.RECEIVED): "epocpr.received",
    ("confiscation-certificate", Status.RECEIVED): "confiscation.received",
    ("confiscation-certificate", Status.RECOGNISED): "confiscation.decided",
    ("freezing-certificate", Status.EXECUTED): "freezing.executed",
}


class StepRefused(ValueError):
    """A step that the lifecycle does not allow; ``code`` is a message code for the UI."""

    def __init__(self, code: str, current: Status, step: Status, allowed: tuple[Status, ...]):
        super().__init__(f"{code}: cannot go from {current} to {step}")
        self.code = code
        self.current = current
        self.step = step
        self.allowed = allowed


@dataclass(frozen=True)
class PlannedStep:
    status: Status
    on: date


def allowed_steps(current: Status, *, outgoing: bool) -> tuple[Status, ...]:
    steps = NEXT[current]
    if outgoing:
        # The issuing side never receives its own request; the receipt comes with Annex B.
        steps = tuple(s for s in steps if s is not Status.RECEIVED)
    else:
        # An incoming request arrives already issued and transmitted by the other State.
        steps = tuple(s for s in steps if s not in (Status.ISSUED, Status.TRANSMITTED))
        if current is Status.DRAFT:
            steps = tuple(s for s in steps if s is not Status.WITHDRAWN)
    return steps


def plan_step(
    current: Status,
    step: Status,
    on: date,
    *,
    outgoing: bool,
    last_date: date | None,
    today: date,
    received_on: date | None = None,
) -> list[PlannedStep]:
    """The steps to record (one, or receipt + acknowledgement), or StepRefused with a code."""
    allowed = allowed_steps(current, outgoing=outgoing)
    if current in FINAL:
        raise StepRefused("final", current, step, allowed)
    if step not in allowed:
        raise StepRefused("not_allowed", current, step, allowed)
    if on > today:
        raise StepRefused("future_date", current, step, allowed)
    if last_date is not None and on < last_date:
        raise StepRefused("before_previous", current, step, allowed)
    if step is Status.ACKNOWLEDGED and current is Status.TRANSMITTED:
        # Outgoing: Annex B gives the date of receipt; without it no deadline can be counted.
        if received_on is None:
            raise StepRefused("receipt_date_missing", current, step, allowed)
        if received_on > on or (last_date is not None and received_on < last_date):
            raise StepRefused("receipt_date_invalid", current, step, allowed)
        return [PlannedStep(Status.RECEIVED, received_on), PlannedStep(Status.ACKNOWLEDGED, on)]
    return [PlannedStep(step, on)]


def event_name(instrument: str, step: Status) -> str | None:
    return EVENTS.get((instrument, step))
