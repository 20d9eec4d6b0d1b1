"""Median time to render a complete EIO (all sections A–L), monolingual and bilingual.

Run: .venv/bin/python benchmarks/render.py [--runs N]
Composition and rendering are timed together, from a loaded instrument to DOCX bytes; loading
the catalog and python-docx's first import are excluded (they happen once per process).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from jit.documents.compose import compose_document
from jit.documents.docx_render import render_docx
from jit.requests.catalog import load_instrument
from jit.requests.rules import example_draft


def median_ms(action: Callable[[], bytes], runs: int) -> tuple[float, int]:
    size = len(action())  # warm-up: caches the prepared template
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    eio = load_instrument("eio")
    draft = example_draft(eio)
    cases = {
        "EIO fr (monolingual, all sections)": lambda: render_docx(
            compose_document(eio, draft, language="fr")
        ),
        "EIO ro|fr (bilingual, all sections)": lambda: render_docx(
            compose_document(eio, draft, language="ro", bilingual="fr")
        ),
    }
    for name, action in cases.items():
        median, size = median_ms(action, runs)
        print(f"{name:<38} median {median:6.1f} ms over {runs} runs ({size // 1024} KiB)")


if __name__ == "__main__":
    main()
