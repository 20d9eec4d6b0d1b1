"""Name variants: parts, inflected forms and full-name patterns over normalised text.

Pure: stdlib only. Inputs and outputs are *normalised* (see normalize.py), so case, diacritics,
ş/ș and soft hyphens are already folded away; this module adds what folding cannot: name
order, hyphen-or-space, and inflection (data-protection.md §5.1 "Inflection").
"""

import re

from jit.redaction.normalize import normalize

# Surname particles: never matched on their own ("de" is a word in ro/fr/it/es), only inside a
# full name.
PARTICLES = frozenset(
    {"de", "da", "di", "del", "della", "dei", "van", "von", "der", "den", "la", "le", "du",
     "des", "al", "el", "bin", "ibn", "y", "e", "ter", "zu", "dos", "das", "do", "lo"}
)  # fmt: skip

_PART_SPLIT = re.compile(r"[\s\-,.]+")
# Between the parts of a full name: space, hyphen or comma ("DUMITRU, Alexandra-Ioana"), or
# nothing at all ("AlexandraIoana" after a line-end hyphen was dropped).
FULL_NAME_JOINER = r"[\s\-,]{0,3}"

# The shortest part matched on its own; one letter is an initial, too ambiguous to count as a
# name and not identifying by itself.
MIN_PART_LENGTH = 2


def name_parts(full_name: str) -> list[str]:
    """Normalised parts of a name: "DUMITRU Alexandra-Ioana" -> dumitru, alexandra, ioana."""
    return [part for part in _PART_SPLIT.split(normalize(full_name)) if part]


def inflected_forms(part: str) -> list[str]:
    """Forms of one normalised name part as it appears in running text.

    Romanian genitive/dative of feminine names: -a -> -ei (Maria -> Mariei, Ioana -> Ioanei),
    -ca -> -căi (Bianca -> Biancăi, folded to "biancai"), -ea -> -ei (Andreea -> Andreei);
    masculine names take the article ("lui Ion", matched as "Ion") or the colloquial suffix
    -ului (Ionului) / -lui after -u (Radului). German and English genitive add -s / 's / '
    (Biancas, Bianca's, Klaus').
    """
    forms = {part, part + "s", part + "'s", part + "'"}
    if part.endswith("ea"):
        forms.add(part[:-1] + "i")
    elif part.endswith("a"):
        forms.update({part[:-1] + "ei", part[:-1] + "ai"})
    elif part.endswith("u"):
        forms.add(part + "lui")
    elif part[-1:].isalpha():
        forms.add(part + "ului")
    return sorted(forms, key=len, reverse=True)


def _alternation(forms: list[str]) -> str:
    return "(?:" + "|".join(re.escape(form) for form in forms) + ")"


def part_pattern(part: str) -> str:
    """Regex source for one part with its inflected forms, bounded by non-word characters."""
    return rf"(?<!\w){_alternation(inflected_forms(part))}(?!\w)"


def full_name_patterns(full_name: str) -> list[str]:
    """Regex sources for the whole name in written order and with the last part first.

    Single parts are matched separately (so any order and any subset is caught); the full
    patterns exist so that particles ("de", "van") are covered and so that a full name wins
    over a part shared with another person (resolve_overlaps prefers the longer span).
    """
    parts = name_parts(full_name)
    if len(parts) < 2:
        return []
    orders = [parts, [parts[-1], *parts[:-1]]]
    patterns = []
    for order in orders:
        body = FULL_NAME_JOINER.join(_alternation(inflected_forms(p)) for p in order)
        patterns.append(rf"(?<!\w){body}(?!\w)")
    return patterns


def matchable_parts(full_name: str) -> list[str]:
    """Parts worth matching on their own: not particles, at least two letters."""
    return [p for p in name_parts(full_name) if len(p) >= MIN_PART_LENGTH and p not in PARTICLES]
