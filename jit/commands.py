"""Every concept's command group, attached to the app's CLI (explicitly, no discovery)."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from jit.accounts.cli import teams_group, users_group
    from jit.audit.cli import audit_group
    from jit.database_cli import db_group
    from jit.deadlines.cli import deadlines
    from jit.demo.cli import demo_group
    from jit.i18n_cli import i18n_group
    from jit.redaction.cli import redact
    from jit.requests.cli import requests_cli
    from jit.translation.cli import apikeys_group, models_group, translate_command
    from jit.victims.cli import victims_group

    for group in (
        db_group,
        demo_group,
        audit_group,
        teams_group,
        users_group,
        i18n_group,
        deadlines,
        redact,
        requests_cli,
        victims_group,
        translate_command,
        models_group,
        apikeys_group,
    ):
        app.cli.add_command(group)
