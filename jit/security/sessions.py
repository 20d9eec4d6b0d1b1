"""Server-side browser sessions (data-protection.md E-10; ASVS 7.2-7.4).

The cookie carries 256 random bits and nothing else; the database row (keyed by the SHA-256 of
the cookie) holds the data. Idle and absolute timeouts are enforced on every request, the id
rotates on login, and logout or deactivation deletes the row.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask, Request, Response
from flask.sessions import SessionInterface, SessionMixin
from sqlalchemy.engine import Engine
from werkzeug.datastructures import CallbackDict

from jit.db import transaction
from jit.security.models import BrowserSession
from jit.settings import Settings

# Refresh last_seen at most this often, so reads do not turn into a write per request.
_TOUCH_EVERY = timedelta(seconds=30)


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


class ServerSession(CallbackDict[str, Any], SessionMixin):
    def __init__(
        self,
        initial: dict[str, Any] | None = None,
        token: str | None = None,
        *,
        new: bool = False,
        created_at: datetime | None = None,
        last_seen: datetime | None = None,
    ) -> None:
        def on_update(_self: Any) -> None:
            self.modified = True

        super().__init__(initial or {}, on_update)
        self.token = token
        self.new = new
        self.modified = False
        self.rotate = False
        self.destroy = False
        self.created_at = created_at
        self.last_seen = last_seen

    def regenerate(self) -> None:
        """New session id on login (ASVS 7.2.4, session fixation)."""
        self.rotate = True
        self.modified = True

    def end(self) -> None:
        """Logout: delete the row and the cookie."""
        self.clear()
        self.destroy = True


class ServerSessionInterface(SessionInterface):
    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self.idle = timedelta(minutes=settings.session_idle_minutes)
        self.absolute = timedelta(hours=settings.session_absolute_hours)

    def get_cookie_name(self, app: Flask) -> str:
        # __Host- forces Secure, Path=/ and no Domain (ASVS 3.3.3); needs https, so production.
        return "__Host-jit_session" if self.settings.cookie_secure else "jit_session"

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        token = request.cookies.get(self.get_cookie_name(app))
        if not token or len(token) > 128:
            return ServerSession(new=True)
        now = _utcnow()
        with transaction(self.engine) as db:
            row = db.get(BrowserSession, _digest(token))
            if row is None:
                return ServerSession(new=True)
            if now - row.last_seen > self.idle or now - row.created_at > self.absolute:
                db.delete(row)
                return ServerSession(new=True)
            data = json.loads(row.data)
            return ServerSession(data, token, created_at=row.created_at, last_seen=row.last_seen)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        assert isinstance(session, ServerSession)  # noqa: S101 - installed by create_app
        name = self.get_cookie_name(app)
        now = _utcnow()
        if session.destroy or (not session and not session.new and session.modified):
            if session.token:
                with transaction(self.engine) as db:
                    row = db.get(BrowserSession, _digest(session.token))
                    if row is not None:
                        db.delete(row)
            response.delete_cookie(
                name, path="/", secure=self.settings.cookie_secure, httponly=True, samesite="Lax"
            )
            return
        if not session:
            return
        touch = session.last_seen is None or now - session.last_seen > _TOUCH_EVERY
        if not (session.modified or session.rotate or session.new or touch):
            return
        with transaction(self.engine) as db:
            if session.token and (session.rotate or session.new):
                old = db.get(BrowserSession, _digest(session.token))
                if old is not None:
                    db.delete(old)
                session.token = None
            created = session.created_at if session.token else now
            if session.token is None:
                session.token = secrets.token_urlsafe(32)
            user_id = session.get("user_id")
            row = db.get(BrowserSession, _digest(session.token))
            if row is None:
                row = BrowserSession(
                    id=_digest(session.token), created_at=created or now, last_seen=now
                )
            row.data = json.dumps(dict(session), sort_keys=True)
            row.user_id = int(user_id) if user_id is not None else None
            row.last_seen = now
            db.add(row)
        response.set_cookie(
            name,
            session.token,
            httponly=True,
            secure=self.settings.cookie_secure,
            samesite="Lax",
            path="/",
        )
