"""Text translation pipeline: segment, translation memory, glossary + placeholders, batch MT.

Pure orchestration: depends on the Translator Protocol and on a TranslationMemory Protocol, never
on argostranslate, Flask or the database (the integrator backs the memory with the DB).
Every returned segment says where its text came from, so the UI can mark machine output and
anything a reviewer must check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from jit.translation.engine import Route, Translator
from jit.translation.glossary import Glossary
from jit.translation.placeholders import (
    TOKEN_RE,
    EntityKind,
    ProtectedText,
    ProtectionRequest,
    protect,
    restore,
)
from jit.translation.segmenting import sentence_spans

NO_EXTRA_PROTECTION = ProtectionRequest()  # pattern detection only
MAX_TEXT_CHARS = 200_000  # above this the caller must run a background job (issue 5, bad input)


class Origin(StrEnum):
    MEMORY = "memory"  # reviewed translation reused verbatim
    GLOSSARY = "glossary"  # the whole segment is a glossary term
    MACHINE = "machine"
    COPY = "copy"  # nothing to translate (whitespace, numbers, placeholders only)


class TextTooLong(ValueError):
    def __init__(self, length: int, limit: int) -> None:
        self.length = length
        self.limit = limit
        super().__init__(f"text of {length} characters exceeds the limit of {limit}")


class TranslationMemory(Protocol):
    """Reviewed segments, looked up by exact source text and pair."""

    def lookup(self, source_text: str, *, source: str, target: str) -> str | None: ...

    def store(self, source_text: str, target_text: str, *, source: str, target: str) -> None: ...


@dataclass
class InMemoryTranslationMemory:
    entries: dict[tuple[str, str, str], str] = field(default_factory=dict)

    def lookup(self, source_text: str, *, source: str, target: str) -> str | None:
        return self.entries.get((source, target, _normalise(source_text)))

    def store(self, source_text: str, target_text: str, *, source: str, target: str) -> None:
        self.entries[(source, target, _normalise(source_text))] = target_text


def _normalise(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence of the input with its translation and provenance."""

    index: int
    paragraph: int
    source_text: str
    text: str
    origin: Origin
    needs_review: bool
    models: tuple[str, ...] = ()  # "name version" of each model applied
    pivot: tuple[str, ...] = ()
    glossary_terms: tuple[str, ...] = ()  # glossary entry ids enforced in this segment
    problems: tuple[str, ...] = ()
    separator: str = ""  # whitespace that followed this segment in the source


@dataclass(frozen=True, slots=True)
class TranslationResult:
    source: str
    target: str
    segments: tuple[Segment, ...]
    route: Route | None

    @property
    def text(self) -> str:
        """The translated text, paragraphs and sentence spacing as in the source."""
        return "".join(s.text + s.separator for s in self.segments)

    @property
    def needs_review(self) -> bool:
        return any(s.needs_review for s in self.segments)

    @property
    def pivot(self) -> tuple[str, ...]:
        return self.route.pivot if self.route is not None else ()


@dataclass(frozen=True, slots=True)
class _Piece:
    paragraph: int
    text: str
    separator: str


def segment_text(text: str) -> list[_Piece]:
    """Sentences with the exact whitespace between them, so the output keeps the layout."""
    pieces: list[_Piece] = []
    paragraphs = text.split("\n")
    for p_index, paragraph in enumerate(paragraphs):
        spans = sentence_spans(paragraph)
        tail = "\n" if p_index < len(paragraphs) - 1 else ""
        if not spans:
            if pieces:
                pieces[-1] = _Piece(
                    pieces[-1].paragraph, pieces[-1].text, pieces[-1].separator + paragraph + tail
                )
            else:
                pieces.append(_Piece(p_index, "", paragraph + tail))
            continue
        lead = paragraph[: spans[0].start]
        if lead:
            if pieces:
                pieces[-1] = _Piece(
                    pieces[-1].paragraph, pieces[-1].text, pieces[-1].separator + lead
                )
            else:
                pieces.append(_Piece(p_index, "", lead))
        for i, span in enumerate(spans):
            nxt = spans[i + 1].start if i + 1 < len(spans) else len(paragraph)
            sep = paragraph[span.end : nxt] + (tail if i + 1 == len(spans) else "")
            pieces.append(_Piece(p_index, paragraph[span.start : span.end], sep))
    return pieces


@dataclass
class TranslationPipeline:
    translator: Translator
    glossary: Glossary = field(default_factory=Glossary)
    memory: TranslationMemory = field(default_factory=InMemoryTranslationMemory)
    max_chars: int = MAX_TEXT_CHARS

    def translate(
        self,
        text: str,
        *,
        source: str,
        target: str,
        protection: ProtectionRequest = NO_EXTRA_PROTECTION,
    ) -> TranslationResult:
        """Translate `text`; raises TranslationUnavailable before doing any work."""
        if len(text) > self.max_chars:
            raise TextTooLong(len(text), self.max_chars)
        route = self.translator.route(source=source, target=target) if source != target else None
        pieces = segment_text(text)
        results: list[Segment | None] = [None] * len(pieces)
        to_translate: list[tuple[int, ProtectedText, tuple[str, ...]]] = []
        for i, piece in enumerate(pieces):
            if not piece.text.strip() or route is None:
                results[i] = Segment(
                    i,
                    piece.paragraph,
                    piece.text,
                    piece.text,
                    Origin.COPY,
                    False,
                    separator=piece.separator,
                )
                continue
            remembered = self.memory.lookup(piece.text, source=source, target=target)
            if remembered is not None:
                results[i] = Segment(
                    i,
                    piece.paragraph,
                    piece.text,
                    remembered,
                    Origin.MEMORY,
                    False,
                    separator=piece.separator,
                )
                continue
            term_candidates = self.glossary.lock_candidates(
                piece.text, source=source, target=target
            )
            protected = protect(piece.text, [*term_candidates, *protection.candidates(piece.text)])
            protected_spans = {(p.start, p.end) for p in protected.spans}
            term_ids = tuple(
                c.label for c in term_candidates if (c.start, c.end) in protected_spans
            )
            if _only_tokens(protected.text):
                restored = restore(protected.text, protected)
                origin = Origin.GLOSSARY if term_ids else Origin.COPY
                results[i] = Segment(
                    i,
                    piece.paragraph,
                    piece.text,
                    restored.text,
                    origin,
                    False,
                    glossary_terms=term_ids,
                    separator=piece.separator,
                )
                continue
            to_translate.append((i, protected, term_ids))

        if to_translate and route is not None:
            outputs = self.translator.translate_batch(
                [p.text for _, p, _ in to_translate], source=source, target=target
            )
            for (i, protected, term_ids), output in zip(to_translate, outputs, strict=True):
                report = restore(output, protected)
                piece = pieces[i]
                results[i] = Segment(
                    i,
                    piece.paragraph,
                    piece.text,
                    report.text,
                    Origin.MACHINE,
                    needs_review=True,  # machine output stays marked until a person reviews it
                    models=route.model_labels,
                    pivot=route.pivot,
                    glossary_terms=term_ids,
                    problems=tuple(report.problems()),
                    separator=piece.separator,
                )
        return TranslationResult(source, target, tuple(s for s in results if s is not None), route)


def _only_tokens(text: str) -> bool:
    rest = TOKEN_RE.sub("", text)
    return not any(c.isalpha() for c in rest)


__all__ = [
    "EntityKind",
    "InMemoryTranslationMemory",
    "Origin",
    "ProtectionRequest",
    "Segment",
    "TextTooLong",
    "TranslationMemory",
    "TranslationPipeline",
    "TranslationResult",
    "segment_text",
]
