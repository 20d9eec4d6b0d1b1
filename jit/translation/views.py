"""The translate page: text in, text out side by side, segment by segment with where each one
came from (translation memory, glossary, machine), review into the memory, and revoking API keys
from the profile page. Thin: parse, call the service, commit, render."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.wrappers import Response
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from jit.security.policy import Action, may
from jit.translation import service
from jit.translation.engine import LanguagePair, TranslationUnavailable
from jit.translation.glossary import LANGUAGES, to_csv, to_tbx
from jit.translation.pipeline import TextTooLong, TranslationResult
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
            current_app.extensions["jit.glossary"],
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


# --- glossary (read-only here; editing and import are not built yet) ----------------------------


def _glossary_entries() -> list[Any]:
    return list(current_app.extensions["jit.glossary"].entries)


@bp.route("/glossary")
def glossary() -> str:
    return render_template(
        "translation/glossary.html", entries=_glossary_entries(), languages=LANGUAGES
    )


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
