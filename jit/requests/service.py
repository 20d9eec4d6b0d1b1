"""Request use cases: create, save a new draft version, record a lifecycle step, review a
translation, generate a document. ``fn(session, actor, ...)``; every change and every generated
document writes its audit entry in the same transaction (details: ids, codes and counts, never
field values). No Flask imports: the translator is passed in by the caller.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from jit.accounts.models import Team
from jit.audit import service as audit
from jit.deadlines.events import KNOWN_EVENTS, LifecycleEvent
from jit.deadlines.service import on_event
from jit.documents.compose import (
    FormDocument,
    NarrativeTranslator,
    TextTranslator,
    TranslatedText,
    compose_document,
    machine_translation,
)
from jit.documents.docx_render import render_docx
from jit.requests import lifecycle
from jit.requests.catalog import FieldType, Instrument, UnknownLanguage, load_instrument
from jit.requests.errors import ErrorCode, FieldError
from jit.requests.languages import proposed_language
from jit.requests.lifecycle import FINAL, Status
from jit.requests.models import (
    Direction,
    EvidenceRequest,
    RequestStep,
    RequestVersion,
    ReviewedTranslation,
)
from jit.requests.rules import (
    DEFAULT_HANDLING,
    NARRATIVE_MAX_CHARS,
    draft_fields,
    entry_fields,
    is_filled,
    validate_draft,
)
from jit.requests.values import COUNTRIES, check_string
from jit.security.actor import Actor
from jit.security.policy import Action, require, visible_team_ids
from jit.translation.engine import TranslationUnavailable

NOTE_MAX_CHARS = 500


class RequestNotFound(LookupError):
    """No such request, or one of another team (both look the same: T-D1)."""


class VersionNotFound(LookupError):
    pass


class InvalidRequest(ValueError):
    """The input has problems; ``errors`` names each field and why. Nothing was saved."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        super().__init__("; ".join(error.message() for error in errors[:5]))
        self.errors = tuple(errors)


class RequestLocked(Exception):
    """Only a draft can be changed: an issued request is what the authority signed."""

    def __init__(self, status: Status) -> None:
        super().__init__(f"the request is {status}; only drafts can be changed")
        self.status = status


class SameLanguage(ValueError):
    """A bilingual document needs two different languages."""


@dataclass(frozen=True)
class Narrative:
    """One free-text value of a draft that may need translating."""

    field_id: str
    text: str
    digest: str


@dataclass(frozen=True)
class Rendered:
    document: FormDocument
    version: int
    docx: bytes | None


# --- reading -------------------------------------------------------------------------------------


def list_requests(session: Session, actor: Actor, team_id: int) -> list[EvidenceRequest]:
    require(actor, Action.REQUEST_VIEW, team_id)
    return list(
        session.exec(
            select(EvidenceRequest)
            .where(EvidenceRequest.team_id == team_id)
            .order_by(col(EvidenceRequest.updated_at).desc(), col(EvidenceRequest.id).desc())
        ).all()
    )


def open_requests(session: Session, actor: Actor, limit: int = 50) -> list[EvidenceRequest]:
    """Requests not yet executed, refused or withdrawn, in every team the actor may see."""
    teams = visible_team_ids(actor, Action.REQUEST_VIEW)
    if not teams:
        return []
    return list(
        session.exec(
            select(EvidenceRequest)
            .where(col(EvidenceRequest.team_id).in_(sorted(teams)))
            .where(col(EvidenceRequest.status).not_in([str(s) for s in FINAL]))
            .order_by(col(EvidenceRequest.updated_at).desc(), col(EvidenceRequest.id).desc())
            .limit(limit)
        ).all()
    )


def get_request(
    session: Session, actor: Actor, request_id: int, team_id: int | None = None
) -> EvidenceRequest:
    request = session.get(EvidenceRequest, request_id)
    if team_id is not None:
        # The team in the URL is checked first, so another team's address is a 404 even when
        # the request id happens to exist in the actor's own team.
        require(actor, Action.REQUEST_VIEW, team_id)
        if request is None or request.team_id != team_id:
            raise RequestNotFound(request_id)
    if request is None:
        raise RequestNotFound(request_id)
    require(actor, Action.REQUEST_VIEW, request.team_id)
    return request


def instrument_of(request: EvidenceRequest) -> Instrument:
    return load_instrument(request.instrument)


