"""ro.prosecutor translates a paragraph on the translate page in headless Chromium, sees the
segments side by side marked as machine output, reviews one and sees it come from the
translation memory next time (issue 5 "Done when")."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import DEMO_PASSWORD
from tests.web.test_translation_api import app  # noqa: F401 - the portal with the fake engine

pytestmark = pytest.mark.browser

PARAGRAPH = "The child was heard in Paris. The hearing was recorded."


def test_a_paragraph_is_translated_and_a_segment_reviewed(
    live_server: str, browser_page: Any
) -> None:
    page = browser_page
    page.goto(f"{live_server}/login?lang=en")
    page.get_by_label("Username").fill("ro.prosecutor")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/")
    page.click("a[href='/translate/']")
    page.wait_for_selector("#translate-form")
    page.select_option("#source", "en")
    page.select_option("#target", "ro")
    page.fill("#text", PARAGRAPH)
    page.click("#translate-form button[type=submit]")
    page.wait_for_selector("#translation-result")
    output = page.input_value("#output")
    assert output == ("[en->ro] The child was heard in Paris. [en->ro] The hearing was recorded.")
    rows = page.locator("#segments tr.segment")
    assert rows.count() == 2
    assert page.locator("#segments tr[data-origin=machine]").count() == 2
    assert page.locator("#review-notice").is_visible()
    first = rows.nth(0)
    first.locator("textarea").fill("Copilul a fost audiat la Paris.")
    first.locator("button").click()
    page.wait_for_selector("#translation-result")
    assert page.input_value("#output") == (
        "Copilul a fost audiat la Paris. [en->ro] The hearing was recorded."
    )
    assert page.locator("#segments tr[data-origin=memory]").count() == 1
    assert page.locator("#segments tr[data-origin=machine]").count() == 1
