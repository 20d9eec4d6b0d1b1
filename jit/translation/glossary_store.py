"""The glossary in the database: the pipeline's current Glossary (rebuilt when the table
changes), and the editing use cases (add/edit/delete a term, import CSV/TBX), policy-checked
and audited (ids and counts, never term text).

The table is seeded with the starter glossary by migration 0006. Parsing of imports is
``jit.translation.glossary`` (safe CSV/TBX parsing, size limits).
"""

from __future__ import annotations

import json
import re
import threading
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from jit.audit import service as audit
from jit.security.actor import Actor
from jit.security.policy import Action, require
from jit.translation.glossary import LANGUAGES, STATUSES, Glossary, GlossaryEntry
from jit.translation.models import GlossaryTerm

ENTRY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
MAX_TERM_CHARS = 300
MAX_IMPORT_ENTRIES = 5000


class InvalidTerm(ValueError):
    """A term that cannot be stored; the message says why (shown to the editor)."""


class UnknownTerm(LookupError):
    pass


def _now() -> datetime:
    return datetime.now(UTC)


def to_entry(row: GlossaryTerm) -> GlossaryEntry:
    forms = json.loads(row.forms or "{}")
    return GlossaryEntry(
        id=row.entry_id,
        forms={str(k): str(v) for k, v in forms.items()} if isinstance(forms, dict) else {},
        locked=row.locked,
        domain=row.domain,
        status=row.status,
        source=row.source,
        note=row.note,
    )


def entries(session: Session) -> list[GlossaryEntry]:
    rows = session.exec(select(GlossaryTerm).order_by(col(GlossaryTerm.id))).all()
    return [to_entry(r) for r in rows]


def rows(session: Session) -> list[GlossaryTerm]:
    return list(session.exec(select(GlossaryTerm).order_by(col(GlossaryTerm.id))).all())


class GlossaryStore:
    """Per app: the Glossary built from the table, rebuilt when its signature changes
    (number of rows, latest change, highest id: one small query per translation)."""

    def __init__(self, initial: Glossary | None = None) -> None:
        self.glossary = initial or Glossary()
        self._signature: tuple[Any, ...] | None = None
        self._lock = threading.Lock()

    # read-only helpers kept from the in-memory glossary (tests, scripts)
    @property
    def entries(self) -> list[GlossaryEntry]:
        return self.glossary.entries

    def find(self, text: str, lang: str) -> Any:
        return self.glossary.find(text, lang)

    def current(self, session: Session) -> Glossary:
        signature = tuple(
            session.exec(
                select(
                    func.count(col(GlossaryTerm.id)),
                    func.max(GlossaryTerm.updated_at),
                    func.max(GlossaryTerm.id),
                )
            ).one()
        )
        with self._lock:
            if signature != self._signature:
                self.glossary = Glossary(entries(session))
                self._signature = signature
            return self.glossary


def validate(entry: GlossaryEntry) -> GlossaryEntry:
    if not ENTRY_ID.fullmatch(entry.id):
        raise InvalidTerm(f"invalid id {entry.id!r}: letters, digits, '.', '_' or '-'")
    forms = {k: " ".join(v.split()) for k, v in entry.forms.items() if v and v.strip()}
    unknown = sorted(set(forms) - set(LANGUAGES))
    if unknown:
        raise InvalidTerm(f"{entry.id}: unsupported language(s) {', '.join(unknown)}")
    if len(forms) < 2:
        raise InvalidTerm(f"{entry.id}: a term needs forms in at least two languages")
    if any(len(v) > MAX_TERM_CHARS for v in forms.values()):
        raise InvalidTerm(f"{entry.id}: a term is longer than {MAX_TERM_CHARS} characters")
    if entry.status not in STATUSES:
        raise InvalidTerm(f"{entry.id}: unknown status {entry.status!r}")
    if len(entry.domain) > 100 or len(entry.source) > 500 or len(entry.note) > 2000:
        raise InvalidTerm(f"{entry.id}: domain, source or note too long")
    return GlossaryEntry(
        id=entry.id,
        forms=forms,
        locked=entry.locked,
        domain=entry.domain.strip(),
        status=entry.status,
        source=entry.source.strip(),
        note=entry.note.strip(),
    )


def _apply(row: GlossaryTerm, entry: GlossaryEntry, actor: Actor) -> None:
    row.entry_id = entry.id
    row.forms = json.dumps(dict(entry.forms), ensure_ascii=False, sort_keys=True)
    row.locked = entry.locked
    row.domain = entry.domain
    row.status = entry.status
    row.source = entry.source
    row.note = entry.note
    row.updated_by = actor.user_id
    row.updated_at = _now()


def _by_entry_id(session: Session, entry_id: str) -> GlossaryTerm | None:
    return session.exec(select(GlossaryTerm).where(GlossaryTerm.entry_id == entry_id)).first()


def get(session: Session, term_id: int) -> GlossaryTerm:
    row = session.get(GlossaryTerm, term_id)
    if row is None:
        raise UnknownTerm(term_id)
    return row


def save(
    session: Session,
    actor: Actor,
    entry: GlossaryEntry,
    *,
    term_id: int | None,
    audit_key: bytes,
) -> GlossaryTerm:
    """Add (term_id None) or change a term. Raises AccessDenied, InvalidTerm, UnknownTerm."""
    require(actor, Action.TRANSLATION_GLOSSARY_EDIT, None)
    entry = validate(entry)
    clash = _by_entry_id(session, entry.id)
    if term_id is None:
        if clash is not None:
            raise InvalidTerm(f"the id {entry.id!r} is already used")
        row = GlossaryTerm(entry_id=entry.id, updated_at=_now())
    else:
        row = get(session, term_id)
        if clash is not None and clash.id != row.id:
            raise InvalidTerm(f"the id {entry.id!r} is already used")
    _apply(row, entry, actor)
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "translation.glossary.add" if term_id is None else "translation.glossary.edit",
        audit_key=audit_key,
        object_type="translation_glossary_term",
        object_id=row.id or "",
        details={"languages": sorted(entry.forms), "locked": entry.locked},
    )
    return row


def delete(session: Session, actor: Actor, term_id: int, *, audit_key: bytes) -> None:
    require(actor, Action.TRANSLATION_GLOSSARY_EDIT, None)
    row = get(session, term_id)
    session.delete(row)
    audit.record(
        session,
        actor,
        "translation.glossary.delete",
        audit_key=audit_key,
        object_type="translation_glossary_term",
        object_id=term_id,
    )


def import_entries(
    session: Session,
    actor: Actor,
    imported: list[GlossaryEntry],
    *,
    file_format: str,
    audit_key: bytes,
) -> tuple[int, int]:
    """Add new ids, update existing ones (all or nothing). Returns (added, updated)."""
    require(actor, Action.TRANSLATION_GLOSSARY_EDIT, None)
    if len(imported) > MAX_IMPORT_ENTRIES:
        raise InvalidTerm(f"at most {MAX_IMPORT_ENTRIES} entries per import")
    checked = [validate(e) for e in imported]
    added = updated = 0
    for entry in checked:
        row = _by_entry_id(session, entry.id)
        if row is None:
            row = GlossaryTerm(entry_id=entry.id, updated_at=_now())
            added += 1
        else:
            updated += 1
        _apply(row, entry, actor)
        session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "translation.glossary.import",
        audit_key=audit_key,
        object_type="translation_glossary_term",
        details={"format": file_format, "added": added, "updated": updated},
    )
    return added, updated
