"""Web pages of the requests concept: the team's requests, the drafting wizard (one page per
section), versions, preview, translation review, lifecycle steps and the DOCX download.
Thin: parse, call the service, commit, render."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response as BaseResponse

from jit.accounts import service as accounts
from jit.deadlines.errors import DeadlineError
from jit.documents.compose import TextTranslator
from jit.requests import forms, service
from jit.requests.catalog import (
    Instrument,
    UnknownInstrument,
    UnknownLanguage,
    list_instruments,
)
from jit.requests.errors import FieldError, InvalidDraft
from jit.requests.languages import proposed_language
from jit.requests.lifecycle import Status, StepRefused, allowed_steps
from jit.requests.messages import message
from jit.requests.models import Direction, EvidenceRequest
from jit.requests.rules import HANDLING_MARKINGS, draft_fields, top_field, validate_draft
from jit.requests.steps import STATUS_LABELS, step_refusal
from jit.requests.ui import UiLabels, countries, language_names
from jit.security.policy import Action, may
from jit.translation.engine import TranslationUnavailable
from jit.web import context, errors

bp = Blueprint("requests", __name__)


@bp.errorhandler(service.RequestNotFound)
@bp.errorhandler(service.VersionNotFound)
def _not_found(_exc: Exception) -> BaseResponse | tuple[str, int]:
    # A missing request and another team's request give the same page (T-D1).
    return errors.handle_http(NotFound())


@bp.errorhandler(service.RequestLocked)
def _locked(_exc: service.RequestLocked) -> BaseResponse:
    flash(_("Only a draft can be changed. This request has already been issued."))
    args = request.view_args or {}
    return redirect(
        url_for("requests.show", team_id=args.get("team_id"), request_id=args.get("request_id"))
    )


def _now() -> datetime:
    return datetime.now(UTC)


def _translator() -> TextTranslator | None:
    # Installed by the translation capability; None means no model: free text stays in the
    # drafter's language with a notice.
    translator: TextTranslator | None = current_app.extensions.get("jit.translator")
    return translator


def _ui_labels(instrument: Instrument) -> UiLabels:
    return UiLabels(instrument, str(get_locale() or "en"))


def _messages(
    errs: tuple[FieldError, ...] | list[FieldError], labels: UiLabels
) -> list[tuple[str, str]]:
    return [(error.path, message(error, labels.get)) for error in errs]


def _load(team_id: int, request_id: int) -> EvidenceRequest:
    return service.get_request(context.db(), context.actor(), request_id, team_id)


# --- lists ---------------------------------------------------------------------------------------


@bp.route("/requests")
def mine() -> str:
    actor = context.actor()
    teams = [
        t
        for t in accounts.teams_for(context.db(), actor)
        if may(actor, Action.REQUEST_VIEW, t.id or 0)
    ]
    if not teams:
        abort(403)
    return render_template(
        "requests/mine.html",
        teams=teams,
        requests=service.open_requests(context.db(), actor),
        team_refs={t.id: t.reference for t in teams},
        status_labels=STATUS_LABELS,
    )


@bp.route("/teams/<int:team_id>/requests")
def index(team_id: int) -> str:
    return _index_page(team_id)[0]


def _index_page(team_id: int, status: int = 200, **extra: Any) -> tuple[str, int]:
    actor = context.actor()
    rows = service.list_requests(context.db(), actor, team_id)
    team = accounts.get_team(context.db(), actor, team_id)
    return render_template(
        "requests/index.html",
        team=team,
        rows=rows,
        instruments=list_instruments(),
        can_edit=may(actor, Action.REQUEST_EDIT, team_id),
        status_labels=STATUS_LABELS,
        countries=countries(str(get_locale() or "en")),
        languages=language_names(str(get_locale() or "en")),
        handling_markings=HANDLING_MARKINGS,
        form=extra.pop("form", {}),
        **extra,
    ), status


@bp.route("/teams/<int:team_id>/requests", methods=["POST"])
def create(team_id: int) -> BaseResponse | tuple[str, int]:
    actor = context.actor()
    service.list_requests(context.db(), actor, team_id)  # 404 for another team first
    form = request.form
    instrument_id = form.get("instrument", "")
    draft = service.new_draft(
        instrument_id,
        form.get("reference", ""),
        form.get("source_language", ""),
        form.get("handling", ""),
    )
    try:
        created = service.create_request(
            context.db(),
            actor,
            team_id,
            draft,
            direction=form.get("direction", ""),
            issuing_state=form.get("issuing_state", ""),
            executing_state=form.get("executing_state", ""),
            now=_now(),
            audit_key=context.audit_key(),
        )
    except UnknownInstrument:
        return _index_page(
            team_id,
            400,
            create_errors=[("instrument", _("Choose an instrument from the list."))],
            form=form,
        )
    except service.InvalidRequest as exc:
        labels = UiLabels(None, str(get_locale() or "en"))
        return _index_page(team_id, 400, create_errors=_messages(exc.errors, labels), form=form)
    context.db().commit()
    flash(_("Request %(reference)s created.", reference=created.reference))
    first = service.instrument_of(created).form.sections[0].id
    return redirect(
        url_for("requests.section", team_id=team_id, request_id=created.id, section_id=first)
    )


# --- one request ---------------------------------------------------------------------------------


@bp.route("/teams/<int:team_id>/requests/<int:request_id>")
def show(team_id: int, request_id: int) -> tuple[str, int]:
    return _show_page(team_id, request_id)


def _show_page(team_id: int, request_id: int, status: int = 200, **extra: Any) -> tuple[str, int]:
    actor = context.actor()
    req = _load(team_id, request_id)
    instrument = service.instrument_of(req)
    labels = _ui_labels(instrument)
    latest = service.latest_version(context.db(), req)
    draft = service.draft_of(latest)
    problems = validate_draft(instrument, draft)
    team = accounts.get_team(context.db(), actor, team_id)
    return render_template(
        "requests/show.html",
        team=team,
        req=req,
        instrument=instrument,
        labels=labels,
        draft=draft,
        latest=latest,
        versions=service.versions(context.db(), req),
        steps=service.steps(context.db(), req),
        problems=_messages(problems, labels),
        missing_by_section=_sections_with_problems(instrument, problems),
        can_edit=may(actor, Action.REQUEST_EDIT, team_id),
        next_steps=allowed_steps(req.status, outgoing=req.direction is Direction.OUTGOING),
        status_labels=STATUS_LABELS,
        languages=language_names(str(get_locale() or "en")),
        handling_markings=HANDLING_MARKINGS,
        proposed=proposed_language(req.executing_state, instrument.languages),
        today=datetime.now(UTC).date(),
        **extra,
    ), status


def _sections_with_problems(instrument: Instrument, problems: list[FieldError]) -> set[str]:
    where = {spec.id: spec.section for spec in draft_fields(instrument)}
    return {where.get(top_field(p.path), "") for p in problems}


@bp.route("/teams/<int:team_id>/requests/<int:request_id>/settings", methods=["POST"])
def settings(team_id: int, request_id: int) -> BaseResponse | tuple[str, int]:
    req = _load(team_id, request_id)
    form = request.form
    try:
        version = service.save_settings(
            context.db(),
            context.actor(),
            req,
            reference=form.get("reference", ""),
            handling=form.get("handling", ""),
            source_language=form.get("source_language", ""),
            output_language=form.get("output_language", ""),
            now=_now(),
            audit_key=context.audit_key(),
        )
    except service.InvalidRequest as exc:
        labels = _ui_labels(service.instrument_of(req))
        return _show_page(team_id, request_id, 400, settings_errors=_messages(exc.errors, labels))
    context.db().commit()
    if version is not None:
        flash(_("Saved as version %(number)s.", number=version.number))
    else:
        flash(_("Settings saved."))
    return redirect(url_for("requests.show", team_id=team_id, request_id=request_id))


@bp.route(
    "/teams/<int:team_id>/requests/<int:request_id>/sections/<section_id>",
    methods=["GET", "POST"],
)
def section(team_id: int, request_id: int, section_id: str) -> BaseResponse | tuple[str, int]:
    actor = context.actor()
    req = _load(team_id, request_id)
    instrument = service.instrument_of(req)
    sections = instrument.form.sections
    index = next((i for i, s in enumerate(sections) if s.id == section_id), None)
    if index is None:
        abort(404)
    current = sections[index]
    labels = _ui_labels(instrument)
    draft = service.draft_of(service.latest_version(context.db(), req))
    values: dict[str, Any] = draft.get("fields", {})
    field_errors: list[tuple[str, str]] = []
    status = 200
    if request.method == "POST":
        posted = forms.parse_section(current, request.form)
        try:
            version = service.save_section(
                context.db(),
                actor,
                req,
                current.id,
                posted,
                now=_now(),
                audit_key=context.audit_key(),
            )
        except service.InvalidRequest as exc:
            # Nothing was stored: show what was typed, with a message at each field.
            values = {**values, **posted}
            field_errors = _messages(exc.errors, labels)
            status = 400
        else:
            context.db().commit()
            if version is not None:
                flash(_("Saved as version %(number)s.", number=version.number))
            else:
                flash(_("No changes to save."))
            after = request.form.get("after", "stay")
            if after == "next" and index + 1 < len(sections):
                target = sections[index + 1].id
                return redirect(
                    url_for(
                        "requests.section",
                        team_id=team_id,
                        request_id=request_id,
                        section_id=target,
                    )
                )
            if after in ("next", "overview"):
                return redirect(url_for("requests.show", team_id=team_id, request_id=request_id))
            return redirect(request.path)
    return render_template(
        "requests/section.html",
        team_id=team_id,
        req=req,
        instrument=instrument,
        section=current,
        sections=sections,
        index=index,
        labels=labels,
        values=values,
        field_errors=field_errors,
        errors_at=_by_path(field_errors),
        can_edit=may(actor, Action.REQUEST_EDIT, team_id) and req.status is Status.DRAFT,
        forms=forms,
        countries=countries(str(get_locale() or "en")),
    ), status


def _by_path(messages: list[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for where, text in messages:
        grouped.setdefault(where, []).append(text)
    return grouped


@bp.route("/teams/<int:team_id>/requests/<int:request_id>/versions/<int:number>")
def version(team_id: int, request_id: int, number: int) -> str:
    req = _load(team_id, request_id)
    instrument = service.instrument_of(req)
    stored = service.get_version(context.db(), req, number)
    draft = service.draft_of(stored)
    return render_template(
        "requests/version.html",
        team_id=team_id,
        req=req,
        instrument=instrument,
        stored=stored,
        draft=draft,
        values=draft.get("fields", {}),
        labels=_ui_labels(instrument),
        forms=forms,
        errors_at={},
        countries=(),
    )


def _languages(instrument: Instrument, req: EvidenceRequest) -> tuple[str, str | None]:
    language = request.args.get("lang") or req.output_language
    bilingual = request.args.get("bilingual") or None
    return language, bilingual


@bp.route("/teams/<int:team_id>/requests/<int:request_id>/preview")
def preview(team_id: int, request_id: int) -> BaseResponse | tuple[str, int]:
    req = _load(team_id, request_id)
    instrument = service.instrument_of(req)
    language, bilingual = _languages(instrument, req)
    number = request.args.get("version", type=int)
    try:
        rendered = service.render(
            context.db(),
            context.actor(),
            req,
            language=language,
            bilingual=bilingual,
            version=number,
            docx=False,
            translator=_translator(),
            audit_key=context.audit_key(),
        )
    except (UnknownLanguage, service.SameLanguage):
        return _show_page(team_id, request_id, 400, language_error=True)
    except InvalidDraft as exc:
        return _show_page(
            team_id, request_id, 400, not_ready=_messages(exc.errors, _ui_labels(instrument))
        )
    context.db().commit()  # the audit entry of the generation
    return render_template(
        "requests/preview.html",
        team_id=team_id,
        req=req,
        document=rendered.document,
        version_number=rendered.version,
        language=language,
        bilingual=bilingual,
        languages=language_names(str(get_locale() or "en")),
        instrument=instrument,
    ), 200


@bp.route("/teams/<int:team_id>/requests/<int:request_id>/document")
def document(team_id: int, request_id: int) -> BaseResponse | tuple[str, int]:
    req = _load(team_id, request_id)
    instrument = service.instrument_of(req)
    language, bilingual = _languages(instrument, req)
    try:
        rendered = service.render(
            context.db(),
            context.actor(),
            req,
            language=language,
            bilingual=bilingual,
            version=request.args.get("version", type=int),
            docx=True,
            translator=_translator(),
            audit_key=context.audit_key(),
        )
    except (UnknownLanguage, service.SameLanguage):
        return _show_page(team_id, request_id, 400, language_error=True)
    except InvalidDraft as exc:
        return _show_page(
            team_id, request_id, 400, not_ready=_messages(exc.errors, _ui_labels(instrument))
        )
    context.db().commit()  # the download is on record before the file leaves
    return _docx_response(req, rendered, language, bilingual)


def _docx_response(
    req: EvidenceRequest, rendered: service.Rendered, language: str, bilingual: str | None
) -> Response:
    suffix = f"{language}-{bilingual}" if bilingual else language
    filename = f"{req.instrument}-{req.id}-v{rendered.version}-{suffix}.docx"
    response = Response(
        rendered.docx or b"",
        mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/teams/<int:team_id>/requests/<int:request_id>/translations", methods=["GET", "POST"])
def translations(team_id: int, request_id: int) -> BaseResponse | tuple[str, int]:
    actor = context.actor()
    req = _load(team_id, request_id)
    instrument = service.instrument_of(req)
    labels = _ui_labels(instrument)
    language = request.values.get("lang") or req.output_language
    if language not in instrument.languages:
        abort(404)
    status = 200
    review_errors: list[tuple[str, str]] = []
    if request.method == "POST":
        try:
            service.review_translation(
                context.db(),
                actor,
                req,
                field_id=request.form.get("field_id", ""),
                source_digest=request.form.get("digest", ""),
                language=language,
                text=request.form.get("text", ""),
                now=_now(),
                audit_key=context.audit_key(),
            )
        except service.InvalidRequest as exc:
            review_errors = _messages(exc.errors, labels)
            status = 400
        else:
            context.db().commit()
            flash(_("Translation marked as reviewed."))
            return redirect(
                url_for(
                    "requests.translations", team_id=team_id, request_id=request_id, lang=language
                )
            )
    draft = service.draft_of(service.latest_version(context.db(), req))
    source = str(draft.get("source_language", req.source_language))
    translator = _translator()
    checked = service.reviews(context.db(), req)
    rows = []
    for item in service.narratives(instrument, draft):
        reviewed = checked.get((item.field_id, language, item.digest))
        machine = None
        if reviewed is None and translator is not None and source != language:
            try:
                machine = translator.translate(item.text, source=source, target=language)
            except TranslationUnavailable:
                machine = None
        rows.append({"item": item, "reviewed": reviewed, "machine": machine})
    return render_template(
        "requests/translations.html",
        team_id=team_id,
        req=req,
        rows=rows,
        labels=labels,
        language=language,
        source=source,
        languages=language_names(str(get_locale() or "en")),
        instrument=instrument,
        has_translator=translator is not None,
        review_errors=review_errors,
        can_edit=may(actor, Action.REQUEST_EDIT, team_id) and req.status is Status.DRAFT,
    ), status


@bp.route("/teams/<int:team_id>/requests/<int:request_id>/steps", methods=["POST"])
def step(team_id: int, request_id: int) -> BaseResponse | tuple[str, int]:
    req = _load(team_id, request_id)
    form = request.form
    try:
        chosen = Status(form.get("status", ""))
        on = date.fromisoformat(form.get("date", ""))
        received_raw = form.get("received_on", "")
        received_on = date.fromisoformat(received_raw) if received_raw else None
    except ValueError:
        return _show_page(
            team_id, request_id, 400, step_error=_("Choose a step and give its date.")
        )
    today = datetime.now(UTC).date()
    try:
        service.record_step(
            context.db(),
            context.actor(),
            req,
            chosen,
            on,
            received_on=received_on,
            note=form.get("note", ""),
            today=today,
            now=_now(),
            audit_key=context.audit_key(),
        )
    except StepRefused as exc:
        return _show_page(team_id, request_id, 400, step_error=step_refusal(exc))
    except service.InvalidRequest as exc:
        labels = _ui_labels(service.instrument_of(req))
        return _show_page(
            team_id,
            request_id,
            400,
            step_error=_("The form is not complete."),
            not_ready=_messages(exc.errors, labels),
        )
    except DeadlineError as exc:
        context.db().rollback()
        return _show_page(
            team_id,
            request_id,
            400,
            step_error=_(
                "The deadline of this step could not be computed: %(reason)s", reason=str(exc)[:200]
            ),
        )
    context.db().commit()
    flash(_("Step recorded: %(status)s.", status=STATUS_LABELS[req.status]))
    return redirect(url_for("requests.show", team_id=team_id, request_id=request_id))
