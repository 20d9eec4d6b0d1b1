"""``jit translate``, ``jit models list|install|remove`` and ``jit apikeys create|list|revoke``.

Administration commands act as the system (whoever runs them on the server already holds the
models directory and the database) and every change is audited. ``jit translate`` is audited as
the system too (counts and pair, never the text).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from jit.accounts.service import UnknownUser
from jit.audit import service as audit
from jit.db import transaction
from jit.security.actor import SYSTEM
from jit.settings import Settings
from jit.translation import service
from jit.translation.engine import (
    ModelNotInstalled,
    ModelPackageRejected,
    ModelStoreCorrupt,
    TranslationUnavailable,
)
from jit.translation.package_check import check_package
from jit.translation.pipeline import MAX_TEXT_CHARS, TextTooLong
from jit.translation.web import current_glossary


def _settings() -> Settings:
    settings: Settings = current_app.extensions["jit.settings"]
    return settings


def _audit_key() -> bytes:
    return bytes.fromhex(_settings().audit_key)


def _translator() -> Any:
    translator = current_app.extensions.get("jit.translator")
    if translator is None:
        raise click.ClickException("translation is switched off (JIT_TRANSLATION_BACKEND)")
    return translator


@click.command("translate")
@click.option("--source", "source", required=True, metavar="XX", help="Source language, e.g. fr.")
@click.option("--target", "target", required=True, metavar="YY", help="Target language, e.g. ro.")
@click.argument("text")
@with_appcontext
def translate_command(source: str, target: str, text: str) -> None:
    """Translate TEXT (or standard input when TEXT is -) and print the translation."""
    if text == "-":
        text = sys.stdin.read()
    if not text.strip():
        return  # empty in, empty out
    translator = _translator()
    try:
        with transaction(current_app.extensions["jit.engine"]) as session:
            result = service.translate_text(
                session,
                SYSTEM,
                translator,
                current_glossary(session),
                text,
                source=source,
                target=target,
                audit_key=_audit_key(),
                channel="cli",
                max_chars=MAX_TEXT_CHARS,
            )
    except TranslationUnavailable as exc:
        pairs = ", ".join(
            f"{p.source}→{p.target}" + (f" (via {'/'.join(p.pivot)})" if p.pivot else "")
            for p in exc.available
        )
        raise click.ClickException(
            f"no model translates {source}→{target}. Available pairs: {pairs or 'none'}"
        ) from None
    except TextTooLong as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(result.text.rstrip("\n"))
    if result.pivot:
        click.echo(f"note: pivoted through {', '.join(result.pivot)}", err=True)


@click.group("models", cls=AppGroup)
def models_group() -> None:
    """Offline translation models (argos-translate packages)."""


def _installed(translator: Any) -> list[Any]:
    if not hasattr(translator, "installed_models"):
        raise click.ClickException("this translation backend has no installable models")
    try:
        return list(translator.installed_models())
    except ModelStoreCorrupt as exc:
        raise click.ClickException(str(exc)) from None


@models_group.command("list")
def models_list() -> None:
    """Installed models, then every pair they serve (pivots through English included)."""
    translator = _translator()
    models = _installed(translator)
    if not models:
        click.echo("No models installed. Install one with: jit models install FILE.argosmodel")
        return
    for m in models:
        click.echo(f"{m.code}\t{m.source}→{m.target}\t{m.name}\t{m.version}")
    click.echo("pairs:")
    for pair in translator.languages():
        via = f" (pivot through {', '.join(pair.pivot)})" if pair.pivot else ""
        click.echo(f"  {pair.source}→{pair.target}{via}")


@models_group.command("install")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Replace an installed model of the same pair.")
def models_install(file: Path, replace: bool) -> None:
    """Check FILE.argosmodel, then install it; a bad file installs nothing and says why."""
    try:
        checked = check_package(file)  # before the engine is even loaded
        translator = _translator()
        if not hasattr(translator, "install"):
            raise click.ClickException("this translation backend cannot install models")
        info = translator.install(file, replace=replace)
    except ModelPackageRejected as exc:
        raise click.ClickException(
            f"{file.name} rejected ({exc.reason}){': ' + exc.detail if exc.detail else ''}. "
            "Nothing was installed."
        ) from None
    with transaction(current_app.extensions["jit.engine"]) as session:
        audit.record(
            session,
            SYSTEM,
            "translation.model.install",
            audit_key=_audit_key(),
            object_type="translation_model",
            object_id=info.code,
            details={"name": info.name, "version": info.version, "top": checked.top},
        )
    click.echo(f"installed {info.code} ({info.name} {info.version})")


@models_group.command("remove")
@click.argument("code")
def models_remove(code: str) -> None:
    """Uninstall the model CODE (e.g. en_ro, as shown by `jit models list`)."""
    translator = _translator()
    if not hasattr(translator, "remove"):
        raise click.ClickException("this translation backend cannot remove models")
    try:
        info = translator.remove(code)
    except ModelNotInstalled as exc:
        raise click.ClickException(str(exc)) from None
    with transaction(current_app.extensions["jit.engine"]) as session:
        audit.record(
            session,
            SYSTEM,
            "translation.model.remove",
            audit_key=_audit_key(),
            object_type="translation_model",
            object_id=info.code,
            details={"name": info.name, "version": info.version},
        )
    click.echo(f"removed {info.code} ({info.name} {info.version})")


@click.group("apikeys", cls=AppGroup)
def apikeys_group() -> None:
    """API keys for the LibreTranslate-compatible endpoints (/translate, /languages, /detect)."""


@apikeys_group.command("create")
@click.argument("username")
def apikeys_create(username: str) -> None:
    """Print a new API key for USERNAME (shown once; only its hash is stored)."""
    try:
        with transaction(current_app.extensions["jit.engine"]) as session:
            created = service.create_api_key(session, SYSTEM, username, audit_key=_audit_key())
    except UnknownUser:
        raise click.ClickException(f"no active user {username!r}") from None
    click.echo(created.key)


@apikeys_group.command("list")
@click.argument("username")
def apikeys_list(username: str) -> None:
    """USERNAME's keys: id, prefix, created, last used, revoked."""
    from jit.accounts.service import actor_for_username

    try:
        with transaction(current_app.extensions["jit.engine"]) as session:
            rows = service.api_keys_of(session, actor_for_username(session, username))
    except UnknownUser:
        raise click.ClickException(f"no active user {username!r}") from None
    for row in rows:
        state = "revoked" if row.revoked_at else "active"
        used = row.last_used_at.isoformat() if row.last_used_at else "never"
        click.echo(f"{row.id}\t{row.prefix}…\t{row.created_at.isoformat()}\t{used}\t{state}")


@apikeys_group.command("revoke")
@click.argument("key_id", type=int)
def apikeys_revoke(key_id: int) -> None:
    """Revoke the key KEY_ID (see `jit apikeys list USERNAME`)."""
    try:
        with transaction(current_app.extensions["jit.engine"]) as session:
            service.revoke_api_key(session, SYSTEM, key_id, audit_key=_audit_key())
    except service.UnknownApiKey:
        raise click.ClickException(f"no API key {key_id}") from None
    click.echo(f"revoked {key_id}")
