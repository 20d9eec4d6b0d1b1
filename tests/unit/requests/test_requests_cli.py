"""`jit requests ...` via click's CliRunner: output, errors, exit codes, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from requests_fixtures import INSTRUMENTS

from jit.requests.catalog import CATALOG_DIR
from jit.requests.cli import requests_cli


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def example_file(runner: CliRunner, tmp_path: Path, instrument_id: str = "eio") -> Path:
    result = runner.invoke(requests_cli, ["example", instrument_id])
    assert result.exit_code == 0, result.output
    path = tmp_path / f"{instrument_id}.json"
    path.write_text(result.output, encoding="utf-8")
    return path


def test_list(runner: CliRunner) -> None:
    result = runner.invoke(requests_cli, ["list"])
    assert result.exit_code == 0
    for instrument_id in INSTRUMENTS:
        assert instrument_id in result.output
    assert "FREEZING CERTIFICATE" in result.output


@pytest.mark.parametrize("instrument_id", INSTRUMENTS)
def test_schema_and_example(runner: CliRunner, instrument_id: str) -> None:
    schema = json.loads(runner.invoke(requests_cli, ["schema", instrument_id]).output)
    example = json.loads(runner.invoke(requests_cli, ["example", instrument_id]).output)
    assert schema["properties"]["instrument"]["const"] == instrument_id
    assert set(example["fields"]) <= set(schema["properties"]["fields"]["properties"])


def test_render_monolingual_and_bilingual(runner: CliRunner, tmp_path: Path) -> None:
    draft = example_file(runner, tmp_path)
    for extra, name in (([], "fr.docx"), (["--bilingual", "fr"], "ro-fr.docx")):
        out = tmp_path / name
        lang = "fr" if not extra else "ro"
        result = runner.invoke(
            requests_cli,
            ["render", "eio", "--input", str(draft), "--lang", lang, *extra, "-o", str(out)],
        )
        assert result.exit_code == 0, result.output
        assert out.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["eio.json", "fr.docx", "ro-fr.docx"]


def test_invalid_draft_names_fields_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    draft_path = example_file(runner, tmp_path)
    draft = json.loads(draft_path.read_text(encoding="utf-8"))
    draft["fields"]["G.1"] = "x" * 1_048_576
    del draft["fields"]["A.2"]
    draft["fields"]["H7.1"] = "not requested"
    draft_path.write_text(json.dumps(draft), encoding="utf-8")
    out = tmp_path / "out.docx"
    result = runner.invoke(
        requests_cli, ["render", "eio", "--input", str(draft_path), "--lang", "fr", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "fields.A.2: fields.A.2 is required." in result.output
    assert "fields.G.1: fields.G.1 has 1048576 characters; the limit is 30000." in result.output
    assert "fields.H7.1: fields.H7.1 is filled in, but it applies only when" in result.output
    assert "nothing written" in result.output
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["eio.json"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "eiox", "--lang", "fr"], "unknown instrument 'eiox'; choose one of:"),
        (["render", "eio", "--lang", "es"], "no labels in 'es' for eio; available: de, en, fr"),
        (["render", "eio", "--lang", "fr", "--bilingual", "fr"], "different languages"),
    ],
)
def test_usage_errors(runner: CliRunner, tmp_path: Path, args: list[str], message: str) -> None:
    draft = example_file(runner, tmp_path)
    out = tmp_path / "out.docx"
    result = runner.invoke(requests_cli, [*args, "--input", str(draft), "-o", str(out)])
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()


def test_broken_json_input(runner: CliRunner, tmp_path: Path) -> None:
    draft = tmp_path / "draft.json"
    draft.write_text('{"instrument": "eio",', encoding="utf-8")
    result = runner.invoke(
        requests_cli,
        ["render", "eio", "--input", str(draft), "--lang", "fr", "-o", str(tmp_path / "x.docx")],
    )
    assert result.exit_code == 1
    assert "invalid JSON at line 1" in result.output


def test_missing_input_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        requests_cli,
        ["render", "eio", "--input", str(tmp_path / "nope.json"), "--lang", "fr", "-o", "x.docx"],
    )
    assert result.exit_code == 1
    assert "no such file" in result.output


def test_validate_labels_ok_and_failing(runner: CliRunner, tmp_path: Path) -> None:
    shipped = CATALOG_DIR / "eaw" / "labels" / "it.json"
    ok = runner.invoke(requests_cli, ["validate-labels", str(shipped)])
    assert ok.exit_code == 0
    assert ok.output.strip().endswith(": ok")
    data = json.loads(shipped.read_text(encoding="utf-8"))
    del data["labels"]["e.I.cb3"]
    data["provenance"] = ""
    broken = tmp_path / "labels" / "it.json"
    broken.parent.mkdir()
    broken.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(requests_cli, ["validate-labels", str(broken)])
    assert result.exit_code == 1
    assert "missing_key e.I.cb3" in result.output
    assert "missing_provenance" in result.output
