"""Text normalisation shared by the matchers and the leak check. Pure: stdlib only.

Both sides must fold text the same way, otherwise a name written "ŞTEFĂNESCU" (cedilla, as
typed on many Romanian keyboards), "Ştefă\u00adnescu" (soft hyphen from a word processor) or
"Stefanescu" (no diacritics, as in a foreign police report) would slip past a matcher built
from "Ștefănescu" (data-protection.md §5.1 "Diacritics and Unicode folding").

The fold is: compatibility decomposition (NFKD, which is what NFKC does before it composes),
drop combining marks (diacritics; this also makes cedilla ş/ţ and comma-below ș/ț equal),
casefold, transliterate the letters Unicode does not decompose (ł, đ, ø, ı, ß, ...), drop
format characters (category Cf: soft hyphen, zero-width space/joiners, bidi marks, BOM),
unify dashes and apostrophes, and collapse every whitespace run to one space.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Letters that carry no decomposition, so stripping combining marks leaves them intact
# (measured in data-protection.md §5.1: Łukasz, Đorđević, Søren, Kırık).
_TRANSLITERATION = {
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "ø": "o",
    "ı": "i",
    "æ": "ae",
    "œ": "oe",
    "ß": "ss",
    "þ": "th",
    "ħ": "h",
    "ŧ": "t",
    "ŀ": "l",
}

# Every dash a word processor inserts is a hyphen for matching: "Alexandra‑Ioana" typed with
# a non-breaking hyphen must match "Alexandra-Ioana".
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d")
_APOSTROPHES = frozenset("\u2018\u2019\u201b\u02bc\u02b9\u0060\u00b4\u2032")


@dataclass(frozen=True)
class NormalizedText:
    """Folded text plus, for each folded character, the index of its source character."""

    text: str
    origin: tuple[int, ...]
    source_length: int

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the folded text back to the source text."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside normalised text")
        return self.origin[start], self.origin[end - 1] + 1


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    """Fold one source character; the result may be empty or several characters long."""
    if _is_format(char):
        return ""
    if char in _DASHES:
        return "-"
    if char in _APOSTROPHES:
        return "'"
    if char.isspace():
        return " "
    out: list[str] = []
    for base in unicodedata.normalize("NFKD", char):
        if unicodedata.combining(base):
            continue
        # casefold can reintroduce combining marks (e.g. "ǰ"), so decompose once more.
        for folded in unicodedata.normalize("NFKD", base.casefold()):
            if unicodedata.combining(folded) or _is_format(folded):
                continue
            if folded.isspace():
                out.append(" ")
            else:
                out.append(_TRANSLITERATION.get(folded, folded))
    return "".join(out)


def _is_format(char: str) -> bool:
    # U+034F COMBINING GRAPHEME JOINER is Mn, dropped with the marks; Cf covers the rest.
    return unicodedata.category(char) == "Cf"


def normalize_with_offsets(text: str) -> NormalizedText:
    """Fold ``text`` and remember where every folded character came from."""
    chars: list[str] = []
    origin: list[int] = []
    previous_space = False
    for index, char in enumerate(text):
        folded = _fold_char(char)
        for piece in folded:
            if piece == " ":
                if previous_space:
                    continue
                previous_space = True
            else:
                previous_space = False
            chars.append(piece)
            origin.append(index)
    return NormalizedText("".join(chars), tuple(origin), len(text))


_WHITESPACE_RUN = re.compile(r"\s+")
_ASCII_APOSTROPHE = str.maketrans({"`": "'"})


def normalize(text: str) -> str:
    """Fold ``text`` for comparison (see the module docstring).

    Same result as ``normalize_with_offsets(text).text``, faster: the leak check folds whole
    XML parts, most of them ASCII.
    """
    if text.isascii():
        folded = text.lower().translate(_ASCII_APOSTROPHE)
    else:
        folded = "".join(map(_fold_char, text))
    return _WHITESPACE_RUN.sub(" ", folded)


_LINE_BREAK_HYPHENATION = re.compile(r"(?<=\w)[-\u00ad\u2010\u2011][ \t]*\r?\n[ \t]*(?=\w)")


def join_line_break_hyphenation(text: str) -> str:
    """Join words hyphenated at a line end ("Dumi-\\ntru"); used by the leak check only.

    The redactor does not join, because a real hyphen at a line end ("Alexandra-\\nIoana")
    is just as common; the leak check searches both forms so neither can slip through.
    """
    return _LINE_BREAK_HYPHENATION.sub("", text)
