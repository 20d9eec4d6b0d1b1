"""Identity at rest, hostile statements and the DPO export (issue 6 "Done when", "Bad input";
data-protection.md §6 C4, T-F6, T-G10)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import inspect, text
from sqlmodel import select

from jit.db import transaction
from jit.victims.models import Disclosure, Statement
from tests.conftest import csrf_from, need_service
from tests.web.conftest_victims import (
    CANARIES,
    disclosure_form,
    docx_bytes,
    fresh_login,
    in_english,
    ngo_organisation_id,
    post,
    statement_of,
    victim_by_name_order,
)

UPLOAD_CANARY = "Zmeurică Ştefănescu-Ţepeş"


def _raw_database_text(app: Flask) -> bytes:
    engine = app.extensions["jit.engine"]
    if engine.dialect.name == "sqlite":
        engine.dispose()  # fold nothing away: read the file and its WAL as they are on disk
        path = Path(engine.url.database or "")
        return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    dump = []
    with engine.connect() as connection:
        for table in inspect(engine).get_table_names():
            rows = connection.execute(text(f'SELECT * FROM "{table}"')).fetchall()
            dump.extend(repr(tuple(row)) for row in rows)
    return "\n".join(dump).encode()


def _create_victim(client: FlaskClient, team_id: int) -> None:
    page = f"/teams/{team_id}/victims/new"
    response = post(
        client,
        page,
        {
            "origin_state": "RO",
            "regime": "led",
            "category": "victim",
            "names": UPLOAD_CANARY,
            "aliases": "Zmeuri",
            "date_of_birth": "2012-02-29",
            "national_id": "5120229226007",
            "nationality": "RO",
            "addresses": "Aleea Zmeurei 99, Vaslui",
            "contacts": "zmeurica@example.org",
        },
        page,
    )
    assert response.status_code == 302, response.get_data(as_text=True)


def test_no_identity_in_clear_in_the_database(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = in_english(login_as("ro.prosecutor"))
    _create_victim(client, team_ids["JIT-RO-FR-2026-01"])
    raw = _raw_database_text(app)
    assert len(raw) > 10_000
    for canary in (*CANARIES, UPLOAD_CANARY, "Zmeurei", "5120229226007", "zmeurica@"):
        for encoded in {canary.encode("utf-8"), canary.encode("utf-16-le")}:
            assert encoded not in raw, canary
    # The pseudonym itself is in clear: that is its purpose.
    assert b"V-RO-2026-0004" in raw


def test_a_new_record_gets_the_next_pseudonym_and_is_audited(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = in_english(login_as("ro.liaison"))
    _create_victim(client, team_ids["JIT-RO-FR-2026-01"])
    listing = client.get("/victims").get_data(as_text=True)
    assert "V-RO-2026-0004" in listing
    assert UPLOAD_CANARY not in listing
    assert app.test_cli_runner().invoke(args=["audit", "verify"]).exit_code == 0


def _bomb() -> bytes:
    return docx_bytes(
        {
            "[Content_Types].xml": "<Types/>",
            "word/document.xml": "<w:document/>" + " " * (60 * 1024 * 1024),
        }
    )


XXE = (
    '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("statement.docx", b"this is not a zip", "not a valid Word document"),
        ("statement.docx", None, "zip bomb"),
        (
            "statement.docx",
            docx_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": XXE}),
            "external entities",
        ),
        ("statement.pdf", b"%PDF-1.7", "Only .docx and .txt"),
        ("statement.txt", "Déclaration".encode("latin-1"), "UTF-8"),
    ],
)
def test_hostile_statements_are_rejected_and_nothing_is_stored(
    app: Flask,
    login_as: Callable[[str], FlaskClient],
    name: str,
    data: bytes | None,
    message: str,
) -> None:
    child = victim_by_name_order(app)["child"]
    client = in_english(login_as("ro.prosecutor"))
    page = f"/victims/{child.id}"
    response = client.post(
        f"/victims/{child.id}/statements",
        data={
            "csrf_token": csrf_from(client, page),
            "language": "ro",
            "nature": "fact",
            "statement": (io.BytesIO(data if data is not None else _bomb()), name),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with transaction(app.extensions["jit.engine"]) as session:
        count = len(session.exec(select(Statement)).all())
    assert count == 3  # the demo's statements only


def test_a_valid_text_statement_is_stored_encrypted(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    child = victim_by_name_order(app)["child"]
    client = in_english(login_as("ro.prosecutor"))
    response = client.post(
        f"/victims/{child.id}/statements",
        data={
            "csrf_token": csrf_from(client, f"/victims/{child.id}"),
            "language": "fr",
            "nature": "assessment",
            "statement": (io.BytesIO("Alexandra-Ioana a parlé de Nea Costel.".encode()), "x.txt"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert b"Nea Costel" not in _raw_database_text(app)


def _disclose_to_ngo(app: Flask, client: FlaskClient) -> Disclosure:
    child = victim_by_name_order(app)["child"]
    statement = statement_of(app, child.id or 0)
    page = f"/victims/statements/{statement.id}/review"
    form = disclosure_form(recipient_organisation_id=str(ngo_organisation_id(app)))
    response = post(client, f"/victims/statements/{statement.id}/disclose", form, page)
    assert response.status_code == 302
    with transaction(app.extensions["jit.engine"]) as session:
        return session.exec(select(Disclosure)).one()


def test_dpo_csv_export(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    made = _disclose_to_ngo(app, login_as("ro.prosecutor"))
    dpo = fresh_login(app, "ro.dpo")
    team = team_ids["JIT-RO-FR-2026-01"]
    response = dpo.get(f"/teams/{team}/victims/register.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) == 1
    row = rows[0]
    assert row["disclosure_id"] == str(made.id)
    assert row["victim"] == victim_by_name_order(app)["child"].pseudonym
    assert row["recipient_organisation"].startswith("Asociația Drum Sigur Acasă")
    assert row["legal_basis"] == "victim_assistance"
    assert "2011/36/EU" in row["legal_basis_instrument"]
    assert row["sha256"] == made.sha256
    assert row["handling_code"] == "H2"
    assert row["leak_check"] == "passed"
    for canary in CANARIES:
        assert canary not in response.get_data(as_text=True)
    # Prosecutors see the register but the export is for the DPO and the JIT lead.
    assert (
        fresh_login(app, "ro.prosecutor").get(f"/teams/{team}/victims/register.csv").status_code
        == 403
    )
    assert (
        fresh_login(app, "de.prosecutor").get(f"/teams/{team}/victims/register.csv").status_code
        == 404
    )


def test_dpo_pdf_export_via_libreoffice(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int], tmp_path: Path
) -> None:
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        need_service("LibreOffice (soffice) and pdftotext")
    made = _disclose_to_ngo(app, login_as("ro.prosecutor"))
    dpo = fresh_login(app, "ro.dpo")
    response = dpo.get(f"/teams/{team_ids['JIT-RO-FR-2026-01']}/victims/register.pdf")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.get_data().startswith(b"%PDF")
    pdf = tmp_path / "register.pdf"
    pdf.write_bytes(response.get_data())
    text_out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode("utf-8")
    assert made.sha256 in text_out.replace("\n", "") or made.sha256[:32] in text_out
    assert "Asociația Drum Sigur Acasă" in text_out
    assert victim_by_name_order(app)["child"].pseudonym in text_out
    for canary in CANARIES:
        assert canary not in text_out
