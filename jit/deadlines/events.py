"""Which lifecycle events start (or satisfy) which deadlines: the contract with `requests`.

Pure data and lookups: no Flask, no database, no clock. The requests capability calls
`jit.deadlines.service.on_event` with a `LifecycleEvent`; the rules named here are computed in
the event's jurisdiction, which for EU instruments is the State where the act is to be done.

| event                         | starts                        | legal basis                  |
| ----------------------------- | ----------------------------- | ---------------------------- |
| eio.received                  | eio.acknowledge               | Dir. 2014/41 Art. 16(1)      |
|                               | eio.recognition               | Dir. 2014/41 Art. 12(3)      |
| eio.provisional_measure_asked | eio.provisional_measure       | Dir. 2014/41 Art. 32(2)      |
| eio.interception_notified     | eio.interception_objection    | Dir. 2014/41 Art. 31(3)      |
| eio.recognised                | eio.execution                 | Dir. 2014/41 Art. 12(4)      |
| eaw.arrested                  | eaw.decision                  | FD 2002/584 Art. 17(3)       |
| eaw.consented                 | eaw.decision.consent          | FD 2002/584 Art. 17(2)       |
| eaw.final_decision            | eaw.surrender                 | FD 2002/584 Art. 23(2)       |
| eaw.new_surrender_date        | eaw.surrender.new_date        | FD 2002/584 Art. 23(3)-(4)   |
| epoc.received                 | epoc.production               | Reg. 2023/1543 Art. 10(2)-(3)|
| epoc.emergency_received       | epoc.emergency                | Reg. 2023/1543 Art. 10(4)    |
| epocpr.received               | epocpr.preservation           | Reg. 2023/1543 Art. 11(1)    |
| freezing.urgent_received      | freezing.recognition.urgent   | Reg. 2018/1805 Art. 9(3)     |
| freezing.urgent_recognised    | freezing.execution.urgent     | Reg. 2018/1805 Art. 9(3)     |
| confiscation.received         | confiscation.decision         | Reg. 2018/1805 Art. 20(1)    |
| victim.reflection_granted     | victim.reflection.<CC>        | national law; CETS 197 13(1) |

`victim.reflection.<CC>` is the country's own period, or `.minimum` where none is catalogued.
Events that record the required act also mark the matching open deadlines of the same object as
met (`MEETS`), e.g. "eio.recognised" meets the recognition deadline and its extension.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from jit.deadlines.catalog import all_rules

STARTS: dict[str, tuple[str, ...]] = {
    "eio.received": ("eio.acknowledge", "eio.recognition"),
    "eio.provisional_measure_asked": ("eio.provisional_measure",),
    "eio.interception_notified": ("eio.interception_objection",),
    "eio.recognised": ("eio.execution",),
    "eaw.arrested": ("eaw.decision",),
    "eaw.consented": ("eaw.decision.consent",),
    "eaw.final_decision": ("eaw.surrender",),
    "eaw.new_surrender_date": ("eaw.surrender.new_date",),
    "epoc.received": ("epoc.production",),
    "epoc.emergency_received": ("epoc.emergency",),
    "epocpr.received": ("epocpr.preservation",),
    "freezing.urgent_received": ("freezing.recognition.urgent",),
    "freezing.urgent_recognised": ("freezing.execution.urgent",),
    "confiscation.received": ("confiscation.decision",),
    "victim.reflection_granted": ("victim.reflection",),  # resolved per country below
}

MEETS: dict[str, tuple[str, ...]] = {
    "eio.acknowledged": ("eio.acknowledge",),
    "eio.recognised": ("eio.recognition", "eio.recognition.extended"),
    "eio.provisional_measure_decided": ("eio.provisional_measure",),
    "eio.executed": ("eio.execution",),
    "eaw.final_decision": (
        "eaw.decision",
        "eaw.decision.extended",
        "eaw.decision.consent",
        "eaw.decision.consent.extended",
    ),
    "eaw.surrendered": ("eaw.surrender", "eaw.surrender.new_date"),
    "eaw.new_surrender_date": ("eaw.surrender",),
    "epoc.produced": ("epoc.production", "epoc.emergency"),
    "epocpr.production_requested": ("epocpr.preservation", "epocpr.extension"),
    "freezing.urgent_recognised": ("freezing.recognition.urgent",),
    "freezing.executed": ("freezing.execution.urgent",),
    "confiscation.decided": ("confiscation.decision",),
}

KNOWN_EVENTS = tuple(sorted(set(STARTS) | set(MEETS)))


class UnknownEvent(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"unknown lifecycle event {name!r}")
        self.name = name
        self.choices = KNOWN_EVENTS


@dataclass(frozen=True)
class LifecycleEvent:
    """Something that happened to a request (or a victim's file) and may start a deadline.

    `jurisdiction` is the State whose calendar applies (where the act is to be done); `owed_by`
    the party that must act (defaults to the jurisdiction). `title` must not name a person: it is
    shown in calendar feeds.
    """

    name: str
    team_id: int
    occurred_at: date | datetime
    jurisdiction: str
    object_type: str
    object_id: str
    owed_by: str | None = None
    subdivision: str | None = None
    title: str = ""


def rules_started_by(event: LifecycleEvent) -> tuple[str, ...]:
    if event.name not in STARTS and event.name not in MEETS:
        raise UnknownEvent(event.name)
    rules = []
    for rule_id in STARTS.get(event.name, ()):
        if rule_id == "victim.reflection":
            # The national period where the victim is (CETS 197 Art. 13(1) sets only a 30-day
            # minimum); that minimum where no national rule is catalogued.
            national = f"victim.reflection.{event.jurisdiction.upper()}"
            rules.append(national if national in all_rules() else "victim.reflection.minimum")
        else:
            rules.append(rule_id)
    return tuple(rules)


def rules_met_by(event_name: str) -> tuple[str, ...]:
    return MEETS.get(event_name, ())
