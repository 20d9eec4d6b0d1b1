"""``jit deadlines`` commands: compute one deadline, list the rule catalog, send reminders.

``compute`` and ``rules`` use the pure engine only and need no database or app (output contract:
issue 4 point 7). ``remind`` runs inside the app context (``with_appcontext``) for cron; it imports
the app-side modules when it runs, so the other two stay database-free.
"""

import json
import os

import click
from flask.cli import with_appcontext

from jit.deadlines.catalog import all_rules
from jit.deadlines.errors import DeadlineError, OutOfCalendarRange
from jit.deadlines.rules import allowed_jurisdictions, compute


@click.group("deadlines")
def deadlines() -> None:
    """Legal deadlines of EU judicial cooperation and national procedure."""


@deadlines.command("compute")
@click.option("--rule", "rule_id", required=True, help="Rule id (see `deadlines rules`).")
@click.option("--start", required=True, help="YYYY-MM-DD, or a datetime with or without offset.")
@click.option("--jurisdiction", required=True, help="Country code whose calendar applies, e.g. RO.")
@click.option("--subdivision", default=None, help="Region whose holidays apply (DE Land, ES ...).")
@click.option("--length", default=None, help="N followed by h, d, w or m (national terms only).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as a JSON object.")
def compute_command(
    rule_id: str,
    start: str,
    jurisdiction: str,
    subdivision: str | None,
    length: str | None,
    as_json: bool,
) -> None:
    """Compute a deadline and explain how it was counted."""
    try:
        deadline = compute(rule_id, start, jurisdiction, subdivision=subdivision, length=length)
    except OutOfCalendarRange as error:
        # Not a usage mistake: the input is well formed but the calendar is not trusted there.
        raise click.ClickException(str(error)) from None
    except DeadlineError as error:
        raise click.UsageError(str(error)) from None
    if as_json:
        click.echo(json.dumps(deadline.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{deadline.rule} in {deadline.jurisdiction}: due {deadline.due.isoformat()}")
    for number, step in enumerate(deadline.steps, start=1):
        click.echo(f"{number:>2}. {step}")


@deadlines.command("rules")
@click.option("--json", "as_json", is_flag=True, help="Print the catalog as a JSON array.")
def rules_command(as_json: bool) -> None:
    """List the rule catalog with each rule's legal source."""
    rules = list(all_rules().values())
    if as_json:
        payload = [
            {**rule.to_json(), "allowed_jurisdictions": list(allowed_jurisdictions(rule))}
            for rule in rules
        ]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    width = max(len(rule.id) for rule in rules)
    for rule in rules:
        length = "given" if rule.length is None else str(rule.length)
        click.echo(f"{rule.id:<{width}}  {length:>5}  {rule.source} [{rule.verification}]")


@deadlines.command("remind")
@with_appcontext
def remind_command() -> None:
    """Create in-app reminders for deadlines due within 7 days or overdue, and for JIT agreements
    ending within 60 and 30 days; e-mail them when JIT_SMTP_HOST is set. Acts as the system;
    safe to run as often as cron likes (one reminder per user, deadline and kind)."""
    from flask import current_app
    from flask_babel import force_locale
    from flask_babel import gettext as _

    from jit.db import transaction
    from jit.deadlines import clock, mail, reminders

    settings = current_app.extensions["jit.settings"]

    def gettext_for(language: str) -> "reminders.Gettext":
        def translate(text: str) -> str:
            with force_locale(language):
                return str(_(text))

        return translate

    with transaction(current_app.extensions["jit.engine"]) as session:
        result = reminders.remind(
            session,
            now=clock.now(),
            audit_key=bytes.fromhex(settings.audit_key),
            smtp=mail.SmtpConfig.from_environ(os.environ),
            gettext_for=gettext_for,
        )
    click.echo(
        f"{result.notifications} notifications, {result.emails} e-mails, "
        f"{result.agreements} JIT agreement deadlines checked"
    )
