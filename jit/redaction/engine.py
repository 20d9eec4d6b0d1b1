"""The redaction engine: known entities and pattern recognisers over one text.

Pure: no Flask, no database, no clock, no I/O. ``Redactor`` is built once per case (or per
export) from the decrypted identity register and the case's ``TokenMap``, then applied to
every text of the export (plain text, each DOCX paragraph, properties); the same instance keeps
tokens consistent across all of them.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import phonenumbers

from jit.redaction.addresses import address_patterns, literal_pattern
from jit.redaction.contacts import find_emails, find_phones, regions_for
from jit.redaction.dates import compile_date
from jit.redaction.identifiers import Finding, find_ibans, find_national_ids
from jit.redaction.known import KnownEntities, KnownPerson, KnownValue, classify_known_value
from jit.redaction.names import full_name_patterns, inflected_forms, matchable_parts
from jit.redaction.normalize import NormalizedText, normalize, normalize_with_offsets
from jit.redaction.spans import (
    EntityKind,
    Span,
    apply_spans,
    merge_adjacent,
    resolve_overlaps,
)
from jit.redaction.tokens import CATEGORY_TOKENS, Role, TokenMap, person_token

# Rank among overlapping candidates of equal length (see spans.resolve_overlaps).
_PRIORITY_FULL_NAME = 30
_PRIORITY_KNOWN_VALUE = 25
_PRIORITY_VALIDATED = 20
_PRIORITY_PHONE = 15
_PRIORITY_NAME_PART = 10
_PRIORITY_LOOKALIKE = 5

# What may separate two spans of the same person for them to read as one name.
_NAME_JOINERS = re.compile(r"[\s\-,\u00ad\u200b\u200c\u200d\u2060\ufeff\u2010\u2011]*")
_FLEX_SEPARATOR = r"[\s.\-/()]{0,2}"


@dataclass(frozen=True)
class _Matcher:
    pattern: re.Pattern[str]
    kind: EntityKind
    token: str
    rule: str
    priority: int
    doubt: bool = False


@dataclass(frozen=True)
class RedactionResult:
    """The redacted text and the spans of the *source* text that were replaced."""

    text: str
    spans: tuple[Span, ...]

    @property
    def doubts(self) -> tuple[Span, ...]:
        return tuple(span for span in self.spans if span.doubt)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready; holds tokens and offsets only, never the replaced values."""
        return {"text": self.text, "spans": [span.to_dict() for span in self.spans]}


def reapply(source: str, spans: Sequence[Span]) -> RedactionResult:
    """Apply a reviewer-edited span list (spans added or removed in the review UI)."""
    ordered = tuple(sorted(spans, key=lambda span: span.start))
    return RedactionResult(apply_spans(source, ordered), ordered)


def _digits_pattern(digits: str) -> str:
    return _FLEX_SEPARATOR.join(re.escape(d) for d in digits)


def known_value_patterns(value: str, kind: EntityKind) -> list[str]:
    """Patterns for a known identifier, contact or other literal value."""
    folded = normalize(value).strip()
    if kind is EntityKind.ADDRESS:
        return address_patterns(value)
    if kind is EntityKind.EMAIL:
        return [rf"(?<![\w.+-]){re.escape(folded)}(?!\w)"]
    if kind is EntityKind.PHONE:
        try:
            number = phonenumbers.parse(value, None if value.strip().startswith("+") else "RO")
        except phonenumbers.NumberParseException:
            number = None
        if number is not None and number.national_number:
            national = str(number.national_number)
            prefix = rf"(?:(?:\+|00)\s?{number.country_code}[\s.\-/]*(?:\(0\)\s?)?|\(?0\)?\s?)?"
            return [rf"(?<![\w+]){prefix}{_digits_pattern(national)}(?!\d)"]
    compact = re.sub(r"[^0-9a-z]", "", folded)
    if kind in (EntityKind.PHONE, EntityKind.IBAN, EntityKind.NATIONAL_ID) and compact:
        # Identifiers are printed grouped or compact: "RO49 AAAA 1B31", "610 0927 226705".
        return [rf"(?<![\w]){_digits_pattern(compact)}(?!\w)"]
    pattern = literal_pattern(value)
    return [pattern] if pattern else []


