"""UI language: the user's preference, then the session, then Accept-Language (SecureDrop order).

Audit summaries and stored values are never translated; only what is displayed is.
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale
from flask import Flask, g, request, session
from flask_babel import Babel, get_locale

from jit.settings import ROOT, Settings
from jit.web import context

TRANSLATIONS_DIR = ROOT / "translations"

# Each language named in itself, so a user who cannot read the current UI finds their own.
LANGUAGE_NAMES = {
    "en": "English",
    "ro": "Română",
    "fr": "Français",
    "de": "Deutsch",
    "it": "Italiano",
}


class LocaleConfigurationError(RuntimeError):
    """A configured UI language has no compiled catalog: refuse to start (SecureDrop)."""


def select_locale() -> str:
    supported = context.settings().supported_locales
    actor = g.get("actor")
    if actor is not None and actor.preferred_language in supported:
        return str(actor.preferred_language)
    chosen = session.get("lang")
    if chosen in supported:
        return str(chosen)
    best = request.accept_languages.best_match(supported)
    return best or context.settings().default_locale


def text_direction(code: str) -> str:
    return Locale.parse(code).text_direction


def validate_catalogs(supported: tuple[str, ...], directory: Path = TRANSLATIONS_DIR) -> None:
    for code in supported:
        if code == "en":
            continue  # the source language needs no catalog
        mo = directory / code / "LC_MESSAGES" / "messages.mo"
        if not mo.exists():
            raise LocaleConfigurationError(
                f"no compiled catalog for {code!r} at {mo}; run `make i18n-compile`"
            )


def init_app(app: Flask) -> None:
    settings = context_settings(app)
    validate_catalogs(settings.supported_locales)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS_DIR)
    app.config["BABEL_DEFAULT_LOCALE"] = "en"
    Babel(app, locale_selector=select_locale)
    app.jinja_env.globals["get_locale"] = get_locale
    app.jinja_env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES
    app.jinja_env.globals["text_direction"] = text_direction


def context_settings(app: Flask) -> Settings:
    value: Settings = app.extensions["jit.settings"]
    return value
