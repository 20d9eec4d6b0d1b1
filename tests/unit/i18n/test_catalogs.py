"""Every UI catalog is complete, keeps placeholders and tags, and really translates (issue 2)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
LANGUAGES = ("ro", "fr", "de", "it")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# Words that are the same in the target language on purpose (a short, reviewed list).
SAME_AS_ENGLISH = {"OK", "E-mail", "Eurojust / Europol", "JIT"}
SAME_IN = {"de": {"Name"}, "it": {"No"}}


def _catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _texts(message: Message) -> list[str]:
    value = message.string
    return [v for v in value] if isinstance(value, tuple | list) else [value]


def _ids(message: Message) -> list[str]:
    value = message.id
    return list(value) if isinstance(value, tuple | list) else [value]


TEMPLATE = _catalog(ROOT / "translations" / "messages.pot")


def check(catalog: Catalog, language: str = "") -> list[str]:
    """All problems of one catalog against the template."""
    problems = []
    for source in TEMPLATE:
        if not source.id:
            continue
        message = catalog.get(source.id)
        key = _ids(source)[0]
        if message is None:
            problems.append(f"missing: {key!r}")
            continue
        if message.fuzzy:
            problems.append(f"fuzzy: {key!r}")
        for text in _texts(message):
            if not text:
                problems.append(f"untranslated: {key!r}")
            elif text == key and key not in SAME_AS_ENGLISH | SAME_IN.get(language, set()):
                problems.append(f"copies the English: {key!r}")
            elif sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(key)):
                problems.append(f"placeholders differ: {key!r}")
            elif sorted(TAG.findall(text)) != sorted(TAG.findall(key)):
                problems.append(f"HTML tags differ: {key!r}")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_is_complete_and_faithful(language: str) -> None:
    catalog = _catalog(ROOT / "translations" / language / "LC_MESSAGES" / "messages.po")
    assert check(catalog, language) == []


def test_the_check_rejects_a_copied_english_text() -> None:
    catalog = Catalog(locale="ro")
    for source in TEMPLATE:
        if source.id:
            catalog.add(source.id, source.id)
    problems = check(catalog)
    assert any(p.startswith("copies the English") for p in problems)


def test_the_check_rejects_a_lost_placeholder() -> None:
    catalog = _catalog(ROOT / "translations" / "ro" / "LC_MESSAGES" / "messages.po")
    message = catalog.get("Welcome, %(name)s.")
    assert message is not None
    message.string = "Bun venit."
    assert "placeholders differ: 'Welcome, %(name)s.'" in check(catalog)
