"""Tables of the security concept: server-side sessions, revoked tokens, login throttle."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel


class BrowserSession(SQLModel, table=True):
    """Server-side browser session (data-protection.md E-10): the cookie holds only an opaque id.

    The id column stores SHA-256 of the cookie value, so a read of the database does not hand
    out live session cookies.
    """

    __tablename__ = "browser_session"

    id: str = Field(primary_key=True, max_length=64)
    user_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    data: str = Field(default="{}")
    created_at: datetime
    last_seen: datetime
    authenticated_at: datetime | None = None


class RevokedToken(SQLModel, table=True):
    """Denylist keyed on (iss, jti), not on the token bytes (JWT malleability, OWASP JWT CS)."""

    __tablename__ = "revoked_token"

    issuer: str = Field(primary_key=True, max_length=100)
    jti: str = Field(primary_key=True, max_length=64)
    expires_at: datetime


class LoginThrottle(SQLModel, table=True):
    """Failed sign-ins per account (ASVS 6.3.1). Keyed on the case-folded username, never on
    client-supplied addresses, so X-Forwarded-For cannot reset it."""

    __tablename__ = "login_throttle"

    username: str = Field(primary_key=True, max_length=64)
    failures: int = 0
    window_start: datetime
    locked_until: datetime | None = None
