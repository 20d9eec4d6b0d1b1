"""Patterns for known addresses and other known literal values, tolerant of how people type.

Pure: stdlib only. A shelter address is among the most dangerous values in a victim file; in
reports it appears as "Str. Florilor nr. 12", "strada Florilor 12", "STR FLORILOR NR.12", so
street-type and number words are matched as interchangeable classes and punctuation and spacing
are free. The city alone is deliberately not matched (it must stay readable in a report), only
the street part and the full address.
"""

import re

from jit.redaction.normalize import normalize

# Interchangeable words per address element (normalised: no diacritics, lower case).
_WORD_CLASSES: tuple[frozenset[str], ...] = (
    frozenset({"str", "strada", "street", "st", "rue", "via", "strasse", "calea", "cal"}),
    frozenset({"bd", "bdul", "b-dul", "bulevardul", "blvd", "boulevard", "bvd", "viale"}),
    frozenset({"road", "rd"}),
    frozenset({"avenue", "ave", "av", "avenida", "corso"}),
    frozenset({"sos", "soseaua", "chaussee"}),
    frozenset({"al", "aleea", "allee", "alley"}),
    frozenset({"piata", "piazza", "platz", "place", "square", "pta"}),
    frozenset({"nr", "numar", "numarul", "no", "n", "numero", "num", "nummer", "hausnummer"}),
    frozenset({"bl", "bloc", "block"}),
    frozenset({"sc", "scara"}),
    frozenset({"et", "etaj", "etage", "floor", "piano"}),
    frozenset({"ap", "apt", "apartament", "apartment", "wohnung", "appartement", "interno",
               "int"}),
    frozenset({"jud", "judet", "judetul", "county"}),
    frozenset({"sect", "sector", "sectorul"}),
    frozenset({"loc", "localitatea", "com", "comuna", "sat", "satul"}),
)  # fmt: skip
# Number words may be left out entirely ("strada Florilor 12").
_OPTIONAL = frozenset({"nr", "numar", "numarul", "no", "n", "numero", "num", "nummer"})
_WORD = re.compile(r"[\w-]+")
_JOIN = r"[\s.,:/]{0,4}"


def _word_pattern(word: str) -> str:
    if word.endswith("strasse") and len(word) > len("strasse"):
        # German compounds: "Hauptstraße" (folded "hauptstrasse") is also written "Hauptstr.".
        return rf"{re.escape(word[: -len('strasse')])}(?:strasse|str\.?){_JOIN}"
    for words in _WORD_CLASSES:
        if word in words:
            alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
            optional = "?" if word in _OPTIONAL else ""
            return rf"(?:(?:{alternatives})\.?{_JOIN}){optional}"
    return re.escape(word) + _JOIN


def literal_pattern(value: str) -> str | None:
    """Pattern for a normalised value: words in order, punctuation and spacing free."""
    words = _WORD.findall(normalize(value))
    if not words:
        return None
    body = "".join(_word_pattern(w) for w in words)
    # Drop the trailing free joiner so the match ends on the value's last character.
    if body.endswith(_JOIN):
        body = body[: -len(_JOIN)]
    return rf"(?<!\w){body}(?!\w)"


def address_patterns(address: str) -> list[str]:
    """The full address and its street part (before the first comma)."""
    patterns = []
    street = address.split(",", 1)[0]
    for candidate in (address, street):
        pattern = literal_pattern(candidate)
        if pattern and pattern not in patterns and any(ch.isdigit() for ch in candidate):
            patterns.append(pattern)
    if not patterns:
        # An address without a number ("Casa de tip familial Speranța") is matched whole.
        pattern = literal_pattern(address)
        if pattern:
            patterns.append(pattern)
    return patterns


_ADDRESS_WORDS = frozenset().union(*_WORD_CLASSES[:7])
_GERMAN_STREET_SUFFIXES = ("strasse", "gasse", "weg", "platz", "allee")


def looks_like_address(value: str) -> bool:
    """A street word and a number: how the CLI tells an address from another known value."""
    words = _WORD.findall(normalize(value))
    street = any(w in _ADDRESS_WORDS or w.endswith(_GERMAN_STREET_SUFFIXES) for w in words)
    return street and any(ch.isdigit() for ch in value)
