"""Loading and scoring of the redaction corpus (tests/data/redaction_corpus).

Each document is ``NAME.txt`` with ``NAME.json`` beside it: the known people (as the victim
record would give them), ``must_go`` (substrings whose every occurrence must be replaced),
``must_stay`` (substrings that must survive untouched) and ``doubt`` (look-alikes that must be
replaced *and* flagged).
"""

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jit.redaction.known import KnownEntities, KnownPerson
from jit.redaction.spans import Span
from jit.redaction.tokens import Role

CORPUS = Path(__file__).resolve().parents[2] / "data" / "redaction_corpus"


@dataclass(frozen=True)
class CorpusDocument:
    name: str
    lang: str
    text: str
    truth: dict[str, Any]

    @property
    def entities(self) -> KnownEntities:
        return KnownEntities(people=tuple(person_from_json(p) for p in self.truth["people"]))


def person_from_json(raw: dict[str, Any]) -> KnownPerson:
    dob = raw.get("date_of_birth")
    return KnownPerson(
        key=raw["key"],
        role=Role(raw.get("role", "victim")),
        names=tuple(raw.get("names", ())),
        aliases=tuple(raw.get("aliases", ())),
        date_of_birth=date.fromisoformat(dob) if dob else None,
        addresses=tuple(raw.get("addresses", ())),
        identifiers=tuple(raw.get("identifiers", ())),
        related_to=raw.get("related_to"),
    )


def load_corpus() -> list[CorpusDocument]:
    documents = []
    for meta in sorted(CORPUS.glob("*.json")):
        truth = json.loads(meta.read_text(encoding="utf-8"))
        text = meta.with_suffix(".txt").read_text(encoding="utf-8")
        documents.append(CorpusDocument(meta.stem, truth["lang"], text, truth))
    return documents


def occurrences(text: str, needle: str) -> Iterator[tuple[int, int]]:
    """Whole-word occurrences of ``needle`` in ``text`` (case-sensitive)."""
    start = text.find(needle)
    while start >= 0:
        end = start + len(needle)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() and needle[0].isalnum()) and not (
            after.isalnum() and needle[-1].isalnum()
        ):
            yield start, end
        start = text.find(needle, start + 1)


def covered(start: int, end: int, spans: Iterable[tuple[int, int]], text: str) -> bool:
    """Every non-blank character of [start, end) lies inside a span."""
    ranges = list(spans)
    return all(text[i].isspace() or any(s <= i < e for s, e in ranges) for i in range(start, end))


def touched(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


@dataclass
class Score:
    must_go: int = 0
    removed: int = 0
    spans: int = 0
    true_spans: int = 0
    must_stay: int = 0
    kept: int = 0

    @property
    def recall(self) -> float:
        return self.removed / self.must_go if self.must_go else 1.0

    @property
    def precision(self) -> float:
        return self.true_spans / self.spans if self.spans else 1.0

    @property
    def kept_ratio(self) -> float:
        return self.kept / self.must_stay if self.must_stay else 1.0

    def add(self, other: "Score") -> None:
        for field in ("must_go", "removed", "spans", "true_spans", "must_stay", "kept"):
            setattr(self, field, getattr(self, field) + getattr(other, field))


def score(document: CorpusDocument, spans: list[tuple[int, int]]) -> tuple[Score, list[str]]:
    """Score spans of one document; also return human-readable misses."""
    result = Score(spans=len(spans))
    misses: list[str] = []
    truth_ranges = [
        occurrence
        for needle in document.truth["must_go"]
        for occurrence in occurrences(document.text, needle)
    ]
    for needle in document.truth["must_go"]:
        for start, end in occurrences(document.text, needle):
            result.must_go += 1
            if covered(start, end, spans, document.text):
                result.removed += 1
            else:
                misses.append(f"{document.name}: not removed {needle!r}")
    for needle in document.truth["must_stay"]:
        for start, end in occurrences(document.text, needle):
            result.must_stay += 1
            if touched(start, end, spans):
                misses.append(f"{document.name}: must stay {needle!r}")
            else:
                result.kept += 1
    result.true_spans = sum(1 for span in spans if touched(*span, truth_ranges))
    return result, misses


def span_ranges(spans: Iterable[Span]) -> list[tuple[int, int]]:
    return [(span.start, span.end) for span in spans]
