"""Every catalog rule: its data, and one computed deadline each (RO, event Tue 2026-09-01)."""

from datetime import date

import pytest

from jit.deadlines import all_rules, allowed_jurisdictions, compute, get_rule

START_DAY = "2026-09-01"
START_MOMENT = "2026-09-01T10:00"

# rule id -> (jurisdiction, expected due, ISO). Day periods end 23:59:59 local; RO 2026 holidays:
# 30 Nov and 1 Dec; weekends 31 Oct/1 Nov, 10/11 Oct.
EXPECTED = {
    "eio.acknowledge": ("RO", "2026-09-08T23:59:59+03:00"),
    "eio.recognition": ("RO", "2026-10-01T23:59:59+03:00"),
    "eio.recognition.extended": ("RO", "2026-11-02T23:59:59+02:00"),  # 31 Oct Sat, 1 Nov Sun
    "eio.execution": ("RO", "2026-12-02T23:59:59+02:00"),  # 30 Nov St Andrew, 1 Dec
    "eio.provisional_measure": ("RO", "2026-09-02T10:00:00+03:00"),
    "eio.interception_objection": ("RO", "2026-09-05T10:00:00+03:00"),
    "eaw.decision": ("RO", "2026-11-02T23:59:59+02:00"),
    "eaw.decision.consent": ("RO", "2026-09-11T23:59:59+03:00"),
    "eaw.decision.extended": ("RO", "2026-12-02T23:59:59+02:00"),
    "eaw.decision.consent.extended": ("RO", "2026-10-12T23:59:59+03:00"),  # 11 Oct Sunday
    "eaw.surrender": ("RO", "2026-09-11T23:59:59+03:00"),
    "eaw.surrender.new_date": ("RO", "2026-09-11T23:59:59+03:00"),
    "epoc.production": ("RO", "2026-09-11T23:59:59+03:00"),
    "epoc.emergency": ("RO", "2026-09-01T18:00:00+03:00"),
    "epoc.emergency_objection": ("RO", "2026-09-05T10:00:00+03:00"),
    "epoc.emergency_validation": ("RO", "2026-09-03T10:00:00+03:00"),
    "epocpr.preservation": ("RO", "2026-11-02T23:59:59+02:00"),
    "epocpr.extension": ("RO", "2026-12-02T23:59:59+02:00"),
    "freezing.recognition.urgent": ("RO", "2026-09-03T10:00:00+03:00"),
    "freezing.execution.urgent": ("RO", "2026-09-03T10:00:00+03:00"),
    "freezing.limit_response": ("RO", "2026-10-13T23:59:59+03:00"),
    "confiscation.decision": ("RO", "2026-10-16T23:59:59+03:00"),
    "victim.reflection.minimum": ("RO", "2026-10-01T23:59:59+03:00"),
    "victim.reflection.RO": ("RO", "2026-11-30T23:59:59+02:00"),  # a holiday, but not moved
    "victim.reflection.FR": ("FR", "2026-10-01T23:59:59+02:00"),
    "victim.reflection.DE": ("DE", "2026-12-01T23:59:59+01:00"),
    "victim.reflection.NL": ("NL", "2026-12-01T23:59:59+01:00"),
    "victim.reflection.AT": ("AT", "2026-10-01T23:59:59+02:00"),
    "victim.reflection.ES": ("ES", "2026-11-30T23:59:59+01:00"),
    "jit.agreement_end": ("RO", "2026-09-01T23:59:59+03:00"),
    "national": ("RO", "2026-09-14T23:59:59+03:00"),  # 10 free days: 12 Sep Sat, 13 Sun
}


def test_every_rule_has_an_expectation() -> None:
    assert set(EXPECTED) == set(all_rules())


@pytest.mark.parametrize("rule_id", sorted(EXPECTED))
def test_each_rule(rule_id: str) -> None:
    country, due = EXPECTED[rule_id]
    rule = get_rule(rule_id)
    hours = rule.length is not None and rule.length.unit == "h"
    length = "10d" if rule.length is None else None
    deadline = compute(rule_id, START_MOMENT if hours else START_DAY, country, length=length)
    assert deadline.due.isoformat() == due
    assert deadline.due_date == date.fromisoformat(due[:10])
    assert deadline.steps[0].startswith(f"Rule {rule_id}:")
    assert deadline.source in deadline.steps[0]


def test_issue_rule_ids_are_present() -> None:
    required = {
        "eio.acknowledge", "eio.recognition", "eio.recognition.extended", "eio.execution",
        "eio.provisional_measure", "eio.interception_objection", "eaw.decision",
        "eaw.decision.consent", "eaw.decision.extended", "eaw.surrender", "epoc.production",
        "epoc.emergency", "epocpr.preservation", "epocpr.extension", "jit.agreement_end",
        "national",
    }  # fmt: skip
    ids = set(all_rules())
    assert required <= ids
    assert any(rule.startswith("freezing.") for rule in ids)
    assert any(rule.startswith("confiscation.") for rule in ids)
    for country in ("RO", "FR", "DE", "NL", "AT", "ES"):
        assert f"victim.reflection.{country}" in ids


@pytest.mark.parametrize("rule_id", sorted(EXPECTED))
def test_rule_data(rule_id: str) -> None:
    rule = get_rule(rule_id)
    data = rule.to_json()
    assert data["source"]
    assert data["description"]
    assert data["starts_on"]
    assert data["verification"] in {"verified", "secondary", "unverified", "per-jurisdiction"}
    assert data["verified"] is (data["verification"] == "verified")
    assert data["calendar"] in {"executing", "issuing", "given"}
    assert allowed_jurisdictions(rule)
    if rule.extends:
        base = get_rule(rule.extends)
        assert base.length is not None
        assert rule.length is not None
        assert rule.length.unit == base.length.unit
        assert rule.length.value > base.length.value


def test_unverified_sources_are_marked_in_the_steps() -> None:
    deadline = compute("eio.provisional_measure", START_MOMENT, "RO")
    assert deadline.verification == "unverified"
    assert "NOT verified" in deadline.steps[0]


def test_extension_rules_explain_the_earlier_reading() -> None:
    steps = compute("eaw.decision.extended", START_DAY, "RO").steps
    assert any("Extension of eaw.decision" in step and "earlier" in step for step in steps)


def test_instrument_not_yet_applicable_is_flagged() -> None:
    steps = compute("epoc.production", "2026-03-02", "RO").steps
    assert any("applies from 2026-08-18" in step for step in steps)
