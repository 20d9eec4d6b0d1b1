"""Deny by default: every endpoint needs a browser session or a bearer token, except PUBLIC."""

from __future__ import annotations

from flask import Flask, g, redirect, request, session, url_for
from werkzeug.wrappers import Response as BaseResponse

from jit.accounts import service as accounts
from jit.api import problems
from jit.security import tokens
from jit.web import context

# The only endpoints reachable without credentials. Everything else, including endpoints added
# later and unknown URLs, is refused before the view runs.
PUBLIC = frozenset({"accounts.login", "static", "accounts_api.token"})


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
    user_id = session.get("user_id")
    if user_id is not None:
        g.actor = accounts.load_actor(context.db(), int(user_id))
        if g.actor is None:
            session.end()  # type: ignore[attr-defined]


def enforce() -> BaseResponse | None:
    resolve_actor()
    if request.endpoint in PUBLIC or g.actor is not None:
        return None
    if is_api_request() or bearer_token() is not None:
        return problems.problem(
            401, "Authentication required", "Send a valid bearer token in the Authorization header."
        )
    return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))


def init_app(app: Flask) -> None:
    app.before_request(enforce)
