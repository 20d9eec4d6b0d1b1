"""Redaction of a statement for disclosure, with the reviewer's edits, and its preview.

No Flask. The redactor is built from the decrypted identity register of the whole team (a
statement names other victims and their guardians too) and the team's TokenMap, so [V1] is the
same child in every document of the case. The reviewer can add values to redact and keep a
span in clear; kept spans are remembered by (SHA-256 of the segment text, start, end), so the
stored review holds no identity, while added values are sealed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from jit.audit import service as audit
from jit.documents.docx_redact import redact_docx
from jit.documents.leak_check import LeakReport, check_docx, check_text
from jit.redaction.engine import Redactor
from jit.redaction.known import KnownEntities, KnownPerson, KnownValue
from jit.redaction.needles import LeakProbe
from jit.redaction.spans import EntityKind, Span
from jit.redaction.tokens import TokenMap
from jit.security.actor import Actor
from jit.security.policy import Action
from jit.settings import Settings
from jit.victims import encryption, service
from jit.victims.errors import InvalidVictimData
from jit.victims.identity import relation_person, victim_person
from jit.victims.models import (
    RelationKind,
    Statement,
    StatementReview,
    TeamTokenMap,
    Victim,
    VictimRelation,
)

Kept = tuple[str, int, int]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Segment:
    """One piece of text the redactor saw (a paragraph, a text, an attribute) and its spans;
    ``kept`` marks spans the reviewer left in clear."""

    text: str
    spans: tuple[Span, ...]
    kept: tuple[bool, ...]


class ReviewedRedactor(Redactor):
    """The engine with the reviewer's "keep in clear" decisions, recording what it saw."""

    def __init__(
        self, entities: KnownEntities, token_map: TokenMap, kept: frozenset[Kept], language: str
    ) -> None:
        super().__init__(entities, token_map, language=language)
        self.kept = kept
        self.segments: list[Segment] = []

    def find(self, text: str) -> list[Span]:
        spans = super().find(text)
        digest = _digest(text)
        flags = tuple((digest, s.start, s.end) in self.kept for s in spans)
        if text.strip():
            self.segments.append(Segment(text, tuple(spans), flags))
        return [s for s, keep in zip(spans, flags, strict=True) if not keep]


@dataclass(frozen=True)
class Produced:
    """The bytes that would be delivered, the leak check on them, and the review view."""

    data: bytes
    media_type: str
    extension: str
    report: LeakReport
    segments: Sequence[Segment]
    added: Sequence[str] = field(default_factory=tuple)
    kept: Sequence[Kept] = field(default_factory=tuple)
    token_map: TokenMap = field(default_factory=TokenMap)

    @property
    def span_count(self) -> int:
        return sum(len(seg.spans) for seg in self.segments)

    @property
    def doubts(self) -> int:
        return sum(1 for seg in self.segments for s in seg.spans if s.doubt)

    def span_at(self, index: int) -> tuple[Segment, Span] | None:
        position = 0
        for segment in self.segments:
            for span in segment.spans:
                if position == index:
                    return segment, span
                position += 1
        return None


def team_people(session: Session, settings: Settings, team_id: int) -> list[KnownPerson]:
    people: list[KnownPerson] = []
    victims = session.exec(
        select(Victim).where(Victim.team_id == team_id).order_by(col(Victim.id))
    ).all()
    for victim in victims:
        people.append(victim_person(victim.pseudonym, service.identity_of(settings, victim)))
        relations = session.exec(
            select(VictimRelation)
            .where(VictimRelation.victim_id == victim.id)
            .order_by(col(VictimRelation.id))
        ).all()
        for relation in relations:
            people.append(
                relation_person(
                    victim.pseudonym,
                    relation.id or 0,
                    relation.kind is RelationKind.GUARDIAN,
                    service.relation_identity_of(settings, relation),
                )
            )
    return people


def token_map_of(session: Session, team_id: int) -> TokenMap:
    row = session.get(TeamTokenMap, team_id)
    return TokenMap.from_json(row.labels_json) if row else TokenMap()


def save_token_map(session: Session, team_id: int, token_map: TokenMap) -> None:
    row = session.get(TeamTokenMap, team_id)
    if row is None:
        row = TeamTokenMap(team_id=team_id, labels_json="", updated_at=datetime.now(UTC))
    row.labels_json = token_map.to_json()
    row.updated_at = datetime.now(UTC)
    session.add(row)


def review_of(
    settings: Settings, session: Session, statement_id: int
) -> tuple[list[str], list[Kept]]:
    row = session.get(StatementReview, statement_id)
    if row is None:
        return [], []
    aad = encryption.associated_data("victim_statement_review", statement_id, "added")
    added = [str(v) for v in encryption.open_json(settings.identity_key, row.added_ct, aad)]
    kept = [(str(d), int(s), int(e)) for d, s, e in json.loads(row.kept_spans)]
    return added, kept


