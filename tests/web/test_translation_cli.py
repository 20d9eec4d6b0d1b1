"""`jit translate`, `jit models`, `jit apikeys` with the fake engine (issue 5 §2, §9)."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from tests.web.test_translation_api import app, audit_rows  # noqa: F401 - fixtures


def test_translate_prints_the_translation(app: Flask) -> None:  # noqa: F811
    runner = app.test_cli_runner()
    result = runner.invoke(args=["translate", "--source", "en", "--target", "ro", "Hello."])
    assert result.exit_code == 0, result.output
    assert result.output == "[en->ro] Hello.\n"
    piped = runner.invoke(
        args=["translate", "--source", "fr", "--target", "ro", "-"], input="Bonjour.\n"
    )
    assert piped.exit_code == 0
    assert piped.stdout == "[en->ro] [fr->en] Bonjour.\n"
    details = audit_rows(app, "translation.translate")[-1].details
    assert '"channel":"cli"' in details
    assert "Bonjour" not in details


def test_empty_text_gives_empty_output(app: Flask) -> None:  # noqa: F811
    runner = app.test_cli_runner()
    for text, stdin in (("", None), ("-", "  \n")):
        result = runner.invoke(
            args=["translate", "--source", "en", "--target", "ro", text], input=stdin
        )
        assert result.exit_code == 0
        assert result.output == ""


def test_an_unsupported_pair_lists_the_available_pairs(app: Flask) -> None:  # noqa: F811
    result = app.test_cli_runner().invoke(
        args=["translate", "--source", "de", "--target", "ro", "Hallo."]
    )
    assert result.exit_code != 0
    assert "no model translates de→ro" in result.output
    assert "en→ro" in result.output
    assert "fr→ro (via en)" in result.output


def test_a_bad_model_file_installs_nothing_and_says_why(
    app: Flask,  # noqa: F811
    tmp_path: Path,
) -> None:
    bad = tmp_path / "evil.argosmodel"
    bad.write_bytes(b"not a zip")
    result = app.test_cli_runner().invoke(args=["models", "install", str(bad)])
    assert result.exit_code != 0
    assert "evil.argosmodel rejected (not_a_zip)" in result.output
    assert "Nothing was installed" in result.output
    assert audit_rows(app, "translation.model.install") == []


def test_the_fake_engine_has_no_model_store(app: Flask) -> None:  # noqa: F811
    runner = app.test_cli_runner()
    assert "no installable models" in runner.invoke(args=["models", "list"]).output
    assert runner.invoke(args=["models", "remove", "en_ro"]).exit_code != 0


def test_apikeys_create_needs_an_active_user(app: Flask) -> None:  # noqa: F811
    result = app.test_cli_runner().invoke(args=["apikeys", "create", "nobody"])
    assert result.exit_code != 0
    assert "no active user" in result.output
