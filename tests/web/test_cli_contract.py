"""The `jit` command contracts of DESIGN §5 that outside scripts call."""

from __future__ import annotations

import json

from flask import Flask


def test_deadlines_compute_examples_through_the_jit_cli(app: Flask) -> None:
    runner = app.test_cli_runner()
    cases = [
        (
            ["--rule", "eio.recognition", "--start", "2026-04-01", "--jurisdiction", "RO"],
            "2026-05-04",
        ),
        (
            [
                "--rule",
                "national",
                "--length",
                "10d",
                "--start",
                "2026-03-02",
                "--jurisdiction",
                "RO",
            ],
            "2026-03-13",
        ),
        (
            [
                "--rule",
                "national",
                "--length",
                "10d",
                "--start",
                "2026-03-02",
                "--jurisdiction",
                "DE",
            ],
            "2026-03-12",
        ),
        (
            [
                "--rule",
                "national",
                "--length",
                "5d",
                "--start",
                "2026-02-02",
                "--jurisdiction",
                "IT",
            ],
            "2026-02-07",
        ),
        (
            [
                "--rule",
                "national",
                "--length",
                "5d",
                "--start",
                "2026-02-02",
                "--jurisdiction",
                "FR",
            ],
            "2026-02-09",
        ),
    ]
    for args, due_date in cases:
        result = runner.invoke(args=["deadlines", "compute", *args, "--json"])
        assert result.exit_code == 0, result.output
        body = json.loads(result.output)
        assert body["due_date"] == due_date, args
        assert body["steps"]
    result = runner.invoke(
        args=[
            "deadlines",
            "compute",
            "--rule",
            "epoc.emergency",
            "--start",
            "2026-10-24T20:00+03:00",
            "--jurisdiction",
            "RO",
            "--json",
        ]
    )
    assert json.loads(result.output)["due"] == "2026-10-25T03:00:00+02:00"


def test_deadlines_rules_lists_sources(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["deadlines", "rules", "--json"])
    assert result.exit_code == 0
    assert "eio.recognition" in result.output


def test_unknown_rule_lists_the_choices(app: Flask) -> None:
    result = app.test_cli_runner().invoke(
        args=[
            "deadlines",
            "compute",
            "--rule",
            "nope",
            "--start",
            "2026-01-01",
            "--jurisdiction",
            "RO",
        ]
    )
    assert result.exit_code != 0
    assert "eio.recognition" in result.output