def versions(session: Session, request: EvidenceRequest) -> list[RequestVersion]:
    return list(
        session.exec(
            select(RequestVersion)
            .where(RequestVersion.request_id == request.id)
            .order_by(col(RequestVersion.number).desc())
        ).all()
    )


def latest_version(session: Session, request: EvidenceRequest) -> RequestVersion:
    version = session.exec(
        select(RequestVersion)
        .where(RequestVersion.request_id == request.id)
        .order_by(col(RequestVersion.number).desc())
        .limit(1)
    ).first()
    if version is None:  # every request is created with its first version
        raise VersionNotFound(request.id)
    return version


def get_version(session: Session, request: EvidenceRequest, number: int) -> RequestVersion:
    version = session.exec(
        select(RequestVersion)
        .where(RequestVersion.request_id == request.id)
        .where(RequestVersion.number == number)
    ).first()
    if version is None:
        raise VersionNotFound(number)
    return version


def draft_of(version: RequestVersion) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(version.data)
    return data


def steps(session: Session, request: EvidenceRequest) -> list[RequestStep]:
    return list(
        session.exec(
            select(RequestStep)
            .where(RequestStep.request_id == request.id)
            .order_by(col(RequestStep.occurred_on), col(RequestStep.id))
        ).all()
    )


# --- creating and saving -------------------------------------------------------------------------


def create_request(
    session: Session,
    actor: Actor,
    team_id: int,
    draft: Any,
    *,
    direction: str,
    issuing_state: str,
    executing_state: str,
    output_language: str | None = None,
    now: datetime,
    audit_key: bytes,
    author_id: int | None = None,
) -> EvidenceRequest:
    """Create a request with its first version. The draft may be partial (required fields are
    checked section by section in the wizard and in full before issue), never wrong.

    Raises UnknownInstrument, InvalidRequest (every problem, each naming its field).
    """
    require(actor, Action.REQUEST_EDIT, team_id)
    if not isinstance(draft, dict):
        raise InvalidRequest([FieldError("draft", ErrorCode.NOT_AN_OBJECT)])
    instrument = load_instrument(str(draft.get("instrument", "")))
    errors = _meta_errors(direction, issuing_state, executing_state)
    errors.extend(validate_draft(instrument, draft, sections=()))
    issuing, executing = issuing_state.strip().upper(), executing_state.strip().upper()
    language = output_language or proposed_language(executing, instrument.languages)
    if language not in instrument.languages:
        errors.append(
            FieldError("output_language", ErrorCode.INVALID_LANGUAGE, {"value": language})
        )
    if errors:
        raise InvalidRequest(errors)
    author = actor.user_id if actor.user_id is not None else author_id
    if author is None:
        raise ValueError("the system creates requests on behalf of a user (author_id)")
    request = EvidenceRequest(
        team_id=team_id,
        instrument=instrument.id,
        reference=str(draft["reference"]).strip(),
        direction=Direction(direction),
        issuing_state=issuing,
        executing_state=executing,
        source_language=str(draft["source_language"]),
        output_language=language,
        status=Status.DRAFT,
        created_by=author,
        created_at=now,
        updated_at=now,
    )
    session.add(request)
    session.flush()
    session.add(_version(request, 1, _normalised(draft), author, now))
    session.flush()
    audit.record(
        session,
        actor,
        "requests.create",
        audit_key=audit_key,
        object_type="request",
        object_id=request.id or "",
        team_id=team_id,
        details={"instrument": instrument.id, "direction": direction, "version": 1},
    )
    return request


def new_draft(
    instrument_id: str, reference: str, source_language: str, handling: str
) -> dict[str, Any]:
    return {
        "instrument": instrument_id,
        "reference": reference,
        "handling": handling or DEFAULT_HANDLING,
        "source_language": source_language,
        "fields": {},
    }


def section_keys(instrument: Instrument, section_id: str) -> frozenset[str]:
    """The draft keys whose values are entered on the page of one section."""
    return frozenset(spec.id for spec in draft_fields(instrument) if spec.section == section_id)


