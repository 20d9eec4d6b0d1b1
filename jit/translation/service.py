"""Use cases of the translation concept: translate (audited), review into the translation memory,
API keys. `fn(session, actor, ...)`; policy first, audit in the same transaction.

Audit entries hold who, the pair, the model(s), counts and ids, never the text.
"""

from __future__ import annotations

import hashlib
import html
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from jit.accounts import service as accounts
from jit.accounts.models import User
from jit.audit import service as audit
from jit.security.actor import Actor
from jit.security.policy import AccessDenied, Action, require
from jit.translation.engine import Translator
from jit.translation.glossary import Glossary
from jit.translation.models import ApiKey, MemorySegment
from jit.translation.pipeline import Origin, TextTooLong, TranslationPipeline, TranslationResult

# Texts above this are refused by the page and the API (LibreTranslate's "char_limit"); the
# CLI takes the pipeline's own limit. Long documents belong to a background job.
WEB_MAX_CHARS = 20_000
API_KEY_PREFIX = "jitk_"


def _now() -> datetime:
    return datetime.now(UTC)


def normalise(text: str) -> str:
    return " ".join(text.split())


def digest(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


class DbTranslationMemory:
    """The pipeline's TranslationMemory backed by the `translation_memory` table.

    Exact reuse: the whitespace-normalised source text of a segment must match a reviewed one.
    """

    def __init__(self, session: Session) -> None:
        self.session = session

    def _row(self, source_text: str, source: str, target: str) -> MemorySegment | None:
        return self.session.exec(
            select(MemorySegment).where(
                MemorySegment.source_lang == source,
                MemorySegment.target_lang == target,
                MemorySegment.source_digest == digest(source_text),
            )
        ).first()

    def lookup(self, source_text: str, *, source: str, target: str) -> str | None:
        row = self._row(source_text, source, target)
        if row is None or normalise(row.source_text) != normalise(source_text):
            return None
        return row.target_text

    def store(self, source_text: str, target_text: str, *, source: str, target: str) -> None:
        raise NotImplementedError("use service.review(), which checks policy and audits")


# --- translating ---------------------------------------------------------------------------------


def translate_text(
    session: Session,
    actor: Actor,
    translator: Translator,
    glossary: Glossary,
    text: str,
    *,
    source: str,
    target: str,
    audit_key: bytes,
    channel: str,
    max_chars: int = WEB_MAX_CHARS,
    api_key_id: int | None = None,
) -> TranslationResult:
    """Translate with glossary, placeholders and the memory; audited (counts, never text).

    Raises TranslationUnavailable (no route), TextTooLong, AccessDenied.
    """
    require(actor, Action.TRANSLATION_USE, None)
    pipeline = TranslationPipeline(
        translator, glossary=glossary, memory=DbTranslationMemory(session), max_chars=max_chars
    )
    result = pipeline.translate(text, source=source, target=target)
    record_translation(
        session,
        actor,
        [result],
        chars=len(text),
        source=source,
        target=target,
        audit_key=audit_key,
        channel=channel,
        api_key_id=api_key_id,
    )
    return result


def record_translation(
    session: Session,
    actor: Actor,
    results: list[TranslationResult],
    *,
    chars: int,
    source: str,
    target: str,
    audit_key: bytes,
    channel: str,
    api_key_id: int | None = None,
    document: dict[str, object] | None = None,
) -> None:
    segments = [s for r in results for s in r.segments]
    models = sorted({m for r in results if r.route is not None for m in r.route.model_labels})
    pivot = sorted({p for r in results for p in r.pivot})
    details: dict[str, object] = {
        "channel": channel,
        "source": source,
        "target": target,
        "chars": chars,
        "texts": len(results),
        "segments": len(segments),
        "machine": sum(1 for s in segments if s.origin == Origin.MACHINE),
        "memory": sum(1 for s in segments if s.origin == Origin.MEMORY),
        "glossary_terms": sum(len(s.glossary_terms) for s in segments),
        "models": models,
        "pivot": pivot,
    }
    if api_key_id is not None:
        details["api_key"] = api_key_id
    if document:
        details.update(document)
    audit.record(
        session,
        actor,
        "translation.translate",
        audit_key=audit_key,
        object_type="translation",
        details=details,
    )


# --- review --------------------------------------------------------------------------------------


def review(
    session: Session,
    actor: Actor,
    *,
    source_text: str,
    target_text: str,
    source: str,
    target: str,
    audit_key: bytes,
) -> MemorySegment:
    """A person confirms (or corrects) a segment: it is reused exactly from now on."""
    require(actor, Action.TRANSLATION_REVIEW, None)
    if not source_text.strip() or not target_text.strip():
        raise ValueError("a reviewed segment needs both texts")
    memory = DbTranslationMemory(session)
    row = memory._row(source_text, source, target)
    if row is None:
        row = MemorySegment(
            source_lang=source,
            target_lang=target,
            source_digest=digest(source_text),
            source_text=source_text.strip(),
            target_text=target_text.strip(),
            reviewed_by=actor.user_id or 0,
            reviewed_at=_now(),
        )
    else:
        row.target_text = target_text.strip()
        row.reviewed_by = actor.user_id or 0
        row.reviewed_at = _now()
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "translation.review",
        audit_key=audit_key,
        object_type="translation_memory",
        object_id=row.id or "",
        details={"source": source, "target": target, "chars": len(target_text)},
    )
    return row