def produce(session: Session, settings: Settings, statement: Statement, victim: Victim) -> Produced:
    """Redact the statement as it would be disclosed and leak-check the produced bytes."""
    added, kept = review_of(settings, session, statement.id or 0)
    people = tuple(team_people(session, settings, victim.team_id))
    entities = KnownEntities(
        people=people, values=tuple(KnownValue(v, EntityKind.OTHER) for v in added)
    )
    token_map = token_map_of(session, victim.team_id)
    redactor = ReviewedRedactor(entities, token_map, frozenset(kept), statement.language)
    source = service.statement_bytes(settings, statement)
    # The probe gets its own copy of the labels: it only names hits, it must not allocate.
    probe = LeakProbe(entities, redactor.token_map, language=statement.language)
    if statement.format == "docx":
        data = redact_docx(source, redactor).data
        report = check_docx(data, probe)
        media, extension = (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        )
    else:
        data = redactor.redact(source.decode("utf-8")).text.encode("utf-8")
        report = check_text(data, probe)
        media, extension = "text/plain; charset=utf-8", "txt"
    return Produced(
        data, media, extension, report, redactor.segments, added, kept, redactor.token_map
    )


def preview(
    session: Session, settings: Settings, actor: Actor, statement_id: int
) -> tuple[Statement, Victim, Produced]:
    statement, victim = service.load_statement(session, actor, statement_id, Action.VICTIM_DISCLOSE)
    return statement, victim, produce(session, settings, statement, victim)


def _save_review(
    session: Session,
    settings: Settings,
    actor: Actor,
    statement: Statement,
    victim: Victim,
    added: list[str],
    kept: list[Kept],
    change: str,
) -> None:
    row = session.get(StatementReview, statement.id) or StatementReview(
        statement_id=statement.id or 0, added_ct=b"", updated_at=datetime.now(UTC), updated_by=0
    )
    aad = encryption.associated_data("victim_statement_review", statement.id or 0, "added")
    row.added_ct = encryption.seal_json(settings.identity_key, added, aad)
    row.kept_spans = json.dumps([list(k) for k in kept])
    row.updated_at = datetime.now(UTC)
    row.updated_by = actor.user_id or 0
    session.add(row)
    audit.record(
        session,
        actor,
        "victims.review",
        audit_key=bytes.fromhex(settings.audit_key),
        object_type="victim_statement",
        object_id=statement.id or "",
        team_id=victim.team_id,
        details={"change": change, "added": len(added), "kept": len(kept)},
    )


def add_value(
    session: Session, settings: Settings, actor: Actor, statement_id: int, value: str
) -> None:
    """The reviewer names something the engine missed (a school, a nickname)."""
    statement, victim = service.load_statement(session, actor, statement_id, Action.VICTIM_DISCLOSE)
    value = value.strip()
    if len(value) < 2 or len(value) > 200:
        raise InvalidVictimData("value")
    added, kept = review_of(settings, session, statement_id)
    if value not in added:
        added.append(value)
    _save_review(session, settings, actor, statement, victim, added, kept, "add")


def keep_span(
    session: Session, settings: Settings, actor: Actor, statement_id: int, index: int
) -> None:
    """Leave span ``index`` (numbered as in the preview) in clear: over-redaction is undone.
    If the span held a known value, the leak check will block the disclosure."""
    statement, victim, produced = preview(session, settings, actor, statement_id)
    found = produced.span_at(index)
    if found is None:
        raise InvalidVictimData("span")
    segment, span = found
    added, kept = list(produced.added), list(produced.kept)
    key = (_digest(segment.text), span.start, span.end)
    if key not in kept:
        kept.append(key)
    _save_review(session, settings, actor, statement, victim, added, kept, "keep")


def reset_review(session: Session, settings: Settings, actor: Actor, statement_id: int) -> None:
    statement, victim = service.load_statement(session, actor, statement_id, Action.VICTIM_DISCLOSE)
    _save_review(session, settings, actor, statement, victim, [], [], "reset")


@dataclass(frozen=True)
class Piece:
    """A piece of the preview: plain text, or a span (shown as its token, or in clear when
    the reviewer kept it) with its number in the review."""

    text: str
    index: int | None = None
    doubt: bool = False
    kept: bool = False
    kind: str = ""
    rule: str = ""


def preview_pieces(produced: Produced) -> list[list[Piece]]:
    """The text that will be disclosed, segment by segment, with the redactions marked."""
    rows: list[list[Piece]] = []
    index = 0
    for segment in produced.segments:
        pieces: list[Piece] = []
        position = 0
        for span, kept in zip(segment.spans, segment.kept, strict=True):
            if span.start > position:
                pieces.append(Piece(segment.text[position : span.start]))
            shown = segment.text[span.start : span.end] if kept else span.token
            pieces.append(Piece(shown, index, span.doubt, kept, span.kind.value, span.rule))
            position = span.end
            index += 1
        if position < len(segment.text):
            pieces.append(Piece(segment.text[position:]))
        rows.append(pieces)
    return rows
