"""The LibreTranslate Python client from PyPI (libretranslatepy) talks to the portal, served on
loopback like tests/browser's live_server: lists languages, detects and translates."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from urllib.error import HTTPError

import pytest
from flask import Flask
from werkzeug.serving import make_server

from tests.web.test_translation_api import api_key, app, audit_rows  # noqa: F401 - fixtures


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:  # noqa: F811
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def test_libretranslatepy_lists_languages_and_translates(
    app: Flask,  # noqa: F811
    live_server: str,
    api_key: str,  # noqa: F811
) -> None:
    from libretranslatepy import LibreTranslateAPI

    client = LibreTranslateAPI(live_server, api_key=api_key)
    languages = client.languages()
    assert {"code": "en", "name": "English", "targets": ["fr", "ro"]} in languages
    assert client.translate("The court received the order.", "en", "ro") == (
        "[en->ro] The court received the order."
    )
    assert client.translate("Bonjour.", "fr", "ro") == "[en->ro] [fr->en] Bonjour."
    assert client.detect("Cererea a fost primită de instanță.")[0]["language"] == "ro"
    rows = audit_rows(app, "translation.translate")
    assert len(rows) == 2
    assert all('"api_key":' in r.details for r in rows)


def test_libretranslatepy_without_a_valid_key_gets_403(live_server: str) -> None:
    from libretranslatepy import LibreTranslateAPI

    with pytest.raises(HTTPError) as raised:
        LibreTranslateAPI(live_server, api_key="jitk_wrong").languages()
    assert raised.value.code == 403
    raised.value.close()  # the client leaves the error response open
