"""The disclosure register for the data protection officer: CSV, DOCX and PDF.

No Flask, no database. The DOCX is written by ``docx_write`` (standard library only); the PDF is
produced from it by LibreOffice headless in a private temporary profile, offline.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from jit.victims.docx_write import Line, write_docx
from jit.victims.errors import ExportUnavailable
from jit.victims.models import Disclosure, Victim
from jit.victims.rules import LEGAL_BASIS_BY_CODE

COLUMNS = (
    "disclosure_id",
    "disclosed_at",
    "victim",
    "statement_id",
    "recipient_category",
    "recipient_organisation",
    "recipient_country",
    "recipient_person",
    "purpose",
    "legal_basis",
    "legal_basis_instrument",
    "data_categories",
    "consent_id",
    "override_reason",
    "justification",
    "redaction_profile",
    "handling_code",
    "retention_until",
    "third_country_transfer",
    "sha256",
    "size",
    "leak_check",
)
SOFFICE_TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class RegisterRow:
    values: Mapping[str, str]


def rows_of(entries: Sequence[tuple[Disclosure, Victim]]) -> list[RegisterRow]:
    rows = []
    for disclosure, victim in entries:
        basis = LEGAL_BASIS_BY_CODE.get(disclosure.legal_basis)
        values = {
            "disclosure_id": str(disclosure.id),
            "disclosed_at": disclosure.disclosed_at.isoformat(),
            # Pseudonym only: the register is itself shared with the DPO and supervisors.
            "victim": victim.pseudonym,
            "statement_id": str(disclosure.statement_id),
            "recipient_category": disclosure.recipient_category,
            "recipient_organisation": disclosure.recipient_organisation,
            "recipient_country": disclosure.recipient_country,
            "recipient_person": disclosure.recipient_person,
            "purpose": disclosure.purpose,
            "legal_basis": disclosure.legal_basis,
            "legal_basis_instrument": basis.instrument if basis else "",
            "data_categories": disclosure.data_categories.replace(",", " "),
            "consent_id": str(disclosure.consent_id or ""),
            "override_reason": disclosure.override_reason,
            "justification": disclosure.justification,
            "redaction_profile": disclosure.redaction_profile,
            "handling_code": disclosure.handling_code,
            "retention_until": disclosure.retention_until.isoformat(),
            "third_country_transfer": "yes" if disclosure.third_country_transfer else "no",
            "sha256": disclosure.sha256,
            "size": str(disclosure.size),
            "leak_check": "passed" if '"passed": true' in disclosure.leak_report else "failed",
        }
        rows.append(RegisterRow(values))
    return rows


def _cell(value: str) -> str:
    # A cell starting with = + - @ (or a tab/CR) is a formula to a spreadsheet: CSV injection
    # (OWASP). Free-text fields (purpose, justification) come from users, so neutralise them.
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def to_csv(rows: Sequence[RegisterRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(row.values[c]) for c in COLUMNS])
    # UTF-8 with BOM so spreadsheet programs read the diacritics (ș, ț, ă) correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_docx(rows: Sequence[RegisterRow], title: str, labels: Mapping[str, str]) -> bytes:
    """One section per disclosure: label and value per line (a 22-column table would not fit
    a page)."""
    lines = [Line(title, bold=True, size=32)]
    for row in rows:
        lines.append(Line(f"#{row.values['disclosure_id']}", bold=True, size=26))
        lines.extend(Line(f"{labels.get(c, c)}: {row.values[c]}") for c in COLUMNS)
    return write_docx(lines)


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes) -> bytes:
    """Convert with LibreOffice headless; a private profile per run, so parallel exports do
    not share (or lock) a user installation, and nothing is left behind."""
    soffice = soffice_path()
    if soffice is None:
        raise ExportUnavailable("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="jit-register-") as work:
        folder = Path(work)
        source = folder / "register.docx"
        source.write_bytes(docx)
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            subprocess.run(  # noqa: S603 - fixed argument list, no shell, our own file
                command, check=True, capture_output=True, timeout=SOFFICE_TIMEOUT_SECONDS
            )
        except (subprocess.SubprocessError, OSError) as error:
            raise ExportUnavailable(f"LibreOffice failed: {type(error).__name__}") from None
        target = folder / "register.pdf"
        if not target.exists():
            raise ExportUnavailable("LibreOffice produced no PDF")
        return target.read_bytes()
