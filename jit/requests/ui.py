"""Labels of an instrument in the UI language (falling back to English), and the country and
language names offered in the wizard, from Babel's CLDR data in the user's locale."""

from __future__ import annotations

from functools import cache

from babel import Locale

from jit.requests.catalog import Instrument
from jit.requests.values import COUNTRIES

FALLBACK = "en"


class UiLabels:
    """The prompts of the form shown to the drafter: their language, not the document's."""

    def __init__(self, instrument: Instrument | None, language: str) -> None:
        self.language = language
        self._labels: dict[str, str] = {}
        if instrument is not None:
            english = instrument.labels.get(FALLBACK)
            if english is not None:
                self._labels.update(english.labels)
            own = instrument.labels.get(language)
            if own is not None:
                self._labels.update({k: v for k, v in own.labels.items() if v.strip()})

    def get(self, key: str) -> str:
        return self._labels.get(key, key)

    def has(self, key: str) -> bool:
        return key in self._labels


@cache
def countries(language: str) -> tuple[tuple[str, str], ...]:
    names = Locale.parse(language).territories
    return tuple(sorted(((c, str(names.get(c, c))) for c in COUNTRIES), key=lambda p: p[1]))


@cache
def language_names(language: str) -> dict[str, str]:
    names = Locale.parse(language).languages
    return {code: str(names.get(code, code)) for code in ("en", "ro", "fr", "de", "it", "es")}
