"""Victim records: create, read (pseudonymised), reveal (justified), guardians, consent and
statements. Takes the database session and the actor explicitly; audits in the same
transaction. No Flask imports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from jit.audit import service as audit
from jit.documents.docx_redact import redact_docx
from jit.documents.docx_safety import DocumentRejected, open_docx, parse_xml
from jit.redaction.engine import Redactor
from jit.redaction.known import KnownEntities
from jit.security.actor import Actor
from jit.security.policy import Action, may, require, visible_team_ids
from jit.settings import Settings
from jit.victims import encryption, rules
from jit.victims.errors import (
    ConsentRefused,
    InvalidVictimData,
    JustificationMissing,
    ReauthenticationRequired,
    StatementRejected,
    VictimNotFound,
)
from jit.victims.identity import Identity, RelationIdentity
from jit.victims.models import (
    Consent,
    Disclosure,
    Regime,
    RelationKind,
    Statement,
    SubjectCategory,
    Victim,
    VictimRelation,
)
from jit.victims.rules import AgeBand, ConsentKind, ConsentProblem

MAX_STATEMENT_BYTES = 5 * 1024 * 1024
# How long a record may be kept before its need is reviewed (LED Art. 5; L-12).
REVIEW_AFTER_DAYS = 365
RELATIONSHIPS = ("parent", "legal_guardian", "foster_parent", "sibling", "other_relative")


def _audit_key(settings: Settings) -> bytes:
    return bytes.fromhex(settings.audit_key)


def _now() -> datetime:
    return datetime.now(UTC)


# --- sealing -------------------------------------------------------------------------------


def identity_of(settings: Settings, victim: Victim) -> Identity:
    aad = encryption.associated_data("victim", victim.id or 0, "identity")
    return Identity.from_json(encryption.open_json(settings.identity_key, victim.identity_ct, aad))


def relation_identity_of(settings: Settings, relation: VictimRelation) -> RelationIdentity:
    aad = encryption.associated_data("victim_relation", relation.id or 0, "identity")
    return RelationIdentity.from_json(
        encryption.open_json(settings.identity_key, relation.identity_ct, aad)
    )


def statement_bytes(settings: Settings, statement: Statement) -> bytes:
    aad = encryption.associated_data("victim_statement", statement.id or 0, "content")
    return encryption.open_sealed(settings.identity_key, statement.content_ct, aad)


def band_of(settings: Settings, victim: Victim, today: date) -> AgeBand:
    """Decrypts only the date of birth, to apply child protections; shown as a band."""
    return rules.age_band(identity_of(settings, victim).date_of_birth, victim.age_uncertain, today)


# --- reading --------------------------------------------------------------------------------


def load_victim(session: Session, actor: Actor, victim_id: int, action: Action) -> Victim:
    victim = session.get(Victim, victim_id)
    if victim is None:
        raise VictimNotFound(victim_id)
    require(actor, action, victim.team_id)
    return victim


def list_victims(session: Session, actor: Actor, team_id: int | None = None) -> list[Victim]:
    """Pseudonyms of the victims in the teams the actor belongs to."""
    teams = visible_team_ids(actor, Action.VICTIM_LIST)
    if team_id is not None:
        require(actor, Action.VICTIM_LIST, team_id)
        teams = frozenset({team_id})
    if not teams:
        return []
    return list(
        session.exec(
            select(Victim)
            .where(col(Victim.team_id).in_(sorted(teams)))
            .order_by(col(Victim.pseudonym))
        ).all()
    )


@dataclass(frozen=True)
class VictimFile:
    """What a member of the team sees without a reveal. For NGO users only ``victim.pseudonym``
    and ``disclosures`` (made to their organisation) are filled (``full`` is False)."""

    victim: Victim
    full: bool
    band: AgeBand | None
    relations: Sequence[VictimRelation]
    consents: Sequence[Consent]
    statements: Sequence[Statement]
    disclosures: Sequence[Disclosure]


def victim_file(
    session: Session, settings: Settings, actor: Actor, victim_id: int, today: date
) -> VictimFile:
    victim = load_victim(session, actor, victim_id, Action.VICTIM_VIEW)
    full = may(actor, Action.VICTIM_FILE, victim.team_id)
    disclosures = session.exec(
        select(Disclosure)
        .where(Disclosure.victim_id == victim.id)
        .order_by(col(Disclosure.disclosed_at).desc())
    ).all()
    if not may(actor, Action.DISCLOSURE_REGISTER, victim.team_id):
        disclosures = [d for d in disclosures if received_by(actor, d)]
    # LED Art. 25: consultation of pseudonymised data is logged too (without justification;
    # identity consultations go through reveal()).
    audit.record(
        session,
        actor,
        "victims.view",
        audit_key=_audit_key(settings),
        object_type="victim",
        object_id=victim.id or "",
        team_id=victim.team_id,
        details={"scope": "file" if full else "pseudonym"},
    )
    if not full:
        return VictimFile(victim, False, None, (), (), (), disclosures)
    return VictimFile(
        victim,
        True,
        band_of(settings, victim, today),
        _relations(session, victim.id or 0),
        _consents(session, victim.id or 0),
        _statements(session, victim.id or 0),
        disclosures,
    )


def received_by(actor: Actor, disclosure: Disclosure) -> bool:
    """An NGO user receives what was disclosed to their organisation in a team they belong to."""
    return (
        disclosure.recipient_organisation_id is not None
        and disclosure.recipient_organisation_id == actor.organisation_id
        and may(actor, Action.DISCLOSURE_RECEIVE, disclosure.team_id)
    )


def _relations(session: Session, victim_id: int) -> list[VictimRelation]:
    return list(
        session.exec(
            select(VictimRelation)
            .where(VictimRelation.victim_id == victim_id)
            .order_by(col(VictimRelation.id))
        ).all()
    )


def _consents(session: Session, victim_id: int) -> list[Consent]:
    return list(
        session.exec(
            select(Consent).where(Consent.victim_id == victim_id).order_by(col(Consent.id))
        ).all()
    )


def _statements(session: Session, victim_id: int) -> list[Statement]:
    return list(
        session.exec(
            select(Statement).where(Statement.victim_id == victim_id).order_by(col(Statement.id))
        ).all()
    )


# --- reveal ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Revealed:
    victim: Victim
    identity: Identity
    relations: Sequence[tuple[VictimRelation, RelationIdentity]]


def reveal(
    session: Session,
    settings: Settings,
    actor: Actor,
    victim_id: int,
    *,
    justification: str,
    reauth_at: datetime | None,
    now: datetime,
) -> Revealed:
    """Decrypt the identity for a justified, re-authenticated consultation (LED Art. 25(2),
    ASVS 7.5.3). The audit entry is written here; the caller commits it *before* anything is
    shown, so a consultation that could not be logged shows nothing (L-01, fail closed)."""
    victim = load_victim(session, actor, victim_id, Action.VICTIM_REVEAL)
    if not rules.justification_ok(justification):
        raise JustificationMissing
    if not rules.reauth_fresh(reauth_at, now):
        raise ReauthenticationRequired
    relations = [(r, relation_identity_of(settings, r)) for r in _relations(session, victim_id)]
    revealed = Revealed(victim, identity_of(settings, victim), relations)
    audit.record(
        session,
        actor,
        "victims.reveal",
        audit_key=_audit_key(settings),
        object_type="victim",
        object_id=victim.id or "",
        team_id=victim.team_id,
        justification=justification.strip()[:1000],
        details={"relations": len(relations)},
    )
    return revealed


# --- writing --------------------------------------------------------------------------------


def create_victim(
    session: Session,
    settings: Settings,
    actor: Actor,
    team_id: int,
    *,
    origin_state: str,
    regime: Regime,
    category: SubjectCategory,
    age_uncertain: bool,
    prosecuted_abroad_under_coercion: bool = False,
    identity: Identity,
    today: date,
) -> Victim:
    require(actor, Action.VICTIM_MANAGE, team_id)
    origin_state = origin_state.strip().upper()
    if len(origin_state) != 2 or not origin_state.isalpha() or not origin_state.isascii():
        raise InvalidVictimData("origin_state")
    if not identity.names:
        raise InvalidVictimData("names")
    if identity.date_of_birth is not None and identity.date_of_birth > today:
        raise InvalidVictimData("date_of_birth")
    last = session.exec(
        select(func.max(Victim.sequence)).where(
            Victim.origin_state == origin_state, Victim.year == today.year
        )
    ).one()
    sequence = (last or 0) + 1
    victim = Victim(
        team_id=team_id,
        pseudonym=rules.pseudonym(origin_state, today.year, sequence),
        origin_state=origin_state,
        year=today.year,
        sequence=sequence,
        regime=regime,
        subject_category=category,
        age_uncertain=age_uncertain,
        prosecuted_abroad_under_coercion=prosecuted_abroad_under_coercion,
        identity_ct=b"",
        review_on=today + timedelta(days=REVIEW_AFTER_DAYS),
        created_at=_now(),
        created_by=actor.user_id or 0,
    )
    session.add(victim)
    session.flush()  # the id is part of the associated data
    aad = encryption.associated_data("victim", victim.id or 0, "identity")
    victim.identity_ct = encryption.seal_json(settings.identity_key, identity.to_json(), aad)
    session.add(victim)
    audit.record(
        session,
        actor,
        "victims.create",
        audit_key=_audit_key(settings),
        object_type="victim",
        object_id=victim.id or "",
        team_id=team_id,
        # Which fields were collected, never their values (STYLE B11).
        details={
            "pseudonym": victim.pseudonym,
            "fields": sorted(k for k, v in identity.to_json().items() if v),
        },
    )
    return victim


def add_relation(
    session: Session,
    settings: Settings,
    actor: Actor,
    victim_id: int,
    *,
    kind: RelationKind,
    relationship: str,
    involved_in_case: bool,
    linked_to_suspect: bool,
    identity: RelationIdentity,
) -> VictimRelation:
    victim = load_victim(session, actor, victim_id, Action.VICTIM_MANAGE)
    if relationship not in RELATIONSHIPS:
        raise InvalidVictimData("relationship")
    if not identity.names:
        raise InvalidVictimData("names")
    relation = VictimRelation(
        victim_id=victim_id,
        kind=kind,
        relationship=relationship,
        involved_in_case=involved_in_case,
        linked_to_suspect=linked_to_suspect,
        identity_ct=b"",
        created_at=_now(),
    )
    session.add(relation)
    session.flush()
    aad = encryption.associated_data("victim_relation", relation.id or 0, "identity")
    relation.identity_ct = encryption.seal_json(settings.identity_key, identity.to_json(), aad)
    session.add(relation)
    audit.record(
        session,
        actor,
        "victims.relation.add",
        audit_key=_audit_key(settings),
        object_type="victim_relation",
        object_id=relation.id or "",
        team_id=victim.team_id,
        details={"victim_id": victim_id, "kind": str(kind), "conflicted": _conflicted(relation)},
    )
    return relation


def _conflicted(relation: VictimRelation) -> bool:
    return relation.involved_in_case or relation.linked_to_suspect


def mark_relation_conflicted(
    session: Session, settings: Settings, actor: Actor, relation_id: int
) -> VictimRelation:
    """Record that a guardian is involved in the case: every consent of theirs stops counting."""
    relation = session.get(VictimRelation, relation_id)
    if relation is None:
        raise VictimNotFound(relation_id)
    victim = load_victim(session, actor, relation.victim_id, Action.VICTIM_MANAGE)
    relation.involved_in_case = True
    session.add(relation)
    audit.record(
        session,
        actor,
        "victims.relation.conflicted",
        audit_key=_audit_key(settings),
        object_type="victim_relation",
        object_id=relation.id or "",
        team_id=victim.team_id,
    )
    return relation


def record_consent(
    session: Session,
    settings: Settings,
    actor: Actor,
    victim_id: int,
    *,
    kind: ConsentKind,
    relation_id: int | None,
    given_on: date,
    scope: Sequence[str],
    reference: str,
    today: date,
) -> Consent:
    """Record an assent, a consent or a representative's decision. A guardian involved in the
    case (or linked to a suspect) cannot consent for the child: refused and explained."""
    victim = load_victim(session, actor, victim_id, Action.VICTIM_MANAGE)
    if given_on > today:
        raise InvalidVictimData("given_on")
    if not scope or not set(scope) <= set(rules.RECIPIENT_CATEGORIES):
        raise InvalidVictimData("scope")
    if kind is ConsentKind.GUARDIAN_CONSENT:
        relation = session.get(VictimRelation, relation_id) if relation_id else None
        if (
            relation is None
            or relation.victim_id != victim_id
            or relation.kind is not RelationKind.GUARDIAN
        ):
            raise InvalidVictimData("guardian")
        if _conflicted(relation):
            raise ConsentRefused([ConsentProblem.CONFLICTED_GUARDIAN])
    else:
        relation_id = None
    if (
        kind in (ConsentKind.REPRESENTATIVE_CONSENT, ConsentKind.CHILD_PROTECTION_DECISION)
        and not reference.strip()
    ):
        # A court order or a DGASPC decision is identified by its number.
        raise InvalidVictimData("reference")
    consent = Consent(
        victim_id=victim_id,
        kind=kind,
        relation_id=relation_id,
        given_on=given_on,
        scope=rules.join_codes(scope),
        reference=reference.strip()[:100],
        recorded_at=_now(),
        recorded_by=actor.user_id or 0,
    )
    session.add(consent)
    session.flush()
    audit.record(
        session,
        actor,
        "victims.consent.record",
        audit_key=_audit_key(settings),
        object_type="victim_consent",
        object_id=consent.id or "",
        team_id=victim.team_id,
        details={"victim_id": victim_id, "kind": str(kind), "scope": sorted(scope)},
    )
    return consent


def consent_facts(session: Session, victim_id: int) -> list[rules.ConsentFacts]:
    relations = {r.id: r for r in _relations(session, victim_id)}
    facts = []
    for consent in _consents(session, victim_id):
        relation = relations.get(consent.relation_id) if consent.relation_id else None
        facts.append(
            rules.ConsentFacts(
                id=consent.id or 0,
                kind=consent.kind,
                given_on=consent.given_on,
                scope=frozenset(rules.split_codes(consent.scope)),
                withdrawn_on=consent.withdrawn_on,
                guardian_conflicted=relation is not None and _conflicted(relation),
            )
        )
    return facts


# --- statements -----------------------------------------------------------------------------


def check_statement(data: bytes, filename: str) -> str:
    """Validate an uploaded statement and return its format; nothing is stored on failure.

    A DOCX is opened with the zip-bomb and XXE guards, every XML part is parsed, and a dry
    run of the redactor proves it holds nothing we could not clean later (macros, embedded
    objects): better refused now than at disclosure time.
    """
    if not data:
        raise StatementRejected("empty")
    if len(data) > MAX_STATEMENT_BYTES:
        raise StatementRejected("too_large")
    lowered = filename.lower()
    if lowered.endswith(".docx") or data.startswith(b"PK"):
        try:
            archive = open_docx(data)
            for name, content in archive.members.items():
                if name.endswith((".xml", ".rels")):
                    parse_xml(name, content)
            redact_docx(data, Redactor(KnownEntities(), patterns=False))
        except DocumentRejected as error:
            raise StatementRejected(type(error).__name__) from None
        return "docx"
    if lowered.endswith(".txt"):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise StatementRejected("not_utf8") from None
        return "txt"
    raise StatementRejected("unsupported_type")


def add_statement(
    session: Session,
    settings: Settings,
    actor: Actor,
    victim_id: int,
    *,
    filename: str,
    data: bytes,
    language: str,
    nature: str,
) -> Statement:
    victim = load_victim(session, actor, victim_id, Action.VICTIM_MANAGE)
    kind = check_statement(data, filename)
    if language not in settings.supported_locales:
        raise InvalidVictimData("language")
    if nature not in ("fact", "assessment"):
        raise InvalidVictimData("nature")
    if kind == "txt":
        # Stored as UTF-8 without a byte-order mark: offsets in the review match the text.
        data = data.decode("utf-8-sig").encode("utf-8")
    statement = Statement(
        victim_id=victim_id,
        format=kind,
        language=language,
        nature=nature,
        size=len(data),
        content_ct=b"",
        created_at=_now(),
        created_by=actor.user_id or 0,
    )
    session.add(statement)
    session.flush()
    aad = encryption.associated_data("victim_statement", statement.id or 0, "content")
    statement.content_ct = encryption.seal(settings.identity_key, data, aad)
    session.add(statement)
    audit.record(
        session,
        actor,
        "victims.statement.add",
        audit_key=_audit_key(settings),
        object_type="victim_statement",
        object_id=statement.id or "",
        team_id=victim.team_id,
        details={"victim_id": victim_id, "format": kind, "size": len(data)},
    )
    return statement


def load_statement(
    session: Session, actor: Actor, statement_id: int, action: Action
) -> tuple[Statement, Victim]:
    statement = session.get(Statement, statement_id)
    if statement is None:
        raise VictimNotFound(statement_id)
    victim = load_victim(session, actor, statement.victim_id, action)
    return statement, victim
