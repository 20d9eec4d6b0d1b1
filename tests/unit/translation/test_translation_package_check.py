"""package_check: every hostile or broken .argosmodel is refused, with a reason, unextracted."""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path

import pytest

from jit.translation.engine import ModelPackageRejected
from jit.translation.package_check import Limits, check_package

from .conftest import EN_RO

METADATA = {
    "package_version": "1.0",
    "argos_version": "1.9",
    "from_code": "en",
    "from_name": "English",
    "to_code": "ro",
    "to_name": "Romanian",
}


def build(
    path: Path,
    members: dict[str, bytes] | None = None,
    *,
    top: str = "translate-en_ro-1_0",
    metadata: dict[str, object] | None = None,
    symlink: str | None = None,
) -> Path:
    base = {
        f"{top}/metadata.json": json.dumps(METADATA if metadata is None else metadata).encode(),
        f"{top}/model/model.bin": b"\0" * 64,
        f"{top}/model/config.json": b"{}",
        f"{top}/sentencepiece.model": b"sp",
    }
    base.update(members or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in base.items():
            zf.writestr(name, data)
        if symlink is not None:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return path


def reason(path: Path, limits: Limits | None = None) -> str:
    with pytest.raises(ModelPackageRejected) as info:
        check_package(path, limits)
    return info.value.reason


def test_committed_fixture_passes() -> None:
    checked = check_package(EN_RO)
    assert (checked.from_code, checked.to_code, checked.top) == ("en", "ro", "translate-en_ro-tiny")


def test_minimal_valid_package_passes(tmp_path: Path) -> None:
    checked = check_package(build(tmp_path / "ok.argosmodel"))
    assert checked.version == "1.0"


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "x.argosmodel"
    path.write_bytes(b"PK\x03\x04 but not really a zip")
    assert reason(path) == "not_a_zip"


def test_two_top_folders(tmp_path: Path) -> None:
    path = build(tmp_path / "x.argosmodel", {"other/README.md": b"hi"})
    with pytest.raises(ModelPackageRejected) as info:
        check_package(path)
    assert info.value.reason == "not_one_top_folder"
    assert "other" in str(info.value)


def test_file_at_top_level(tmp_path: Path) -> None:
    assert reason(build(tmp_path / "x.argosmodel", {"evil.sh": b"x"})) == "not_one_top_folder"


def test_parent_traversal(tmp_path: Path) -> None:
    path = build(tmp_path / "x.argosmodel", {"translate-en_ro-1_0/../evil": b"x"})
    assert reason(path) == "path_traversal"


def test_dotdot_top(tmp_path: Path) -> None:
    assert reason(build(tmp_path / "x.argosmodel", {"../evil": b"x"})) == "path_traversal"


def test_absolute_path(tmp_path: Path) -> None:
    assert reason(build(tmp_path / "x.argosmodel", {"/etc/cron.d/evil": b"x"})) == "absolute_path"


def test_symlink(tmp_path: Path) -> None:
    path = build(tmp_path / "x.argosmodel", symlink="translate-en_ro-1_0/link")
    assert reason(path) == "symlink"


@pytest.mark.parametrize("missing", ["package_version", "from_code", "to_code"])
def test_missing_metadata_keys(tmp_path: Path, missing: str) -> None:
    metadata = {k: v for k, v in METADATA.items() if k != missing}
    path = build(tmp_path / "x.argosmodel", metadata=metadata)
    with pytest.raises(ModelPackageRejected) as info:
        check_package(path)
    assert info.value.reason == "missing_metadata_keys"
    assert missing in info.value.detail


def test_missing_metadata_file(tmp_path: Path) -> None:
    path = tmp_path / "x.argosmodel"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("pkg/model/model.bin", b"x")
    assert reason(path) == "missing_metadata"


def test_metadata_not_json(tmp_path: Path) -> None:
    path = build(tmp_path / "x.argosmodel", {"translate-en_ro-1_0/metadata.json": b"{nope"})
    assert reason(path) == "bad_metadata"


def test_bad_language_code(tmp_path: Path) -> None:
    path = build(tmp_path / "x.argosmodel", metadata={**METADATA, "to_code": "../ro"})
    assert reason(path) == "bad_metadata"


def test_oversized_total(tmp_path: Path) -> None:
    path = build(tmp_path / "x.argosmodel", {"translate-en_ro-1_0/big.bin": b"a" * 50_000})
    assert reason(path, Limits(max_total_bytes=10_000)) == "too_large"


def test_compression_ratio_bomb(tmp_path: Path) -> None:
    path = build(tmp_path / "x.argosmodel", {"translate-en_ro-1_0/zeros.bin": b"\0" * 20_000_000})
    assert reason(path) == "compression_ratio"


def test_too_many_members(tmp_path: Path) -> None:
    extra = {f"translate-en_ro-1_0/f{i}": b"" for i in range(30)}
    assert reason(build(tmp_path / "x.argosmodel", extra), Limits(max_members=20)) == (
        "too_many_members"
    )


def test_missing_model(tmp_path: Path) -> None:
    path = tmp_path / "x.argosmodel"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("p/metadata.json", json.dumps(METADATA))
        zf.writestr("p/sentencepiece.model", b"x")
    assert reason(path) == "missing_model"