def save_section(
    session: Session,
    actor: Actor,
    request: EvidenceRequest,
    section_id: str,
    values: Mapping[str, Any],
    *,
    now: datetime,
    audit_key: bytes,
) -> RequestVersion | None:
    """Replace one section's values and store the result as a NEW version.

    The new draft must hold no wrong value anywhere and every required field of this section;
    otherwise InvalidRequest and nothing is stored. Returns None when nothing changed.
    """
    require(actor, Action.REQUEST_EDIT, request.team_id)
    _require_draft(request)
    instrument = instrument_of(request)
    keys = section_keys(instrument, section_id)
    unknown = [FieldError(f"fields.{k}", ErrorCode.UNKNOWN_FIELD) for k in values if k not in keys]
    if unknown:
        raise InvalidRequest(unknown)
    current = draft_of(latest_version(session, request))
    fields = {k: v for k, v in current.get("fields", {}).items() if k not in keys}
    fields.update({k: v for k, v in values.items() if is_filled(v)})
    return _save(
        session, actor, request, {**current, "fields": fields}, {section_id}, now, audit_key
    )


def save_settings(
    session: Session,
    actor: Actor,
    request: EvidenceRequest,
    *,
    reference: str,
    handling: str,
    source_language: str,
    output_language: str,
    now: datetime,
    audit_key: bytes,
) -> RequestVersion | None:
    """The header of the draft (reference, handling marking, language of the free text) and the
    language of the document. A changed header is a new version."""
    require(actor, Action.REQUEST_EDIT, request.team_id)
    _require_draft(request)
    instrument = instrument_of(request)
    if output_language not in instrument.languages:
        error = FieldError(
            "output_language", ErrorCode.INVALID_LANGUAGE, {"value": output_language[:8]}
        )
        raise InvalidRequest([error])
    current = draft_of(latest_version(session, request))
    draft = {
        **current,
        "reference": reference.strip(),
        "handling": handling,
        "source_language": source_language,
    }
    version = _save(session, actor, request, draft, set(), now, audit_key)
    if output_language != request.output_language:
        request.output_language = output_language
        request.updated_at = now
        session.add(request)
    return version


def _save(
    session: Session,
    actor: Actor,
    request: EvidenceRequest,
    draft: dict[str, Any],
    sections: set[str],
    now: datetime,
    audit_key: bytes,
) -> RequestVersion | None:
    errors = validate_draft(instrument_of(request), draft, sections=sections)
    if errors:
        raise InvalidRequest(errors)
    latest = latest_version(session, request)
    draft = _normalised(draft)
    if draft == draft_of(latest):
        return None
    author = actor.user_id
    if author is None:
        raise ValueError("drafts are saved by users")
    version = _version(request, latest.number + 1, draft, author, now)
    session.add(version)
    request.reference = str(draft["reference"])
    request.source_language = str(draft["source_language"])
    request.updated_at = now
    session.add(request)
    session.flush()
    audit.record(
        session,
        actor,
        "requests.save",
        audit_key=audit_key,
        object_type="request",
        object_id=request.id or "",
        team_id=request.team_id,
        details={"version": version.number, "sections": sorted(sections)},
    )
    return version


def _version(
    request: EvidenceRequest, number: int, draft: Mapping[str, Any], author: int, now: datetime
) -> RequestVersion:
    return RequestVersion(
        request_id=request.id or 0,
        number=number,
        data=json.dumps(draft, ensure_ascii=False, sort_keys=True),
        created_by=author,
        created_at=now,
    )


def _normalised(draft: Mapping[str, Any]) -> dict[str, Any]:
    # Stored with stable key order so "nothing changed" is a plain comparison.
    result: dict[str, Any] = json.loads(json.dumps(draft, sort_keys=True))
    result.setdefault("handling", DEFAULT_HANDLING)
    return result


def _require_draft(request: EvidenceRequest) -> None:
    if request.status is not Status.DRAFT:
        raise RequestLocked(request.status)


def _meta_errors(direction: str, issuing: str, executing: str) -> list[FieldError]:
    errors = []
    if direction not in set(Direction):
        errors.append(
            FieldError("direction", ErrorCode.INVALID_OPTION, {"value": str(direction)[:20]})
        )
    for path, value in (("issuing_state", issuing), ("executing_state", executing)):
        code = str(value).strip().upper()
        if not code:
            errors.append(FieldError(path, ErrorCode.REQUIRED))
        elif code not in COUNTRIES:
            errors.append(FieldError(path, ErrorCode.INVALID_COUNTRY, {"value": code[:20]}))
    if (
        str(issuing).strip().upper()
        and str(issuing).strip().upper() == str(executing).strip().upper()
    ):
        errors.append(
            FieldError(
                "executing_state",
                ErrorCode.CONTRADICTION,
                {"condition": "states_differ"},
            )
        )
    return errors


