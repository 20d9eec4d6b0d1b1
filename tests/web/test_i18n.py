"""The UI language: preference, then session, then Accept-Language; a switcher; <html lang>."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from babel.messages.pofile import read_po
from flask.testing import FlaskClient

from tests.conftest import csrf_from

ROOT = Path(__file__).resolve().parents[2]


def test_romanian_user_gets_romanian_pages(login_as: Callable[[str], FlaskClient]) -> None:
    client = login_as("ro.prosecutor")  # prefers Romanian
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="ro"' in page
    assert "Echipele dumneavoastră" in page or "Echipele tale" in page
    assert "Your teams" not in page


def test_accept_language_decides_before_sign_in(client: FlaskClient) -> None:
    page = client.get("/login", headers={"Accept-Language": "de-DE,de;q=0.9"})
    text = page.get_data(as_text=True)
    assert '<html lang="de"' in text
    assert "Anmelden" in text


def test_session_choice_beats_accept_language(client: FlaskClient) -> None:
    client.get("/login?lang=it")
    text = client.get("/login", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="it"' in text


def test_switcher_saves_the_preference(login_as: Callable[[str], FlaskClient]) -> None:
    client = login_as("fr.liaison")
    response = client.post(
        "/language", data={"language": "de", "next": "/", "csrf_token": csrf_from(client, "/")}
    )
    assert response.status_code == 302
    assert '<html lang="de"' in client.get("/").get_data(as_text=True)
    bad = client.post("/language", data={"language": "xx", "csrf_token": csrf_from(client, "/")})
    assert bad.status_code == 400


def test_template_is_up_to_date(tmp_path: Path) -> None:
    """Like SecureDrop's check-strings: the committed .pot has every string of the code."""
    out = tmp_path / "messages.pot"
    pybabel = str(Path(sys.executable).with_name("pybabel"))
    subprocess.run(
        [pybabel, "-q", "extract", "-F", "babel.cfg", "-k", "_l", "-o", str(out), "."],
        check=True,
        cwd=ROOT,
    )
    with out.open("rb") as fresh, (ROOT / "translations" / "messages.pot").open("rb") as kept:
        assert {m.id for m in read_po(fresh)} == {m.id for m in read_po(kept)}
