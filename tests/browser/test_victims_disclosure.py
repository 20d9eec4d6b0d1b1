"""Browser journey (issue 6 "Done when"): ro.prosecutor makes a redacted disclosure of a demo
victim's statement to the demo NGO through the UI, then ro.ngo sees and downloads it."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from tests.conftest import DEMO_PASSWORD

PSEUDONYM = "V-RO-2026-0001"


def _sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/login?lang=en")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")


def test_prosecutor_discloses_a_redacted_statement_to_the_ngo(
    live_server: str, browser_page: Any
) -> None:
    page = browser_page
    _sign_in(page, live_server, "ro.prosecutor")
    page.goto(f"{live_server}/victims")
    # The demo users work in Romanian: the journey uses structure, not English labels.
    page.get_by_role("link", name=PSEUDONYM).click()
    page.click("a[href*='/review']")
    preview = page.inner_text("#preview")
    assert "[V1]" in preview
    assert "DUMITRU" not in preview
    assert page.locator("p.ok").count() == 1  # leak check passed
    page.select_option("#recipient_category", "ngo")
    page.select_option(
        "#recipient_organisation_id", label="Asociația Drum Sigur Acasă (fictional demo NGO) (RO)"
    )
    page.fill("#purpose", "Psychological support during the proceedings")
    page.select_option("#legal_basis", "victim_assistance")
    page.fill("#override_reason", "The mother is a suspect; a DGASPC decision is pending")
    page.fill("#justification", "Support ordered by the prosecutor for the child victim")
    page.click("#disclose button[type=submit]")
    page.wait_for_url(f"{live_server}/victims/disclosures/*")
    sha = page.inner_text("code")
    assert len(sha) == 64
    page.context.clear_cookies()

    _sign_in(page, live_server, "ro.ngo")
    page.goto(f"{live_server}/victims")
    assert PSEUDONYM in page.inner_text("main")
    with page.expect_download() as info:
        page.click("a[href$='/download']")
    data = Path(info.value.path()).read_bytes()
    assert hashlib.sha256(data).hexdigest() == sha
    assert b"DUMITRU" not in data
