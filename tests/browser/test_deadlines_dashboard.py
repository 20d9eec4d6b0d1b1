"""The demo liaison officer signs in and sees overdue and upcoming deadlines (issue 4)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from jit.deadlines import clock
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser

# The test database's demo was loaded on this day (tests/conftest.py); the live server runs in
# this process, so fixing the deadlines clock keeps the buckets stable whatever day tests run.
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def test_liaison_officer_sees_overdue_and_upcoming_deadlines(
    live_server: str, browser_page: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)
    page = browser_page
    page.goto(f"{live_server}/login?lang=en")
    page.get_by_label("Username").fill("ro.liaison")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/")
    assert page.locator("html").get_attribute("lang") == "ro"  # Mihai prefers Romanian
    assert page.locator("#deadlines-panel").is_visible()
    page.locator("header nav a[href='/deadlines/']").click()
    page.wait_for_url(f"{live_server}/deadlines/")
    overdue = page.locator("#overdue-table tbody tr")
    assert overdue.count() >= 2
    assert page.locator("#overdue-table").get_by_text("EIO PN-03").is_visible()
    assert page.locator("#overdue-table tr[data-status='missed']").count() == overdue.count()
    assert page.locator("#due-soon-table tbody tr").count() >= 1
    assert page.locator("#later-table tbody tr").count() >= 1
    owed = page.locator("#owed-to-us-table")
    assert owed.get_by_text("EAW PN-01").is_visible()  # owed by France to Romania
    assert page.get_by_text("LAN-01").count() == 0  # the other JIT stays hidden
    page.locator("#overdue-table").get_by_role("link", name="EIO PN-03", exact=False).click()
    assert page.locator("#steps li").count() >= 5
    assert page.locator("#due-local").inner_text().endswith("(Europe/Paris)")
    assert page.locator("#due-viewer").inner_text().endswith("(Europe/Bucharest)")
