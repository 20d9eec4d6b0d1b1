"""Real argostranslate + ctranslate2 + SentencePiece on the committed tiny fixtures, offline."""

from __future__ import annotations

import re
import socket
from pathlib import Path
from typing import Any

import pytest

from jit.translation.engine import (
    ModelNotInstalled,
    ModelPackageRejected,
    ModelStoreCorrupt,
    TranslationUnavailable,
)
from jit.translation.glossary import Glossary, load_starter
from jit.translation.pipeline import Origin, TranslationPipeline
from jit.translation.placeholders import ProtectionRequest

from .conftest import EN_RO, FR_EN, load_pairs

EN_RO_PAIRS = load_pairs("translate-en_ro-tiny")
FR_EN_PAIRS = load_pairs("translate-fr_en-tiny")


def test_network_is_blocked_in_this_package() -> None:
    with pytest.raises(OSError, match=r"network|DNS"):
        socket.create_connection(("203.0.113.7", 443), timeout=1)
    with pytest.raises(OSError, match="DNS"):
        socket.getaddrinfo("raw.githubusercontent.com", 443)


def test_fixtures_are_small_and_committed() -> None:
    for path in (EN_RO, FR_EN):
        assert path.stat().st_size <= 2 * 1024 * 1024


def test_direct_training_phrases_exact_through_argos(argos: Any) -> None:
    """≥50 EN→RO phrases, each through argostranslate's own translate() path."""
    expected = [p for p in EN_RO_PAIRS if p["exact_greedy"]]
    assert len(expected) >= 50
    wrong = [
        (p["source"], out, p["target"])
        for p in expected
        if (out := argos.translate(p["source"], source="en", target="ro")) != p["target"]
    ]
    assert wrong == []


def test_training_set_is_mostly_memorised() -> None:
    # Guards a rebuild that silently degrades the fixture (README records the rates).
    assert sum(p["exact_greedy"] for p in EN_RO_PAIRS) >= 0.95 * len(EN_RO_PAIRS)
    assert sum(p["exact_greedy"] for p in FR_EN_PAIRS) >= 0.95 * len(FR_EN_PAIRS)


def _pivot_cases() -> list[tuple[str, str]]:
    en_ro = {p["source"]: p for p in EN_RO_PAIRS}
    cases = []
    for p in FR_EN_PAIRS:
        hop = en_ro.get(p["target"])
        if p["exact_greedy"] and hop is not None and hop["exact_greedy"]:
            cases.append((p["source"], hop["target"]))
    return cases


def test_pivot_fr_en_ro_exact_through_argos(argos: Any) -> None:
    cases = _pivot_cases()
    assert len(cases) >= 20
    route = argos.route(source="fr", target="ro")
    assert route.pivot == ("en",)
    assert [m.code for m in route.models] == ["fr_en", "en_ro"]
    wrong = [
        (fr, out, ro)
        for fr, ro in cases
        if (out := argos.translate(fr, source="fr", target="ro")) != ro
    ]
    assert wrong == []


def test_batch_path_equals_argos_path(argos: Any) -> None:
    texts = [p["source"] for p in EN_RO_PAIRS[::7]]
    texts += [
        "The request was received. The hearing is postponed.",
        "The child is safe.\n\nThe case is closed.",
        "",
        "   ",
    ]
    single = [argos.translate(t, source="en", target="ro") for t in texts]
    assert argos.translate_batch(texts, source="en", target="ro") == single
    fr = [fr for fr, _ in _pivot_cases()[:30]]
    assert argos.translate_batch(fr, source="fr", target="ro") == [
        argos.translate(t, source="fr", target="ro") for t in fr
    ]


def test_multi_sentence_and_paragraphs_split_offline(argos: Any) -> None:
    out = argos.translate(
        "The request was received. The hearing is postponed.\nThe child is safe.",
        source="en",
        target="ro",
    )
    assert out == (
        "Cererea a fost primită. Ședința de judecată este amânată.\nCopilul este în siguranță."
    )


def test_languages_report_pivot(argos: Any) -> None:
    pairs = {(p.source, p.target): p for p in argos.languages()}
    assert pairs[("en", "ro")].pivot == ()
    assert pairs[("fr", "en")].pivot == ()
    assert pairs[("fr", "ro")].pivot == ("en",)
    assert ("ro", "en") not in pairs


