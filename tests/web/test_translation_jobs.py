"""DOCX translation as a background job with visible progress (issue 5 §6): in a thread of the
web process by default, and on a REAL `rq worker` process over Redis when JIT_REDIS_URL is set.
Owner-only status and download, audited; hostile uploads refused before any job exists."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from jit.app import create_app
from jit.db import transaction
from jit.jobs import runner
from jit.jobs.models import Job
from jit.settings import ROOT, Settings
from tests.conftest import Template, csrf_from, login, make_settings, need_service
from tests.web.test_translation_api import audit_rows

REDIS_URL = os.environ.get("JIT_TEST_REDIS_URL", "")
JOB_URL = re.compile(r"/jobs/(\d+)$")


def _docx() -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Case header"
    document.sections[0].footer.paragraphs[0].text = "Case footer"
    paragraph = document.add_paragraph()
    paragraph.add_run("The suspect ").bold = True
    paragraph.add_run("was heard.").italic = True
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Date"
    table.cell(0, 1).text = "Place"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _settings(database_url: str, template: Template, tmp_path: Path, **extra: object) -> Settings:
    return make_settings(
        database_url,
        translation_backend="fake",
        documents_dir=str(tmp_path / "documents"),
        **template.keys,
        **extra,  # type: ignore[arg-type]
    )


@pytest.fixture
def app(database_url: str, template: Template, tmp_path: Path) -> Iterator[Flask]:
    application = create_app(_settings(database_url, template, tmp_path))
    yield application
    runner.wait(application)
    application.extensions["jit.engine"].dispose()


def _upload(client: FlaskClient, data: bytes, name: str = "statement.docx") -> object:
    token = csrf_from(client, "/translate/")
    return client.post(
        "/translate/document",
        data={
            "csrf_token": token,
            "source": "en",
            "target": "ro",
            "document": (io.BytesIO(data), name),
        },
        content_type="multipart/form-data",
    )


def _start(client: FlaskClient) -> int:
    response = _upload(client, _docx())
    assert response.status_code == 302, response.get_data(as_text=True)  # type: ignore[attr-defined]
    found = JOB_URL.search(response.headers["Location"])  # type: ignore[attr-defined]
    assert found is not None
    return int(found.group(1))


def _assert_translated(client: FlaskClient, job_id: int) -> None:
    page = client.get(f"/jobs/{job_id}").get_data(as_text=True)
    assert 'data-status="done"' in page
    assert 'http-equiv="refresh"' not in page
    assert 'id="job-download"' in page
    response = client.get(f"/jobs/{job_id}/download")
    assert response.status_code == 200
    assert "statement.ro.docx" in response.headers["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.data))
    assert document.paragraphs[0].text.startswith("TRADUCERE AUTOMATĂ NEVERIFICATĂ")
    runs = document.paragraphs[1].runs
    assert "".join(r.text for r in runs) == "[en->ro] The suspect was heard."
    assert runs[0].bold
    assert runs[1].italic
    assert [c.text for c in document.tables[0].rows[0].cells] == [
        "[en->ro] Date",
        "[en->ro] Place",
    ]
    assert document.sections[0].header.paragraphs[0].text == "[en->ro] Case header"
    assert document.sections[0].footer.paragraphs[0].text == "[en->ro] Case footer"


def test_a_docx_is_translated_in_a_thread_with_progress_owner_only_and_audited(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    client = login_as("ro.prosecutor")
    assert 'id="document-form"' in client.get("/translate/").get_data(as_text=True)
    job_id = _start(client)
    runner.wait(app)
    _assert_translated(client, job_id)
    translations = audit_rows(app, "translation.translate")
    details = json.loads(translations[-1].details)
    assert details["channel"] == "document"
    assert details["job"] == job_id
    assert "statement" not in translations[-1].details
    assert audit_rows(app, "job.create")
    assert audit_rows(app, "job.download")
    other = app.test_client()
    login(other, "ro.liaison")
    assert other.get(f"/jobs/{job_id}").status_code == 404
    assert other.get(f"/jobs/{job_id}/download").status_code == 404


def test_a_running_job_page_refreshes_itself_without_script(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    client = login_as("ro.prosecutor")
    with transaction(app.extensions["jit.engine"]) as session:
        owner = session.exec(select(Job)).first()
        assert owner is None
    job_id = _start(client)
    runner.wait(app)
    with transaction(app.extensions["jit.engine"]) as session:
        job = session.get(Job, job_id)
        assert job is not None
        job.status, job.progress = "running", 40
        session.add(job)
    page = client.get(f"/jobs/{job_id}").get_data(as_text=True)
    assert '<meta http-equiv="refresh" content="2">' in page
    assert 'value="40"' in page
    assert "<script" not in page
    assert client.get(f"/jobs/{job_id}/download").status_code == 409


def test_hostile_or_wrong_uploads_create_no_job(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    client = login_as("ro.prosecutor")
    response = _upload(client, b"PK\x03\x04 not really a zip")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert 'id="translation-error"' in response.get_data(as_text=True)  # type: ignore[attr-defined]
    with transaction(app.extensions["jit.engine"]) as session:
        assert session.exec(select(Job)).first() is None


# --- a real RQ worker over Redis ----------------------------------------------------------------


def test_a_real_rq_worker_translates_the_docx(
    database_url: str,
    template: Template,
    tmp_path: Path,
) -> None:
    if not REDIS_URL:
        need_service("Redis (JIT_TEST_REDIS_URL)")
    from redis import Redis
    from rq import Queue

    queue = f"jit-test-{uuid.uuid4().hex[:12]}"
    settings = _settings(
        database_url, template, tmp_path, redis_url=REDIS_URL, extra={"jobs_queue": queue}
    )
    application = create_app(settings)
    redis = Redis.from_url(REDIS_URL)
    try:
        client = application.test_client()
        token = csrf_from(client, "/login")
        client.post(
            "/login",
            data={
                "csrf_token": token,
                "username": "ro.prosecutor",
                "password": settings.demo_password,
            },
        )
        job_id = _start(client)
        assert len(Queue(queue, connection=redis)) == 1
        page = client.get(f"/jobs/{job_id}").get_data(as_text=True)
        assert 'data-status="queued"' in page
        assert 'http-equiv="refresh"' in page
        env = {key: value for key, value in os.environ.items() if not key.startswith("JIT_")} | {
            "JIT_ENV": "testing",
            "JIT_DATABASE_URL": database_url,
            "JIT_SECRET_KEY": template.keys["secret_key"],
            "JIT_AUDIT_KEY": template.keys["audit_key"],
            "JIT_TOKEN_KEY": template.keys["token_key"],
            "JIT_IDENTITY_KEY": template.keys["identity_key"],
            "JIT_TRANSLATION_BACKEND": "fake",
            "JIT_FAST_PASSWORD_HASHING": "1",
            "JIT_DOCUMENTS_DIR": settings.documents_dir,
            "JIT_REDIS_URL": REDIS_URL,
        }
        worker = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "rq"), "worker", "--burst", "--url", REDIS_URL, queue],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert worker.returncode == 0, worker.stdout + worker.stderr
        with transaction(application.extensions["jit.engine"]) as session:
            job = session.get(Job, job_id)
            assert job is not None
            assert (job.status, job.progress) == ("done", 100), job.message + worker.stderr
        _assert_translated(client, job_id)
    finally:
        Queue(queue, connection=redis).delete(delete_jobs=True)
        for key in redis.scan_iter(match=f"*{queue}*"):
            redis.delete(key)
        redis.close()
        application.extensions["jit.engine"].dispose()
