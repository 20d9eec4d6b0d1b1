"""`jit requests ...`: list, render, schema, example, validate-labels.

Imports click and the pure request modules only, never Flask or the app: rendering a file is a
utility that needs no user (DESIGN §5). The lead engineer attaches ``requests_cli`` to the root
``jit`` group. Errors name the field and the reason, exit non-zero and write nothing.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import click

from jit.documents.compose import NarrativeTranslator, compose_document
from jit.documents.docx_render import render_docx
from jit.requests.catalog import (
    CatalogError,
    Instrument,
    UnknownInstrument,
    UnknownLanguage,
    list_instruments,
    load_instrument,
    validate_labels,
)
from jit.requests.rules import draft_schema, example_draft, validate_draft

#: The integrator may put a NarrativeTranslator here (``ctx.meta``) to translate free text;
#: without one, free text stays in the drafter's language with a notice (issue 3, point 3).
TRANSLATOR_META_KEY = "jit.requests.narrative_translator"
#: A draft bigger than this is refused before parsing (a field alone may hold 30 000 characters).
MAX_DRAFT_BYTES = 5 * 1024 * 1024


@click.group("requests", help="Evidence and warrant requests: forms, drafts and DOCX output.")
def requests_cli() -> None:
    """Command group; attached to the `jit` console script by the application."""


@requests_cli.command("list")
def list_command() -> None:
    """List the instruments of the catalog with their languages."""
    for info in list_instruments():
        status = "verified layout" if info.verified else "reconstructed layout"
        working = ", ".join(info.working_translations) or "none"
        click.echo(f"{info.id:<26} {info.title}")
        click.echo(f"{'':<26} languages: {', '.join(info.languages)}; {status}")
        click.echo(f"{'':<26} working translations: {working}")


@requests_cli.command("render")
@click.argument("instrument_id", metavar="INSTRUMENT")
@click.option(
    "--input",
    "input_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Draft JSON file.",
)
@click.option("--lang", "language", required=True, help="Document language (left column).")
@click.option("--bilingual", "second", default=None, help="Second language (right column).")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="DOCX file to write.",
)
@click.pass_context
def render_command(
    ctx: click.Context,
    instrument_id: str,
    input_path: Path,
    language: str,
    second: str | None,
    output: Path,
) -> None:
    """Render a draft as DOCX, monolingual or bilingual."""
    instrument = _instrument(instrument_id)
    for code, option in ((language, "--lang"), (second, "--bilingual")):
        if code is not None and code not in instrument.languages:
            raise click.BadParameter(
                f"no labels in {code!r} for {instrument_id}; "
                f"available: {', '.join(instrument.languages)}",
                param_hint=option,
            )
    if second == language:
        raise click.BadParameter(
            "the two columns need different languages", param_hint="--bilingual"
        )
    draft = _read_draft(input_path)
    errors = validate_draft(instrument, draft)
    if errors:
        for error in errors:
            click.echo(f"error: {error.path or 'draft'}: {error.message()}", err=True)
        raise click.ClickException(f"{len(errors)} problem(s) in {input_path}; nothing written")
    translator: NarrativeTranslator | None = ctx.meta.get(TRANSLATOR_META_KEY)
    try:
        document = compose_document(
            instrument, draft, language=language, bilingual=second, translate=translator
        )
    except UnknownLanguage as exc:
        raise click.BadParameter(str(exc), param_hint="--lang") from exc
    _write_atomically(output, render_docx(document))
    click.echo(f"wrote {output}")


@requests_cli.command("schema")
@click.argument("instrument_id", metavar="INSTRUMENT")
def schema_command(instrument_id: str) -> None:
    """Print the JSON Schema of a draft of INSTRUMENT."""
    click.echo(json.dumps(draft_schema(_instrument(instrument_id)), ensure_ascii=False, indent=2))


@requests_cli.command("example")
@click.argument("instrument_id", metavar="INSTRUMENT")
def example_command(instrument_id: str) -> None:
    """Print a complete filled example draft (fictional demo case)."""
    click.echo(json.dumps(example_draft(_instrument(instrument_id)), ensure_ascii=False, indent=2))


@requests_cli.command("validate-labels")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def validate_labels_command(path: Path) -> None:
    """Check a label file against its instrument before dropping it into the catalog."""
    problems = validate_labels(path)
    for problem in problems:
        click.echo(f"{path}: {problem}", err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in {path}")
    click.echo(f"{path}: ok")


def _instrument(instrument_id: str) -> Instrument:
    try:
        return load_instrument(instrument_id)
    except UnknownInstrument as exc:
        raise click.BadParameter(str(exc), param_hint="INSTRUMENT") from exc
    except CatalogError as exc:  # shipped data is broken: say where
        raise click.ClickException(str(exc)) from exc


def _read_draft(path: Path) -> Any:
    try:
        if path.stat().st_size > MAX_DRAFT_BYTES:
            raise click.ClickException(f"{path}: larger than {MAX_DRAFT_BYTES} bytes")
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise click.ClickException(f"{path}: no such file") from exc
    except UnicodeDecodeError as exc:
        raise click.ClickException(f"{path}: not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise click.ClickException(
            f"{path}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc


def _write_atomically(path: Path, data: bytes) -> None:
    """Write next to the target and rename, so a failure never leaves half a document."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise click.ClickException(f"{directory}: no such directory")
    handle, temporary = tempfile.mkstemp(prefix=".jit-render-", suffix=".docx", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
