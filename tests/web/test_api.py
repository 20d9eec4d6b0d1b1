"""The JSON API: tokens, strict JWT checks, problem details, OpenAPI (issue 2; T-C2)."""

from __future__ import annotations

import base64
import json
import re
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from flask import Flask
from flask.testing import FlaskClient

from jit.security import tokens
from jit.settings import Settings
from tests.conftest import DEMO_PASSWORD


def _user_id(client: FlaskClient, token: str) -> int:
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    return int(jwt.decode(token, options={"verify_signature": False})["sub"])


def _forge(
    settings: Settings,
    sub: int,
    *,
    key: Any = None,
    algorithm: str = "EdDSA",
    drop: tuple[str, ...] = (),
    headers: dict[str, Any] | None = None,
    **claims: Any,
) -> str:
    now = datetime.now(UTC)
    body: dict[str, Any] = {
        "iss": settings.token_issuer,
        "aud": settings.token_audience,
        "sub": str(sub),
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=5)).timestamp()),
        "jti": secrets.token_hex(8),
    }
    body.update(claims)
    for name in drop:
        body.pop(name)
    private = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(settings.token_key)[:32])
    kid = next(iter(tokens.keyring(settings)))
    head = {"typ": "at+jwt", "kid": kid, **(headers or {})}
    return jwt.encode(body, key if key is not None else private, algorithm=algorithm, headers=head)


def _status(client: FlaskClient, token: str) -> int:
    return client.get("/api/v1/teams", headers={"Authorization": f"Bearer {token}"}).status_code


def test_token_contract(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/auth/token", json={"username": "ro.prosecutor", "password": DEMO_PASSWORD}
    )
    body = response.get_json()
    assert set(body) == {"access_token", "token_type", "expires_in"}
    assert body["token_type"] == "Bearer"
    assert 0 < body["expires_in"] <= 900
    assert _status(client, body["access_token"]) == 200


def test_a_well_forged_control_token_is_accepted(
    client: FlaskClient, settings: Settings, api_token: Callable[[str], str]
) -> None:
    # Guards the negative tests below: they fail for the one reason they change.
    sub = _user_id(client, api_token("ro.prosecutor"))
    assert _status(client, _forge(settings, sub)) == 200


def _none_token(settings: Settings, sub: int) -> str:
    def b64(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    now = int(datetime.now(UTC).timestamp())
    claims = {
        "iss": settings.token_issuer,
        "aud": settings.token_audience,
        "sub": str(sub),
        "iat": now,
        "nbf": now,
        "exp": now + 300,
        "jti": "x",
    }
    return f"{b64({'alg': 'none', 'typ': 'at+jwt'})}.{b64(claims)}."


NEGATIVE_CASES: dict[str, Callable[[Settings, int], str]] = {
    "alg none": _none_token,
    "wrong key": lambda s, sub: _forge(s, sub, key=Ed25519PrivateKey.generate()),
    "hs256 with a guessable secret": lambda s, sub: _forge(
        s, sub, key=s.token_key, algorithm="HS256"
    ),
    "expired": lambda s, sub: _forge(
        s, sub, exp=int((datetime.now(UTC) - timedelta(minutes=2)).timestamp())
    ),
    "missing exp": lambda s, sub: _forge(s, sub, drop=("exp",)),
    "missing jti": lambda s, sub: _forge(s, sub, drop=("jti",)),
    "missing aud": lambda s, sub: _forge(s, sub, drop=("aud",)),
    "missing iss": lambda s, sub: _forge(s, sub, drop=("iss",)),
    "wrong aud": lambda s, sub: _forge(s, sub, aud="some-other-api"),
    "aud list without ours": lambda s, sub: _forge(s, sub, aud=["a", "b"]),
    "partial iss": lambda s, sub: _forge(s, sub, iss="safeborders"),
    "nbf in the future": lambda s, sub: _forge(
        s, sub, nbf=int((datetime.now(UTC) + timedelta(hours=1)).timestamp())
    ),
    "iat in the future": lambda s, sub: _forge(
        s, sub, iat=int((datetime.now(UTC) + timedelta(hours=1)).timestamp())
    ),
    "jwk header": lambda s, sub: _forge(s, sub, headers={"jwk": {"kty": "OKP"}}),
    "kid traversal": lambda s, sub: _forge(s, sub, headers={"kid": "../../etc/passwd"}),
    "wrong typ": lambda s, sub: _forge(s, sub, headers={"typ": "JWT"}),
    "signature stripped": lambda s, sub: _forge(s, sub).rsplit(".", 1)[0] + ".",
    "oversized": lambda s, sub: _forge(s, sub, pad="x" * 9000),
    "garbage": lambda s, sub: "not.a.token",
}


@pytest.mark.parametrize("case", sorted(NEGATIVE_CASES))
def test_bad_tokens_are_401_problems(
    client: FlaskClient, settings: Settings, api_token: Callable[[str], str], case: str
) -> None:
    sub = _user_id(client, api_token("ro.prosecutor"))
    response = client.get(
        "/api/v1/teams", headers={"Authorization": f"Bearer {NEGATIVE_CASES[case](settings, sub)}"}
    )
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["status"] == 401


def test_revoked_token_is_refused(client: FlaskClient, api_token: Callable[[str], str]) -> None:
    token = api_token("ro.prosecutor")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.post("/api/v1/auth/logout", headers=headers).status_code == 204
    assert _status(client, token) == 401


def test_token_of_a_deactivated_user_is_refused(
    app: Flask, client: FlaskClient, api_token: Callable[[str], str]
) -> None:
    token = api_token("fr.prosecutor")
    assert _status(client, token) == 200
    app.test_cli_runner().invoke(args=["users", "deactivate", "fr.prosecutor"])
    assert _status(client, token) == 401


def test_browser_cookie_does_not_authenticate_the_api(
    login_as: Callable[[str], FlaskClient],
) -> None:
    client = login_as("ro.prosecutor")
    assert client.get("/api/v1/teams").status_code == 401


@pytest.mark.parametrize("body", [None, "[]", "{", '{"username": 3}', '{"username": "a"}'])
def test_malformed_token_request_is_a_400_problem(client: FlaskClient, body: str | None) -> None:
    response = client.post("/api/v1/auth/token", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert "Traceback" not in response.get_data(as_text=True)


def test_exactly_one_jwt_decode_call_site() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "jit"
    sites = [p for p in root.rglob("*.py") if re.search(r"\bjwt\.decode\(", p.read_text())]
    assert [p.name for p in sites] == ["tokens.py"]
    assert len(re.findall(r"\bjwt\.decode\(", (root / "security" / "tokens.py").read_text())) == 1


def test_openapi_describes_every_api_route(
    app: Flask, client: FlaskClient, api_token: Callable[[str], str]
) -> None:
    headers = {"Authorization": f"Bearer {api_token('ro.prosecutor')}"}
    document = client.get("/api/v1/openapi.json", headers=headers).get_json()
    assert document["openapi"].startswith("3.")
    documented = {(path, method) for path, ops in document["paths"].items() for method in ops}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule.rule)
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}:
            assert (path, method.lower()) in documented, (path, method)
