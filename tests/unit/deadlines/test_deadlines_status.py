"""Pure status, buckets, reminder kinds and the lifecycle-event table (no database, no clock)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from jit.deadlines import all_rules
from jit.deadlines.events import MEETS, STARTS, LifecycleEvent, UnknownEvent, rules_started_by
from jit.deadlines.models import DeadlineStatus
from jit.deadlines.status import Bucket, bucket, effective_status, reminder_kinds

DUE = datetime(2026, 5, 4, 20, 59, 59, tzinfo=UTC)
OPEN, MET, EXTENDED = DeadlineStatus.OPEN, DeadlineStatus.MET, DeadlineStatus.EXTENDED


@pytest.mark.parametrize(
    ("stored", "now", "status", "where"),
    [
        (OPEN, DUE - timedelta(days=8), OPEN, Bucket.LATER),
        (OPEN, DUE - timedelta(days=7), OPEN, Bucket.DUE_SOON),
        (OPEN, DUE, OPEN, Bucket.DUE_SOON),  # the last instant still counts
        (OPEN, DUE + timedelta(seconds=1), DeadlineStatus.MISSED, Bucket.OVERDUE),
        (MET, DUE + timedelta(days=3), MET, Bucket.CLOSED),
        (EXTENDED, DUE + timedelta(days=3), EXTENDED, Bucket.CLOSED),
    ],
)
def test_status_and_bucket_come_from_the_given_now(
    stored: DeadlineStatus, now: datetime, status: DeadlineStatus, where: Bucket
) -> None:
    assert effective_status(stored, DUE, now) == status
    assert bucket(stored, DUE, now) == where


def test_reminder_kinds() -> None:
    assert reminder_kinds("eio.recognition", OPEN, DUE, DUE - timedelta(days=3)) == ["due_soon"]
    assert reminder_kinds("eio.recognition", OPEN, DUE, DUE + timedelta(hours=1)) == ["overdue"]
    assert reminder_kinds("eio.recognition", MET, DUE, DUE + timedelta(hours=1)) == []
    end = "jit.agreement_end"
    assert reminder_kinds(end, OPEN, DUE, DUE - timedelta(days=61)) == []
    assert reminder_kinds(end, OPEN, DUE, DUE - timedelta(days=45)) == ["agreement_60"]
    assert reminder_kinds(end, OPEN, DUE, DUE - timedelta(days=20)) == [
        "agreement_60",
        "agreement_30",
    ]


def test_every_rule_of_the_event_table_is_in_the_catalog() -> None:
    rules = all_rules()
    for name, started in STARTS.items():
        for rule in started:
            assert rule in rules or rule == "victim.reflection", name
    for name, met in MEETS.items():
        assert all(rule in rules for rule in met), name


def test_reflection_period_is_the_countrys_own_or_the_minimum() -> None:
    def event(country: str) -> LifecycleEvent:
        return LifecycleEvent(
            "victim.reflection_granted", 1, date(2026, 1, 5), country, "victim", "V-1"
        )

    assert rules_started_by(event("ro")) == ("victim.reflection.RO",)
    assert rules_started_by(event("HU")) == ("victim.reflection.minimum",)
    with pytest.raises(UnknownEvent) as error:
        rules_started_by(LifecycleEvent("eio.sent", 1, date(2026, 1, 5), "RO", "request", "1"))
    assert "eio.received" in error.value.choices