# --- API keys ------------------------------------------------------------------------------------


def _hash_key(key: str) -> str:
    # The key is 256 random bits: a plain SHA-256 is enough (nothing to brute-force).
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NewApiKey:
    row: ApiKey
    key: str  # shown once, never stored


class UnknownApiKey(LookupError):
    pass


def create_api_key(session: Session, actor: Actor, username: str, *, audit_key: bytes) -> NewApiKey:
    """A new key for USERNAME (the system, or the user for themself)."""
    owner = accounts.actor_for_username(session, username)  # raises UnknownUser
    if not actor.is_system and actor.user_id != owner.user_id:
        raise AccessDenied(Action.TRANSLATION_USE, None, hidden=False)
    key = API_KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(
        user_id=owner.user_id or 0,
        key_hash=_hash_key(key),
        prefix=key[: len(API_KEY_PREFIX) + 6],
        created_at=_now(),
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "translation.apikey.create",
        audit_key=audit_key,
        object_type="translation_api_key",
        object_id=row.id or "",
        details={"user": owner.user_id},
    )
    return NewApiKey(row, key)


def api_keys_of(session: Session, actor: Actor) -> list[ApiKey]:
    if actor.user_id is None:
        return []
    return list(
        session.exec(
            select(ApiKey)
            .where(ApiKey.user_id == actor.user_id)
            .order_by(col(ApiKey.created_at).desc())
        ).all()
    )


def revoke_api_key(session: Session, actor: Actor, key_id: int, *, audit_key: bytes) -> ApiKey:
    """The owner (or the system) revokes a key; someone else's key looks absent."""
    row = session.get(ApiKey, key_id)
    if row is None or (not actor.is_system and row.user_id != actor.user_id):
        raise UnknownApiKey(key_id)
    if row.revoked_at is None:
        row.revoked_at = _now()
        session.add(row)
        audit.record(
            session,
            actor,
            "translation.apikey.revoke",
            audit_key=audit_key,
            object_type="translation_api_key",
            object_id=key_id,
            details={"user": row.user_id},
        )
    return row


def actor_for_api_key(session: Session, key: str) -> tuple[Actor, int] | None:
    """The active owner of a valid, unrevoked key (and the key's id), else None."""
    if not key.startswith(API_KEY_PREFIX) or len(key) > 100:
        return None
    row = session.exec(select(ApiKey).where(ApiKey.key_hash == _hash_key(key))).first()
    if row is None or row.revoked_at is not None or row.id is None:
        return None
    user = session.get(User, row.user_id)
    owner = accounts.load_actor(session, user)
    if owner is None:
        return None
    row.last_used_at = _now()
    session.add(row)
    return owner, row.id


def translate_many(
    session: Session,
    actor: Actor,
    translator: Translator,
    glossary: Glossary,
    texts: list[str],
    *,
    source: str,
    target: str,
    audit_key: bytes,
    channel: str,
    html: bool = False,
    max_chars: int = WEB_MAX_CHARS,
    api_key_id: int | None = None,
) -> list[str]:
    """Several texts (LibreTranslate's list `q`), HTML or plain; one audit entry for all.

    Raises TranslationUnavailable, TextTooLong (over `max_chars` in total), AccessDenied.
    """
    require(actor, Action.TRANSLATION_USE, None)
    total = sum(len(t) for t in texts)
    if total > max_chars:
        raise TextTooLong(total, max_chars)
    pipeline = TranslationPipeline(
        translator, glossary=glossary, memory=DbTranslationMemory(session), max_chars=max_chars
    )
    if source != target:
        translator.route(source=source, target=target)  # unsupported pair: nothing done
    results: list[TranslationResult] = []

    def run(text: str) -> str:
        result = pipeline.translate(text, source=source, target=target)
        results.append(result)
        return result.text

    outputs = [translate_html(t, run) if html else run(t) for t in texts]
    record_translation(
        session,
        actor,
        results,
        chars=total,
        source=source,
        target=target,
        audit_key=audit_key,
        channel=channel,
        api_key_id=api_key_id,
    )
    return outputs


_HTML_TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_RAW_TAGS = re.compile(r"<\s*(script|style)\b", re.IGNORECASE)


def translate_html(markup: str, run: Callable[[str], str]) -> str:
    """Translate the text between tags; tags, attributes, comments, scripts and styles are kept.

    Text is translated per run between two tags, so inline markup inside a sentence splits it
    (a documented limit of format=html, as in LibreTranslate).
    """
    parts = _HTML_TOKEN.split(markup)
    out: list[str] = []
    raw_until: str | None = None
    for i, part in enumerate(parts):
        if i % 2 == 1:  # a tag or a comment
            out.append(part)
            opening = _RAW_TAGS.match(part)
            if opening:
                raw_until = opening.group(1).lower()
            elif raw_until and re.match(rf"<\s*/\s*{raw_until}\b", part, re.IGNORECASE):
                raw_until = None
            continue
        if raw_until or not any(c.isalpha() for c in part):
            out.append(part)
            continue
        out.append(html.escape(run(html.unescape(part)), quote=False))
    return "".join(out)
