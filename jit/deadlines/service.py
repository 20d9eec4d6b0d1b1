"""Deadline use cases: start one (form, API, lifecycle event, JIT agreement), mark met, extend.

Takes the database session, the actor and `now` explicitly; every change writes its audit entry
in the same transaction (details: ids and rule names, never titles). No Flask imports.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import Session, col, select

from jit.accounts.models import Team, TeamStatus
from jit.audit import service as audit
from jit.deadlines.access import require_sees
from jit.deadlines.catalog import Rule, all_rules
from jit.deadlines.errors import DeadlineError
from jit.deadlines.events import LifecycleEvent, rules_met_by, rules_started_by
from jit.deadlines.models import DeadlineSource, DeadlineStatus, TrackedDeadline
from jit.deadlines.rules import Deadline, compute
from jit.security.actor import Actor
from jit.security.policy import Action, require

AGREEMENT_RULE = "jit.agreement_end"
MAX_TITLE = 200


class DeadlineNotFound(LookupError):
    def __init__(self, deadline_id: int) -> None:
        super().__init__(f"no deadline {deadline_id}")
        self.deadline_id = deadline_id


class OwedByNotAParty(DeadlineError):
    """Only a party to the JIT can owe one of its deadlines."""

    def __init__(self, code: str, choices: tuple[str, ...]) -> None:
        self.code = code
        super().__init__(f"{code!r} is not a party to this JIT", choices)


class TitleTooLong(DeadlineError):
    def __init__(self) -> None:
        super().__init__(f"the title is longer than {MAX_TITLE} characters")


class DeadlineClosed(DeadlineError):
    """Met or extended deadlines cannot be met or extended again."""

    def __init__(self, deadline_id: int, status: DeadlineStatus) -> None:
        self.deadline_id = deadline_id
        self.status = status
        super().__init__(f"deadline {deadline_id} is already {status}")


class NoExtension(DeadlineError):
    """The law gives this rule no extension (EIO execution: Art. 12(6) only asks to consult)."""

    def __init__(self, rule_id: str) -> None:
        self.rule_id = rule_id
        super().__init__(f"rule {rule_id!r} has no extension", sorted(extension_rules()))


@dataclass(frozen=True)
class DeadlineInput:
    team_id: int
    rule: str
    start: str | date | datetime
    jurisdiction: str
    subdivision: str | None = None
    length: str | None = None
    owed_by: str | None = None  # None: the jurisdiction, when it is a party
    title: str = ""


def extension_rules() -> dict[str, Rule]:
    """Base rule id -> its extension rule (EIO Art. 12(5), EAW Art. 17(4), EPOC-PR Art. 11(1))."""
    return {rule.extends: rule for rule in all_rules().values() if rule.extends is not None}


def steps_of(deadline: TrackedDeadline) -> list[str]:
    loaded: list[str] = json.loads(deadline.steps)
    return loaded


def get_deadline(session: Session, actor: Actor, deadline_id: int) -> TrackedDeadline:
    deadline = session.get(TrackedDeadline, deadline_id)
    if deadline is None:
        raise DeadlineNotFound(deadline_id)
    require_sees(actor, deadline)
    return deadline


def successor_of(session: Session, deadline: TrackedDeadline) -> TrackedDeadline | None:
    """The deadline that replaced this one when it was extended."""
    return session.exec(
        select(TrackedDeadline).where(TrackedDeadline.extends_id == deadline.id)
    ).first()


def create_deadline(
    session: Session,
    actor: Actor,
    given: DeadlineInput,
    *,
    now: datetime,
    audit_key: bytes,
    source: DeadlineSource = DeadlineSource.MANUAL,
    source_type: str = "",
    source_id: str = "",
    extends: TrackedDeadline | None = None,
) -> TrackedDeadline:
    """Compute with the pure engine and store the result with every explanation step.

    Raises a `DeadlineError` (with `.choices`) for bad input, AccessDenied for a wrong team.
    """
    require(actor, Action.DEADLINE_MANAGE, given.team_id)
    team = session.get(Team, given.team_id)
    if team is None:  # require() already hides other teams; this is a deleted one
        raise DeadlineNotFound(given.team_id)
    title = given.title.strip()
    if len(title) > MAX_TITLE:
        raise TitleTooLong()
    length = given.length.strip() if given.length and given.length.strip() else None
    computed = compute(
        given.rule,
        given.start,
        given.jurisdiction,
        subdivision=given.subdivision or None,
        length=length,
    )
    owed_by = _owed_by(team, given.owed_by, computed.jurisdiction, source)
    record = _record(
        computed,
        team_id=given.team_id,
        start_input=str(given.start),
        owed_by=owed_by,
        title=title or _default_title(computed),
        actor=actor,
        now=now,
        source=source,
        source_type=source_type,
        source_id=source_id,
        extends_id=extends.id if extends is not None else None,
    )
    session.add(record)
    session.flush()
    audit.record(
        session,
        actor,
        "deadline.create",
        audit_key=audit_key,
        object_type="deadline",
        object_id=record.id or "",
        team_id=record.team_id,
        details={
            "rule": record.rule,
            "jurisdiction": record.jurisdiction,
            "source": str(source),
            "due_date": record.due_date.isoformat(),
        },
    )
    return record


def mark_met(
    session: Session, actor: Actor, deadline_id: int, *, now: datetime, audit_key: bytes
) -> TrackedDeadline:
    deadline = get_deadline(session, actor, deadline_id)
    require(actor, Action.DEADLINE_MANAGE, deadline.team_id)
    _close(session, actor, deadline, met_at=now, audit_key=audit_key)
    return deadline


def extend(
    session: Session, actor: Actor, deadline_id: int, *, now: datetime, audit_key: bytes
) -> TrackedDeadline:
    """Replace an open deadline by its catalogued extension, counted from the same event."""
    deadline = get_deadline(session, actor, deadline_id)
    require(actor, Action.DEADLINE_MANAGE, deadline.team_id)
    if deadline.status != DeadlineStatus.OPEN:
        raise DeadlineClosed(deadline_id, deadline.status)
    extension = extension_rules().get(deadline.rule)
    if extension is None:
        raise NoExtension(deadline.rule)
    longer = create_deadline(
        session,
        actor,
        DeadlineInput(
            team_id=deadline.team_id,
            rule=extension.id,
            start=_stored_start(deadline),
            jurisdiction=deadline.jurisdiction,
            subdivision=deadline.subdivision,
            owed_by=deadline.owed_by,
            title=deadline.title,
        ),
        now=now,
        audit_key=audit_key,
        source=deadline.source,
        source_type=deadline.source_type,
        source_id=deadline.source_id,
        extends=deadline,
    )
    deadline.status = DeadlineStatus.EXTENDED
    session.add(deadline)
    audit.record(
        session,
        actor,
        "deadline.extend",
        audit_key=audit_key,
        object_type="deadline",
        object_id=deadline.id or "",
        team_id=deadline.team_id,
        details={"rule": extension.id, "extension_id": longer.id or 0},
    )
    return longer


def on_event(
    session: Session, actor: Actor, event: LifecycleEvent, *, now: datetime, audit_key: bytes
) -> list[TrackedDeadline]:
    """Called by the requests (and victims) capability on lifecycle events (events.py table).

    Meets the open deadlines the event satisfies, then starts the ones it triggers. Idempotent:
    a deadline already started for the same object and rule is not started twice.
    """
    require(actor, Action.DEADLINE_MANAGE, event.team_id)
    occurred = event.occurred_at
    # The act was done when the event says (an aware instant); otherwise when it was recorded.
    met_at = occurred if isinstance(occurred, datetime) and occurred.tzinfo is not None else now
    met_rules = rules_met_by(event.name)
    if met_rules:
        for deadline in _of_object(session, event, met_rules, open_only=True):
            _close(session, actor, deadline, met_at=met_at.astimezone(UTC), audit_key=audit_key)
    source = (
        DeadlineSource.VICTIM_REFLECTION
        if event.name.startswith("victim.")
        else DeadlineSource.REQUEST_EVENT
    )
    created = []
    for rule_id in rules_started_by(event):
        if _of_object(session, event, (rule_id,), open_only=False):
            continue
        created.append(
            create_deadline(
                session,
                actor,
                DeadlineInput(
                    team_id=event.team_id,
                    rule=rule_id,
                    start=event.occurred_at,
                    jurisdiction=event.jurisdiction,
                    subdivision=event.subdivision,
                    owed_by=event.owed_by,
                    title=event.title,
                ),
                now=now,
                audit_key=audit_key,
                source=source,
                source_type=event.object_type,
                source_id=event.object_id,
            )
        )
    return created


def sync_agreement_deadline(
    session: Session, actor: Actor, team: Team, *, now: datetime, audit_key: bytes
) -> TrackedDeadline | None:
    """The end of the JIT agreement as a deadline owed jointly by every party.

    Extending a JIT needs the written agreement of all parties before the end date (model
    agreement, Council Resolution 2017/C 18/01), hence reminders 60 and 30 days ahead
    (status.AGREEMENT_REMINDERS). A new end date supersedes the old deadline (status extended).
    """
    if team.id is None or team.status == TeamStatus.CLOSED or not team.party_codes:
        return None
    current = session.exec(
        select(TrackedDeadline)
        .where(TrackedDeadline.team_id == team.id)
        .where(TrackedDeadline.rule == AGREEMENT_RULE)
        .where(TrackedDeadline.source == DeadlineSource.JIT_AGREEMENT)
        .where(TrackedDeadline.status == DeadlineStatus.OPEN)
        .order_by(col(TrackedDeadline.id).desc())
    ).first()
    if current is not None and current.due_date == team.agreement_end:
        return current
    given = DeadlineInput(
        team_id=team.id,
        rule=AGREEMENT_RULE,
        start=team.agreement_end,
        jurisdiction=team.party_codes[0],
        title=f"JIT agreement {team.reference} ends",
    )
    record = create_deadline(
        session,
        actor,
        given,
        now=now,
        audit_key=audit_key,
        source=DeadlineSource.JIT_AGREEMENT,
        source_type="team",
        source_id=str(team.id),
        extends=current,
    )
    if current is not None:
        current.status = DeadlineStatus.EXTENDED
        session.add(current)
    return record


def _owed_by(team: Team, given: str | None, jurisdiction: str, source: DeadlineSource) -> str:
    parties = tuple(team.party_codes)
    if source == DeadlineSource.JIT_AGREEMENT:
        return ""  # owed jointly
    code = (given or "").strip().upper() or jurisdiction
    if code not in parties:
        raise OwedByNotAParty(code, parties)
    return code


def _default_title(computed: Deadline) -> str:
    return f"{computed.rule} ({computed.jurisdiction})"


def _record(
    computed: Deadline,
    *,
    team_id: int,
    start_input: str,
    owed_by: str,
    title: str,
    actor: Actor,
    now: datetime,
    source: DeadlineSource,
    source_type: str,
    source_id: str,
    extends_id: int | None,
) -> TrackedDeadline:
    return TrackedDeadline(
        team_id=team_id,
        rule=computed.rule,
        jurisdiction=computed.jurisdiction,
        subdivision=computed.subdivision,
        length=computed.length,
        method=computed.method,
        legal_source=computed.source[:300],
        verification=computed.verification,
        start_input=start_input[:40],
        start=computed.start,
        due=computed.due,
        due_date=computed.due_date,
        timezone=computed.timezone,
        status=DeadlineStatus.OPEN,
        owed_by=owed_by,
        owner_organisation_id=actor.organisation_id,
        owner_user_id=actor.user_id,
        source=source,
        source_type=source_type,
        source_id=source_id,
        title=title,
        extends_id=extends_id,
        created_by=actor.user_id,
        created_at=now,
        steps=json.dumps(list(computed.steps), ensure_ascii=False),
    )


def _stored_start(deadline: TrackedDeadline) -> str | datetime:
    """The start as first given when it was a date (the day of the event), else the instant."""
    given = deadline.start_input.strip()
    if len(given) == 10:
        return given
    return deadline.start


def _close(
    session: Session,
    actor: Actor,
    deadline: TrackedDeadline,
    *,
    met_at: datetime,
    audit_key: bytes,
) -> None:
    if deadline.status != DeadlineStatus.OPEN:
        raise DeadlineClosed(deadline.id or 0, deadline.status)
    deadline.status = DeadlineStatus.MET
    deadline.met_at = met_at
    session.add(deadline)
    audit.record(
        session,
        actor,
        "deadline.met",
        audit_key=audit_key,
        object_type="deadline",
        object_id=deadline.id or "",
        team_id=deadline.team_id,
        details={"rule": deadline.rule, "late": met_at > deadline.due},
    )


def _of_object(
    session: Session, event: LifecycleEvent, rules: tuple[str, ...], *, open_only: bool
) -> list[TrackedDeadline]:
    query = (
        select(TrackedDeadline)
        .where(TrackedDeadline.team_id == event.team_id)
        .where(TrackedDeadline.source_type == event.object_type)
        .where(TrackedDeadline.source_id == event.object_id)
        .where(col(TrackedDeadline.rule).in_(rules))
    )
    if open_only:
        query = query.where(TrackedDeadline.status == DeadlineStatus.OPEN)
    return list(session.exec(query).all())
