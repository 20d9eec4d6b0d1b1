"""``jit redact``: redact a .txt or .docx file with known values and pattern recognisers.

Imports click only (no Flask, no app): a utility on files that needs no user (DESIGN §5).
The integrator attaches ``redact`` to the ``jit`` console script.

Exit codes: 0 done; 1 the leak check found something (nothing written); 2 usage error;
3 the input was refused (not UTF-8, not a valid DOCX, zip bomb, external entities...).
"""

import os
import sys
import tempfile
from pathlib import Path

import click

from jit.documents.docx_redact import redact_docx
from jit.documents.docx_safety import DocumentRejected
from jit.documents.leak_check import LeakReport, check_docx, check_text
from jit.redaction.engine import Redactor
from jit.redaction.known import entities_from_cli
from jit.redaction.needles import LeakProbe
from jit.redaction.tokens import TokenMap, TokenMapError

EXIT_LEAK = 1
EXIT_REJECTED = 3
_ZIP_MAGIC = b"PK\x03\x04"
LANGUAGES = ("ro", "en", "fr", "de", "it")


def _read_input(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    return Path(source).read_bytes()


def _is_docx(source: str, data: bytes) -> bool:
    if source != "-" and source.lower().endswith(".docx"):
        return True
    return data.startswith(_ZIP_MAGIC)


def _write_atomically(target: Path, data: bytes) -> None:
    """Write next to the target and rename: a reader never sees a partial file, and a
    failure before the rename leaves nothing behind."""
    directory = target.resolve().parent
    handle, temporary = tempfile.mkstemp(prefix=".redact-", suffix=".part", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _fail_on_leaks(report: LeakReport) -> None:
    if report.passed:
        return
    click.echo("leak check FAILED, nothing was written:", err=True)
    for leak in report.leaks[:50]:
        click.echo(f"  {leak.part} @{leak.offset}: {leak.label}", err=True)
    raise SystemExit(EXIT_LEAK)


@click.command("redact")
@click.option(
    "--known",
    "known",
    multiple=True,
    metavar="VALUE",
    help="A value to remove: a name (each one is a person: [V1], [V2]...), a date "
    "YYYY-MM-DD (matched in every format, [DOB]), an address, phone, e-mail, IBAN or id.",
)
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="Document language.")
@click.option(
    "--token-map",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="JSON token map of the case: read if present, updated after a successful run, so "
    "the same person keeps the same token across documents.",
)
@click.argument("source", metavar="INPUT", type=click.Path(allow_dash=True, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(allow_dash=True, dir_okay=False),
    default=None,
    help="Output file ('-' for stdout). Required for .docx.",
)
def redact(
    known: tuple[str, ...],
    lang: str | None,
    token_map: Path | None,
    source: str,
    output: str | None,
) -> None:
    """Redact INPUT (.txt or .docx, '-' for stdin); text goes to stdout without -o."""
    try:
        entities = entities_from_cli(list(known))
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--known") from None
    try:
        tokens = (
            TokenMap.from_json(token_map.read_text(encoding="utf-8"))
            if token_map is not None and token_map.exists()
            else TokenMap()
        )
    except TokenMapError as error:
        raise click.BadParameter(str(error), param_hint="--token-map") from None
    try:
        data = _read_input(source)
    except OSError as error:
        raise click.BadParameter(f"cannot read {source}: {error.strerror}") from None
    redactor = Redactor(entities, tokens, language=lang)
    probe = LeakProbe(entities, tokens, language=lang)

    if _is_docx(source, data):
        if output is None:
            raise click.UsageError("a .docx input needs -o OUTPUT.docx (binary output)")
        try:
            result = redact_docx(data, redactor)
        except DocumentRejected as error:
            click.echo(f"input refused: {error}", err=True)
            raise SystemExit(EXIT_REJECTED) from None
        produced = result.data
        report = check_docx(produced, probe)
        found, doubts = len(result.findings), len(result.doubts)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # A wrong guess at a legacy code page would garble names past the matchers.
            click.echo("input refused: text input must be UTF-8", err=True)
            raise SystemExit(EXIT_REJECTED) from None
        text_result = redactor.redact(text)
        produced = text_result.text.encode("utf-8")
        report = check_text(produced, probe)
        found, doubts = len(text_result.spans), len(text_result.doubts)

    _fail_on_leaks(report)
    if output is None or output == "-":
        sys.stdout.buffer.write(produced)
        sys.stdout.buffer.flush()
    else:
        _write_atomically(Path(output), produced)
    if token_map is not None:
        _write_atomically(token_map, tokens.to_json().encode("utf-8"))
    click.echo(f"redacted {found} spans ({doubts} flagged for review); leak check passed", err=True)
