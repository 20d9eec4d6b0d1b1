"""The real tiny argos models through the portal: `jit models install` (checked, audited), then
POST /translate with a bearer token, exact outputs for training phrases (direct and pivoted
FR→EN→RO), `jit translate`, `jit models remove`.

argostranslate reads its settings once per process (jit/translation/argos.py), and the unit
tests configure it for their own directory, so this runs in a child process with its own
models directory and the same loopback-only network guard.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from jit.settings import ROOT as ROOT_DIR
from tests.conftest import DEMO_PASSWORD, Template

MODELS = ROOT_DIR / "tests" / "data" / "models"

CHILD = r"""
import json, socket, sys
real_connect = socket.socket.connect
def guarded(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not str(address[0]).startswith("127."):
        raise OSError(f"network blocked: {address!r}")
    return real_connect(self, address)
socket.socket.connect = guarded

from jit.app import create_app
from jit.settings import Settings
from jit.translation.placeholders import detect_entities

args = json.loads(sys.argv[1])
settings = Settings(
    env="testing", database_url=args["database_url"], models_dir=args["models_dir"],
    translation_backend="argos", fast_password_hashing=True, demo_password=args["password"],
    translation_beam_size=1, translation_sentence_splitter="rules",
    **args["keys"],
).validate()
app = create_app(settings)
runner = app.test_cli_runner()
out = {"install": [], "cases": []}
bad = runner.invoke(args=["models", "install", args["bad"]])
out["bad"] = [bad.exit_code, bad.output]
for path in (args["en_ro"], args["fr_en"]):
    result = runner.invoke(args=["models", "install", path])
    out["install"].append([result.exit_code, result.output])
out["list"] = runner.invoke(args=["models", "list"]).output
client = app.test_client()
token = client.post(
    "/api/v1/auth/token", json={"username": "ro.prosecutor", "password": args["password"]}
).get_json()["access_token"]
headers = {"Authorization": f"Bearer {token}"}
glossary = app.extensions["jit.glossary"]
out["languages"] = client.get("/languages", headers=headers).get_json()
for name, source in (("en_ro", "en"), ("fr_en", "fr")):
    for case in args["cases"][name]:
        text = case["source"]
        if glossary.find(text, source) or detect_entities(text):
            continue  # the pipeline protects these; compared elsewhere
        out["cases"].append([source, text, case["target"]])
for source, target in (("en", "ro"), ("fr", "en"), ("fr", "ro")):
    texts = [c[1] for c in out["cases"] if c[0] == source]
    response = client.post(
        "/translate", json={"q": texts, "source": source, "target": target}, headers=headers
    )
    out[f"{source}_{target}"] = response.get_json()["translatedText"]
# DOCX in, DOCX out through the real EN->RO model: formatting, table and header survive.
import io
import docx
from jit.documents.docx_translate import translate_docx
from jit.translation.pipeline import TranslationPipeline

phrases = args["docx_phrases"]
document = docx.Document()
paragraph = document.add_paragraph()
paragraph.add_run(phrases[0]).bold = True
document.add_table(rows=1, cols=1).cell(0, 0).text = phrases[1]
document.sections[0].header.paragraphs[0].text = phrases[2]
buffer = io.BytesIO()
document.save(buffer)
pipeline = TranslationPipeline(app.extensions["jit.translator"])
translated = translate_docx(
    buffer.getvalue(), lambda text: pipeline.translate(text, source="en", target="ro"),
    notice="NOTICE",
)
result = docx.Document(io.BytesIO(translated.data))
bold = [r for p in result.paragraphs for r in p.runs if r.bold]
out["docx"] = {
    "bold": [r.text for r in bold],
    "cell": result.tables[0].cell(0, 0).text,
    "header": result.sections[0].header.paragraphs[0].text,
    "needs_review": translated.needs_review,
}
cli = runner.invoke(args=["translate", "--source", "fr", "--target", "ro", args["cli_text"]])
out["cli"] = [cli.exit_code, cli.output]
removed = runner.invoke(args=["models", "remove", "fr_en"])
out["removed"] = [removed.exit_code, removed.output]
after = client.post(
    "/translate", json={"q": "Bonjour.", "source": "fr", "target": "ro"}, headers=headers
)
out["after_remove"] = [after.status_code, after.get_json()]
print(json.dumps(out))
"""


def _pairs(name: str) -> list[dict[str, object]]:
    data = json.loads((MODELS / f"{name}.phrases.json").read_text("utf-8"))
    return [p for p in data["pairs"] if p["exact_greedy"]]


def test_real_models_through_the_portal(
    database_url: str, template: Template, tmp_path: Path
) -> None:
    en_ro = _pairs("translate-en_ro-tiny")
    fr_en = _pairs("translate-fr_en-tiny")
    docx_cases = [c for c in en_ro if "." in str(c["source"]) and "_" not in str(c["source"])][:3]
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"PK\x03\x04 broken")
    args = {
        "database_url": database_url,
        "models_dir": str(tmp_path / "models"),
        "password": DEMO_PASSWORD,
        "keys": template.keys,
        "bad": str(bad),
        "en_ro": str(MODELS / "translate-en_ro-tiny.argosmodel"),
        "fr_en": str(MODELS / "translate-fr_en-tiny.argosmodel"),
        "cases": {"en_ro": en_ro, "fr_en": fr_en},
        "cli_text": str(fr_en[0]["source"]),
        "docx_phrases": [str(c["source"]) for c in docx_cases],
    }
    env = {**os.environ, "PYTHONPATH": str(ROOT_DIR)}
    for name in ("ARGOS_PACKAGES_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env.pop(name, None)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert child.returncode == 0, child.stderr[-3000:]
    out = json.loads(child.stdout.strip().splitlines()[-1])

    assert out["docx"] == {
        # The unreviewed-machine-translation notice opens the document, then the bold run.
        "bold": ["NOTICE", str(docx_cases[0]["target"])],
        "cell": str(docx_cases[1]["target"]),
        "header": str(docx_cases[2]["target"]),
        "needs_review": True,
    }
    assert out["bad"][0] != 0
    assert "Nothing was installed" in out["bad"][1]
    assert [code for code, _ in out["install"]] == [0, 0], out["install"]
    assert "en_ro" in out["list"]
    assert "fr→ro (pivot through en)" in out["list"]
    assert {"code": "fr", "name": "French", "targets": ["en", "ro"]} in out["languages"]

    direct = [c for c in out["cases"] if c[0] == "en"]
    assert len(direct) >= 20
    assert out["en_ro"] == [c[2] for c in direct]

    french = [c for c in out["cases"] if c[0] == "fr"]
    assert out["fr_en"] == [c[2] for c in french]
    # FR→EN→RO: exact wherever the English hop is itself a training phrase of EN→RO
    en_ro_map = {str(p["source"]): str(p["target"]) for p in en_ro}
    pivoted = [
        (got, en_ro_map[c[2]])
        for c, got in zip(french, out["fr_ro"], strict=True)
        if c[2] in en_ro_map
    ]
    assert len(pivoted) >= 10
    assert all(got == want for got, want in pivoted), pivoted

    assert out["cli"][0] == 0
    assert "pivoted through en" in out["cli"][1]
    assert out["removed"][0] == 0
    assert out["after_remove"][0] == 400
    assert "fr→ro is not supported" in out["after_remove"][1]["error"]
