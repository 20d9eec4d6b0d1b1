"""The `deadlines` click group: human output, JSON output, the catalog, and errors."""

import json

import pytest
from click.testing import CliRunner

from jit.deadlines import all_rules
from jit.deadlines.cli import deadlines


def invoke(*args: str):
    return CliRunner().invoke(deadlines, list(args))


def test_compute_human_output_explains() -> None:
    result = invoke(
        "compute", "--rule", "national", "--start", "2026-03-02", "--jurisdiction", "RO",
        "--length", "10d",
    )  # fmt: skip
    assert result.exit_code == 0
    assert "due 2026-03-13T23:59:59+02:00" in result.output
    assert "CPP art. 269" in result.output


def test_compute_with_subdivision_json() -> None:
    result = invoke(
        "compute", "--rule", "national", "--start", "2026-05-25", "--jurisdiction", "DE",
        "--subdivision", "BY", "--length", "10d", "--json",
    )  # fmt: skip
    assert result.exit_code == 0
    payload = json.loads(result.output)
    assert payload["due_date"] == "2026-06-05"
    assert payload["subdivision"] == "BY"
    assert payload["timezone"] == "Europe/Berlin"


def test_rules_lists_every_rule_with_source() -> None:
    result = invoke("rules")
    assert result.exit_code == 0
    for rule in all_rules().values():
        assert rule.id in result.output
    assert "Directive 2014/41/EU Art. 12(3)" in result.output


def test_rules_json() -> None:
    payload = json.loads(invoke("rules", "--json").output)
    assert [item["id"] for item in payload] == list(all_rules())
    assert all(item["source"] for item in payload)
    national = next(item for item in payload if item["id"] == "national")
    assert national["length"] is None
    assert "RO" in national["allowed_jurisdictions"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--rule", "nope", "--start", "2026-04-01", "--jurisdiction", "RO"], "eio.recognition"),
        (["--rule", "eio.recognition", "--start", "2026-04-01", "--jurisdiction", "XX"], "RO"),
        (
            ["--rule", "eio.recognition", "--start", "2026-04-01", "--jurisdiction", "DE",
             "--subdivision", "ZZ"],
            "BY",
        ),
        (["--rule", "national", "--start", "2026-04-01", "--jurisdiction", "RO", "--length", "3y"],
         "d (days)"),
        (["--rule", "eio.recognition", "--start", "2026-04-01", "--jurisdiction", "RO",
          "--length", "10d"], "fixed length"),
        (["--rule", "national", "--start", "2026-04-01", "--jurisdiction", "RO"], "needs a length"),
        (["--rule", "eio.recognition", "--start", "soon", "--jurisdiction", "RO"], "YYYY-MM-DD"),
    ],
)  # fmt: skip
def test_usage_errors(args: list[str], expected: str) -> None:
    result = invoke("compute", *args)
    assert result.exit_code == 2
    assert expected in result.output


def test_out_of_range_is_an_error_not_a_guess() -> None:
    result = invoke("compute", "--rule", "eio.recognition", "--start", "1990-01-01",
                    "--jurisdiction", "RO")  # fmt: skip
    assert result.exit_code == 1
    assert "outside the calendar covered" in result.output


def test_missing_option() -> None:
    assert invoke("compute", "--rule", "eio.recognition").exit_code == 2
