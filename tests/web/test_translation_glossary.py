"""The glossary in the database: seeded with the starter terms, edited by prosecutors and JIT
leads (add, edit, lock flag, delete), imported from CSV/TBX (all or nothing, hostile XML refused)
and exported; the pipeline uses the edited glossary at once (issue 5 §4)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from jit.translation.glossary import from_csv
from tests.conftest import csrf_from
from tests.web.test_translation_api import app, audit_rows  # noqa: F401 - fixtures

TERM = {
    "entry_id": "test-hearing",
    "form-en": "cross-border hearing",
    "form-ro": "audiere transfrontalieră",
    "form-fr": "audition transfrontalière",
    "locked": "yes",
    "status": "unverified",
    "domain": "procedure",
    "source": "test",
}


def _translate(client: FlaskClient, text: str) -> str:
    token = csrf_from(client, "/translate/")
    response = client.post(
        "/translate/", data={"csrf_token": token, "text": text, "source": "en", "target": "ro"}
    )
    return response.get_data(as_text=True)


def _term_id(client: FlaskClient, entry_id: str) -> int:
    csv_text = client.get("/translate/glossary.csv").get_data(as_text=True)
    assert entry_id in {e.id for e in from_csv(csv_text)}
    page = client.get("/translate/glossary").get_data(as_text=True)
    row = page[page.index(f'data-entry="{entry_id}"') :]
    start = row.index("/translate/glossary/edit?term=") + len("/translate/glossary/edit?term=")
    return int(row[start : row.index('"', start)])


def test_seeded_editable_and_used_by_the_pipeline(
    app: Flask,  # noqa: F811
    login_as: Callable[[str], FlaskClient],
) -> None:
    client = login_as("ro.prosecutor")
    page = client.get("/translate/glossary").get_data(as_text=True)
    assert "European Investigation Order" in page
    assert page.count("data-entry=") >= 80
    assert 'id="glossary-add"' in page
    token = csrf_from(client, "/translate/glossary/edit")
    saved = client.post("/translate/glossary/edit", data={"csrf_token": token, **TERM})
    assert saved.status_code == 302
    text = "The cross-border hearing was held."
    assert "[en-&gt;ro] The audiere transfrontalieră was held." in _translate(client, text)

    term_id = _term_id(client, "test-hearing")
    token = csrf_from(client, f"/translate/glossary/edit?term={term_id}")
    unlocked = {k: v for k, v in TERM.items() if k != "locked"}
    edited = client.post(
        "/translate/glossary/edit", data={"csrf_token": token, "term": term_id, **unlocked}
    )
    assert edited.status_code == 302
    assert "audiere transfrontalieră" not in _translate(client, text)

    token = csrf_from(client, "/translate/glossary")
    deleted = client.post("/translate/glossary/delete", data={"csrf_token": token, "term": term_id})
    assert deleted.status_code == 302
    assert 'data-entry="test-hearing"' not in client.get("/translate/glossary").get_data(
        as_text=True
    )
    actions = ("add", "edit", "delete")
    assert all(audit_rows(app, f"translation.glossary.{a}") for a in actions)
    assert "transfrontali" not in "".join(
        r.details for a in actions for r in audit_rows(app, f"translation.glossary.{a}")
    )


def test_invalid_terms_are_refused_with_a_reason(
    app: Flask,  # noqa: F811
    login_as: Callable[[str], FlaskClient],
) -> None:
    client = login_as("ro.lead")
    token = csrf_from(client, "/translate/glossary/edit")
    one_language = {**TERM, "form-ro": "", "form-fr": ""}
    response = client.post("/translate/glossary/edit", data={"csrf_token": token, **one_language})
    assert response.status_code == 400
    assert 'id="glossary-error"' in response.get_data(as_text=True)
    duplicate = client.post(
        "/translate/glossary/edit", data={"csrf_token": token, **TERM, "entry_id": "eio"}
    )
    assert duplicate.status_code == 400


def test_only_prosecutors_and_jit_leads_edit(
    app: Flask,  # noqa: F811
    login_as: Callable[[str], FlaskClient],
) -> None:
    client = login_as("ro.liaison")
    page = client.get("/translate/glossary").get_data(as_text=True)
    assert "European Investigation Order" in page
    assert 'id="glossary-add"' not in page
    assert client.get("/translate/glossary/edit").status_code == 403
    token = csrf_from(client, "/translate/glossary")
    assert (
        client.post("/translate/glossary/delete", data={"csrf_token": token, "term": 1}).status_code
        == 403
    )
    files = {"csrf_token": token, "file": (io.BytesIO(b"id,en,ro\nx,a,b\n"), "g.csv")}
    assert client.post("/translate/glossary/import", data=files).status_code == 403


def test_import_csv_and_tbx_all_or_nothing_and_export(
    app: Flask,  # noqa: F811
    login_as: Callable[[str], FlaskClient],
) -> None:
    client = login_as("ro.prosecutor")
    token = csrf_from(client, "/translate/glossary")
    csv_data = (
        "id,domain,en,ro,locked,status,source,note\n"
        "imp-1,procedure,joint hearing,audiere comună,yes,unverified,test,\n"
        "eio,instrument,European Investigation Order,ordin european de anchetă (OEA),yes,issue,"
        "Directive 2014/41/EU,\n"
    )
    client.post(
        "/translate/glossary/import",
        data={"csrf_token": token, "file": (io.BytesIO(csv_data.encode()), "terms.csv")},
    )
    imported = json.loads(audit_rows(app, "translation.glossary.import")[0].details)
    assert (imported["added"], imported["updated"]) == (1, 1)
    exported = {
        e.id: e for e in from_csv(client.get("/translate/glossary.csv").get_data(as_text=True))
    }
    assert exported["imp-1"].form("ro") == "audiere comună"
    assert exported["eio"].form("ro") == "ordin european de anchetă (OEA)"
    assert exported["eio"].form("de") is None  # an import replaces the whole entry

    tbx = (
        b'<?xml version="1.0"?><tbx><text><body><conceptEntry id="imp-2">'
        b'<langSec xml:lang="en"><termSec><term>victim support</term></termSec></langSec>'
        b'<langSec xml:lang="ro"><termSec><term>sprijin pentru victime</term></termSec></langSec>'
        b"</conceptEntry></body></text></tbx>"
    )
    client.post(
        "/translate/glossary/import",
        data={"csrf_token": token, "file": (io.BytesIO(tbx), "terms.tbx")},
    )
    assert b"imp-2" in client.get("/translate/glossary.tbx").data

    hostile = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><tbx/>'
    refused = client.post(
        "/translate/glossary/import",
        data={"csrf_token": token, "file": (io.BytesIO(hostile), "evil.tbx")},
    )
    assert refused.status_code == 302
    assert b"/etc/passwd" not in client.get("/translate/glossary.tbx").data
    half_bad = "id,en,ro,status\nok-1,a b,c d,unverified\nbad-1,only english,,unverified\n"
    client.post(
        "/translate/glossary/import",
        data={"csrf_token": token, "file": (io.BytesIO(half_bad.encode()), "t.csv")},
    )
    assert b"ok-1" not in client.get("/translate/glossary.csv").data
    assert len(audit_rows(app, "translation.glossary.import")) == 2