def test_unavailable_pair_lists_available(argos: Any) -> None:
    with pytest.raises(TranslationUnavailable) as info:
        argos.translate("Hallo.", source="de", target="ro")
    assert {(p.source, p.target) for p in info.value.available} >= {("en", "ro"), ("fr", "ro")}
    assert "en→ro" in str(info.value)


def test_empty_text_gives_empty_result(argos: Any) -> None:
    assert argos.translate("", source="en", target="ro") == ""
    assert argos.translate_batch([], source="en", target="ro") == []


def test_pipeline_enforces_glossary_and_protects_name_and_iban(argos: Any) -> None:
    pipeline = TranslationPipeline(argos, Glossary(load_starter()))
    text = (
        "We received the European Investigation Order on 12 March 2026. "
        "Payments were made from RO49AAAA1B31007593840000 to Maria Popescu."
    )
    result = pipeline.translate(
        text, source="en", target="ro", protection=ProtectionRequest(names=["Maria Popescu"])
    )
    assert result.text == (
        "Am primit ordin european de anchetă la data de 12 March 2026. "
        "Plățile au fost efectuate din RO49AAAA1B31007593840000 către Maria Popescu."
    )
    first, second = result.segments
    assert first.glossary_terms == ("eio",)
    assert first.origin is Origin.MACHINE
    assert first.needs_review
    assert first.models == ("translate-en_ro-tiny 0.1",)
    assert not first.problems
    assert not second.problems


def test_pipeline_pivot_keeps_placeholders(argos: Any) -> None:
    pipeline = TranslationPipeline(argos, Glossary(load_starter()))
    result = pipeline.translate(
        "Le suspect Ion Ionescu a été arrêté le 12.03.2026.",
        source="fr",
        target="ro",
        protection=ProtectionRequest(names=["Ion Ionescu"]),
    )
    (segment,) = result.segments
    assert segment.pivot == ("en",)
    assert segment.models == ("translate-fr_en-tiny 0.1", "translate-en_ro-tiny 0.1")
    assert result.text == "Suspectul Ion Ionescu a fost arestat la data de 12.03.2026."
    assert segment.problems == ()


def test_install_rejects_duplicate_and_replaces_explicitly(argos: Any, tmp_path: Path) -> None:
    before = argos.installed_models()
    with pytest.raises(ModelPackageRejected) as info:
        argos.install(EN_RO)
    assert info.value.reason == "already_installed"
    assert argos.installed_models() == before
    replaced = argos.install(EN_RO, replace=True)
    assert replaced.code == "en_ro"
    assert argos.translate("The case is closed.", source="en", target="ro") == "Cauza este închisă."
    assert argos.installed_models() == before
    assert not list(argos.settings.packages_dir.parent.glob(".jit-staging-*"))


def test_remove_and_reinstall(argos: Any) -> None:
    with pytest.raises(ModelNotInstalled):
        argos.remove("de_en")
    removed = argos.remove("fr_en")
    assert removed.name == "translate-fr_en-tiny"
    with pytest.raises(TranslationUnavailable):
        argos.translate("Oui.", source="fr", target="ro")
    argos.install(FR_EN)
    assert argos.translate("Oui.", source="fr", target="en") == "Yes."


def test_bad_package_installs_nothing(argos: Any, tmp_path: Path) -> None:
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"not a zip")
    before = sorted(p.name for p in argos.settings.packages_dir.iterdir())
    with pytest.raises(ModelPackageRejected) as info:
        argos.install(bad)
    assert info.value.reason == "not_a_zip"
    assert sorted(p.name for p in argos.settings.packages_dir.iterdir()) == before


def test_only_argos_module_imports_argostranslate() -> None:
    jit_dir = Path(__file__).resolve().parents[3] / "jit"
    importers = [
        str(path.relative_to(jit_dir))
        for path in jit_dir.rglob("*.py")
        if re.search(r"^\s*(import|from)\s+argostranslate", path.read_text("utf-8"), re.M)
        or 'import_module(f"argostranslate' in path.read_text("utf-8")
    ]
    assert importers == ["translation/argos.py"]


def test_stray_folder_is_reported_not_crashing(argos: Any) -> None:
    stray = argos.settings.packages_dir / "stray"
    stray.mkdir()
    try:
        with pytest.raises(ModelStoreCorrupt, match="stray"):
            argos.installed_models()
    finally:
        stray.rmdir()
    assert [m.code for m in argos.installed_models()] == ["en_ro", "fr_en"]
