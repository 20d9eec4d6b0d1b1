"""Shared constants and a cached renderer for the request tests (unique module name, so no
clash with other directories' conftest modules)."""

from __future__ import annotations

from functools import cache

from jit.documents.compose import compose_document
from jit.documents.docx_render import render_docx
from jit.requests.catalog import REQUIRED_LANGUAGES, instrument_ids, load_instrument
from jit.requests.rules import example_draft

INSTRUMENTS = instrument_ids()
LANGUAGES = REQUIRED_LANGUAGES
#: Pairs required by issue 3 ("bilingual for at least RO|FR, RO|DE, RO|IT, FR|RO and EN|RO").
BILINGUAL_PAIRS = (("ro", "fr"), ("ro", "de"), ("ro", "it"), ("fr", "ro"), ("en", "ro"))
EXPECTED_INSTRUMENTS = (
    "confiscation-certificate",
    "eaw",
    "eio",
    "eio-annex-b",
    "eio-annex-c",
    "epoc",
    "epoc-pr",
    "freezing-certificate",
    "jit-agreement",
    "jit-extension",
    "mla",
)


@cache
def rendered(instrument_id: str, language: str, second: str | None = None) -> bytes:
    instrument = load_instrument(instrument_id)
    document = compose_document(
        instrument, example_draft(instrument), language=language, bilingual=second
    )
    return render_docx(document)
