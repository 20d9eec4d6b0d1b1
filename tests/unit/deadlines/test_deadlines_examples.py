"""The four examples of issue 4, through the engine and through the CLI."""

import json

import pytest
from click.testing import CliRunner

from jit.deadlines import compute
from jit.deadlines.cli import deadlines

EXAMPLES = [
    # rule, start, jurisdiction, length, expected due_date, expected due
    ("eio.recognition", "2026-04-01", "RO", None, "2026-05-04", "2026-05-04T23:59:59+03:00"),
    ("national", "2026-03-02", "RO", "10d", "2026-03-13", "2026-03-13T23:59:59+02:00"),
    ("national", "2026-03-02", "DE", "10d", "2026-03-12", "2026-03-12T23:59:59+01:00"),
    ("national", "2026-02-02", "IT", "5d", "2026-02-07", "2026-02-07T23:59:59+01:00"),
    ("national", "2026-02-02", "FR", "5d", "2026-02-09", "2026-02-09T23:59:59+01:00"),
    (
        "epoc.emergency",
        "2026-10-24T20:00+03:00",
        "RO",
        None,
        "2026-10-25",
        "2026-10-25T03:00:00+02:00",
    ),
]


@pytest.mark.parametrize(("rule", "start", "country", "length", "due_date", "due"), EXAMPLES)
def test_engine(rule: str, start: str, country: str, length, due_date: str, due: str) -> None:
    deadline = compute(rule, start, country, length=length)
    assert deadline.due_date.isoformat() == due_date
    assert deadline.due.isoformat() == due


@pytest.mark.parametrize(("rule", "start", "country", "length", "due_date", "due"), EXAMPLES)
def test_cli_json(rule: str, start: str, country: str, length, due_date: str, due: str) -> None:
    args = ["compute", "--rule", rule, "--start", start, "--jurisdiction", country, "--json"]
    if length:
        args += ["--length", length]
    result = CliRunner().invoke(deadlines, args)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["due_date"] == due_date
    assert payload["due"] == due
    assert payload["rule"] == rule
    assert payload["jurisdiction"] == country
    assert payload["timezone"].startswith("Europe/")
    assert payload["steps"]
    assert all(isinstance(step, str) for step in payload["steps"])


def test_recognition_steps_name_the_skipped_days() -> None:
    steps = "\n".join(compute("eio.recognition", "2026-04-01", "RO").steps)
    assert "Directive 2014/41/EU Art. 12(3)" in steps
    assert "2026-05-01 (Friday)" in steps
    assert "Labor Day" in steps
    assert "2026-05-02 (Saturday)" in steps
    assert "2026-05-03 (Sunday)" in steps
    assert "Europe/Bucharest" in steps


def test_emergency_steps_say_the_earlier_reading_is_shown() -> None:
    steps = "\n".join(compute("epoc.emergency", "2026-10-24T20:00+03:00", "RO").steps)
    assert "next full hour" in steps
    assert "earlier" in steps
    assert "+03:00 -> +02:00" in steps
