"""The drafting wizard through the Flask client: create, fill section by section, versions,
validation in the user's language, preview, DOCX download and its audit entries (issue 3)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

from docx import Document
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import csrf_from
from tests.web.requests_helpers import (
    FIRST,
    audit_entries,
    create_eio,
    fill_minimal_eio,
    request_row,
    save_section,
)


def test_every_section_page_renders_every_item_of_the_form(
    login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    from jit.requests.catalog import load_instrument

    client = login_as("ro.prosecutor")
    team = team_ids[FIRST]
    request_id = create_eio(client, team)
    instrument = load_instrument("eio")
    for section in instrument.form.sections:
        page = client.get(f"/teams/{team}/requests/{request_id}/sections/{section.id}")
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        for item in section.walk():
            if item.type in ("note", "signature", "group"):
                continue
            for option in item.all_options():
                assert f'value="{option.id}"' in html, (section.id, option.id)
            if item.type not in ("choice", "checkboxes"):
                assert f'id="f|{item.id}"' in html or "e|" in html, (section.id, item.id)


def test_labels_are_in_the_users_language(
    login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("ro.prosecutor")  # prefers Romanian
    request_id = create_eio(client, team_ids[FIRST])
    page = client.get(f"/teams/{team_ids[FIRST]}/requests/{request_id}/sections/A")
    assert "Statul emitent" in page.get_data(as_text=True)


def test_resaving_creates_a_new_version_and_the_old_one_stays_readable(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("ro.prosecutor")
    team = team_ids[FIRST]
    request_id = create_eio(client, team)
    assert (
        save_section(client, team, request_id, "C", {"f|C.1": "Prima variantă."}).status_code == 302
    )
    assert (
        save_section(client, team, request_id, "C", {"f|C.1": "A doua variantă."}).status_code
        == 302
    )
    # Saving the same values again stores nothing new.
    save_section(client, team, request_id, "C", {"f|C.1": "A doua variantă."})
    overview = client.get(f"/teams/{team}/requests/{request_id}").get_data(as_text=True)
    assert "Versiunea 3" in overview or "Version 3" in overview
    old = client.get(f"/teams/{team}/requests/{request_id}/versions/2")
    assert old.status_code == 200
    assert "Prima variantă." in old.get_data(as_text=True)
    assert "readonly" in old.get_data(as_text=True)
    new = client.get(f"/teams/{team}/requests/{request_id}/versions/3").get_data(as_text=True)
    assert "A doua variantă." in new
    assert client.get(f"/teams/{team}/requests/{request_id}/versions/4").status_code == 404
    assert audit_entries(app, "requests.save")[-1]["version"] == 3


def test_validation_messages_are_in_romanian_and_nothing_is_saved(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("ro.prosecutor")
    team = team_ids[FIRST]
    request_id = create_eio(client, team)
    response = save_section(client, team, request_id, "A", {"f|A.1": "RO"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Statul executant (A.2) este obligatoriu." in page
    assert "Nu s-a salvat nimic" in page
    # A bad value is refused with the field named, even in a section that is not complete.
    response = save_section(client, team, request_id, "A", {"f|A.1": "RO", "f|A.2": "XX"})
    assert response.status_code == 400
    assert "nu este un cod de țară ISO 3166" in response.get_data(as_text=True)
    assert len(audit_entries(app, "requests.save")) == 0


def test_a_megabyte_in_a_field_names_the_field_and_saves_nothing(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("fr.prosecutor")  # prefers French
    team = team_ids[FIRST]
    request_id = create_eio(client, team)
    response = save_section(client, team, request_id, "C", {"f|C.1": "x" * 1_000_000})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "(C.1)" in page
    assert "30000" in page
    assert audit_entries(app, "requests.save") == []


def test_a_contradiction_is_refused(
    login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("ro.prosecutor")
    team = team_ids[FIRST]
    request_id = create_eio(client, team)
    # Section H4 (bank accounts) applies only when that measure is ticked in Section C.
    response = save_section(client, team, request_id, "H", {"f|H4.1": "Conturi bancare."})
    assert response.status_code == 400
    assert "H4.1" in response.get_data(as_text=True)


def test_unknown_instrument_and_bad_state_are_clear_messages(
    login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("ro.prosecutor")
    team = team_ids[FIRST]
    token = csrf_from(client, f"/teams/{team}/requests")
    base = {
        "csrf_token": token,
        "reference": "R-1",
        "direction": "outgoing",
        "source_language": "ro",
    }
    response = client.post(
        f"/teams/{team}/requests",
        data={**base, "instrument": "nope", "issuing_state": "RO", "executing_state": "FR"},
    )
    assert response.status_code == 400
    response = client.post(
        f"/teams/{team}/requests",
        data={**base, "instrument": "eio", "issuing_state": "RO", "executing_state": "RO"},
    )
    assert response.status_code == 400
    assert "Statul de executare" in response.get_data(as_text=True)
    response = client.post(
        f"/teams/{team}/requests",
        data={
            **base,
            "instrument": "eio",
            "issuing_state": "RO",
            "executing_state": "FR",
            "source_language": "zz-bad",
        },
    )
    assert response.status_code == 400


def test_output_language_is_proposed_from_the_executing_state(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("ro.prosecutor")
    request_id = create_eio(client, team_ids[FIRST])
    assert request_row(app, request_id).output_language == "fr"


def test_preview_and_download_are_audited_without_field_values(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("ro.prosecutor")
    team = team_ids[FIRST]
    request_id = create_eio(client, team)
    # Incomplete: the preview says what is missing instead of a document.
    response = client.get(f"/teams/{team}/requests/{request_id}/preview")
    assert response.status_code == 400
    assert "(C.1)" in response.get_data(as_text=True)
    fill_minimal_eio(client, team, request_id)
    preview = client.get(f"/teams/{team}/requests/{request_id}/preview?lang=fr&bilingual=ro")
    assert preview.status_code == 200
    html = preview.get_data(as_text=True)
    assert "SECTION A" in html
    assert "SECȚIUNEA A" in html
    assert "☒" in html
    download = client.get(f"/teams/{team}/requests/{request_id}/document?lang=fr&bilingual=ro")
    assert download.status_code == 200
    assert download.mimetype.endswith("wordprocessingml.document")
    word = Document(io.BytesIO(download.data))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert any("SECTION A" in h for h in headings)
    entries = audit_entries(app, "requests.render")
    assert [e["format"] for e in entries] == ["html", "docx"]
    last = entries[-1]
    assert last["languages"] == ["fr", "ro"]
    assert last["instrument"] == "eio"
    assert "Rezumatul" not in json.dumps(entries, ensure_ascii=False)
    # Without a translation model the free text stays Romanian, marked as untranslated.
    assert last["machine_translated"] == []


def test_bad_document_language_is_a_message_not_an_error(
    login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("ro.prosecutor")
    team = team_ids[FIRST]
    request_id = create_eio(client, team)
    fill_minimal_eio(client, team, request_id)
    assert client.get(f"/teams/{team}/requests/{request_id}/document?lang=xx").status_code == 400
    response = client.get(f"/teams/{team}/requests/{request_id}/document?lang=fr&bilingual=fr")
    assert response.status_code == 400


class _FakeTranslator:
    """Stands in for an installed model: a recognisable transformation of the text."""

    def translate(self, text: str, *, source: str, target: str) -> str:
        return f"[{target}] {text}"


def test_machine_translation_is_marked_until_reviewed(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    app.extensions["jit.translator"] = _FakeTranslator()
    client = login_as("ro.prosecutor")
    team = team_ids[FIRST]
    request_id = create_eio(client, team)
    fill_minimal_eio(client, team, request_id)
    html = client.get(f"/teams/{team}/requests/{request_id}/preview?lang=fr").get_data(as_text=True)
    assert "[fr] Rezumatul faptelor." in html
    assert (
        "Traduction automatique" in html
        or "Machine translation" in html
        or "traduction" in html.lower()
    )
    page = client.get(f"/teams/{team}/requests/{request_id}/translations?lang=fr")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "[fr] Rezumatul faptelor." in text
    from jit.requests.service import digest

    token = csrf_from(client, f"/teams/{team}/requests/{request_id}/translations?lang=fr")
    response = client.post(
        f"/teams/{team}/requests/{request_id}/translations",
        data={
            "csrf_token": token,
            "field_id": "G.1",
            "digest": digest("Rezumatul faptelor."),
            "lang": "fr",
            "text": "Résumé des faits.",
        },
    )
    assert response.status_code == 302
    client.get(f"/teams/{team}/requests/{request_id}/document?lang=fr")
    last = audit_entries(app, "requests.render")[-1]
    assert "G.1" not in last["machine_translated"]
    assert "G.2" in last["machine_translated"]
    assert audit_entries(app, "requests.translation.review")[-1] == {
        "field": "G.1",
        "language": "fr",
    }
