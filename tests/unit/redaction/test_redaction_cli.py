"""``jit redact`` through click's CliRunner, and the refusal of hostile DOCX input."""

import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from redaction_docx_builders import rewrite_zip, save

import jit.redaction.cli as cli_module
from jit.documents.docx_redact import redact_docx
from jit.documents.docx_safety import (
    ArchiveTooLarge,
    DocumentRejected,
    ForbiddenXml,
    InvalidDocument,
    UnsafeMemberName,
    UnsupportedContent,
)
from jit.redaction.cli import EXIT_LEAK, EXIT_REJECTED, redact
from jit.redaction.engine import RedactionResult, Redactor
from jit.redaction.known import KnownEntities

KNOWN = ["--known", "DUMITRU Alexandra-Ioana", "--known", "2010-09-27", "--lang", "ro"]
TEXT = "Minora Alexandrei Dumitru (n. 27 sept. 2010), tel. 0722 184 305, Iași.\n"


def _docx(text: str = TEXT) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    document.core_properties.author = "Alexandra Dumitru"
    return save(document)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_text_from_stdin_to_stdout() -> None:
    result = CliRunner().invoke(redact, [*KNOWN, "-"], input=TEXT)
    assert result.exit_code == 0, result.output
    assert result.stdout == "Minora [V1] (n. [DOB]), tel. [PHONE], Iași.\n"
    assert "leak check passed" in result.stderr


def test_text_file_to_output_file(tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text(TEXT, encoding="utf-8")
    target = tmp_path / "out.txt"
    result = CliRunner().invoke(redact, [*KNOWN, str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("Minora [V1]")
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "out.txt"]


def test_docx_needs_an_output_file(tmp_path: Path) -> None:
    source = tmp_path / "in.docx"
    source.write_bytes(_docx())
    result = CliRunner().invoke(redact, [*KNOWN, str(source)])
    assert result.exit_code == 2
    assert "needs -o" in result.stderr


def test_docx_is_redacted_to_the_output_file(tmp_path: Path) -> None:
    source = tmp_path / "in.docx"
    source.write_bytes(_docx())
    target = tmp_path / "out.docx"
    result = CliRunner().invoke(redact, [*KNOWN, str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert text == "Minora [V1] (n. [DOB]), tel. [PHONE], Iași.\n"
    assert docx.Document(str(target)).core_properties.author == ""


def test_token_map_keeps_tokens_across_runs(tmp_path: Path) -> None:
    tokens = tmp_path / "case-tokens.json"
    first = ["--known", "Maria Pop", "--token-map", str(tokens), "-"]
    second = ["--known", "Ion Pop", "--known", "Maria Pop", "--token-map", str(tokens), "-"]
    assert CliRunner().invoke(redact, first, input="Maria").stdout == "[V1]"
    assert CliRunner().invoke(redact, second, input="Maria, Ion").stdout == "[V1], [V2]"
    assert "Maria" not in tokens.read_text(encoding="utf-8")


def _blind_redact(self: Redactor, text: str) -> RedactionResult:
    return RedactionResult(text, ())


def test_failed_leak_check_writes_nothing_and_exits_non_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken redactor must be stopped by the independent leak check."""
    monkeypatch.setattr(Redactor, "redact", _blind_redact)
    monkeypatch.setattr(Redactor, "find", lambda self, text: [])
    source = tmp_path / "in.txt"
    source.write_text(TEXT, encoding="utf-8")
    target = tmp_path / "out.txt"
    result = CliRunner().invoke(redact, [*KNOWN, str(source), "-o", str(target)])
    assert result.exit_code == EXIT_LEAK
    assert "leak check FAILED" in result.stderr
    assert "Dumitru" not in result.stderr  # the report names labels, not values
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt"]
    stdout_run = CliRunner().invoke(redact, [*KNOWN, "-"], input=TEXT)
    assert stdout_run.exit_code == EXIT_LEAK
    assert stdout_run.stdout == ""
    docx_source = tmp_path / "in.docx"
    docx_source.write_bytes(_docx())
    docx_run = CliRunner().invoke(redact, [*KNOWN, str(docx_source), "-o", str(target)])
    assert docx_run.exit_code == EXIT_LEAK
    assert not target.exists()


def test_non_utf8_text_is_refused() -> None:
    result = CliRunner().invoke(redact, [*KNOWN, "-"], input="Ştefan".encode("cp1250"))
    assert result.exit_code == EXIT_REJECTED
    assert "UTF-8" in result.stderr


def _xxe_docx() -> bytes:
    def edit(members: dict[str, bytes]) -> None:
        members["word/document.xml"] = (
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
        )

    return rewrite_zip(_docx(), edit)


def _bomb() -> bytes:
    def edit(members: dict[str, bytes]) -> None:
        members["word/document.xml"] = members["word/document.xml"] + b" " * (150 * 1024 * 1024)

    return rewrite_zip(_docx(), edit)


def _traversal() -> bytes:
    def edit(members: dict[str, bytes]) -> None:
        members["../../evil.xml"] = b"<x/>"

    return rewrite_zip(_docx(), edit)


def _macro() -> bytes:
    def edit(members: dict[str, bytes]) -> None:
        members["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0"

    return rewrite_zip(_docx(), edit)


HOSTILE = {
    "not a zip": (lambda: b"PK\x03\x04 definitely not a zip", InvalidDocument),
    "zip without a document": (lambda: _zip({"a.txt": b"x"}), InvalidDocument),
    "zip bomb": (_bomb, ArchiveTooLarge),
    "external entity": (_xxe_docx, ForbiddenXml),
    "path traversal": (_traversal, UnsafeMemberName),
    "macro part": (_macro, UnsupportedContent),
    "too many members": (lambda: _zip({f"m{i}": b"" for i in range(1001)}), ArchiveTooLarge),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_docx_is_rejected_with_a_typed_error(case: str) -> None:
    build, error = HOSTILE[case]
    with pytest.raises(error):
        redact_docx(build(), Redactor(KnownEntities()))


@pytest.mark.parametrize("case", ["not a zip", "zip bomb", "external entity", "path traversal"])
def test_cli_refuses_hostile_docx_and_writes_nothing(tmp_path: Path, case: str) -> None:
    source = tmp_path / "in.docx"
    source.write_bytes(HOSTILE[case][0]())
    target = tmp_path / "out.docx"
    result = CliRunner().invoke(redact, [*KNOWN, str(source), "-o", str(target)])
    assert result.exit_code == EXIT_REJECTED, result.output
    assert "input refused" in result.stderr
    assert not target.exists()
    assert issubclass(HOSTILE[case][1], DocumentRejected)


def test_cli_module_imports_no_flask() -> None:
    source = Path(cli_module.__file__).read_text(encoding="utf-8")
    assert "flask" not in source.lower().replace("no flask", "")