# --- lifecycle -----------------------------------------------------------------------------------


def record_step(
    session: Session,
    actor: Actor,
    request: EvidenceRequest,
    step: Status,
    on: date,
    *,
    received_on: date | None = None,
    note: str = "",
    today: date,
    now: datetime,
    audit_key: bytes,
) -> list[RequestStep]:
    """Record a step (StepRefused when the lifecycle forbids it) and emit its deadline events.

    Issuing needs a complete draft (InvalidRequest lists what is missing).
    """
    require(actor, Action.REQUEST_EDIT, request.team_id)
    note_errors = check_string("note", note, NOTE_MAX_CHARS, False)
    if note_errors:
        raise InvalidRequest(note_errors)
    if step is Status.ISSUED:
        errors = validate_draft(instrument_of(request), draft_of(latest_version(session, request)))
        if errors:
            raise InvalidRequest(errors)
    history = steps(session, request)
    planned = lifecycle.plan_step(
        request.status,
        step,
        on,
        outgoing=request.direction is Direction.OUTGOING,
        last_date=history[-1].occurred_on if history else None,
        today=today,
        received_on=received_on,
    )
    recorded = []
    for item in planned:
        row = RequestStep(
            request_id=request.id or 0,
            status=item.status,
            occurred_on=item.on,
            recorded_by=actor.user_id,
            recorded_at=now,
            note=note.strip() if item.status is step else "",
        )
        session.add(row)
        recorded.append(row)
    request.status = planned[-1].status
    request.updated_at = now
    session.add(request)
    session.flush()
    audit.record(
        session,
        actor,
        "requests.step",
        audit_key=audit_key,
        object_type="request",
        object_id=request.id or "",
        team_id=request.team_id,
        details={"steps": [str(item.status) for item in planned]},
    )
    for item in planned:
        _emit(session, actor, request, item, now=now, audit_key=audit_key)
    return recorded


def _emit(
    session: Session,
    actor: Actor,
    request: EvidenceRequest,
    item: lifecycle.PlannedStep,
    *,
    now: datetime,
    audit_key: bytes,
) -> None:
    name = lifecycle.event_name(request.instrument, item.status)
    if name is None or name not in KNOWN_EVENTS:
        return
    team = session.get(Team, request.team_id)
    if team is None or request.executing_state not in team.party_codes:
        # The deadlines capability tracks what the JIT's parties owe; a State outside the
        # team answers to its own authorities (the step is still recorded).
        return
    on_event(
        session,
        actor,
        LifecycleEvent(
            name=name,
            team_id=request.team_id,
            occurred_at=item.on,
            # The act (recognition, execution) is done in the executing State, on its calendar.
            jurisdiction=request.executing_state,
            object_type="request",
            object_id=str(request.id),
            title=f"{request.instrument.upper()} {request.reference}"[:200],
        ),
        now=now,
        audit_key=audit_key,
    )


# --- free text -----------------------------------------------------------------------------------


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def narratives(instrument: Instrument, draft: Mapping[str, Any]) -> list[Narrative]:
    """Every filled free-text value of a draft, once per distinct text."""
    found: dict[tuple[str, str], Narrative] = {}
    for field_id, text in _narrative_values(instrument, draft.get("fields", {})):
        found.setdefault((field_id, digest(text)), Narrative(field_id, text, digest(text)))
    return list(found.values())


def _narrative_values(
    instrument: Instrument, values: Mapping[str, Any]
) -> Iterator[tuple[str, str]]:
    for spec in draft_fields(instrument):
        value = values.get(spec.id)
        if spec.type is FieldType.NARRATIVE and isinstance(value, str) and is_filled(value):
            yield spec.id, value
        elif spec.type is FieldType.GROUP and spec.item is not None and isinstance(value, list):
            entry_specs = [s for s in entry_fields(spec.item) if s.type is FieldType.NARRATIVE]
            for entry in value:
                for entry_spec in entry_specs:
                    text = entry.get(entry_spec.id) if isinstance(entry, dict) else None
                    if isinstance(text, str) and is_filled(text):
                        yield entry_spec.id, text


