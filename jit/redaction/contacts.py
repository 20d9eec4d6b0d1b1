"""Pattern recognisers for phone numbers (python ``phonenumbers``) and e-mail addresses.

Pure: stdlib and phonenumbers. Runs over normalised text and yields findings in normalised
coordinates. Instead of phonenumbers' PhoneNumberMatcher (one full scan of the text per region,
which is what makes Presidio slow), a cheap regex proposes digit groups and only those are
parsed and validated, region by region.
"""

import re
from collections.abc import Iterator, Sequence

import phonenumbers

from jit.redaction.identifiers import Finding
from jit.redaction.spans import EntityKind

# Regions of the JIT parties; the document language's region is tried first.
DEFAULT_REGIONS: tuple[str, ...] = ("RO", "FR", "DE", "IT", "AT", "ES", "HU", "NL", "GB")
LANGUAGE_REGIONS = {"ro": "RO", "fr": "FR", "de": "DE", "it": "IT", "en": "GB", "es": "ES"}
# Regions whose numbers are written without a trunk prefix (Italian mobiles "333 ...",
# Spanish "612 ..."); elsewhere a national number starts with 0 ("0722 ...", "06 30 ...").
_NO_TRUNK_PREFIX = frozenset({"IT", "ES"})

_CANDIDATE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d ()./-]{5,22}\d(?!\w)")
_GROUP = re.compile(r"[^ ]+")
_DATE_LIKE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
_EMAIL = re.compile(r"(?<![\w.+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?!\w)")


def regions_for(language: str | None) -> tuple[str, ...]:
    first = LANGUAGE_REGIONS.get(language or "")
    if first is None:
        return DEFAULT_REGIONS
    return (first, *(r for r in DEFAULT_REGIONS if r != first))


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


def _is_phone(candidate: str, regions: Sequence[str]) -> bool:
    digits = _digits(candidate)
    if not 6 <= len(digits) <= 15 or _DATE_LIKE.fullmatch(candidate.strip()):
        return False
    if candidate.count("/") > 1:
        return False  # case numbers "1234/3/2024", not phones
    international = candidate.startswith(("+", "00"))
    number = "+" + candidate.lstrip("+")[2:] if candidate.startswith("00") else candidate
    for region in (None,) if international else regions:
        without_trunk = not international and not candidate.lstrip("(").startswith("0")
        if without_trunk and (region not in _NO_TRUNK_PREFIX or len(digits) < 9):
            continue
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return True
    return False


def find_phones(text: str, regions: Sequence[str]) -> Iterator[Finding]:
    for match in _CANDIDATE.finditer(text):
        groups = list(_GROUP.finditer(match.group()))
        index = 0
        while index < len(groups):
            for last in range(len(groups), index, -1):
                start = match.start() + groups[index].start()
                end = match.start() + groups[last - 1].end()
                candidate = text[start:end].rstrip(".-/")
                if _is_phone(candidate, regions):
                    yield Finding(start, start + len(candidate), EntityKind.PHONE, "phone")
                    index = last
                    break
            else:
                candidate = match.group()[groups[index].start() :]
                if (
                    index == 0
                    and candidate.startswith(("+", "00"))
                    and len(_digits(candidate)) >= 8
                ):
                    # "+40 722 123 45": international prefix, invalid number; likely a typo.
                    yield Finding(
                        match.start(), match.end(), EntityKind.PHONE, "phone-lookalike", True
                    )
                    break
                index += 1


def find_emails(text: str) -> Iterator[Finding]:
    for match in _EMAIL.finditer(text):
        yield Finding(match.start(), match.end(), EntityKind.EMAIL, "email")
