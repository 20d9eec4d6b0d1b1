"""API access tokens (JWT, EdDSA). This module holds the only jwt.decode call of the code base.

Rules from data-protection.md §2.3 (E-01..E-08): one algorithm family, all registered claims
required, issuer and audience pinned, typ checked, key chosen from a local keyring only, short
lifetime, revocation on (iss, jti), no personal data in claims.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlmodel import Session

from jit.security.models import RevokedToken
from jit.settings import Settings

ALGORITHMS = ["EdDSA"]  # a constant, never derived from the token header (CVE-2022-29217)
TOKEN_TYPE = "at+jwt"  # noqa: S105 - RFC 9068 media type, not a secret
LEEWAY_SECONDS = 10
MAX_TOKEN_BYTES = 8192
_KID = re.compile(r"^[0-9a-f]{16}$")
_FORBIDDEN_HEADERS = ("jwk", "jku", "x5u", "x5c", "x5t", "crit")


class TokenRejected(Exception):
    """Any problem with a presented token. The reason is logged, never shown to the client."""


@dataclass(frozen=True)
class IssuedToken:
    token: str
    jti: str
    expires_in: int


def _private_key(hex_seed: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(hex_seed)[:32])


def _kid(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def keyring(settings: Settings) -> dict[str, Ed25519PublicKey]:
    """Current and previous verification keys (E-07: rotation with overlap)."""
    ring: dict[str, Ed25519PublicKey] = {}
    for seed in (settings.token_key, settings.token_key_previous):
        if seed:
            public = _private_key(seed).public_key()
            ring[_kid(public)] = public
    return ring


def issue(settings: Settings, user_id: int, *, now: datetime | None = None) -> IssuedToken:
    now = now or datetime.now(UTC)
    private = _private_key(settings.token_key)
    jti = secrets.token_hex(16)
    lifetime = settings.token_lifetime_seconds
    claims = {
        "iss": settings.token_issuer,
        "aud": settings.token_audience,
        "sub": str(user_id),  # opaque id, no personal data (E-08)
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=lifetime)).timestamp()),
        "jti": jti,
    }
    headers = {"typ": TOKEN_TYPE, "kid": _kid(private.public_key())}
    token = jwt.encode(claims, private, algorithm="EdDSA", headers=headers)
    return IssuedToken(token=token, jti=jti, expires_in=lifetime)


def decode(settings: Settings, token: str, session: Session) -> dict[str, Any]:
    """Verify a bearer token; return its claims or raise TokenRejected."""
    if not token or len(token) > MAX_TOKEN_BYTES:
        raise TokenRejected("missing or oversized token")
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError as exc:
        raise TokenRejected("malformed header") from exc
    if header.get("typ") != TOKEN_TYPE:
        raise TokenRejected("wrong token type")
    if any(name in header for name in _FORBIDDEN_HEADERS):
        raise TokenRejected("forbidden header parameter")
    kid = header.get("kid")
    if not isinstance(kid, str) or not _KID.match(kid):
        raise TokenRejected("invalid kid")
    key = keyring(settings).get(kid)
    if key is None:
        raise TokenRejected("unknown kid")
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            key,
            algorithms=ALGORITHMS,
            audience=settings.token_audience,
            issuer=settings.token_issuer,
            leeway=LEEWAY_SECONDS,
            options={
                "require": ["exp", "iat", "nbf", "iss", "aud", "sub", "jti"],
                "strict_aud": True,
                "enforce_minimum_key_length": True,
            },
        )
    except jwt.InvalidTokenError as exc:
        raise TokenRejected(type(exc).__name__) from exc
    if session.get(RevokedToken, (settings.token_issuer, str(claims["jti"]))) is not None:
        raise TokenRejected("revoked")
    return claims


def revoke(session: Session, settings: Settings, claims: dict[str, Any]) -> None:
    expires = datetime.fromtimestamp(int(claims["exp"]), UTC)
    key = (settings.token_issuer, str(claims["jti"]))
    if session.get(RevokedToken, key) is None:
        session.add(RevokedToken(issuer=key[0], jti=key[1], expires_at=expires))
