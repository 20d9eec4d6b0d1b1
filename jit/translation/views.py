"""The translate page: text in, text out side by side, segment by segment with where each one
came from (translation memory, glossary, machine), review into the memory, and revoking API keys
from the profile page. Thin: parse, call the service, commit, render."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.wrappers import Response
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from jit.documents.docx_safety import DocumentRejected
from jit.jobs import runner
from jit.security.policy import Action, may, require
from jit.translation import documents, glossary_store, model_upload, service
from jit.translation.engine import LanguagePair, TranslationUnavailable
from jit.translation.glossary import (
    LANGUAGES,
    MAX_IMPORT_BYTES,
    STATUSES,
    GlossaryEntry,
    GlossaryFormatError,
    from_csv,
    from_tbx,
    to_csv,
    to_tbx,
)
from jit.translation.pipeline import TextTooLong, TranslationResult
from jit.translation.web import current_glossary
from jit.web import context

bp = Blueprint("translation", __name__, url_prefix="/translate")


def _pairs() -> list[LanguagePair]:
    translator = current_app.extensions.get("jit.translator")
    if translator is None:
        return []
    try:
        return list(translator.languages())
    except TranslationUnavailable:
        return []


def _render(
    *,
    text: str = "",
    source: str = "",
    target: str = "",
    result: TranslationResult | None = None,
    error: str = "",
    status: int = 200,
) -> tuple[str, int]:
    pairs = _pairs()
    sources = sorted({p.source for p in pairs})
    targets = sorted({p.target for p in pairs})
    page = render_template(
        "translation/page.html",
        pairs=pairs,
        sources=sources,
        targets=targets,
        text=text,
        source=source or (sources[0] if sources else ""),
        target=target or (targets[0] if targets else ""),
        result=result,
        error=error,
        max_chars=service.WEB_MAX_CHARS,
        may_review=may(context.actor(), Action.TRANSLATION_REVIEW, None),
        may_manage_models=may(context.actor(), Action.TRANSLATION_MODELS_MANAGE, None),
    )
    return page, status


def _translate(text: str, source: str, target: str) -> tuple[str, int]:
    translator = current_app.extensions.get("jit.translator")
    if translator is None:
        return _render(text=text, source=source, target=target, error=_("No model installed."))
    try:
        result = service.translate_text(
            context.db(),
            context.actor(),
            translator,
            current_glossary(context.db()),
            text,
            source=source,
            target=target,
            audit_key=context.audit_key(),
            channel="page",
        )
    except TranslationUnavailable as exc:
        pairs = ", ".join(f"{p.source}→{p.target}" for p in exc.available) or "-"
        message = _(
            "No model translates %(source)s to %(target)s. Available: %(pairs)s",
            source=source,
            target=target,
            pairs=pairs,
        )
        return _render(text=text, source=source, target=target, error=message, status=400)
    except TextTooLong as exc:
        message = _("The text is too long (%(length)d characters; at most %(limit)d).")
        message = message % {"length": exc.length, "limit": exc.limit}
        return _render(text=text, source=source, target=target, error=message, status=400)
    context.db().commit()
    return _render(text=text, source=source, target=target, result=result)


def _form() -> dict[str, Any]:
    return {
        "text": request.form.get("text", ""),
        "source": request.form.get("source", "")[:8],
        "target": request.form.get("target", "")[:8],
    }


@bp.route("/", methods=["GET", "POST"])
def page() -> tuple[str, int]:
    if request.method == "GET":
        return _render()
    return _translate(**_form())


MAX_DOCUMENT_BYTES = 15 * 1024 * 1024


@bp.route("/document", methods=["POST"])
def document() -> BaseResponse | tuple[str, int]:
    """Upload a DOCX: checked now, translated by a background job with visible progress."""
    source = request.form.get("source", "")[:8]
    target = request.form.get("target", "")[:8]
    translator = current_app.extensions.get("jit.translator")
    upload = request.files.get("document")
    if translator is None:
        return _render(source=source, target=target, error=_("No model installed."), status=400)
    if upload is None or not upload.filename:
        return _render(source=source, target=target, error=_("Choose a DOCX file."), status=400)
    data = upload.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        message = _("The document is too large (at most %(mb)d MB).", mb=15)
        return _render(source=source, target=target, error=message, status=400)
    settings = context.settings()
    try:
        job = documents.start(
            context.db(),
            context.actor(),
            translator,
            data,
            filename=upload.filename,
            source=source,
            target=target,
            documents_dir=settings.resolve_path(settings.documents_dir),
            audit_key=context.audit_key(),
        )
    except DocumentRejected as exc:
        message = _("The document was refused: %(reason)s", reason=str(exc))
        return _render(source=source, target=target, error=message, status=400)
    except TranslationUnavailable as exc:
        pairs = ", ".join(f"{p.source}→{p.target}" for p in exc.available) or "-"
        message = _(
            "No model translates %(source)s to %(target)s. Available: %(pairs)s",
            source=source,
            target=target,
            pairs=pairs,
        )
        return _render(source=source, target=target, error=message, status=400)
    context.db().commit()
    assert job.id is not None  # noqa: S101 - committed
    runner.submit(current_app._get_current_object(), job.id)  # type: ignore[attr-defined]
    return redirect(url_for("jobs.status", job_id=job.id))


@bp.route("/review", methods=["POST"])
def review() -> tuple[str, int]:
    form = _form()
    # One form for the whole table (the text is sent once): the button names the segment.
    index = request.form.get("segment", "")
    segment_source = request.form.get(f"src-{index}", "")
    segment_target = request.form.get(f"tgt-{index}", "")
    if not segment_source.strip() or not segment_target.strip():
        abort(400)
    service.review(
        context.db(),
        context.actor(),
        source_text=segment_source,
        target_text=segment_target,
        source=form["source"],
        target=form["target"],
        audit_key=context.audit_key(),
    )
    context.db().commit()
    flash(_("Segment marked as reviewed. It will be reused exactly from now on."))
    return _translate(**form)


@bp.route("/apikeys/<int:key_id>/revoke", methods=["POST"])
def revoke_key(key_id: int) -> BaseResponse:
    try:
        service.revoke_api_key(context.db(), context.actor(), key_id, audit_key=context.audit_key())
    except service.UnknownApiKey:
        abort(404)
    context.db().commit()
    flash(_("The API key was revoked."))
    return redirect(url_for("accounts.profile"))


# --- glossary (in the database; editing for prosecutors and JIT leads) -------------------------


def _glossary_entries() -> list[Any]:
    return glossary_store.entries(context.db())


def _may_edit_glossary() -> bool:
    return may(context.actor(), Action.TRANSLATION_GLOSSARY_EDIT, None)


@bp.route("/glossary")
def glossary() -> str:
    rows = glossary_store.rows(context.db())
    return render_template(
        "translation/glossary.html",
        rows=[(row, glossary_store.to_entry(row)) for row in rows],
        languages=LANGUAGES,
        may_edit=_may_edit_glossary(),
    )


def _entry_from_form() -> GlossaryEntry:
    return GlossaryEntry(
        id=request.form.get("entry_id", "").strip()[:100],
        forms={lang: request.form.get(f"form-{lang}", "")[:400] for lang in LANGUAGES},
        locked=request.form.get("locked") == "yes",
        domain=request.form.get("domain", "")[:100],
        status=request.form.get("status", "unverified")[:16],
        source=request.form.get("source", "")[:500],
        note=request.form.get("note", "")[:2000],
    )


def _edit_page(entry: GlossaryEntry | None, term_id: int | None, error: str = "") -> str:
    return render_template(
        "translation/glossary_edit.html",
        entry=entry,
        term_id=term_id,
        languages=LANGUAGES,
        statuses=sorted(STATUSES),
        error=error,
    )


def _term_id(value: str | None) -> int | None:
    # Glossary terms are global (not a team's objects): the id travels in the query or the
    # form, not in the path.
    if not value:
        return None
    if not value.isdigit() or len(value) > 12:
        abort(404)
    return int(value)


@bp.route("/glossary/edit", methods=["GET", "POST"])
def glossary_edit() -> BaseResponse | tuple[str, int]:
    require(context.actor(), Action.TRANSLATION_GLOSSARY_EDIT, None)
    session = context.db()
    if request.method == "GET":
        term_id = _term_id(request.args.get("term"))
        entry = None
        if term_id is not None:
            try:
                entry = glossary_store.to_entry(glossary_store.get(session, term_id))
            except glossary_store.UnknownTerm:
                abort(404)
        return _edit_page(entry, term_id), 200
    term_id = _term_id(request.form.get("term"))
    entry = _entry_from_form()
    try:
        glossary_store.save(
            session, context.actor(), entry, term_id=term_id, audit_key=context.audit_key()
        )
    except glossary_store.UnknownTerm:
        abort(404)
    except glossary_store.InvalidTerm as exc:
        return _edit_page(entry, term_id, str(exc)), 400
    session.commit()
    flash(_("The glossary term was saved."))
    return redirect(url_for("translation.glossary"))


@bp.route("/glossary/delete", methods=["POST"])
def glossary_delete() -> BaseResponse:
    term_id = _term_id(request.form.get("term"))
    if term_id is None:
        abort(400)
    try:
        glossary_store.delete(context.db(), context.actor(), term_id, audit_key=context.audit_key())
    except glossary_store.UnknownTerm:
        abort(404)
    context.db().commit()
    flash(_("The glossary term was deleted."))
    return redirect(url_for("translation.glossary"))


@bp.route("/glossary/import", methods=["POST"])
def glossary_import() -> BaseResponse:
    require(context.actor(), Action.TRANSLATION_GLOSSARY_EDIT, None)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(_("Choose a CSV or TBX file."))
        return redirect(url_for("translation.glossary"))
    data = upload.read(MAX_IMPORT_BYTES + 1)
    is_tbx = upload.filename.lower().endswith((".tbx", ".xml"))
    try:
        imported = from_tbx(data) if is_tbx else from_csv(data.decode("utf-8"))
        added, updated = glossary_store.import_entries(
            context.db(),
            context.actor(),
            imported,
            file_format="tbx" if is_tbx else "csv",
            audit_key=context.audit_key(),
        )
    except (GlossaryFormatError, glossary_store.InvalidTerm, UnicodeDecodeError) as exc:
        flash(_("Nothing was imported: %(reason)s", reason=str(exc)[:300]))
        return redirect(url_for("translation.glossary"))
    context.db().commit()
    flash(_("Imported: %(added)d new terms, %(updated)d updated.", added=added, updated=updated))
    return redirect(url_for("translation.glossary"))


@bp.route("/glossary.csv")
def glossary_csv() -> BaseResponse:
    response = Response(to_csv(_glossary_entries()), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="jit-glossary.csv"'
    return response


@bp.route("/glossary.tbx")
def glossary_tbx() -> BaseResponse:
    response = Response(to_tbx(_glossary_entries()), mimetype="application/x-tbx+xml")
    response.headers["Content-Disposition"] = 'attachment; filename="jit-glossary.tbx"'
    return response


# --- models (JIT lead): list and upload an .argosmodel, checked before anything is installed ---

MAX_MODEL_BYTES = 1024**3  # real argos packages are 100-500 MB


@bp.route("/models", methods=["GET", "POST"])
def models() -> tuple[str, int]:
    require(context.actor(), Action.TRANSLATION_MODELS_MANAGE, None)
    translator = current_app.extensions.get("jit.translator")
    error = ""
    status = 200
    if request.method == "POST":
        request.max_content_length = MAX_MODEL_BYTES  # this form only (Flask 3.1)
        upload = request.files.get("model")
        if upload is None or not upload.filename:
            error, status = _("Choose an .argosmodel file."), 400
        else:
            settings = context.settings()
            try:
                info = model_upload.install_upload(
                    context.db(),
                    context.actor(),
                    translator,
                    upload.stream,
                    filename=upload.filename,
                    work_dir=settings.resolve_path(settings.models_dir),
                    audit_key=context.audit_key(),
                )
            except model_upload.ModelUploadRefused as exc:
                context.db().commit()  # the refusal is audited
                error = _("Nothing was installed: %(reason)s", reason=exc.reason)
                status = 400
            else:
                context.db().commit()
                flash(_("Installed %(code)s (%(name)s %(version)s).", **info))
            finally:
                upload.close()
    installed = []
    if translator is not None and hasattr(translator, "installed_models"):
        try:
            installed = list(translator.installed_models())
        except Exception:
            installed = []
    page = render_template(
        "translation/models.html", installed=installed, pairs=_pairs(), error=error
    )
    return page, status
