"""The disclosure register: disclose a redacted statement, list who received what, let the
recipient download it. No Flask.

Every disclosure records recipient, purpose, legal basis, data categories, consent or override,
redaction profile, handling code, retention date and the SHA-256 of the delivered bytes (LED
Art. 25(2), 7(2), 9(3); data-protection.md L-04, T-F6), and writes ``victims.disclose`` to the
hash-chained audit log in the same transaction. A failed leak check blocks it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlmodel import Session, col, select

from jit.accounts.models import Organisation
from jit.accounts.service import organisations_of
from jit.audit import service as audit
from jit.security.actor import Actor
from jit.security.policy import AccessDenied, Action, may, require, visible_team_ids
from jit.settings import Settings
from jit.victims import encryption, review, rules, service
from jit.victims.errors import (
    ConsentRefused,
    DisclosureRefused,
    LeakCheckFailed,
    VictimNotFound,
)
from jit.victims.models import Disclosure, Victim
from jit.victims.rules import DisclosureProblem, DisclosureRequest


def _audit_key(settings: Settings) -> bytes:
    return bytes.fromhex(settings.audit_key)


def recipient_organisations(session: Session, team_id: int) -> list[Organisation]:
    """Organisations with members in the team: recipients who can download in the portal."""
    return organisations_of(session, team_id)


def disclose(
    session: Session,
    settings: Settings,
    actor: Actor,
    statement_id: int,
    request: DisclosureRequest,
    *,
    recipient_organisation_id: int | None,
    today: date,
) -> Disclosure:
    statement, victim = service.load_statement(session, actor, statement_id, Action.VICTIM_DISCLOSE)
    if recipient_organisation_id is not None:
        organisation = next(
            (
                o
                for o in recipient_organisations(session, victim.team_id)
                if o.id == recipient_organisation_id
            ),
            None,
        )
        if organisation is None:
            raise DisclosureRefused([DisclosureProblem.NO_RECIPIENT])
        # The register names the organisation as the portal knows it, not as typed.
        request = DisclosureRequest(
            **{
                **request.__dict__,
                "recipient_organisation": organisation.name,
                "recipient_country": organisation.country,
            }
        )
    problems = rules.disclosure_problems(request, today)
    if problems:
        raise DisclosureRefused(problems)
    if request.consent_id is not None:
        band = service.band_of(settings, victim, today)
        consent_problems = rules.consent_problems(
            band,
            request.consent_id,
            service.consent_facts(session, victim.id or 0),
            request.recipient_category,
            today,
        )
        if consent_problems:
            raise ConsentRefused(consent_problems)
    produced = review.produce(session, settings, statement, victim)
    if not produced.report.passed:
        # Nothing is stored or delivered; the attempt itself is logged (the caller commits
        # only this entry), so the DPO sees blocked disclosures too.
        audit.record(
            session,
            actor,
            "victims.disclose",
            audit_key=_audit_key(settings),
            object_type="victim_statement",
            object_id=statement.id or "",
            team_id=victim.team_id,
            outcome="blocked",
            justification=request.justification.strip()[:1000],
            details={"reason": "leak-check", "leaks": len(produced.report.leaks)},
        )
        raise LeakCheckFailed(produced.report)
    digest = hashlib.sha256(produced.data).hexdigest()
    disclosure = Disclosure(
        team_id=victim.team_id,
        victim_id=victim.id or 0,
        statement_id=statement.id or 0,
        recipient_category=request.recipient_category,
        recipient_organisation_id=recipient_organisation_id,
        recipient_organisation=request.recipient_organisation.strip()[:200],
        recipient_country=request.recipient_country,
        recipient_person=request.recipient_person.strip()[:200],
        purpose=request.purpose.strip()[:500],
        legal_basis=request.legal_basis,
        data_categories=rules.join_codes(request.data_categories),
        consent_id=request.consent_id,
        override_reason=request.override_reason.strip()[:1000],
        justification=request.justification.strip()[:1000],
        redaction_profile=rules.REDACTION_PROFILE,
        handling_code=request.handling_code,
        retention_until=request.retention_until or today,
        third_country_transfer=rules.is_third_country(request.recipient_country),
        sha256=digest,
        size=len(produced.data),
        media_type=produced.media_type,
        file_extension=produced.extension,
        content_ct=b"",
        leak_report=json.dumps(produced.report.to_dict(), sort_keys=True),
        disclosed_at=datetime.now(UTC),
        disclosed_by=actor.user_id or 0,
    )
    session.add(disclosure)
    session.flush()
    aad = encryption.associated_data("victim_disclosure", disclosure.id or 0, "content")
    disclosure.content_ct = encryption.seal(settings.identity_key, produced.data, aad)
    session.add(disclosure)
    review.save_token_map(session, victim.team_id, produced.token_map)
    audit.record(
        session,
        actor,
        "victims.disclose",
        audit_key=_audit_key(settings),
        object_type="victim_disclosure",
        object_id=disclosure.id or "",
        team_id=victim.team_id,
        justification=disclosure.justification,
        details={
            "disclosure_id": disclosure.id or 0,
            "victim_id": victim.id or 0,
            "statement_id": statement.id or 0,
            "sha256": digest,
            "categories": list(rules.split_codes(disclosure.data_categories)),
            "recipient_category": disclosure.recipient_category,
            "recipient_country": disclosure.recipient_country,
            "legal_basis": disclosure.legal_basis,
            "handling_code": disclosure.handling_code,
            "consent_id": disclosure.consent_id,
            "override": bool(disclosure.override_reason),
            "leak_check": "passed",
        },
    )
    return disclosure


def disclosures_of_victim(session: Session, actor: Actor, victim_id: int) -> list[Disclosure]:
    """All disclosures of a victim; an NGO user gets only those made to their organisation."""
    victim = service.load_victim(session, actor, victim_id, Action.VICTIM_VIEW)
    rows = session.exec(
        select(Disclosure)
        .where(Disclosure.victim_id == victim.id)
        .order_by(col(Disclosure.disclosed_at).desc())
    ).all()
    if may(actor, Action.DISCLOSURE_REGISTER, victim.team_id):
        return list(rows)
    return [d for d in rows if service.received_by(actor, d)]


def recipients_of_statement(
    session: Session, actor: Actor, statement_id: int
) -> tuple[Victim, list[Disclosure]]:
    """ "Who received this item?" (LED Art. 16(6): recipients are told of a rectification)."""
    statement, victim = service.load_statement(
        session, actor, statement_id, Action.DISCLOSURE_REGISTER
    )
    rows = session.exec(
        select(Disclosure)
        .where(Disclosure.statement_id == statement.id)
        .order_by(col(Disclosure.disclosed_at))
    ).all()
    return victim, list(rows)


def received(session: Session, actor: Actor) -> list[tuple[Disclosure, Victim]]:
    """What was disclosed to the actor's organisation, in the teams where they receive."""
    teams = visible_team_ids(actor, Action.DISCLOSURE_RECEIVE)
    if not teams or actor.organisation_id is None:
        return []
    rows = session.exec(
        select(Disclosure, Victim)
        .where(col(Disclosure.team_id).in_(sorted(teams)))
        .where(Disclosure.recipient_organisation_id == actor.organisation_id)
        .where(Disclosure.victim_id == Victim.id)
        .order_by(col(Disclosure.disclosed_at).desc())
    ).all()
    return [(d, v) for d, v in rows]


