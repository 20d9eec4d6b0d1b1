"""Translation test fixtures: a network guard for the whole package and one real argos store.

argostranslate reads its settings once, at import, into module globals, so every real-argos test
in this process shares one configuration (package-scoped fixture below): packages in a tmp dir,
beam size 1 (exact outputs, see tools/argos_fixture_build/README.md), rule-based sentence
splitting. The root conftest guards each test; the guard here also covers fixture setup
(import, install), which runs before function-scoped fixtures.
"""

from __future__ import annotations

import ipaddress
import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

MODELS = Path(__file__).resolve().parents[2] / "data" / "models"
EN_RO = MODELS / "translate-en_ro-tiny.argosmodel"
FR_EN = MODELS / "translate-fr_en-tiny.argosmodel"


def _is_loopback(host: Any) -> bool:
    if host in (None, "localhost", b"localhost", ""):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name other than localhost would need DNS: that is the network


class NetworkBlocked(OSError):
    pass


@pytest.fixture(scope="package", autouse=True)
def block_network() -> Iterator[None]:
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_create = socket.create_connection
    real_getaddrinfo = socket.getaddrinfo

    def check(sock: socket.socket, address: Any) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
            raise NetworkBlocked(f"translation test tried to reach the network: {address!r}")

    def connect(self: socket.socket, address: Any) -> Any:
        check(self, address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> Any:
        check(self, address)
        return real_connect_ex(self, address)

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_loopback(address[0]):
            raise NetworkBlocked(f"translation test tried to reach the network: {address!r}")
        return real_create(address, *args, **kwargs)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_loopback(host):
            raise NetworkBlocked(f"translation test tried a DNS lookup: {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", connect)
        mp.setattr(socket.socket, "connect_ex", connect_ex)
        mp.setattr(socket, "create_connection", create_connection)
        mp.setattr(socket, "getaddrinfo", getaddrinfo)
        yield


@pytest.fixture(scope="package")
def argos_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("argos")


@pytest.fixture(scope="package")
def argos(block_network: None, argos_root: Path) -> Any:
    """An ArgosTranslator with both tiny fixtures installed (EN→RO, FR→EN; FR→RO pivots)."""
    from jit.translation.argos import ArgosSettings, ArgosTranslator

    settings = ArgosSettings(
        packages_dir=argos_root / "data" / "argos-translate" / "packages",
        data_dir=argos_root / "data",
        config_dir=argos_root / "config",
        cache_dir=argos_root / "cache",
        beam_size=1,
        sentence_splitter="minisbd",  # no ONNX on disk, so the rule splitter must take over
    )
    translator = ArgosTranslator(settings)
    translator.install(EN_RO)
    translator.install(FR_EN)
    return translator


def load_pairs(name: str) -> list[dict[str, Any]]:
    data = json.loads((MODELS / f"{name}.phrases.json").read_text("utf-8"))
    pairs: list[dict[str, Any]] = data["pairs"]
    return pairs
