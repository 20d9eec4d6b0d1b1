"""Sentences per second: portal pipeline vs plain argostranslate vs raw ctranslate2, same model.

Usage:  .venv/bin/python benchmarks/translate.py [--beam 4] [--repeat 3] [--copies 4]
        [--model FILE.argosmodel | --packages-dir DIR --source en --target ro]

All three paths see the same sentences, the same beam size and length penalty (argos's 0.2), and the
same CTranslate2 model files:
- portal:  TranslationPipeline (segmenting, glossary + placeholders, batched translate) over
           ArgosTranslator.translate_batch, one call for the whole document;
- argos:   argostranslate.translate.translate() called once per sentence (what LibreTranslate
           does per request);
- raw:     ctranslate2.Translator.translate_batch on pre-tokenised sentences (an upper bound: no
           splitting, no SentencePiece, no detokenisation).
Runs offline; with no --packages-dir it installs the fixture into a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jit.translation.argos import ArgosSettings, ArgosTranslator  # noqa: E402
from jit.translation.glossary import Glossary, load_starter  # noqa: E402
from jit.translation.pipeline import TranslationPipeline  # noqa: E402

DEFAULT_MODEL = ROOT / "tests" / "data" / "models" / "translate-en_ro-tiny.argosmodel"


def best_rates(paths: dict[str, Callable[[], object]], n: int, repeat: int) -> dict[str, float]:
    """Best-of-N sentences/s; the paths take turns so a load spike hits all of them alike."""
    best = dict.fromkeys(paths, float("inf"))
    for _ in range(repeat):
        for name, fn in paths.items():
            t0 = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    return {name: n / seconds for name, seconds in best.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL, help="fixture to install")
    parser.add_argument("--packages-dir", type=Path)
    parser.add_argument("--source", default="en")
    parser.add_argument("--target", default="ro")
    parser.add_argument("--beam", type=int, default=4, help="argos default is 4")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs per path")
    parser.add_argument("--copies", type=int, default=1, help="repeat the phrase list N times")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="jit-bench-"))
    packages_dir = args.packages_dir or tmp / "packages"
    translator = ArgosTranslator(
        ArgosSettings(
            packages_dir=packages_dir,
            data_dir=tmp / "data",
            config_dir=tmp / "config",
            cache_dir=tmp / "cache",
            beam_size=args.beam,
        )
    )
    if args.packages_dir is None:
        translator.install(args.model)
    # The fixture's own training sentences (full sentences, not bare terms); with real models
    # the English sentences of the EN→RO fixture.
    phrase_file = (args.model if args.packages_dir is None else DEFAULT_MODEL).with_suffix(
        ".phrases.json"
    )
    phrases = json.loads(phrase_file.read_text("utf-8"))
    sentences = [p["source"] for p in phrases["pairs"] if p["source"].endswith(".")]
    sentences = sentences * args.copies
    document = " ".join(sentences)
    src, tgt = args.source, args.target

    import argostranslate.settings  # noqa: TID251 - the benchmark measures argos itself
    import argostranslate.translate  # noqa: TID251
    import ctranslate2

    route = translator.route(source=src, target=tgt)
    pipeline = TranslationPipeline(translator, Glossary(load_starter()))

    # Raw CTranslate2 on the first model of the route, pre-tokenised outside the timing.
    hop = argostranslate.translate.get_translation_from_codes(src, route.models[0].target)
    pkg = hop.underlying.pkg
    # Same device/threads/compute type as argos's own translator, so only the code path differs.
    argos_settings = argostranslate.settings
    raw = ctranslate2.Translator(
        str(pkg.package_path / "model"),
        device=argos_settings.device,
        inter_threads=argos_settings.inter_threads,
        intra_threads=argos_settings.intra_threads,
        compute_type=argos_settings.compute_type,
    )
    tokens = [pkg.tokenizer.encode(s) for s in sentences]

    def run_raw() -> object:
        return raw.translate_batch(
            tokens,
            beam_size=max(1, args.beam),
            length_penalty=0.2,
            max_batch_size=32,
            batch_type="tokens",
            replace_unknowns=True,
        )

    def run_argos() -> object:
        return [argostranslate.translate.translate(s, src, tgt) for s in sentences]

    def run_portal() -> object:
        return pipeline.translate(document, source=src, target=tgt)

    def run_batch() -> object:
        return translator.translate_batch(sentences, source=src, target=tgt)

    for warm_up in (run_raw, run_argos, run_batch, run_portal):  # load models, fill caches
        warm_up()
    n = len(sentences)
    rates = best_rates(
        {
            "raw ctranslate2.translate_batch": run_raw,
            "plain argostranslate.translate per sentence": run_argos,
            "portal ArgosTranslator.translate_batch": run_batch,
            "portal TranslationPipeline (glossary, placeholders)": run_portal,
        },
        n,
        args.repeat,
    )
    print(f"{n} sentences, {src}->{tgt} via {' + '.join(route.model_labels)}, beam {args.beam}")
    for name, rate in rates.items():
        print(f"  {name:52s} {rate:9.1f} sentences/s")
    raw_rate = rates["raw ctranslate2.translate_batch"]
    argos_rate = rates["plain argostranslate.translate per sentence"]
    for name in (
        "portal ArgosTranslator.translate_batch",
        "portal TranslationPipeline (glossary, placeholders)",
    ):
        print(
            f"  {name}: {rates[name] / argos_rate:.1f}x plain argos, "
            f"{rates[name] / raw_rate:.0%} of raw ctranslate2"
        )
    print(
        json.dumps(
            {"sentences": n, "beam": args.beam, **{k: round(v, 1) for k, v in rates.items()}}
        )
    )


if __name__ == "__main__":
    main()
