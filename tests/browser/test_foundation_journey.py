"""A liaison officer signs in, switches language, opens their team; the other JIT stays hidden."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_sign_in_switch_language_and_open_team(
    live_server: str, browser_page: Any, team_ids: dict[str, int]
) -> None:
    page = browser_page
    page.goto(f"{live_server}/")
    assert "/login" in page.url
    page.get_by_label("Username").fill("fr.liaison")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", name="Vos équipes").is_visible()
    page.select_option("#language-switch", "en")
    page.get_by_role("button", name="Changer").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="JIT-RO-FR-2026-01").click()
    assert page.get_by_role("heading", name="Members").is_visible()
    assert page.get_by_role("cell", name="Ioana Străjescu").is_visible()
    response = page.goto(f"{live_server}/teams/{team_ids['JIT-RO-DE-IT-2026-02']}")
    assert response is not None
    assert response.status == 404
    assert page.get_by_role("heading", name="Page not found").is_visible()
