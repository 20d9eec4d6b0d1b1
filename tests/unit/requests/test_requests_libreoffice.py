"""LibreOffice opens every generated document and the PDF carries its section headings.

LibreOffice "converts" a broken file too, so the exit code proves nothing: the text of each PDF
is checked with pdftotext. All files go through ONE soffice call (start-up dominates the cost).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from requests_fixtures import BILINGUAL_PAIRS, INSTRUMENTS, LANGUAGES

from jit.requests.catalog import load_instrument
from tests.conftest import need_service

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")


def _words(text: str) -> str:
    """Compare on words only: PDF text extraction re-flows lines and may hyphenate."""
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.libreoffice
@pytest.mark.slow
def test_libreoffice_converts_every_document(tmp_path: Path, render: Callable[..., bytes]) -> None:
    if SOFFICE is None or PDFTOTEXT is None:
        need_service("LibreOffice (soffice) and pdftotext")
    assert PDFTOTEXT is not None
    jobs: dict[str, tuple[str, str, str | None]] = {}
    for instrument_id in INSTRUMENTS:
        for language in LANGUAGES:
            jobs[f"{instrument_id}.{language}"] = (instrument_id, language, None)
        for left, right in BILINGUAL_PAIRS:
            jobs[f"{instrument_id}.{left}-{right}"] = (instrument_id, left, right)
    sources = tmp_path / "docx"
    sources.mkdir()
    for name, (instrument_id, left, right) in jobs.items():
        (sources / f"{name}.docx").write_bytes(render(instrument_id, left, right))
    out = tmp_path / "pdf"
    profile = f"file:///tmp/lo-profile-{uuid.uuid4().hex}"
    try:
        subprocess.run(
            [
                str(SOFFICE),
                "--headless",
                f"-env:UserInstallation={profile}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                *sorted(str(p) for p in sources.glob("*.docx")),
            ],
            check=True,
            capture_output=True,
            timeout=900,
        )
    finally:
        shutil.rmtree(profile.removeprefix("file://"), ignore_errors=True)
    missing = []
    for name, (instrument_id, left, right) in jobs.items():
        pdf = out / f"{name}.pdf"
        assert pdf.exists(), f"LibreOffice produced no PDF for {name}"
        text = subprocess.run(
            [str(PDFTOTEXT), "-enc", "UTF-8", str(pdf), "-"],
            check=True,
            capture_output=True,
            timeout=60,
        ).stdout.decode("utf-8")
        words = _words(text)
        instrument = load_instrument(instrument_id)
        for language in (left, right) if right else (left,):
            labels = instrument.label_set(language)
            for section in instrument.form.sections:
                if _words(labels[section.id]) not in words:
                    missing.append(f"{name}: {labels[section.id]!r}")
    assert missing == []
