"""Need to know for requests: NGO coordinators and the DPO see none; the other JIT gets 404."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import csrf_from
from tests.web.requests_helpers import FIRST, SECOND, demo_eio_id


@pytest.mark.parametrize("username", ["ro.ngo", "ro.dpo"])
def test_roles_without_need_to_know_see_no_requests(
    app: Flask,
    login_as: Callable[[str], FlaskClient],
    api_token: Callable[[str], str],
    team_ids: dict[str, int],
    username: str,
) -> None:
    team = team_ids[FIRST]
    request_id = demo_eio_id(app, team)
    client = login_as(username)
    assert client.get("/requests").status_code == 403
    assert client.get(f"/teams/{team}/requests").status_code == 403
    assert client.get(f"/teams/{team}/requests/{request_id}").status_code == 403
    assert client.get(f"/teams/{team}/requests/{request_id}/document").status_code == 403
    dashboard = client.get("/").get_data(as_text=True)
    assert "requests-panel" not in dashboard
    assert 'href="/requests"' not in dashboard
    headers = {"Authorization": f"Bearer {api_token(username)}"}
    assert client.get(f"/api/v1/requests/{request_id}", headers=headers).status_code == 403
    assert client.get(f"/api/v1/teams/{team}/requests", headers=headers).status_code == 403


def test_other_jit_requests_are_404_everywhere(
    app: Flask,
    login_as: Callable[[str], FlaskClient],
    api_token: Callable[[str], str],
    team_ids: dict[str, int],
) -> None:
    mine, other = team_ids[FIRST], team_ids[SECOND]
    own_request = demo_eio_id(app, mine)
    client = login_as("ro.prosecutor")
    assert client.get(f"/teams/{other}/requests").status_code == 404
    # Own request id under the other team's address: still 404 (the team is checked first).
    assert client.get(f"/teams/{other}/requests/{own_request}").status_code == 404
    # The other team's request under the own team's address: 404 as well.
    from sqlmodel import select

    from jit.db import transaction
    from jit.requests.models import EvidenceRequest

    with transaction(app.extensions["jit.engine"]) as session:
        theirs = session.exec(
            select(EvidenceRequest).where(EvidenceRequest.team_id == other)
        ).first()
        assert theirs is not None
    assert client.get(f"/teams/{mine}/requests/{theirs.id}").status_code == 404
    headers = {"Authorization": f"Bearer {api_token('ro.prosecutor')}"}
    response = client.get(f"/api/v1/requests/{theirs.id}", headers=headers)
    assert response.status_code == 404
    response = client.get(f"/api/v1/requests/{theirs.id}/document", headers=headers)
    assert response.status_code == 404
    token = csrf_from(client, f"/teams/{mine}/requests")
    response = client.post(
        f"/teams/{other}/requests", data={"csrf_token": token, "instrument": "eio"}
    )
    assert response.status_code == 404


def test_dashboard_panel_and_team_page_link_to_requests(
    app: Flask, login_as: Callable[[str], FlaskClient], team_ids: dict[str, int]
) -> None:
    client = login_as("ro.prosecutor")
    dashboard = client.get("/").get_data(as_text=True)
    assert "requests-panel" in dashboard
    assert "DIICOT ST Brașov 417/D/P/2025" in dashboard
    assert 'href="/requests"' in dashboard
    team_page = client.get(f"/teams/{team_ids[FIRST]}").get_data(as_text=True)
    assert f'href="/teams/{team_ids[FIRST]}/requests"' in team_page
    listing = client.get("/requests").get_data(as_text=True)
    assert "MAE DE-01" not in listing  # the other JIT's request
