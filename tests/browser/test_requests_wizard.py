"""ro.prosecutor drafts an EIO in the demo JIT through the wizard, previews it and downloads the
DOCX; the file is opened with python-docx and its headings checked (issue 3 "Done when")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document

from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_prosecutor_drafts_previews_and_downloads_an_eio(
    live_server: str, browser_page: Any, team_ids: dict[str, int], tmp_path: Path
) -> None:
    page = browser_page
    page.goto(f"{live_server}/login?lang=en")
    page.get_by_label("Username").fill("ro.prosecutor")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/")
    # The prosecutor's interface is Romanian; the test works in English for readable selectors.
    page.select_option("#language-switch", "en")
    page.get_by_role("button", name="Schimbă").click()
    page.wait_for_load_state()
    team = team_ids["JIT-RO-FR-2026-01"]
    page.goto(f"{live_server}/teams/{team}")
    page.get_by_role("link", name="Requests of this team").click()
    page.select_option("#instrument", "eio")
    page.get_by_label("Reference").fill("DIICOT 501/D/P/2026 – OEA browser")
    page.select_option("#executing_state", "FR")
    page.select_option("#source_language", "ro")
    page.get_by_role("button", name="Create the draft").click()
    # Section A: issuing and executing State.
    page.wait_for_selector("h1")
    assert "SECTION A" in page.locator("h1").inner_text()
    page.select_option("select[name='f|A.1']", "RO")
    # A required field left empty is refused with a message at the field.
    page.get_by_role("button", name="Save and continue").click()
    assert page.get_by_role("alert").first.is_visible()
    assert "(A.2) is required" in page.content()
    page.select_option("select[name='f|A.2']", "FR")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/sections/B")
    page.goto(page.url.replace("/sections/B", "/sections/C"))
    page.locator("textarea[name='f|C.1']").fill("Audierea a trei minori victime la Paris.")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/sections/D")
    page.goto(page.url.replace("/sections/D", "/sections/F"))
    page.locator("input[name='f|F.t0'][value='F.cb1']").check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/sections/G")
    page.locator("textarea[name='f|G.1']").fill("Rezumatul faptelor: furturi organizate.")
    page.locator("textarea[name='f|G.2']").fill("Motivele emiterii ordinului.")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/sections/H")
    page.goto(page.url.replace("/sections/H", "/sections/K"))
    page.locator("input[name='f|K.t0'][value='K.cb1']").check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/sections/L")
    page.get_by_role("link", name="DIICOT 501/D/P/2026 – OEA browser").click()
    # Preview (the document language proposed for France is French).
    page.get_by_role("button", name="Preview").click()
    page.wait_for_url("**/preview**")
    assert "SECTION A" in page.content()
    page.go_back()
    page.select_option("#doc-lang", "fr")
    page.select_option("#doc-bilingual", "ro")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download DOCX").click()
    target = tmp_path / "eio.docx"
    download_info.value.save_as(target)
    word = Document(str(target))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    for section in ("SECTION A", "SECTION C", "SECTION G", "SECTION K"):
        assert any(section in heading for heading in headings), (section, headings)
    assert any("SECȚIUNEA A" in heading for heading in headings)
