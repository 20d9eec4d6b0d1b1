"""Recall and precision on the project's redaction corpus (issue 6, "Done when")."""

from collections import Counter
from collections.abc import Callable

import pytest
from redaction_corpus import CorpusDocument, Score, load_corpus, score, span_ranges

from jit.documents.leak_check import check_text
from jit.redaction.engine import Redactor
from jit.redaction.needles import LeakProbe
from jit.redaction.tokens import TokenMap

DOCUMENTS = load_corpus()


def test_corpus_is_large_and_multilingual() -> None:
    assert len(DOCUMENTS) >= 30
    languages = Counter(document.lang for document in DOCUMENTS)
    assert set(languages) >= {"ro", "en", "fr", "de", "it"}
    assert all(document.truth["must_go"] and document.truth["must_stay"] for document in DOCUMENTS)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.name)
def test_document_recall_is_total_and_what_must_stay_stays(document: CorpusDocument) -> None:
    tokens = TokenMap()
    result = Redactor(document.entities, tokens, language=document.lang).redact(document.text)
    _, misses = score(document, span_ranges(result.spans))
    assert misses == []
    # The independent probe agrees: nothing known or validated survives in the output.
    probe = LeakProbe(document.entities, tokens, language=document.lang)
    report = check_text(result.text.encode(), probe)
    assert report.passed, report.leaks
    for needle in document.truth["must_stay"]:
        assert needle in result.text
    flagged = {
        document.text[s.start : s.end] for s in result.doubts if s.rule.endswith("lookalike")
    }
    assert flagged == set(document.truth["doubt"])


def test_corpus_totals(record_property: Callable[[str, object], None]) -> None:
    total = Score()
    for document in DOCUMENTS:
        spans = Redactor(document.entities, language=document.lang).find(document.text)
        total.add(score(document, span_ranges(spans))[0])
    record_property("recall", total.recall)
    record_property("precision", total.precision)
    print(f"\nredaction corpus: recall {total.recall:.3f}, precision {total.precision:.3f}, "
          f"kept {total.kept}/{total.must_stay}")  # fmt: skip
    assert total.recall == 1.0
    assert total.kept == total.must_stay
    assert total.precision >= 0.95


def test_tokens_are_stable_across_the_documents_of_a_case() -> None:
    """Documents 01, 11 and 32 share the victim V-RO-2025-0001; with one token map per case
    she is the same token everywhere."""
    shared = [d for d in DOCUMENTS if d.name.startswith(("01-", "11-", "32-"))]
    tokens = TokenMap()
    seen = set()
    for document in shared:
        result = Redactor(document.entities, tokens, language=document.lang).redact(document.text)
        seen.update(s.token for s in result.spans if s.rule.startswith("name"))
    assert tokens.labels["V-RO-2025-0001"] == "V1"
    assert "[V1]" in seen
    assert tokens.labels["G-RO-2025-0001"] == "V1-GUARDIAN"
