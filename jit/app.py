"""The application factory: settings, database, security, i18n, blueprints."""

from __future__ import annotations

import logging

from flask import Flask, g, request
from flask.wrappers import Response
from flask_wtf.csrf import CSRFProtect

from jit import commands
from jit.db import make_engine
from jit.security import headers
from jit.security.sessions import ServerSessionInterface
from jit.settings import ROOT, Settings, load_settings
from jit.web import context, errors, gate, i18n, panels

csrf = CSRFProtect()

# Request bodies above this are refused before any view reads them (ASVS 5.2.1).
MAX_CONTENT_LENGTH = 20 * 1024 * 1024


def create_app(settings: Settings | None = None) -> Flask:
    settings = (settings or load_settings()).validate()
    app = Flask(
        "jit",
        root_path=str(ROOT / "jit"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "jit" / "static"),
        instance_path=str(ROOT / "instance"),
    )
    app.config.update(
        SECRET_KEY=bytes.fromhex(settings.secret_key),
        MAX_CONTENT_LENGTH=MAX_CONTENT_LENGTH,
        TESTING=settings.testing,
        WTF_CSRF_TIME_LIMIT=None,  # bound to the session, which has its own timeouts
        WTF_CSRF_SSL_STRICT=settings.production,
        JSON_SORT_KEYS=False,
    )
    engine = make_engine(settings.sqlalchemy_url)
    app.extensions["jit.settings"] = settings
    app.extensions["jit.engine"] = engine
    app.session_interface = ServerSessionInterface(engine, settings)
    # CSRF on every state-changing form; token-authenticated JSON endpoints are exempted
    # per blueprint below, since they never read the browser cookie.
    csrf.init_app(app)
    i18n.init_app(app)
    gate.init_app(app)
    errors.init_app(app)
    _register_blueprints(app)
    _init_concepts(app)
    commands.register(app)

    @app.after_request
    def _after(response: Response) -> Response:
        # Close the unit of work before the session is saved (a second connection would wait
        # on SQLite's write lock otherwise).
        context.close_db()
        return headers.apply(response, static=request.endpoint == "static")

    app.teardown_appcontext(context.close_db)

    @app.context_processor
    def _inject() -> dict[str, object]:
        actor = g.get("actor")
        nav = panels.nav_for(app, actor) if actor is not None else []
        return {"current_actor": actor, "settings": settings, "nav_links": nav}

    logging.getLogger("jit").setLevel(logging.INFO)
    return app


def _register_blueprints(app: Flask) -> None:
    # Explicit registration (STYLE B18: no auto-discovery).
    from jit.accounts import api as accounts_api
    from jit.accounts import views as accounts_views
    from jit.api import openapi
    from jit.audit import api as audit_api
    from jit.audit import views as audit_views
    from jit.requests import api as requests_api
    from jit.requests import views as requests_views
    from jit.victims import api as victims_api
    from jit.victims import views as victims_views

    app.register_blueprint(accounts_views.bp)
    app.register_blueprint(audit_views.bp)
    app.register_blueprint(victims_views.bp)
    app.register_blueprint(requests_views.bp)
    for blueprint in (accounts_api.bp, audit_api.bp, victims_api.bp, requests_api.bp, openapi.bp):
        csrf.exempt(blueprint)
        app.register_blueprint(blueprint)


def _init_concepts(app: Flask) -> None:
    # Dashboard panels and navigation links of the concept packages (explicit, no discovery).
    from jit import victims
    from jit.deadlines import web as deadlines_web
    from jit.requests import web as requests_web
    from jit.translation import web as translation_web

    victims.init_app(app)
    deadlines_web.init_app(app)
    requests_web.init_app(app)
    translation_web.init_app(app)  # engine, blueprints (page + LibreTranslate API), nav
