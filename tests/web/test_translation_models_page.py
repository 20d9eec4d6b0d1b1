"""The admin model page (issue 5 §2): JIT leads only; an upload is checked with package_check
before the engine is touched; a bad file installs nothing, says why, and is audited."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from jit.settings import ROOT
from tests.conftest import csrf_from
from tests.web.test_translation_api import app, audit_rows  # noqa: F401 - fixtures

FIXTURE = ROOT / "tests" / "data" / "models" / "translate-en_ro-tiny.argosmodel"


def _upload(client: FlaskClient, data: bytes, name: str) -> tuple[int, str]:
    token = csrf_from(client, "/translate/models")
    # Encoded in memory: the test client would spool a large body to a file it never closes.
    boundary, body = encode_multipart(
        MultiDict({"csrf_token": token, "model": FileStorage(io.BytesIO(data), filename=name)})
    )
    response = client.post(
        "/translate/models",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    return response.status_code, response.get_data(as_text=True)


def test_only_the_jit_lead_manages_models(
    app: Flask,  # noqa: F811
    login_as: Callable[[str], FlaskClient],
) -> None:
    prosecutor = login_as("ro.prosecutor")
    assert prosecutor.get("/translate/models").status_code == 403
    assert 'id="models-link"' not in prosecutor.get("/translate/").get_data(as_text=True)


def test_a_bad_package_installs_nothing_and_is_audited(
    app: Flask,  # noqa: F811
    login_as: Callable[[str], FlaskClient],
) -> None:
    lead = login_as("ro.lead")
    assert 'id="models-link"' in lead.get("/translate/").get_data(as_text=True)
    status, page = _upload(lead, b"PK\x03\x04 broken", "evil.argosmodel")
    assert status == 400
    assert 'id="models-error"' in page
    # A genuine package passes the check; the test backend (fake) then cannot install it.
    status, page = _upload(lead, FIXTURE.read_bytes(), FIXTURE.name)
    assert status == 400
    assert "cannot install models" in page
    rows = audit_rows(app, "translation.model.install")
    assert [r.outcome for r in rows] == ["refused", "refused"]
    assert "evil" not in rows[0].details
    assert json.loads(rows[1].details)["reason"] == "this translation backend cannot install models"
