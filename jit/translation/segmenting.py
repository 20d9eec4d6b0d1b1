"""Offline, rule-based paragraph and sentence splitting for legal texts.

Pure: stdlib only; no Flask, no argostranslate, no models, no network. The argos adapter uses it
as its sentence splitter whenever no local MiniSBD model exists (see
docs/decisions/translation-sentence-splitting.md), and the pipeline uses it to cut segments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations that end with a period but do not end a sentence, in the portal's languages
# (lower-cased, without the period). Legal citations ("Art. 5", "nr. 12/2026") are the usual trap.
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        # en
        "art",
        "arts",
        "no",
        "nos",
        "para",
        "paras",
        "p",
        "pp",
        "e.g",
        "i.e",
        "cf",
        "vs",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "ltd",
        "inc",
        "co",
        "approx",
        "ref",
        "tel",
        "fig",
        "vol",
        "ch",
        "sec",
        "op",
        "cit",
        "ibid",
        "al",
        "etc",
        # ro
        "alin",
        "lit",
        "nr",
        "pct",
        "str",
        "bd",
        "bl",
        "sc",
        "ap",
        "jud",
        "sect",
        "mun",
        "dl",
        "dna",
        "dra",
        "av",
        "pag",
        "ș.a",
        "ș.a.m.d",
        "cca",
        "resp",
        # fr
        "m",
        "mme",
        "mlle",
        "me",
        "n°",
        "cass",
        "crim",
        # de
        "abs",
        "z.b",
        "bzw",
        "ggf",
        "vgl",
        "gem",
        "u.a",
        "usw",
        "hr",
        "fr",
        # it
        "sig",
        "sig.ra",
        "dott",
        "avv",
        "ecc",
        "comma",
    }
)

_END = re.compile(r"[.!?…]+[\"'”’»)\]]*")
_WORD_BEFORE = re.compile(r"([\w.°]+)$", re.UNICODE)
# A new sentence starts with an upper-case letter, a digit, an opening quote/bracket or a
# placeholder token (⟦N1⟧ may stand for a name at the start of a sentence).
_NEXT_START = re.compile(r"\s+(?=[\"'“‘«(\[⟦\d]|[^\W\d_])", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def _is_abbreviation(text: str, dot: int) -> bool:
    """True if the period at `dot` closes an abbreviation or an initial, not a sentence."""
    # Look back a bounded window only: scanning from 0 made splitting quadratic in text length.
    m = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    if m is None:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    # A single letter before the period is an initial ("J. Smith") in running text.
    return len(word) == 1 and word.isalpha()


def sentence_spans(text: str) -> list[Span]:
    """Character spans of the sentences in one paragraph, trimmed of surrounding whitespace."""
    spans: list[Span] = []
    start = 0
    n = len(text)
    pos = 0
    while pos < n:
        m = _END.search(text, pos)
        if m is None:
            break
        end = m.end()
        nxt = _NEXT_START.match(text, end)
        first_char = text[nxt.end()] if nxt is not None and nxt.end() < n else ""
        # A lower-case letter after the period continues the sentence ("approx. ten days").
        boundary = nxt is not None and not (first_char.isalpha() and first_char.islower())
        if boundary and m.group(0).startswith(".") and _is_abbreviation(text, m.start()):
            boundary = False
        if boundary:
            spans.append(Span(start, end))
            start = nxt.end() if nxt is not None else end
        pos = end
    spans.append(Span(start, n))
    return [s for s in (_trim(text, s) for s in spans) if s.end > s.start]


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def split_sentences(text: str) -> list[str]:
    """Sentences of one paragraph (argostranslate's sentencizer contract)."""
    return [text[s.start : s.end] for s in sentence_spans(text)]


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs exactly as argostranslate cuts them: on every newline."""
    return text.split("\n")
