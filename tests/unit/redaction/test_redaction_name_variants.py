"""Hypothesis-generated name variants (T-F2): every spelling a report may use is masked."""

import io
import unicodedata
from datetime import date

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redaction_docx_builders import add_runs, save

from jit.documents.docx_redact import redact_docx
from jit.documents.leak_check import check_docx, check_text
from jit.redaction.engine import Redactor
from jit.redaction.known import KnownEntities, KnownPerson
from jit.redaction.needles import LeakProbe
from jit.redaction.tokens import TokenMap

GIVEN = ("Alexandra", "Ioana")
SURNAME = "Ștefănescu"
PERSON = KnownPerson(
    key="V-RO-2025-0042",
    names=("Alexandra-Ioana ȘTEFĂNESCU",),
    date_of_birth=date(2010, 9, 27),
)
ENTITIES = KnownEntities(people=(PERSON,))
INVISIBLE = ("\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
SENTENCES = (
    "Minora {} a fost audiată la Iași.",
    "Die Geschädigte {} wurde in Berlin angetroffen.",
    "La mineure {} a été entendue à Paris.",
    "The child {} was seen in Bristol.",
    "La minore {} è stata sentita a Roma.",
    "{}",
)


def _diacritics(word: str, style: str) -> str:
    if style == "comma":
        return word
    if style == "cedilla":
        return word.replace("ș", "ş").replace("Ș", "Ş").replace("ț", "ţ").replace("Ț", "Ţ")
    if style == "decomposed":
        return unicodedata.normalize("NFD", word)
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


@st.composite
def name_variants(draw: st.DrawFn) -> str:
    given = list(GIVEN)
    if draw(st.booleans()):
        given = given[:1]  # "Alexandra Ștefănescu"
    inflect = draw(st.sampled_from(["", "ro-genitive", "de-genitive", "en-possessive"]))
    surname_first = draw(st.booleans())
    joiner = draw(st.sampled_from(["-", " ", "\u2011", ""])) if len(given) > 1 else ""
    given_text = joiner.join(given)
    if inflect == "ro-genitive" and not surname_first:
        given_text = given_text[:-1] + "ei"  # Alexandrei / Ioanei
    parts = [SURNAME, given_text] if surname_first else [given_text, SURNAME]
    separator = draw(st.sampled_from([" ", ", ", "  ", "\u00a0", "\n"]))
    text = separator.join(parts) if surname_first else " ".join(parts)
    if inflect == "de-genitive":
        text += "s"
    elif inflect == "en-possessive":
        text += draw(st.sampled_from(["'s", "\u2019s"]))
    text = _diacritics(text, draw(st.sampled_from(["comma", "cedilla", "none", "decomposed"])))
    case = draw(st.sampled_from(["as is", "upper", "lower", "title"]))
    text = {"upper": text.upper(), "lower": text.lower(), "title": text.title()}.get(case, text)
    # Invisible characters inside the words (never as a separator).
    chars = list(text)
    for _ in range(draw(st.integers(0, 3))):
        letters = [i for i, ch in enumerate(chars) if ch.isalpha()]
        position = draw(st.sampled_from(letters)) + 1
        chars.insert(position, draw(st.sampled_from(INVISIBLE)))
    return "".join(chars)


def _redactor() -> tuple[Redactor, LeakProbe]:
    tokens = TokenMap()
    return Redactor(ENTITIES, tokens, language="ro"), LeakProbe(ENTITIES, tokens)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name_variants(), st.sampled_from(SENTENCES))
def test_every_generated_variant_is_masked(variant: str, sentence: str) -> None:
    redactor, probe = _redactor()
    text = sentence.format(variant)
    result = redactor.redact(text)
    assert check_text(result.text.encode(), probe).passed, (variant, result.text)
    assert "[V1]" in result.text
    # Surroundings survive: the city of the sentence is not part of a span.
    for city in ("Iași", "Berlin", "Paris", "Bristol", "Roma"):
        if city in text:
            assert city in result.text


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name_variants(), st.lists(st.integers(1, 40), min_size=1, max_size=5))
def test_variants_split_across_docx_runs_are_masked(variant: str, cuts: list[int]) -> None:
    text = f"Victima {variant} a declarat."
    points = sorted({min(c, len(text) - 1) for c in cuts})
    pieces = [text[a:b] for a, b in zip([0, *points], [*points, len(text)], strict=True)]
    document = docx.Document()
    add_runs(document.add_paragraph(), [p for p in pieces if p])
    redactor, probe = _redactor()
    result = redact_docx(save(document), redactor)
    assert check_docx(result.data, probe).passed
    assert result.findings


def test_dates_of_birth_in_every_format_and_language() -> None:
    redactor, probe = _redactor()
    renderings = [
        "27.09.2010", "27/09/2010", "2010-09-27", "27-09-2010", "27.9.2010", "27.09.10",
        "27 septembrie 2010", "27 September 2010", "27 septembre 2010", "27. September 2010",
        "27 settembre 2010", "27 sept. 2010", "27 sep 2010", "27 set. 2010", "September 27, 2010",
        "27th September 2010", "27th of September, 2010", "27-Sep-2010", "27.IX.2010",
        "09/27/2010", "27 Septembrie 2010", "27 SEPTEMBRIE 2010", "20100927",
    ]  # fmt: skip
    for rendering in renderings:
        result = redactor.redact(f"născută la {rendering}, audiată")
        assert result.text == "născută la [DOB], audiată", rendering
        assert check_text(result.text.encode(), probe).passed
    # Other dates stay: only the known date of birth is a personal value.
    assert redactor.redact("audiată la 28.09.2010").text == "audiată la 28.09.2010"


def test_docx_builder_round_trip_keeps_text() -> None:
    document = docx.Document()
    add_runs(document.add_paragraph(), ["a", "b"])
    assert docx.Document(io.BytesIO(save(document))).paragraphs[0].text == "ab"
