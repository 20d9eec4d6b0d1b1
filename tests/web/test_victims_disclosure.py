"""The disclosure register, consent checks, the review and the leak check (issue 6 points 3-6;
data-protection.md L-04, L-07, T-F6, T-G2, T-G5)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import select

from jit.audit import service as audit
from jit.db import transaction
from jit.documents.leak_check import check_docx
from jit.victims.models import Consent, Disclosure
from tests.web.conftest_victims import (
    CANARIES,
    audit_actions,
    disclosure_form,
    fresh_login,
    in_english,
    ngo_organisation_id,
    post,
    statement_of,
    victim_by_name_order,
)


def _disclosures(app: Flask) -> list[Disclosure]:
    with transaction(app.extensions["jit.engine"]) as session:
        return list(session.exec(select(Disclosure)).all())


def _consents(app: Flask, victim_id: int) -> list[Consent]:
    with transaction(app.extensions["jit.engine"]) as session:
        return list(session.exec(select(Consent).where(Consent.victim_id == victim_id)).all())


def _disclose(client: FlaskClient, statement_id: int, **overrides: object):  # type: ignore[no-untyped-def]
    page = f"/victims/statements/{statement_id}/review"
    return post(
        client, f"/victims/statements/{statement_id}/disclose", disclosure_form(**overrides), page
    )


def test_review_shows_redactions_without_identity(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    child = victim_by_name_order(app)["child"]
    statement = statement_of(app, child.id or 0)
    client = in_english(login_as("ro.prosecutor"))
    page = client.get(f"/victims/statements/{statement.id}/review").get_data(as_text=True)
    assert "<mark" in page
    assert "[V1]" in page
    assert "[V1-GUARDIAN]" in page
    assert "[DOB]" in page
    assert "[ID]" in page
    assert "[PHONE]" in page
    for canary in CANARIES:
        assert canary not in page, canary
    # NGO users and liaison officers do not review or disclose.
    assert (
        fresh_login(app, "ro.ngo").get(f"/victims/statements/{statement.id}/review").status_code
        == 403
    )


def test_disclosure_to_the_ngo_is_registered_hashed_and_downloadable(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    child = victim_by_name_order(app)["child"]
    statement = statement_of(app, child.id or 0)
    client = in_english(login_as("ro.prosecutor"))
    response = _disclose(
        client, statement.id or 0, recipient_organisation_id=str(ngo_organisation_id(app))
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    (made,) = _disclosures(app)
    assert made.recipient_organisation.startswith("Asociația Drum Sigur Acasă")
    assert made.recipient_country == "RO"
    assert made.legal_basis == "victim_assistance"
    assert made.redaction_profile == "pseudonymised"
    assert json.loads(made.leak_report)["passed"] is True
    entry = next(e for e in audit_actions(app) if e.action == "victims.disclose")
    details = audit.details_of(entry)
    assert details["disclosure_id"] == made.id
    assert details["sha256"] == made.sha256
    assert details["categories"] == ["pseudonym", "redacted_statement"]
    for canary in CANARIES:
        assert canary not in entry.details
        assert canary not in entry.justification
    # Who received this item (LED Art. 16(6)).
    recipients = client.get(f"/victims/statements/{statement.id}/recipients")
    assert "Asociația Drum Sigur Acasă" in recipients.get_data(as_text=True)
    # The NGO downloads exactly the bytes that were hashed, and the download is logged.
    ngo = fresh_login(app, "ro.ngo")
    listing = ngo.get("/victims").get_data(as_text=True)
    assert f"/victims/disclosures/{made.id}/download" in listing
    download = ngo.get(f"/victims/disclosures/{made.id}/download")
    assert download.status_code == 200
    data = download.get_data()
    assert hashlib.sha256(data).hexdigest() == made.sha256
    assert child.pseudonym in download.headers["Content-Disposition"]
    for canary in CANARIES:
        assert canary.encode() not in data
    assert any(e.action == "victims.download" for e in audit_actions(app))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["audit", "verify"]).exit_code == 0


def test_ngo_cannot_download_what_was_not_disclosed_to_it(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    child = victim_by_name_order(app)["child"]
    statement = statement_of(app, child.id or 0)
    client = in_english(login_as("ro.prosecutor"))
    response = _disclose(
        client,
        statement.id or 0,
        recipient_category="authority",
        recipient_organisation="Tribunal pour enfants de Paris",
        recipient_country="FR",
        legal_basis="jit_purpose",
    )
    assert response.status_code == 302
    (made,) = _disclosures(app)
    ngo = fresh_login(app, "ro.ngo")
    assert ngo.get(f"/victims/disclosures/{made.id}/download").status_code == 404
    assert ngo.get(f"/victims/disclosures/{made.id}").status_code == 404
    assert "Tribunal pour enfants" not in ngo.get(f"/victims/{child.id}/disclosures").get_data(
        as_text=True
    )


def test_disclosure_without_legal_basis_or_justification_is_refused(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    child = victim_by_name_order(app)["child"]
    statement = statement_of(app, child.id or 0)
    client = in_english(login_as("ro.prosecutor"))
    response = _disclose(
        client,
        statement.id or 0,
        recipient_organisation_id=str(ngo_organisation_id(app)),
        legal_basis="",
        justification=" ",
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Choose the legal basis of the disclosure." in page
    assert "Write the justification of the disclosure" in page
    assert _disclosures(app) == []
    assert not [e for e in audit_actions(app) if e.action == "victims.disclose"]


def test_disclosure_refusal_is_in_the_users_language(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    child = victim_by_name_order(app)["child"]
    statement = statement_of(app, child.id or 0)
    client = in_english(login_as("ro.prosecutor"))
    post(client, "/profile", {"language": "ro"}, "/profile")
    response = _disclose(client, statement.id or 0, legal_basis="")
    assert response.status_code == 400
    assert "Alegeți temeiul legal al divulgării." in response.get_data(as_text=True)


def test_consent_of_a_conflicted_guardian_blocks_the_disclosure(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    child = victim_by_name_order(app)["child"]
    statement = statement_of(app, child.id or 0)
    guardian_consent = next(
        c for c in _consents(app, child.id or 0) if c.kind == "guardian_consent"
    )
    client = in_english(login_as("ro.prosecutor"))
    response = _disclose(
        client,
        statement.id or 0,
        recipient_organisation_id=str(ngo_organisation_id(app)),
        consent_id=str(guardian_consent.id),
        override_reason="",
    )
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "court-appointed representative" in page
    assert "DGASPC" in page
    assert _disclosures(app) == []
    # Recording a new consent from that guardian is refused and explained as well.
    relation_id = guardian_consent.relation_id
    recorded = post(
        client,
        f"/victims/{child.id}/consents",
        {
            "kind": "guardian_consent",
            "relation_id": str(relation_id),
            "given_on": "2026-01-10",
            "scope": ["ngo"],
        },
        f"/victims/{child.id}",
    )
    assert recorded.status_code == 409
    assert "cannot give valid" in recorded.get_data(as_text=True)


def test_a_dgaspc_decision_and_the_childs_assent_allow_the_disclosure(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    uncertain = victim_by_name_order(app)["uncertain"]
    statement = statement_of(app, uncertain.id or 0)
    decision = next(
        c for c in _consents(app, uncertain.id or 0) if c.kind == "child_protection_decision"
    )
    client = in_english(login_as("ro.prosecutor"))
    response = _disclose(
        client,
        statement.id or 0,
        recipient_organisation_id=str(ngo_organisation_id(app)),
        consent_id=str(decision.id),
        override_reason="",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    (made,) = _disclosures(app)
    assert made.consent_id == decision.id


def test_unredacting_a_known_value_makes_the_leak_check_block(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    child = victim_by_name_order(app)["child"]
    statement = statement_of(app, child.id or 0)
    client = in_english(login_as("ro.prosecutor"))
    page_url = f"/victims/statements/{statement.id}/review"
    page = client.get(page_url).get_data(as_text=True)
    first = int(re.search(r"<sup>(\d+)", page).group(1))  # type: ignore[union-attr]
    kept = post(client, f"{page_url}/keep", {"index": str(first)}, page_url)
    assert kept.status_code == 302
    preview = client.get(page_url).get_data(as_text=True)
    assert "FAILED" in preview
    response = _disclose(
        client, statement.id or 0, recipient_organisation_id=str(ngo_organisation_id(app))
    )
    assert response.status_code == 409
    assert "leak check" in response.get_data(as_text=True).lower()
    assert _disclosures(app) == []
    blocked = [e for e in audit_actions(app) if e.action == "victims.disclose"]
    assert [e.outcome for e in blocked] == ["blocked"]
    # Undo restores a clean result and the disclosure goes through.
    post(client, f"{page_url}/reset", {}, page_url)
    response = _disclose(
        client, statement.id or 0, recipient_organisation_id=str(ngo_organisation_id(app))
    )
    assert response.status_code == 302


def test_a_value_added_by_the_reviewer_is_redacted_and_leak_checked(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    child = victim_by_name_order(app)["child"]
    statement = statement_of(app, child.id or 0)
    client = in_english(login_as("ro.prosecutor"))
    page_url = f"/victims/statements/{statement.id}/review"
    before = client.get(page_url).get_data(as_text=True)
    assert "metrou" in before
    post(client, f"{page_url}/add", {"value": "metrou"}, page_url)
    after = client.get(page_url).get_data(as_text=True)
    assert "metrou" not in after
    assert "[REDACTED]" in after
    response = _disclose(
        client, statement.id or 0, recipient_organisation_id=str(ngo_organisation_id(app))
    )
    assert response.status_code == 302
    (made,) = _disclosures(app)
    data = client.get(f"/victims/disclosures/{made.id}/download").get_data()
    from jit.redaction.known import KnownEntities, KnownValue
    from jit.redaction.needles import LeakProbe
    from jit.redaction.tokens import TokenMap

    probe = LeakProbe(KnownEntities(values=(KnownValue("metrou"),)), TokenMap())
    assert check_docx(data, probe).passed
