"""Reminder e-mails: configuration from JIT_SMTP_* variables, message building, sending.

No Flask. Nothing is sent unless JIT_SMTP_HOST is set (the portal runs on closed networks where
mail may not exist). Messages hold titles, rules and due dates only: no victim data, no links
carrying tokens.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int = 587
    sender: str = "jit-deadlines@localhost"
    username: str = ""
    password: str = ""
    starttls: bool = True

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> SmtpConfig | None:
        """JIT_SMTP_HOST (required to send), JIT_SMTP_PORT (587), JIT_SMTP_FROM,
        JIT_SMTP_USER, JIT_SMTP_PASSWORD, JIT_SMTP_STARTTLS (1; 0 only on a loopback relay)."""
        host = environ.get("JIT_SMTP_HOST", "").strip()
        if not host:
            return None
        return cls(
            host=host,
            port=int(environ.get("JIT_SMTP_PORT", "587")),
            sender=environ.get("JIT_SMTP_FROM", cls.sender),
            username=environ.get("JIT_SMTP_USER", ""),
            password=environ.get("JIT_SMTP_PASSWORD", ""),
            starttls=environ.get("JIT_SMTP_STARTTLS", "1").strip().lower() not in ("0", "no"),
        )


@dataclass(frozen=True)
class ReminderLine:
    kind: str
    team_reference: str
    title: str
    rule: str
    due_local: str  # ISO 8601 in the jurisdiction's timezone
    owed_by: str


def build_reminder(
    *,
    sender: str,
    recipient: str,
    lines: Sequence[ReminderLine],
    gettext: Callable[[str], str],
) -> EmailMessage:
    """One digest message per user, in the user's language (`gettext` bound to it)."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = gettext("Deadline reminders from the JIT portal")
    labels = {
        "overdue": gettext("Overdue"),
        "due_soon": gettext("Due within 7 days"),
        "agreement_60": gettext("JIT agreement ends within 60 days"),
        "agreement_30": gettext("JIT agreement ends within 30 days"),
    }
    body = [gettext("These deadlines need your attention:"), ""]
    for line in lines:
        body.append(
            f"- {labels.get(line.kind, line.kind)}: [{line.team_reference}] {line.title} "
            f"({line.rule}), {line.due_local}, {line.owed_by or '*'}"
        )
    body += ["", gettext("Open the portal to see each deadline and how it was computed.")]
    message.set_content("\n".join(body))
    return message


def send(config: SmtpConfig, messages: Sequence[EmailMessage]) -> int:
    if not messages:
        return 0
    with smtplib.SMTP(config.host, config.port, timeout=30) as smtp:
        if config.starttls:
            smtp.starttls(context=ssl.create_default_context())
        if config.username:
            smtp.login(config.username, config.password)
        for message in messages:
            smtp.send_message(message)
    return len(messages)