class Redactor:
    """Finds and replaces the known entities of a case and validated identifiers."""

    def __init__(
        self,
        entities: KnownEntities,
        token_map: TokenMap | None = None,
        *,
        language: str | None = None,
        patterns: bool = True,
    ) -> None:
        self.entities = entities
        self.token_map = token_map if token_map is not None else TokenMap()
        self.language = language
        self.regions = regions_for(language)
        # ``patterns=False`` limits the engine to known values (used to re-check reviewer
        # edits); exports always run with the pattern recognisers on.
        self.patterns = patterns
        self._matchers = self._build_matchers()

    def _person_tokens(self) -> dict[str, str]:
        tokens: dict[str, str] = {}
        # Victims first, so a guardian's label can be derived from its child's (V1-GUARDIAN).
        ordered = sorted(self.entities.people, key=lambda p: p.role is not Role.VICTIM)
        for person in ordered:
            if person.names or person.aliases:
                label = self.token_map.label_for(person.key, person.role, person.related_to)
                tokens[person.key] = person_token(label)
        return tokens

    def _build_matchers(self) -> list[_Matcher]:
        tokens = self._person_tokens()
        owners: dict[str, list[str]] = {}
        for person in self.entities.people:
            for name in (*person.names, *person.aliases):
                for part in matchable_parts(name):
                    if person.key not in owners.setdefault(part, []):
                        owners[part].append(person.key)
        matchers: list[_Matcher] = []
        for person in self.entities.people:
            matchers.extend(self._person_matchers(person, tokens.get(person.key), owners))
        for value in self.entities.values:
            token = CATEGORY_TOKENS[value.kind]
            for pattern in known_value_patterns(value.value, value.kind):
                matchers.append(
                    _Matcher(
                        re.compile(pattern), value.kind, token, "known-value", _PRIORITY_KNOWN_VALUE
                    )
                )
        return matchers

    def _person_matchers(
        self, person: KnownPerson, token: str | None, owners: dict[str, list[str]]
    ) -> Iterable[_Matcher]:
        if token is not None:
            for name in (*person.names, *person.aliases):
                rule = "name" if name in person.names else "alias"
                for pattern in full_name_patterns(name):
                    yield _Matcher(
                        re.compile(pattern), EntityKind.PERSON, token, f"{rule}-full",
                        _PRIORITY_FULL_NAME,
                    )  # fmt: skip
            own: set[str] = set()
            shared: set[str] = set()
            for name in (*person.names, *person.aliases):
                for part in matchable_parts(name):
                    keys = owners[part]
                    if keys[0] != person.key:
                        continue  # the first person holding a shared part gets its matches
                    (shared if len(keys) > 1 else own).add(part)
            for parts, rule, doubt in ((own, "name-part", False), (shared, "name-shared", True)):
                if parts:
                    forms = sorted(
                        {form for part in parts for form in inflected_forms(part)},
                        key=len,
                        reverse=True,
                    )
                    body = "|".join(re.escape(form) for form in forms)
                    yield _Matcher(
                        re.compile(rf"(?<!\w)(?:{body})(?!\w)"), EntityKind.PERSON, token, rule,
                        _PRIORITY_NAME_PART, doubt,
                    )  # fmt: skip
        if person.date_of_birth is not None:
            yield _Matcher(
                compile_date(person.date_of_birth), EntityKind.DATE_OF_BIRTH,
                CATEGORY_TOKENS[EntityKind.DATE_OF_BIRTH], "date-of-birth", _PRIORITY_KNOWN_VALUE,
            )  # fmt: skip
        for address in person.addresses:
            for pattern in address_patterns(address):
                yield _Matcher(
                    re.compile(pattern), EntityKind.ADDRESS, CATEGORY_TOKENS[EntityKind.ADDRESS],
                    "address", _PRIORITY_KNOWN_VALUE,
                )  # fmt: skip
        for identifier in person.identifiers:
            kind = _identifier_kind(identifier)
            for pattern in known_value_patterns(identifier, kind):
                yield _Matcher(
                    re.compile(pattern), kind, CATEGORY_TOKENS[kind], "known-identifier",
                    _PRIORITY_KNOWN_VALUE,
                )  # fmt: skip

    def find(self, text: str) -> list[Span]:
        """Disjoint spans of ``text`` to replace, in order."""
        folded = normalize_with_offsets(text)
        candidates = list(self._known_spans(folded))
        if self.patterns:
            candidates.extend(self._pattern_spans(folded))
        return merge_adjacent(resolve_overlaps(candidates), text, _NAME_JOINERS)

    def redact(self, text: str) -> RedactionResult:
        spans = tuple(self.find(text))
        return RedactionResult(apply_spans(text, spans), spans)

    def _known_spans(self, folded: NormalizedText) -> Iterable[Span]:
        for matcher in self._matchers:
            for match in matcher.pattern.finditer(folded.text):
                if match.end() > match.start():
                    start, end = folded.to_source(match.start(), match.end())
                    yield Span(
                        start, end, matcher.kind, matcher.token, matcher.rule, matcher.doubt,
                        matcher.priority,
                    )  # fmt: skip

    def _pattern_spans(self, folded: NormalizedText) -> Iterable[Span]:
        findings: list[Finding] = [
            *find_national_ids(folded.text),
            *find_ibans(folded.text),
            *find_emails(folded.text),
            *find_phones(folded.text, self.regions),
        ]
        for finding in findings:
            start, end = folded.to_source(finding.start, finding.end)
            if finding.doubt:
                priority = _PRIORITY_LOOKALIKE
            elif finding.kind is EntityKind.PHONE:
                priority = _PRIORITY_PHONE
            else:
                priority = _PRIORITY_VALIDATED
            yield Span(
                start, end, finding.kind, CATEGORY_TOKENS[finding.kind], finding.rule,
                finding.doubt, priority,
            )  # fmt: skip


def _identifier_kind(identifier: str) -> EntityKind:
    classified = classify_known_value(identifier)
    return classified.kind if isinstance(classified, KnownValue) else EntityKind.OTHER