def reviews(
    session: Session, request: EvidenceRequest
) -> dict[tuple[str, str, str], ReviewedTranslation]:
    rows = session.exec(
        select(ReviewedTranslation).where(ReviewedTranslation.request_id == request.id)
    ).all()
    return {(r.field_id, r.language, r.source_digest): r for r in rows}


def review_translation(
    session: Session,
    actor: Actor,
    request: EvidenceRequest,
    *,
    field_id: str,
    source_digest: str,
    language: str,
    text: str,
    now: datetime,
    audit_key: bytes,
) -> ReviewedTranslation:
    """Store a person's checked translation; the document then prints it without the marking."""
    require(actor, Action.REQUEST_EDIT, request.team_id)
    _require_draft(request)
    instrument = instrument_of(request)
    if language not in instrument.languages:
        raise UnknownLanguage(language, instrument.languages)
    draft = draft_of(latest_version(session, request))
    known = {(n.field_id, n.digest) for n in narratives(instrument, draft)}
    if (field_id, source_digest) not in known:
        raise InvalidRequest([FieldError(f"fields.{field_id[:80]}", ErrorCode.UNKNOWN_FIELD)])
    problems = check_string(f"fields.{field_id}", text.strip(), NARRATIVE_MAX_CHARS, True)
    if problems:
        raise InvalidRequest(problems)
    key = (field_id, language, source_digest)
    row = reviews(session, request).get(key) or ReviewedTranslation(
        request_id=request.id or 0,
        field_id=field_id,
        language=language,
        source_digest=source_digest,
        text="",
        reviewed_by=actor.user_id or 0,
        reviewed_at=now,
    )
    row.text = text.strip()
    row.reviewed_by = actor.user_id or 0
    row.reviewed_at = now
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "requests.translation.review",
        audit_key=audit_key,
        object_type="request",
        object_id=request.id or "",
        team_id=request.team_id,
        details={"field": field_id, "language": language},
    )
    return row


def narrative_translator(
    session: Session, request: EvidenceRequest, translator: TextTranslator | None
) -> NarrativeTranslator:
    """Reviewed texts first (also typed by hand without a model), then machine output, else
    None: compose then keeps the drafter's text with the "not translated" notice."""
    checked = {key: row.text for key, row in reviews(session, request).items()}
    machine = (
        machine_translation(translator, unavailable=(TranslationUnavailable,))
        if translator is not None
        else None
    )

    def provide(field_id: str, text: str, *, source: str, target: str) -> TranslatedText | None:
        reviewed = checked.get((field_id, target, digest(text)))
        if reviewed is not None:
            return TranslatedText(reviewed, reviewed=True)
        if machine is None:
            return None
        return machine(field_id, text, source=source, target=target)

    return provide


# --- documents -----------------------------------------------------------------------------------


def render(
    session: Session,
    actor: Actor,
    request: EvidenceRequest,
    *,
    language: str,
    bilingual: str | None = None,
    version: int | None = None,
    docx: bool,
    translator: TextTranslator | None,
    audit_key: bytes,
) -> Rendered:
    """Compose (and for a download, render) the document; audited either way.

    Raises UnknownLanguage, SameLanguage, VersionNotFound, InvalidDraft (incomplete draft).
    """
    require(actor, Action.REQUEST_VIEW, request.team_id)
    instrument = instrument_of(request)
    for code in (language, bilingual):
        if code is not None and code not in instrument.languages:
            raise UnknownLanguage(code[:8], instrument.languages)
    if bilingual == language:
        raise SameLanguage(language)
    stored = (
        get_version(session, request, version)
        if version is not None
        else latest_version(session, request)
    )
    document = compose_document(
        instrument,
        draft_of(stored),
        language=language,
        bilingual=bilingual,
        translate=narrative_translator(session, request, translator),
    )
    data = render_docx(document) if docx else None
    audit.record(
        session,
        actor,
        "requests.render",
        audit_key=audit_key,
        object_type="request",
        object_id=request.id or "",
        team_id=request.team_id,
        details={
            "instrument": instrument.id,
            "version": stored.number,
            "format": "docx" if docx else "html",
            "languages": list(document.languages),
            "machine_translated": list(document.machine_translated_fields),
        },
    )
    return Rendered(document=document, version=stored.number, docx=data)
