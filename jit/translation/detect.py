"""Offline language detection for POST /detect and `source=auto`: a small pure heuristic.

Scores each supported language by its frequent function words and by letters only it uses
(ă ș ț for Romanian, ß ä ö ü for German, ç œ è ê à for French, ...). Limits, stated plainly:
five languages only (en, ro, fr, de, it); a text of a few words or made mostly of names and
numbers is a guess (low confidence); mixed-language text gets the dominant language; Romanian
typed without diacritics leans on function words alone. No network, no model file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LANGUAGES: tuple[str, ...] = ("en", "ro", "fr", "de", "it")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP_WORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the and of to in is are was were that this for with on by from be has have not "
        "which it an as at or its their been will shall"
    ),
    "ro": _words(
        "și si este sunt în in din pentru cu pe la care nu fost sau ale al unei unui "
        "această acest aceasta fi prin după dupa că ca mai"
    ),
    "fr": _words(
        "le la les des et est sont dans pour une un du au aux que qui pas sur par avec "
        "ce cette été ont être il elle"
    ),
    "de": _words(
        "der die das und ist sind nicht mit den dem des ein eine einer zu auf für von "
        "wird wurde werden im auch als bei"
    ),
    "it": _words(
        "il lo la gli le di del della dei delle che è sono per con non una uno nel alla "
        "dal stato essere anche come"
    ),
}

_LETTERS: dict[str, str] = {
    "ro": "ăâîșşțţ",
    "fr": "çœéèêëàùûôï",
    "de": "ßäöü",
    "it": "àèéìòù",
    "en": "",
}

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Detection:
    language: str
    confidence: float  # 0..100, as LibreTranslate reports it


def detect(text: str) -> list[Detection]:
    """Candidates, best first; an empty list when the text holds no letters."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return []
    scores: dict[str, float] = {}
    lowered = text.lower()
    for lang in LANGUAGES:
        stop = sum(1 for w in words if w in _STOP_WORDS[lang])
        letters = sum(lowered.count(c) for c in _LETTERS[lang])
        scores[lang] = stop + 0.5 * letters
    total = sum(scores.values())
    if total == 0:
        return [Detection("en", 0.0)]
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    # Confidence: the share of the evidence, damped for short texts.
    damp = min(1.0, len(words) / 8)
    return [
        Detection(lang, round(100.0 * score / total * damp, 1)) for lang, score in ranked if score
    ]


def best(text: str) -> Detection | None:
    found = detect(text)
    return found[0] if found else None
