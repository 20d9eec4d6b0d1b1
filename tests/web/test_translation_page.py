"""The translate page: side by side, origins marked, pivot stated, review into the translation
memory and exact reuse; API keys on the profile page (issue 5 §5-§8)."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import csrf_from
from tests.web.test_translation_api import api_key, app, audit_rows  # noqa: F401 - fixtures

ORIGIN = re.compile(r'data-origin="([a-z]+)"')


def _translate(client: FlaskClient, text: str, source: str = "en", target: str = "ro") -> str:
    token = csrf_from(client, "/translate/")
    response = client.post(
        "/translate/",
        data={"csrf_token": token, "text": text, "source": source, "target": target},
    )
    assert response.status_code in (200, 400)
    return response.get_data(as_text=True)


def test_the_page_is_in_the_navigation_and_needs_a_session(
    client: FlaskClient, login_as: Callable[[str], FlaskClient]
) -> None:
    assert client.get("/translate/").status_code == 302
    home = login_as("ro.prosecutor").get("/").get_data(as_text=True)
    assert 'href="/translate/"' in home
    page = client.get("/translate/").get_data(as_text=True)
    assert 'name="text"' in page
    assert 'value="en"' in page


def test_machine_output_is_marked_until_reviewed_then_reused_exactly(
    app: Flask,  # noqa: F811
    login_as: Callable[[str], FlaskClient],
) -> None:
    client = login_as("ro.prosecutor")
    text = "The suspect was heard. The file was sent."
    page = _translate(client, text)
    assert ORIGIN.findall(page) == ["machine", "machine"]
    assert "[en-&gt;ro] The suspect was heard. [en-&gt;ro] The file was sent." in page
    assert 'id="review-notice"' in page
    token = csrf_from(client, "/translate/")
    reviewed = client.post(
        "/translate/review",
        data={
            "csrf_token": token,
            "text": text,
            "source": "en",
            "target": "ro",
            "segment": "0",
            "src-0": "The suspect was heard.",
            "tgt-0": "Suspectul a fost audiat.",
        },
    ).get_data(as_text=True)
    assert ORIGIN.findall(reviewed) == ["memory", "machine"]
    assert "Suspectul a fost audiat. [en-&gt;ro] The file was sent." in reviewed
    again = _translate(client, "The  suspect was heard.")
    assert ORIGIN.findall(again) == ["memory"]
    assert 'id="review-notice"' not in again
    assert len(audit_rows(app, "translation.review")) == 1
    details = audit_rows(app, "translation.translate")[-1].details
    assert '"memory":1' in details
    assert "suspect" not in details


def test_pivot_through_english_is_stated(login_as: Callable[[str], FlaskClient]) -> None:
    page = _translate(login_as("ro.prosecutor"), "Bonjour.", source="fr", target="ro")
    assert 'id="pivot-notice"' in page
    assert "[en-&gt;ro] [fr-&gt;en] Bonjour." in page


def test_glossary_segments_are_marked(login_as: Callable[[str], FlaskClient]) -> None:
    page = _translate(login_as("ro.prosecutor"), "European Investigation Order")
    assert ORIGIN.findall(page) == ["glossary"]
    assert "ordin european de anchetă" in page.lower()


def test_unsupported_pair_lists_the_available_ones(login_as: Callable[[str], FlaskClient]) -> None:
    page = _translate(login_as("ro.prosecutor"), "Hallo.", source="de", target="ro")
    assert 'id="translation-error"' in page
    assert "en→ro" in page
    assert "fr→ro" in page


def test_an_ngo_coordinator_translates_but_does_not_review(
    login_as: Callable[[str], FlaskClient],
) -> None:
    client = login_as("ro.ngo")
    page = _translate(client, "Hello.")
    assert ORIGIN.findall(page) == ["machine"]
    assert "/translate/review" not in page
    token = csrf_from(client, "/translate/")
    response = client.post(
        "/translate/review",
        data={
            "csrf_token": token,
            "text": "Hello.",
            "source": "en",
            "target": "ro",
            "segment": "0",
            "src-0": "Hello.",
            "tgt-0": "Salut.",
        },
    )
    assert response.status_code == 403


def test_api_keys_are_listed_on_the_profile_and_revocable(
    app: Flask,  # noqa: F811
    api_key: str,  # noqa: F811
    login_as: Callable[[str], FlaskClient],
) -> None:
    client = login_as("ro.prosecutor")
    assert client.get(f"/languages?api_key={api_key}").status_code == 200
    profile = client.get("/profile").get_data(as_text=True)
    assert api_key[:11] in profile
    assert api_key not in profile
    action = re.search(r'action="(/translate/apikeys/\d+/revoke)"', profile)
    assert action
    token = csrf_from(client, "/profile")
    response = client.post(action.group(1), data={"csrf_token": token})
    assert response.status_code == 302
    assert client.get(f"/languages?api_key={api_key}").status_code == 403
    assert len(audit_rows(app, "translation.apikey.revoke")) == 1


def test_someone_elses_key_cannot_be_revoked(
    api_key: str,  # noqa: F811
    login_as: Callable[[str], FlaskClient],
) -> None:
    client = login_as("fr.prosecutor")
    assert "/revoke" not in client.get("/profile").get_data(as_text=True)
    token = csrf_from(client, "/profile")
    assert client.post("/translate/apikeys/1/revoke", data={"csrf_token": token}).status_code == 404


def test_the_glossary_is_listed_and_exported(login_as: Callable[[str], FlaskClient]) -> None:
    from jit.translation.glossary import from_csv, from_tbx, load_starter

    client = login_as("ro.prosecutor")
    page = client.get("/translate/glossary").get_data(as_text=True)
    assert "ordin european de anchetă" in page
    starter = load_starter()
    csv_export = client.get("/translate/glossary.csv")
    assert csv_export.mimetype == "text/csv"
    assert len(from_csv(csv_export.get_data(as_text=True))) == len(starter)
    tbx_export = client.get("/translate/glossary.tbx")
    assert len(from_tbx(tbx_export.get_data())) == len(starter)
