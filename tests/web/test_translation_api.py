"""The LibreTranslate-compatible endpoints (/translate, /languages, /detect): authentication by
bearer token or api_key (query, form, JSON), never the cookie; errors; auditing (issue 5 §8)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import col, select

from jit.app import create_app
from jit.audit.models import AuditEntry
from jit.db import transaction
from jit.translation.fake import FakeTranslator
from tests.conftest import Template, make_settings

LT_ENDPOINTS = (("POST", "/translate"), ("GET", "/languages"), ("POST", "/detect"))


@pytest.fixture
def app(database_url: str, template: Template) -> Iterator[Flask]:
    """The portal with the deterministic fake engine (EN→RO, FR→EN, EN→FR, RO→EN)."""
    application = create_app(
        make_settings(database_url, translation_backend="fake", **template.keys)
    )
    yield application
    application.extensions["jit.engine"].dispose()


@pytest.fixture
def bearer(api_token: Callable[[str], str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token('ro.prosecutor')}"}


@pytest.fixture
def api_key(app: Flask) -> str:
    result = app.test_cli_runner().invoke(args=["apikeys", "create", "ro.prosecutor"])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def audit_rows(app: Flask, action: str) -> list[AuditEntry]:
    with transaction(app.extensions["jit.engine"]) as session:
        return list(
            session.exec(
                select(AuditEntry).where(AuditEntry.action == action).order_by(col(AuditEntry.seq))
            ).all()
        )


def test_the_engine_is_chosen_from_the_settings(app: Flask, settings: object) -> None:
    from jit.translation.web import LazyArgos

    assert isinstance(app.extensions["jit.translator"], FakeTranslator)
    # Default settings: argos over models_dir, loaded lazily; with no package on disk it
    # answers "no model" without importing argostranslate.
    default = create_app(settings)  # type: ignore[arg-type]
    translator = default.extensions["jit.translator"]
    assert isinstance(translator, LazyArgos)
    if not translator._has_models():
        assert translator.languages() == []
        assert translator._engine is None
    default.extensions["jit.engine"].dispose()


@pytest.mark.parametrize(("method", "path"), LT_ENDPOINTS)
def test_without_credentials_the_answer_is_403_json(
    client: FlaskClient, method: str, path: str
) -> None:
    response = client.open(path, method=method, data={"q": "Hello.", "target": "ro"})
    assert response.status_code == 403
    assert "error" in response.get_json()


@pytest.mark.parametrize(("method", "path"), LT_ENDPOINTS)
def test_the_browser_cookie_is_never_accepted(
    login_as: Callable[[str], FlaskClient], method: str, path: str
) -> None:
    client = login_as("ro.prosecutor")
    response = client.open(path, method=method, data={"q": "Hello.", "target": "ro"})
    assert response.status_code == 403


@pytest.mark.parametrize(("method", "path"), LT_ENDPOINTS)
def test_bad_key_or_token_is_403(client: FlaskClient, method: str, path: str) -> None:
    response = client.open(path, method=method, data={"api_key": "jitk_nope", "q": "x"})
    assert response.status_code == 403
    response = client.open(path, method=method, headers={"Authorization": "Bearer nonsense"})
    assert response.status_code == 403
    assert "error" in response.get_json()


def test_translate_string_and_list_with_a_bearer_token(
    client: FlaskClient, bearer: dict[str, str]
) -> None:
    one = client.post(
        "/translate", json={"q": "Hello.", "source": "en", "target": "ro"}, headers=bearer
    )
    assert one.status_code == 200
    assert one.get_json() == {"translatedText": "[en->ro] Hello."}
    many = client.post(
        "/translate",
        json={"q": ["Hello.", "", "Bye."], "source": "en", "target": "ro", "format": "text"},
        headers=bearer,
    )
    assert many.get_json() == {"translatedText": ["[en->ro] Hello.", "", "[en->ro] Bye."]}


def test_glossary_terms_are_enforced_and_pivots_work(
    client: FlaskClient, bearer: dict[str, str]
) -> None:
    response = client.post(
        "/translate",
        json={"q": "We issued a European Investigation Order.", "source": "en", "target": "ro"},
        headers=bearer,
    )
    assert response.get_json()["translatedText"] == (
        "[en->ro] We issued a ordin european de anchetă."
    )
    pivot = client.post(
        "/translate", data={"q": "Bonjour.", "source": "fr", "target": "ro"}, headers=bearer
    )
    assert pivot.get_json()["translatedText"] == "[en->ro] [fr->en] Bonjour."


def test_auto_source_and_html_format(client: FlaskClient, bearer: dict[str, str]) -> None:
    response = client.post(
        "/translate",
        json={
            "q": "<p>La demande a été reçue par le <b>tribunal</b>.</p><!-- note -->",
            "source": "auto",
            "target": "en",
            "format": "html",
        },
        headers=bearer,
    )
    body = response.get_json()
    assert response.status_code == 200, body
    assert body["detectedLanguage"]["language"] == "fr"
    assert body["translatedText"] == (
        "<p>[fr-&gt;en] La demande a été reçue par le <b>[fr-&gt;en] tribunal</b>.</p><!-- note -->"
    )


def test_errors_are_400_like_libretranslate(client: FlaskClient, bearer: dict[str, str]) -> None:
    unsupported = client.post(
        "/translate", json={"q": "Hallo.", "source": "de", "target": "ro"}, headers=bearer
    )
    assert unsupported.status_code == 400
    error = unsupported.get_json()["error"]
    assert "de→ro" in error
    assert "en→ro" in error
    assert "fr→ro" in error
    for body in (
        {"source": "en", "target": "ro"},
        {"q": "x", "target": "ro"},
        {"q": "x", "source": "en"},
        {"q": "x", "source": "en", "target": "ro", "format": "pdf"},
        {"q": 5, "source": "en", "target": "ro"},
    ):
        response = client.post("/translate", json=body, headers=bearer)
        assert response.status_code == 400, body
        assert response.get_json()["error"]
    too_long = client.post(
        "/translate",
        json={"q": "word " * 5000, "source": "en", "target": "ro"},
        headers=bearer,
    )
    assert too_long.status_code == 400
    assert "exceeds text limit" in too_long.get_json()["error"]
    assert client.post("/detect", json={}, headers=bearer).status_code == 400


def test_rate_limit_is_429(app: Flask, client: FlaskClient, bearer: dict[str, str]) -> None:
    from jit.translation.api import RateLimiter

    app.extensions["jit.translation.limiter"] = RateLimiter(2)
    codes = [client.get("/languages", headers=bearer).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert "error" in client.get("/languages", headers=bearer).get_json()


def test_languages_and_detect(client: FlaskClient, bearer: dict[str, str]) -> None:
    languages = client.get("/languages", headers=bearer).get_json()
    assert languages == [
        {"code": "en", "name": "English", "targets": ["fr", "ro"]},
        {"code": "fr", "name": "French", "targets": ["en", "ro"]},
        {"code": "ro", "name": "Romanian", "targets": ["en", "fr"]},
    ]
    cases = {
        "The request was received by the court and the order was executed.": "en",
        "Cererea a fost primită de instanță și ordinul a fost executat.": "ro",
        "La demande a été reçue par le tribunal et la décision a été exécutée.": "fr",
        "Die Anfrage wurde vom Gericht empfangen und die Anordnung wurde vollstreckt.": "de",
        "La richiesta è stata ricevuta dal tribunale e l'ordine è stato eseguito.": "it",
    }
    for text, language in cases.items():
        found = client.post("/detect", data={"q": text}, headers=bearer).get_json()
        assert found[0]["language"] == language, (text, found)
        assert 0 < found[0]["confidence"] <= 100


def test_api_key_in_query_form_or_json(app: Flask, client: FlaskClient, api_key: str) -> None:
    assert client.get(f"/languages?api_key={api_key}").status_code == 200
    # libretranslatepy sends the key in a form body, even for GET /languages
    assert client.get("/languages", data={"api_key": api_key}).status_code == 200
    by_form = client.post(
        "/translate", data={"q": "Hello.", "source": "en", "target": "ro", "api_key": api_key}
    )
    assert by_form.get_json() == {"translatedText": "[en->ro] Hello."}
    by_json = client.post(
        "/detect", json={"q": "The court received the order.", "api_key": api_key}
    )
    assert by_json.status_code == 200
    assert by_json.get_json()[0]["language"] == "en"


def test_every_use_is_audited_without_the_text(
    app: Flask, client: FlaskClient, api_key: str, bearer: dict[str, str]
) -> None:
    secret = "Ion Popescu met the witness."
    client.post(
        "/translate", data={"q": secret, "source": "en", "target": "ro", "api_key": api_key}
    )
    client.post("/translate", json={"q": [secret], "source": "fr", "target": "ro"}, headers=bearer)
    client.get("/languages", data={"api_key": api_key})
    rows = audit_rows(app, "translation.translate")
    assert len(rows) == 2
    first, second = (json.loads(r.details) for r in rows)
    assert rows[0].actor == "ro.prosecutor"
    assert first["chars"] == len(secret)
    assert (first["source"], first["target"], first["channel"]) == ("en", "ro", "api")
    assert first["models"] == ["fake-en_ro 0"]
    assert isinstance(first["api_key"], int)
    assert second["pivot"] == ["en"]
    assert "api_key" not in second
    assert second["models"] == ["fake-en_ro 0", "fake-fr_en 0"]
    assert len(audit_rows(app, "translation.languages")) == 1
    assert len(audit_rows(app, "translation.apikey.create")) == 1
    for action in ("translation.translate", "translation.languages"):
        for row in audit_rows(app, action):
            assert "Popescu" not in row.details


def test_a_revoked_key_stops_working(app: Flask, client: FlaskClient, api_key: str) -> None:
    assert client.get(f"/languages?api_key={api_key}").status_code == 200
    listed = app.test_cli_runner().invoke(args=["apikeys", "list", "ro.prosecutor"])
    key_id = listed.output.split("\t")[0]
    assert "active" in listed.output
    assert api_key not in listed.output
    revoked = app.test_cli_runner().invoke(args=["apikeys", "revoke", key_id])
    assert revoked.exit_code == 0
    assert client.get(f"/languages?api_key={api_key}").status_code == 403


def test_keys_of_deactivated_users_stop_working(
    app: Flask, client: FlaskClient, api_key: str
) -> None:
    from jit.accounts.models import User

    with transaction(app.extensions["jit.engine"]) as session:
        user = session.exec(select(User).where(User.username == "ro.prosecutor")).one()
        user.active = False
        session.add(user)
    assert client.get(f"/languages?api_key={api_key}").status_code == 403


def test_only_a_hash_of_the_key_is_stored(app: Flask, api_key: str) -> None:
    from jit.translation.models import ApiKey

    with transaction(app.extensions["jit.engine"]) as session:
        rows = session.exec(select(ApiKey)).all()
    assert len(rows) == 1
    assert api_key not in (rows[0].key_hash, rows[0].prefix)
    assert api_key.startswith(rows[0].prefix)


def test_the_endpoints_are_in_the_openapi_document(
    client: FlaskClient, bearer: dict[str, str]
) -> None:
    paths = client.get("/api/v1/openapi.json", headers=bearer).get_json()["paths"]
    assert set(paths["/translate"]) == {"post"}
    assert set(paths["/languages"]) == {"get", "post"}
    assert set(paths["/detect"]) == {"post"}