def get_disclosure(session: Session, actor: Actor, disclosure_id: int) -> tuple[Disclosure, Victim]:
    disclosure = session.get(Disclosure, disclosure_id)
    if disclosure is None:
        raise VictimNotFound(disclosure_id)
    victim = session.get(Victim, disclosure.victim_id)
    if victim is None:
        raise VictimNotFound(disclosure_id)
    if may(actor, Action.DISCLOSURE_REGISTER, disclosure.team_id) or service.received_by(
        actor, disclosure
    ):
        return disclosure, victim
    # Neither a register role nor the recipient: the disclosure looks absent, even to a
    # member of the team (an NGO must not learn what was sent to others).
    raise AccessDenied(Action.DISCLOSURE_REGISTER, disclosure.team_id, hidden=True)


def download(
    session: Session, settings: Settings, actor: Actor, disclosure_id: int
) -> tuple[Disclosure, Victim, bytes]:
    """The delivered bytes, for the recipient (or the register roles); logged, and checked
    against the hash in the register so the copy is provably the one disclosed."""
    disclosure, victim = get_disclosure(session, actor, disclosure_id)
    aad = encryption.associated_data("victim_disclosure", disclosure.id or 0, "content")
    data = encryption.open_sealed(settings.identity_key, disclosure.content_ct, aad)
    if hashlib.sha256(data).hexdigest() != disclosure.sha256:
        raise encryption.SealBroken("delivered copy does not match the register")
    audit.record(
        session,
        actor,
        "victims.download",
        audit_key=_audit_key(settings),
        object_type="victim_disclosure",
        object_id=disclosure.id or "",
        team_id=disclosure.team_id,
        details={"sha256": disclosure.sha256, "recipient": service.received_by(actor, disclosure)},
    )
    return disclosure, victim, data


def register_for_export(
    session: Session, settings: Settings, actor: Actor, team_id: int, export_format: str
) -> list[tuple[Disclosure, Victim]]:
    """The team's register for the data protection officer (LED Art. 24-25; L-18, L-20)."""
    require(actor, Action.DISCLOSURE_EXPORT, team_id)
    rows = session.exec(
        select(Disclosure, Victim)
        .where(Disclosure.team_id == team_id)
        .where(Disclosure.victim_id == Victim.id)
        .order_by(col(Disclosure.disclosed_at))
    ).all()
    audit.record(
        session,
        actor,
        "victims.register.export",
        audit_key=_audit_key(settings),
        object_type="team",
        object_id=team_id,
        team_id=team_id,
        details={"format": export_format, "rows": len(rows)},
    )
    return [(d, v) for d, v in rows]


def leak_report_of(disclosure: Disclosure) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(disclosure.leak_report)
    return loaded


def categories_of(disclosure: Disclosure) -> Sequence[str]:
    return rules.split_codes(disclosure.data_categories)
