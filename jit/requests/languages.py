"""Which language a request is written in for its recipient. Pure: no Flask, no database."""

from __future__ import annotations

from collections.abc import Collection

#: Official language of the executing authority that a form is usually accepted in. Belgium,
#: Luxembourg and Switzerland have several; French is proposed and the drafter can change it.
COUNTRY_LANGUAGE = {
    "RO": "ro",
    "MD": "ro",
    "FR": "fr",
    "BE": "fr",
    "LU": "fr",
    "DE": "de",
    "AT": "de",
    "LI": "de",
    "CH": "de",
    "IT": "it",
    "SM": "it",
    "ES": "es",
    "PT": "pt",
    "NL": "nl",
    "PL": "pl",
    "HU": "hu",
    "BG": "bg",
    "GR": "el",
    "CZ": "cs",
    "SK": "sk",
    "SI": "sl",
    "HR": "hr",
    "IE": "en",
    "MT": "en",
    "GB": "en",
}
FALLBACK = "en"


def proposed_language(country: str, available: Collection[str]) -> str:
    """The executing State's language when the instrument has labels in it, else English."""
    language = COUNTRY_LANGUAGE.get(country.upper(), FALLBACK)
    if language in available:
        return language
    return FALLBACK if FALLBACK in available else sorted(available)[0]
