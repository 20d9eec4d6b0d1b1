"""Pattern recognisers for national identifiers and IBANs, validated by python-stdnum.

Pure: stdlib and python-stdnum. Recognisers run over normalised text (lower case, format
characters dropped, so a zero-width space inside a CNP does not hide it) and yield
``Finding``s in normalised coordinates; the engine maps them back to the source.

A checksum decides confidence, not whether the text goes: a shape-perfect CNP with a wrong
check digit is usually a typo in a police report, still the child's number. Such look-alikes
are replaced and flagged ``doubt`` for the reviewer (issue 6, "doubt flags").
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from stdnum import iban
from stdnum.at import vnr
from stdnum.bg import egn
from stdnum.de import idnr
from stdnum.es import dni, nie
from stdnum.fr import nir
from stdnum.it import codicefiscale
from stdnum.nl import bsn
from stdnum.pl import pesel
from stdnum.ro import cnp

from jit.redaction.spans import EntityKind


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    kind: EntityKind
    rule: str
    doubt: bool = False


def _valid(check: Callable[[str], bool], value: str) -> bool:
    try:
        return bool(check(value))
    except Exception:
        return False


# (rule, shape, validator, flag a failed checksum as doubt). Shapes are specific enough that
# a failed checksum still means "probably this identifier, mistyped"; bare digit runs of
# 9-11 digits are not (phone numbers, case numbers), so those count only when valid.
_ID_SHAPES: tuple[tuple[str, re.Pattern[str], Callable[[str], bool], bool], ...] = (
    ("ro.cnp", re.compile(r"(?<!\w)[1-9]\d{12}(?!\w)"), cnp.is_valid, True),
    (
        "it.codicefiscale",
        re.compile(
            r"(?<!\w)[a-z]{6}[\dlmnp-v]{2}[abcdehlmprst][\dlmnp-v]{2}[a-z][\dlmnp-v]{3}[a-z](?!\w)"
        ),
        codicefiscale.is_valid,
        True,
    ),
    ("es.dni", re.compile(r"(?<!\w)\d{8}-?[a-z](?!\w)"), dni.is_valid, True),
    ("es.nie", re.compile(r"(?<!\w)[xyz]-?\d{7}-?[a-z](?!\w)"), nie.is_valid, True),
    (
        "fr.nir",
        re.compile(r"(?<!\w)[12]\s?\d{2}\s?\d{2}\s?(?:\d{2}|2a|2b)\s?\d{3}\s?\d{3}\s?\d{2}(?!\w)"),
        nir.is_valid,
        False,
    ),
    ("bg.egn", re.compile(r"(?<!\w)\d{10}(?!\w)"), egn.is_valid, False),
    ("at.vnr", re.compile(r"(?<!\w)\d{10}(?!\w)"), vnr.is_valid, False),
    ("pl.pesel", re.compile(r"(?<!\w)\d{11}(?!\w)"), pesel.is_valid, False),
    ("de.idnr", re.compile(r"(?<!\w)\d{11}(?!\w)"), idnr.is_valid, False),
    ("nl.bsn", re.compile(r"(?<!\w)\d{9}(?!\w)"), bsn.is_valid, False),
)


def find_national_ids(text: str) -> Iterator[Finding]:
    for rule, shape, check, doubt_if_invalid in _ID_SHAPES:
        for match in shape.finditer(text):
            value = match.group().upper()
            if _valid(check, value):
                yield Finding(match.start(), match.end(), EntityKind.NATIONAL_ID, rule)
            elif doubt_if_invalid:
                yield Finding(
                    match.start(), match.end(), EntityKind.NATIONAL_ID, rule + "-lookalike", True
                )


# Country code, check digits, then up to 34 characters, compact or in groups of four.
_IBAN_SHAPE = re.compile(r"(?<!\w)[a-z]{2}\d{2}(?: ?[a-z0-9]){11,34}")
_IBAN_GROUP = re.compile(r"[a-z0-9]+")
# Country codes whose IBAN layout stdnum knows; a look-alike needs one of them to be flagged.
_IBAN_COUNTRIES = frozenset(
    {
        "ad", "ae", "al", "at", "az", "ba", "be", "bg", "bh", "br", "by", "ch", "cr", "cy", "cz",
        "de", "dk", "do", "ee", "eg", "es", "fi", "fo", "fr", "gb", "ge", "gi", "gl", "gr", "gt",
        "hr", "hu", "ie", "il", "iq", "is", "it", "jo", "kw", "kz", "lb", "lc", "li", "lt", "lu",
        "lv", "mc", "md", "me", "mk", "mr", "mt", "mu", "nl", "no", "pk", "pl", "ps", "pt", "qa",
        "ro", "rs", "sa", "sc", "se", "si", "sk", "sm", "st", "sv", "tl", "tn", "tr", "ua", "va",
        "vg", "xk",
    }
)  # fmt: skip


def find_ibans(text: str) -> Iterator[Finding]:
    """IBANs, printed compact or in groups of four.

    The shape is greedy and may run into the next word ("RO49 AAAA ... 0000 si"), so the
    candidate is shortened group by group until the checksum holds.
    """
    position = 0
    while (match := _IBAN_SHAPE.search(text, position)) is not None:
        # The greedy shape may have swallowed the start of a following IBAN; resume the
        # search right after what was accepted, not after the whole shape.
        position = match.start() + 1
        groups = list(_IBAN_GROUP.finditer(match.group()))
        found = False
        for last in range(len(groups), 0, -1):
            end = match.start() + groups[last - 1].end()
            if end < len(text) and (text[end].isalnum() or text[end] == "_"):
                continue
            candidate = text[match.start() : end]
            if len(candidate.replace(" ", "")) >= 15 and _valid(iban.is_valid, candidate.upper()):
                yield Finding(match.start(), end, EntityKind.IBAN, "iban")
                found = True
                position = end
                break
        if not found and match.group()[:2] in _IBAN_COUNTRIES:
            # Shape of an IBAN, checksum wrong: flag, limited to the leading groups that look
            # like one (letters+digits groups of up to four characters).
            end = match.start()
            for group in groups:
                if len(group.group()) > 4 and group.start() > 0:
                    break
                end = match.start() + group.end()
            if len(text[match.start() : end].replace(" ", "")) >= 15:
                yield Finding(match.start(), end, EntityKind.IBAN, "iban-lookalike", True)
                position = end
