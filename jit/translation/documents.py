"""DOCX translation as a background job: start it (checked, audited) and run it (thread or RQ
worker, see ``jit.jobs.runner``). The document work itself is ``jit.documents.docx_translate``.

The job runs as its owner (their current roles), with the same pipeline as the translate page:
translation memory, locked glossary terms and placeholders. Audit: ``job.create`` when started,
``translation.translate`` (channel "document", the job id, the SHA-256 of the uploaded file,
model names and versions, counts; never text or file name) when done, ``job.download``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sqlmodel import Session
from werkzeug.utils import secure_filename

from jit.accounts import service as accounts
from jit.documents.docx_safety import open_docx
from jit.documents.docx_translate import translate_docx
from jit.jobs import service as jobs
from jit.jobs.models import Job
from jit.jobs.runner import JobContext
from jit.security.actor import Actor
from jit.security.policy import Action, require
from jit.translation import service
from jit.translation.engine import Translator
from jit.translation.pipeline import MAX_TEXT_CHARS, TranslationPipeline, TranslationResult
from jit.translation.web import GLOSSARY

KIND = "translation.docx"
INPUT_NAME = "input.docx"
RESULT_NAME = "result.docx"

# The notice goes into the document in the target language (it is content, not UI).
NOTICES: dict[str, str] = {
    "en": "UNREVIEWED MACHINE TRANSLATION. Parts of this document were translated by a machine "
    "and have not been checked by a person. It is not an official translation.",
    "ro": "TRADUCERE AUTOMATĂ NEVERIFICATĂ. Părți din acest document au fost traduse automat "
    "și nu au fost verificate de o persoană. Nu este o traducere oficială.",
    "fr": "TRADUCTION AUTOMATIQUE NON RELUE. Des parties de ce document ont été traduites par "
    "une machine et n'ont pas été vérifiées par une personne. Ce n'est pas une traduction "
    "officielle.",
    "de": "NICHT GEPRÜFTE MASCHINELLE ÜBERSETZUNG. Teile dieses Dokuments wurden maschinell "
    "übersetzt und nicht von einem Menschen geprüft. Es ist keine amtliche Übersetzung.",
    "it": "TRADUZIONE AUTOMATICA NON REVISIONATA. Parti di questo documento sono state tradotte "
    "automaticamente e non sono state verificate da una persona. Non è una traduzione "
    "ufficiale.",
}


def notice_for(target: str) -> str:
    return NOTICES.get(target, NOTICES["en"])


def start(
    session: Session,
    actor: Actor,
    translator: Translator,
    data: bytes,
    *,
    filename: str,
    source: str,
    target: str,
    documents_dir: Path,
    audit_key: bytes,
) -> Job:
    """Check the upload and the pair, then queue a job (the caller commits and submits).

    Raises AccessDenied, DocumentRejected (bad or hostile file), TranslationUnavailable.
    """
    require(actor, Action.TRANSLATION_USE, None)
    open_docx(data)
    if source != target:
        translator.route(source=source, target=target)
    stem = Path(secure_filename(filename) or "document.docx").stem[:100] or "document"
    return jobs.create(
        session,
        actor,
        kind=KIND,
        params={"source": source, "target": target, "name": f"{stem}.{target}.docx"},
        documents_dir=documents_dir,
        input_name=INPUT_NAME,
        input_data=data,
        audit_key=audit_key,
    )


def run_docx_job(ctx: JobContext) -> None:
    """The job function (``jit.jobs.runner.KINDS``)."""
    app = ctx.app
    translator: Any = app.extensions["jit.translator"]
    audit_key = bytes.fromhex(ctx.settings.audit_key)
    folder = jobs.job_dir(ctx.documents_dir, ctx.job_id)
    with Session(ctx.engine, expire_on_commit=False) as session:
        job = session.get(Job, ctx.job_id)
        if job is None:
            return
        params = jobs.params_of(job)
        source, target = str(params["source"]), str(params["target"])
        actor = accounts.load_actor(session, job.owner_id)
        if actor is None or translator is None:
            raise PermissionError("the owner of the job can no longer translate")
        require(actor, Action.TRANSLATION_USE, None)
        data = (folder / INPUT_NAME).read_bytes()
        pipeline = TranslationPipeline(
            translator,
            glossary=app.extensions[GLOSSARY].current(session),
            memory=service.DbTranslationMemory(session),
            max_chars=MAX_TEXT_CHARS,
        )
        last = [-1]

        def progress(done: int, total: int) -> None:
            # End the read transaction first: on SQLite every transaction holds the write lock
            # (BEGIN IMMEDIATE), and the progress is written by another connection.
            session.rollback()
            percent = 99 if total == 0 else min(99, done * 100 // total)
            if percent != last[0]:
                last[0] = percent
                ctx.progress(percent, f"{done}/{total}")

        result = translate_docx(
            data,
            lambda text: pipeline.translate(text, source=source, target=target),
            notice=notice_for(target),
            progress=progress,
        )
        session.rollback()  # end the read transaction before writing
        (folder / RESULT_NAME).write_bytes(result.data)
        results = [r for r in result.results if isinstance(r, TranslationResult)]
        service.record_translation(
            session,
            actor,
            results,
            chars=sum(len(s.source_text) for r in results for s in r.segments),
            source=source,
            target=target,
            audit_key=audit_key,
            channel="document",
            document={
                "job": ctx.job_id,
                "document_sha256": hashlib.sha256(data).hexdigest(),
                "paragraphs": result.paragraphs,
                "needs_review": result.needs_review,
            },
        )
        job = session.get(Job, ctx.job_id)
        assert job is not None  # noqa: S101 - read above
        jobs.finish(
            job,
            result_path=f"jobs/{ctx.job_id}/{RESULT_NAME}",
            result_name=str(params.get("name") or RESULT_NAME),
            message=f"{result.paragraphs} paragraphs",
        )
        session.add(job)
        session.commit()
