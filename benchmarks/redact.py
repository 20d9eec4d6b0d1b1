"""Redaction benchmark: throughput (KB/s) and recall/precision on the project's corpus.

    .venv/bin/python benchmarks/redact.py [--repeat 20] [--presidio-python PATH] [--json OUT]

With ``--presidio-python`` (an interpreter of a separate virtualenv holding presidio-analyzer,
spaCy and python-stdnum, no torch), the same corpus is run through Microsoft Presidio offline:
blank spaCy pipelines (nothing is downloaded, so no NER), its pattern recognisers (e-mail, IBAN,
phone for the JIT regions, credit card, date), a CNP recogniser validated by stdnum, and each
document's known names as a deny-list. Both are scored by the same function.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "redaction_corpus"
REGIONS = ("RO", "FR", "DE", "IT", "AT", "ES", "HU", "NL", "GB")
LANGUAGES = ("ro", "en", "fr", "de", "it")


def _corpus() -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for meta in sorted(CORPUS.glob("*.json")):
        truth = json.loads(meta.read_text(encoding="utf-8"))
        out.append((meta.stem, meta.with_suffix(".txt").read_text(encoding="utf-8"), truth))
    return out


def presidio_worker(repeat: int) -> None:
    """Runs inside the Presidio virtualenv; prints spans and timing as JSON."""
    import spacy
    from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        DateRecognizer,
        EmailRecognizer,
        IbanRecognizer,
        PhoneRecognizer,
    )
    from stdnum.ro import cnp

    class CnpRecognizer(PatternRecognizer):
        def validate_result(self, pattern_text: str) -> bool:
            return bool(cnp.is_valid(pattern_text))

    models = Path(tempfile.mkdtemp(prefix="presidio-blank-"))
    for lang in LANGUAGES:
        spacy.blank(lang).to_disk(models / lang)
    nlp = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": c, "model_name": str(models / c)} for c in LANGUAGES],
        }
    ).create_engine()
    registry = RecognizerRegistry(supported_languages=list(LANGUAGES))
    for lang in LANGUAGES:
        registry.add_recognizer(EmailRecognizer(supported_language=lang))
        registry.add_recognizer(IbanRecognizer(supported_language=lang))
        registry.add_recognizer(PhoneRecognizer(supported_language=lang, supported_regions=REGIONS))
        registry.add_recognizer(CreditCardRecognizer(supported_language=lang))
        registry.add_recognizer(DateRecognizer(supported_language=lang))
        registry.add_recognizer(
            CnpRecognizer(
                supported_entity="RO_CNP",
                patterns=[Pattern("cnp", r"\b[1-9]\d{12}\b", 0.5)],
                supported_language=lang,
            )
        )
    analyzer = AnalyzerEngine(
        nlp_engine=nlp, registry=registry, supported_languages=list(LANGUAGES)
    )
    documents = _corpus()
    deny = {}
    for name, _, truth in documents:
        words: set[str] = set()
        for person in truth["people"]:
            for full in person["names"] + person["aliases"]:
                words.add(full)
                words.update(
                    p for p in full.replace("-", " ").replace(",", " ").split() if len(p) > 1
                )
        deny[name] = sorted(words)
    results: dict[str, list[list[int]]] = {}
    size = 0
    start = time.perf_counter()
    for _ in range(repeat):
        for name, text, truth in documents:
            ad_hoc = []
            if deny[name]:
                ad_hoc.append(
                    PatternRecognizer(
                        supported_entity="PERSON",
                        deny_list=deny[name],
                        supported_language=truth["lang"],
                    )
                )
            found = analyzer.analyze(text, language=truth["lang"], ad_hoc_recognizers=ad_hoc)
            results[name] = [[r.start, r.end] for r in found]
            size += len(text.encode("utf-8"))
    elapsed = time.perf_counter() - start
    print(json.dumps({"spans": results, "bytes": size, "seconds": elapsed}))


def portal(repeat: int) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests" / "unit" / "redaction"))
    from redaction_corpus import load_corpus

    from jit.redaction.engine import Redactor

    documents = load_corpus()
    redactors = {d.name: Redactor(d.entities, language=d.lang) for d in documents}
    spans: dict[str, list[list[int]]] = {}
    size = 0
    start = time.perf_counter()
    for _ in range(repeat):
        for document in documents:
            found = redactors[document.name].find(document.text)
            spans[document.name] = [[s.start, s.end] for s in found]
            size += len(document.text.encode("utf-8"))
    return {"spans": spans, "bytes": size, "seconds": time.perf_counter() - start}


def evaluate(run: dict[str, Any]) -> dict[str, float]:
    from redaction_corpus import Score, load_corpus, score

    total = Score()
    for document in load_corpus():
        ranges = [(a, b) for a, b in run["spans"][document.name]]
        total.add(score(document, ranges)[0])
    return {
        "kb_per_s": run["bytes"] / 1024 / run["seconds"],
        "recall": total.recall,
        "precision": total.precision,
        "must_stay_kept": total.kept_ratio,
        "must_go": total.must_go,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--presidio-python", type=Path, default=None)
    parser.add_argument("--presidio-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    if args.presidio_worker:
        presidio_worker(args.repeat)
        return
    report = {"corpus_documents": len(_corpus()), "portal": evaluate(portal(args.repeat))}
    if args.presidio_python:
        completed = subprocess.run(  # noqa: S603 - our own script, interpreter from the operator
            [
                str(args.presidio_python),
                __file__,
                "--presidio-worker",
                "--repeat",
                str(args.repeat),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        report["presidio"] = evaluate(json.loads(completed.stdout.strip().splitlines()[-1]))
        report["speedup"] = report["portal"]["kb_per_s"] / report["presidio"]["kb_per_s"]
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
