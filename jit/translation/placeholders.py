"""Protect names, identifiers and locked terms with placeholder tokens around machine translation.

Pure: stdlib only; no Flask, no argostranslate, no database, no clock.

Token form ``⟦T1⟧`` (locked glossary term) and ``⟦N1⟧`` (entity: name, case number, date, IBAN,
phone, e-mail, address). Why this form:
- no ``_`` (argostranslate turns underscores into spaces on decode) and no characters that
  SentencePiece's NFKC normalisation rewrites, so the token survives tokenisation intact;
- the brackets never occur in legal prose, so restoring cannot hit real text;
- the tiny test models were trained on it and copy it (tools/argos_fixture_build/README.md).
Restoring tolerates spaces a model may insert inside a token (``⟦ N 1 ⟧``) and reports every
token that went missing, was duplicated or was invented, so no data is lost silently.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class EntityKind(StrEnum):
    TERM = "term"
    NAME = "name"
    ADDRESS = "address"
    CASE_NUMBER = "case_number"
    DATE = "date"
    IBAN = "iban"
    PHONE = "phone"
    EMAIL = "email"


TOKEN_RE = re.compile(r"⟦\s*([TN])\s*(\d{1,3})\s*⟧")


def make_token(kind: EntityKind, number: int) -> str:
    return f"⟦{'T' if kind is EntityKind.TERM else 'N'}{number}⟧"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span to protect, found by a detector or given by the caller."""

    start: int
    end: int
    kind: EntityKind
    replacement: str | None = None  # text to put back; None = the original text
    priority: int = 0  # caller-given spans (names, addresses, terms) beat pattern matches
    label: str = ""  # e.g. the glossary entry id, for provenance


@dataclass(frozen=True, slots=True)
class Protected:
    token: str
    kind: EntityKind
    original: str
    replacement: str


@dataclass(frozen=True, slots=True)
class ProtectedText:
    text: str
    items: tuple[Protected, ...]
    spans: tuple[Candidate, ...] = ()  # the source spans that were replaced

    def expected_counts(self) -> Counter[str]:
        return Counter(m.group(0) for m in TOKEN_RE.finditer(self.text))


@dataclass(frozen=True, slots=True)
class RestoreReport:
    text: str
    missing: tuple[Protected, ...] = ()
    duplicated: tuple[Protected, ...] = ()
    unknown: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not (self.missing or self.duplicated or self.unknown)

    def problems(self) -> list[str]:
        """Human-readable reasons for review, naming what was affected."""
        out = [f"missing {p.kind.value}: {p.original}" for p in self.missing]
        out += [f"duplicated {p.kind.value}: {p.original}" for p in self.duplicated]
        out += [f"unknown placeholder {t}" for t in self.unknown]
        return out


# --- pattern detectors -------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}")
_PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,4}"
    r"|\b0\d{2,4}[ .-]\d{3}[ .-]?\d{3,4})\b"
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "ianuarie|februarie|martie|aprilie|mai|iunie|iulie|august|septembrie|octombrie|noiembrie|"
    "decembrie|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|"
    "décembre|januar|februar|märz|juni|juli|oktober|dezember|gennaio|febbraio|marzo|aprile|"
    "maggio|giugno|luglio|agosto|settembre|ottobre|dicembre"
)
_DATE = re.compile(
    r"\b(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
    rf"|\d{{1,2}}\.? (?:{_MONTHS}) \d{{4}})\b",
    re.IGNORECASE,
)
# Romanian file numbers (1234/P/2025, 567/2/2026), simple n/yyyy references, and codes with
# separators such as RO_2026_17 or JIT-2026-004 (underscores would be lost in argos decoding).
_CASE = re.compile(
    r"\b(?:\d{1,7}/[A-Z0-9]{1,6}(?:/[A-Z0-9]{1,6})*/\d{4}"
    r"|\d{1,7}/\d{4}"
    r"|[A-Z]{2,}(?:[-_/][A-Z0-9]+)*[-_/]\d{2,}(?:[-_/][A-Z0-9]+)*)\b"
)


def _iban_valid(compact: str) -> bool:
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(c, 36)) for c in rearranged)
    return int(digits) % 97 == 1


def _iban_candidates(text: str) -> Iterable[Candidate]:
    for m in _IBAN.finditer(text):
        raw = m.group(0)
        # The pattern may run into a following word; keep the longest prefix with a valid checksum.
        for end in range(len(raw), 14, -1):
            chunk = raw[:end].rstrip()
            if _iban_valid(chunk.replace(" ", "")):
                yield Candidate(m.start(), m.start() + len(chunk), EntityKind.IBAN)
                break


