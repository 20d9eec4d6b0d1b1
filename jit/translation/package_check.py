"""Validate an `.argosmodel` file before anything is extracted or installed.

Pure apart from reading the given file: stdlib only (zipfile, json); no Flask, no database, no
argostranslate. argostranslate's own install_from_path only checks `zipfile.is_zipfile` and then
extracts everything, so every rule below is ours: an uploaded model is untrusted input.
"""

from __future__ import annotations

import json
import re
import stat
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from jit.translation.engine import ModelPackageRejected

REQUIRED_METADATA_KEYS: tuple[str, ...] = ("package_version", "from_code", "to_code")
RECOMMENDED_METADATA_KEYS: tuple[str, ...] = ("argos_version", "from_name", "to_name")
_LANG_CODE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?")
_TOP_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


@dataclass(frozen=True, slots=True)
class Limits:
    """Defaults fit real argos packages (a few dozen files, 100-500 MB unpacked)."""

    max_members: int = 2000
    max_total_bytes: int = 2 * 1024**3
    max_member_bytes: int = 1536 * 1024**2
    # model.bin compresses ~1.1x; vocab/JSON text ~5-10x. Zip bombs reach 1000x.
    max_ratio: float = 100.0
    max_metadata_bytes: int = 64 * 1024


@dataclass(frozen=True, slots=True)
class CheckedPackage:
    """A package that passed every check; `members` are safe relative names under `top`."""

    path: Path
    top: str
    metadata: dict[str, object]
    members: tuple[str, ...]
    total_bytes: int

    @property
    def from_code(self) -> str:
        return str(self.metadata["from_code"])

    @property
    def to_code(self) -> str:
        return str(self.metadata["to_code"])

    @property
    def version(self) -> str:
        return str(self.metadata["package_version"])


def _reject(reason: str, detail: str = "", members: Sequence[str] = ()) -> ModelPackageRejected:
    return ModelPackageRejected(reason, detail, members)


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    if "\\" in name or "\x00" in name:
        return "bad_member_name"
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        return "absolute_path"
    if ".." in PurePosixPath(name).parts:
        return "path_traversal"
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "symlink"
    # Zip tools often leave the file-type bits at 0 (plain file); anything typed must be a
    # regular file or a directory (no devices, FIFOs, sockets).
    if stat.S_IFMT(mode) and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "special_file"
    if info.flag_bits & 0x1:
        return "encrypted_member"
    return None


def check_package(path: Path, limits: Limits | None = None) -> CheckedPackage:
    """Raise ModelPackageRejected with a reason code, or return what is safe to extract."""
    limits = limits or Limits()
    if not path.is_file():
        raise _reject("not_a_file", str(path.name))
    if not zipfile.is_zipfile(path):
        raise _reject("not_a_zip", "a .argosmodel file must be a zip archive")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            return _check_infos(path, zf, infos, limits)
    except zipfile.BadZipFile as exc:
        raise _reject("corrupt_zip", str(exc)) from exc


def _check_infos(
    path: Path, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits
) -> CheckedPackage:
    if not infos:
        raise _reject("empty_archive")
    if len(infos) > limits.max_members:
        raise _reject("too_many_members", f"{len(infos)} > {limits.max_members}")
    for info in infos:
        problem = _member_problem(info)
        if problem is not None:
            raise _reject(problem, info.filename, [info.filename])
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        dupes = sorted({n for n in names if names.count(n) > 1})
        raise _reject("duplicate_members", ", ".join(dupes), dupes)

    tops = {PurePosixPath(n).parts[0] for n in names if PurePosixPath(n).parts}
    if len(tops) != 1:
        raise _reject("not_one_top_folder", ", ".join(sorted(tops)), sorted(tops))
    top = tops.pop()
    if not _TOP_NAME.fullmatch(top):
        raise _reject("bad_top_folder_name", top)
    loose = [n for n in names if len(PurePosixPath(n).parts) == 1 and not n.endswith("/")]
    if loose:
        raise _reject("not_one_top_folder", f"file at top level: {loose[0]}", loose)

    total = 0
    for info in infos:
        if info.file_size > limits.max_member_bytes:
            raise _reject("member_too_large", info.filename, [info.filename])
        total += info.file_size
        if total > limits.max_total_bytes:
            raise _reject("too_large", f"more than {limits.max_total_bytes} bytes unpacked")
        # Ratio check per member: a tiny compressed entry that claims gigabytes is a bomb.
        if info.file_size > 1024 * 1024 and info.file_size > limits.max_ratio * max(
            1, info.compress_size
        ):
            ratio = info.file_size / max(1, info.compress_size)
            raise _reject("compression_ratio", f"{info.filename}: {ratio:.0f}x", [info.filename])

    metadata = _read_metadata(zf, top, limits)
    for required in (f"{top}/model/model.bin", f"{top}/model/config.json"):
        if required not in names:
            raise _reject("missing_model", f"{required} not in archive")
    if f"{top}/sentencepiece.model" not in names and f"{top}/bpe.model" not in names:
        raise _reject("missing_tokenizer", "needs sentencepiece.model or bpe.model")
    return CheckedPackage(path, top, metadata, tuple(names), total)


def _read_metadata(zf: zipfile.ZipFile, top: str, limits: Limits) -> dict[str, object]:
    name = f"{top}/metadata.json"
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise _reject("missing_metadata", f"{name} not in archive") from None
    if info.file_size > limits.max_metadata_bytes:
        raise _reject("metadata_too_large", name)
    try:
        metadata = json.loads(zf.read(info).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _reject("bad_metadata", f"metadata.json is not JSON: {exc}") from exc
    if not isinstance(metadata, dict):
        raise _reject("bad_metadata", "metadata.json must hold an object")
    missing = [k for k in REQUIRED_METADATA_KEYS if not metadata.get(k)]
    if missing:
        raise _reject("missing_metadata_keys", ", ".join(missing), missing)
    if metadata.get("type", "translate") != "translate":
        raise _reject("unsupported_type", str(metadata.get("type")))
    for key in ("from_code", "to_code"):
        if not isinstance(metadata[key], str) or not _LANG_CODE.fullmatch(metadata[key]):
            raise _reject("bad_metadata", f"{key}={metadata[key]!r} is not a language code")
    if metadata["from_code"] == metadata["to_code"]:
        raise _reject("bad_metadata", "from_code equals to_code")
    return metadata
