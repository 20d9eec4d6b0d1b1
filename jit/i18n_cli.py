"""`jit i18n extract|update|compile`: the Babel workflow (STYLE B14)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

from jit.settings import ROOT

POT = ROOT / "translations" / "messages.pot"
PYBABEL = str(Path(sys.executable).with_name("pybabel"))


def _run(*args: str) -> None:
    subprocess.run([PYBABEL, "-q", *args], check=True, cwd=ROOT)  # noqa: S603 - fixed arguments


def extract() -> None:
    _run(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "--add-comments=Translators:",
        "--strip-comments",
        "--add-location=never",
        "--no-wrap",
        "--sort-output",
        "-o",
        str(POT),
        ".",
    )
    # Drop the creation date so the .pot only changes when strings change (SecureDrop).
    lines = POT.read_text(encoding="utf-8").splitlines(keepends=True)
    POT.write_text(
        "".join(line for line in lines if not line.startswith('"POT-Creation-Date')),
        encoding="utf-8",
    )


@click.group("i18n")
def i18n_group() -> None:
    """Translations of the user interface."""


@i18n_group.command("extract")
def extract_command() -> None:
    """Write translations/messages.pot from the code and templates."""
    extract()


@i18n_group.command("update")
def update_command() -> None:
    """Merge new strings of messages.pot into every language's catalog."""
    extract()
    _run(
        "update",
        "-i",
        str(POT),
        "-d",
        "translations",
        "--no-wrap",
        "--ignore-obsolete",
        "--no-fuzzy-matching",
    )


@i18n_group.command("compile")
def compile_command() -> None:
    """Compile the .po catalogs into the .mo files the server reads."""
    _run("compile", "-d", "translations", "--statistics")
