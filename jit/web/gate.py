"""Deny by default: every endpoint needs a browser session or a bearer token, except PUBLIC."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app, g, redirect, request, session, url_for
from werkzeug.wrappers import Response as BaseResponse

from jit.accounts import service as accounts
from jit.api import problems
from jit.security import tokens
from jit.security.actor import Actor
from jit.web import context

# The only endpoints reachable without credentials. Everything else, including endpoints added
# later and unknown URLs, is refused before the view runs.
# deadlines.feed: calendar clients subscribe without a session; the URL's token authenticates. It
# is hashed at rest, purpose-bound (opens that feed only), revocable on /deadlines/feeds, and
# re-checked on every fetch (user active, still a member); the feed holds only deadline titles
# and dates, never victim data (jit/deadlines/feeds.py).
PUBLIC = frozenset({"accounts.login", "static", "accounts_api.token", "deadlines.feed"})


@dataclass(frozen=True)
class KeyAuth:
    """An endpoint outside /api/ that is authenticated like the API (bearer token, never the
    cookie) or by its own API key, and that answers missing credentials its own way (the
    LibreTranslate-compatible endpoints: api_key in the query, form or JSON body; 403 JSON)."""

    resolve: Callable[[], Actor | None]
    deny: Callable[[], BaseResponse]


def register_key_auth(
    app: Flask,
    endpoint: str,
    resolve: Callable[[], Actor | None],
    deny: Callable[[], BaseResponse],
) -> None:
    app.extensions.setdefault("jit.key_auth", {})[endpoint] = KeyAuth(resolve, deny)


def _key_auth() -> KeyAuth | None:
    found: KeyAuth | None = current_app.extensions.get("jit.key_auth", {}).get(request.endpoint)
    return found


def is_api_request() -> bool:
    return request.path.startswith("/api/")


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def resolve_actor() -> None:
    """Load the actor fresh from the database (deactivation and membership changes apply now)."""
    g.actor = None
    g.token_claims = None
    token = bearer_token()
    if token is not None:
        try:
            claims = tokens.decode(context.settings(), token, context.db())
        except tokens.TokenRejected as exc:
            g.token_error = str(exc)
            return
        g.actor = accounts.load_actor(context.db(), int(claims["sub"]))
        g.token_claims = claims if g.actor is not None else None
        if g.actor is None:
            g.token_error = "inactive user"  # noqa: S105 - a reason, not a secret
        return
    if is_api_request():
        return  # the API never accepts the browser cookie: no CSRF surface there
    key_auth = _key_auth()
    if key_auth is not None:
        g.actor = key_auth.resolve()  # never the cookie either
        return
    user_id = session.get("user_id")
    if user_id is not None:
        g.actor = accounts.load_actor(context.db(), int(user_id))
        if g.actor is None:
            session.end()  # type: ignore[attr-defined]


def enforce() -> BaseResponse | None:
    resolve_actor()
    if request.endpoint in PUBLIC or g.actor is not None:
        return None
    key_auth = _key_auth()
    if key_auth is not None:
        return key_auth.deny()
    if is_api_request() or bearer_token() is not None:
        return problems.problem(
            401, "Authentication required", "Send a valid bearer token in the Authorization header."
        )
    return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))


def init_app(app: Flask) -> None:
    app.before_request(enforce)