def _phone_candidates(text: str) -> Iterable[Candidate]:
    for m in _PHONE.finditer(text):
        if sum(c.isdigit() for c in m.group(0)) >= 8:
            yield Candidate(m.start(), m.end(), EntityKind.PHONE)


def detect_entities(text: str) -> list[Candidate]:
    """Pattern-detected identifiers: e-mail, IBAN, phone, date, case number."""
    found: list[Candidate] = [
        Candidate(m.start(), m.end(), EntityKind.EMAIL) for m in _EMAIL.finditer(text)
    ]
    found += _iban_candidates(text)
    found += _phone_candidates(text)
    found += [Candidate(m.start(), m.end(), EntityKind.DATE) for m in _DATE.finditer(text)]
    found += [Candidate(m.start(), m.end(), EntityKind.CASE_NUMBER) for m in _CASE.finditer(text)]
    return found


def find_literals(text: str, literals: Iterable[str], kind: EntityKind) -> list[Candidate]:
    """Caller-given strings (party names, addresses from the case file) as whole words."""
    out: list[Candidate] = []
    for literal in sorted({x.strip() for x in literals if x.strip()}, key=len, reverse=True):
        pattern = re.compile(rf"(?<!\w){re.escape(literal)}(?!\w)", re.IGNORECASE)
        out += [Candidate(m.start(), m.end(), kind, priority=2) for m in pattern.finditer(text)]
    return out


def select(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping spans: higher priority first, then longer, then earlier."""
    chosen: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def protect(text: str, candidates: Iterable[Candidate]) -> ProtectedText:
    """Replace the selected spans by numbered tokens; equal originals share one token."""
    counters = {EntityKind.TERM: 0, EntityKind.NAME: 0}
    by_key: dict[tuple[bool, str, str], Protected] = {}
    items: list[Protected] = []
    parts: list[str] = []
    last = 0
    chosen = select(candidates)
    for c in chosen:
        original = text[c.start : c.end]
        replacement = original if c.replacement is None else c.replacement
        is_term = c.kind is EntityKind.TERM
        key = (is_term, original.casefold(), replacement)
        item = by_key.get(key)
        if item is None:
            bucket = EntityKind.TERM if is_term else EntityKind.NAME
            counters[bucket] += 1
            item = Protected(make_token(bucket, counters[bucket]), c.kind, original, replacement)
            by_key[key] = item
            items.append(item)
        parts += [text[last : c.start], item.token]
        last = c.end
    parts.append(text[last:])
    return ProtectedText("".join(parts), tuple(items), tuple(chosen))


def restore(translated: str, protected: ProtectedText) -> RestoreReport:
    """Put originals (or target-language term forms) back and account for every token."""
    by_token = {p.token: p for p in protected.items}
    expected = protected.expected_counts()
    seen: Counter[str] = Counter()
    unknown: list[str] = []

    def put_back(m: re.Match[str]) -> str:
        token = f"⟦{m.group(1)}{int(m.group(2))}⟧"
        item = by_token.get(token)
        if item is None:
            unknown.append(m.group(0))
            return m.group(0)  # leave it visible: a reviewer must see it
        seen[token] += 1
        value = item.replacement
        if item.kind is EntityKind.TERM and _starts_sentence(translated, m.start()):
            value = value[:1].upper() + value[1:]
        return value

    text = TOKEN_RE.sub(put_back, translated)
    missing = tuple(p for p in protected.items if seen[p.token] < expected[p.token])
    duplicated = tuple(p for p in protected.items if seen[p.token] > expected[p.token])
    return RestoreReport(text, missing, duplicated, tuple(unknown))


def _starts_sentence(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \"'“‘«(")
    return before == "" or before[-1] in ".!?:\n"


@dataclass(frozen=True, slots=True)
class ProtectionRequest:
    """What to protect in one text: caller-given names/addresses plus pattern detection."""

    names: Sequence[str] = ()
    addresses: Sequence[str] = ()
    detect_patterns: bool = True
    extra: Sequence[Candidate] = field(default_factory=tuple)

    def candidates(self, text: str) -> list[Candidate]:
        out = list(self.extra)
        out += find_literals(text, self.names, EntityKind.NAME)
        out += find_literals(text, self.addresses, EntityKind.ADDRESS)
        if self.detect_patterns:
            out += detect_entities(text)
        return out
