"""The leak probe: an independent search for known values in text that should be clean.

Pure: stdlib, phonenumbers, python-stdnum. Deliberately *not* the redactor's regexes: the probe
searches literal renderings (every name part and inflected form, every date rendering, compact
digit strings of identifiers) in the normalised text and in its alphanumeric-only projection,
plus the validated pattern recognisers, so a bug in a redaction pattern is caught rather than
repeated (data-protection.md §5.3 steps 5-6). A hit carries a label such as
"[V1] name part 2", never the value: the report is stored with the disclosure.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

import phonenumbers

from jit.redaction.contacts import find_emails, find_phones, regions_for
from jit.redaction.dates import date_renderings
from jit.redaction.identifiers import find_ibans, find_national_ids
from jit.redaction.known import KnownEntities, KnownValue, classify_known_value
from jit.redaction.names import PARTICLES, inflected_forms, name_parts
from jit.redaction.normalize import join_line_break_hyphenation, normalize
from jit.redaction.spans import EntityKind
from jit.redaction.tokens import TokenMap, person_token

_NON_ALNUM = re.compile(r"[^0-9a-z\x00]")
# Separates unrelated pieces of extracted text; survives normalisation (a control character,
# not a format character or whitespace).
SEPARATOR = "\x00"
# Compact needles shorter than this would hit random digit runs (page numbers, amounts).
_MIN_COMPACT = 6


@dataclass(frozen=True)
class Hit:
    offset: int
    label: str


@dataclass(frozen=True)
class _Needles:
    words: dict[str, str]  # normalised rendering -> label
    compact: dict[str, str]  # alphanumeric-only rendering -> label


def _value_needles(value: str, kind: EntityKind, label: str) -> Iterable[tuple[str, str, bool]]:
    """(needle, label, compact?) for one identifier, contact, address or other value."""
    folded = normalize(value).strip()
    yield folded, label, False
    compact = _NON_ALNUM.sub("", folded)
    if kind is EntityKind.PHONE:
        try:
            number = phonenumbers.parse(value, None if value.strip().startswith("+") else "RO")
            compact = str(number.national_number)
        except phonenumbers.NumberParseException:
            pass
    if kind is EntityKind.ADDRESS:
        yield normalize(value.split(",", 1)[0]).strip(), label + " street", False
    elif sum(ch.isdigit() for ch in compact) >= _MIN_COMPACT:
        yield compact, label + " compact", True


def _collect(entities: KnownEntities, token_map: TokenMap) -> _Needles:
    words: dict[str, str] = {}
    compact: dict[str, str] = {}

    def add(needle: str, label: str, is_compact: bool) -> None:
        if needle:
            (compact if is_compact else words).setdefault(needle, label)

    for person in entities.people:
        label = token_map.labels.get(person.key)
        who = person_token(label) if label else "[person]"
        for index, name in enumerate((*person.names, *person.aliases), start=1):
            for number, part in enumerate(name_parts(name), start=1):
                if part in PARTICLES or len(part) < 2:
                    continue
                for form in inflected_forms(part):
                    add(form, f"{who} name {index} part {number}", False)
        if person.date_of_birth is not None:
            for number, rendering in enumerate(date_renderings(person.date_of_birth), start=1):
                add(rendering, f"{who} date of birth rendering {number}", False)
        for number, address in enumerate(person.addresses, start=1):
            for item in _value_needles(address, EntityKind.ADDRESS, f"{who} address {number}"):
                add(*item)
        for number, identifier in enumerate(person.identifiers, start=1):
            classified = classify_known_value(identifier)
            kind = classified.kind if isinstance(classified, KnownValue) else EntityKind.OTHER
            for item in _value_needles(identifier, kind, f"{who} identifier {number}"):
                add(*item)
    for number, value in enumerate(entities.values, start=1):
        for item in _value_needles(value.value, value.kind, f"known value {number}"):
            add(*item)
    return _Needles(words, compact)


class LeakProbe:
    """Searches text for every known value of a case and for validated identifiers."""

    def __init__(
        self, entities: KnownEntities, token_map: TokenMap, *, language: str | None = None
    ) -> None:
        self._needles = _collect(entities, token_map)
        self._regions = regions_for(language)
        ordered = sorted(self._needles.words, key=len, reverse=True)
        self._words = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in ordered) + r")(?!\w)")
            if ordered
            else None
        )

    def search(self, text: str, *, patterns: bool = True) -> list[Hit]:
        """Every hit in ``text``; offsets refer to the normalised text.

        ``SEPARATOR`` in ``text`` separates unrelated pieces (XML attributes, table cells): no
        match, compact or pattern, may span it.
        """
        hits: list[Hit] = []
        seen: set[tuple[int, str]] = set()
        for variant in {normalize(raw) for raw in {text, join_line_break_hyphenation(text)}}:
            for hit in self._search_folded(variant, patterns):
                if (hit.offset, hit.label) not in seen:
                    seen.add((hit.offset, hit.label))
                    hits.append(hit)
        return hits

    def _search_folded(self, folded: str, patterns: bool) -> Iterable[Hit]:
        # SEPARATOR is neither a word character nor part of any pattern's character classes,
        # so no match can straddle two pieces; the projection keeps it for the same reason.
        if self._words is not None:
            for match in self._words.finditer(folded):
                yield Hit(match.start(), self._needles.words[match.group()])
        projection = _NON_ALNUM.sub("", folded)
        for needle, label in self._needles.compact.items():
            position = projection.find(needle)
            if position >= 0:
                yield Hit(position, label)
        if not patterns:
            return
        findings = [
            *find_national_ids(folded),
            *find_ibans(folded),
            *find_emails(folded),
            *find_phones(folded, self._regions),
        ]
        for finding in findings:
            if not finding.doubt:
                yield Hit(finding.start, f"unredacted {finding.kind.value} ({finding.rule})")
