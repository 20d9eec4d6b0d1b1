"""Error pages in the user's language for the web, problem details for the API."""

from __future__ import annotations

import logging

from flask import Flask, g, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import Forbidden, HTTPException, InternalServerError, NotFound
from werkzeug.wrappers import Response as BaseResponse

from jit.api import problems
from jit.audit import service as audit
from jit.db import transaction
from jit.security.policy import AccessDenied
from jit.web import context
from jit.web.gate import is_api_request

log = logging.getLogger(__name__)


def _page(status: int, title: str, message: str) -> tuple[str, int]:
    return render_template("error.html", status=status, title=title, message=message), status


def handle_http(exc: HTTPException) -> BaseResponse | tuple[str, int]:
    status = exc.code or 500
    if is_api_request():
        return problems.problem(status, exc.name, exc.description or "")
    titles = {
        400: (_("Bad request"), _("The request could not be understood. Nothing was changed.")),
        403: (_("Not allowed"), _("Your role in this team does not allow this action.")),
        404: (_("Page not found"), _("There is nothing here, or you are not allowed to see it.")),
        405: (_("Not allowed"), _("This address does not accept that kind of request.")),
        413: (_("Too large"), _("What you sent is larger than the portal accepts.")),
        429: (_("Too many attempts"), _("Please wait a few minutes and try again.")),
    }
    title, message = titles.get(status, (_("Something went wrong"), _("Nothing was changed.")))
    return _page(status, title, message)


def handle_csrf(exc: CSRFError) -> BaseResponse | tuple[str, int]:
    if is_api_request():
        return problems.problem(403, "CSRF check failed", exc.description or "")
    return _page(
        403,
        _("Form expired"),
        _("The form was too old or did not come from this portal. Reload the page and try again."),
    )


def handle_denied(exc: AccessDenied) -> BaseResponse | tuple[str, int]:
    _record_denial(exc)
    # Another team's object looks exactly like a missing one (need to know, T-D1).
    return handle_http(NotFound() if exc.hidden else Forbidden())


def _record_denial(exc: AccessDenied) -> None:
    """Failed authorisation is logged (ASVS 16.3.2), in its own transaction because the
    request's own work is rolled back."""
    actor = g.get("actor")
    if actor is None:
        return
    context.close_db()  # release the request's transaction (and SQLite's write lock) first
    with transaction(context.engine()) as session:
        audit.record(
            session,
            actor,
            "access.denied",
            audit_key=context.audit_key(),
            object_type="team",
            object_id=exc.team_id or "",
            outcome="denied",
            details={"action": str(exc.action)},
        )


def handle_unexpected(exc: Exception) -> BaseResponse | tuple[str, int]:
    log.error("unhandled error")  # the trace goes to the server log, never to the client
    return handle_http(InternalServerError())


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf)
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(AccessDenied, handle_denied)
    app.register_error_handler(Exception, handle_unexpected)
