"""Web pages of the victims concept. Thin: parse, call the service, commit, render.

Identity is shown on one page only (the response to a justified, re-authenticated reveal),
and only after its audit entry has been committed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response as BaseResponse

from jit.accounts import service as accounts
from jit.security.policy import Action, may
from jit.victims import disclosure as register
from jit.victims import forms, labels, review, rules, service
from jit.victims.errors import (
    ConsentRefused,
    DisclosureRefused,
    ExportUnavailable,
    InvalidVictimData,
    JustificationMissing,
    LeakCheckFailed,
    ReauthenticationRequired,
    StatementRejected,
    VictimNotFound,
)
from jit.victims.models import Regime, RelationKind, SubjectCategory
from jit.victims.register_export import COLUMNS, docx_to_pdf, rows_of, to_csv, to_docx
from jit.web import context, errors

bp = Blueprint("victims", __name__)


@bp.errorhandler(VictimNotFound)
def _not_found(_exc: VictimNotFound) -> BaseResponse | tuple[str, int]:
    # A missing record and another team's record give the same page (T-D1).
    return errors.handle_http(NotFound())


def _today() -> date:
    return datetime.now(UTC).date()


def _common() -> dict[str, Any]:
    return {"labels": labels, "rules": rules, "may": may, "Action": Action}


@bp.route("/victims")
def index() -> str:
    actor = context.actor()
    victims = service.list_victims(context.db(), actor)
    received = register.received(context.db(), actor)
    teams = [
        t
        for t in accounts.teams_for(context.db(), actor)
        if may(actor, Action.VICTIM_MANAGE, t.id or 0)
    ]
    return render_template(
        "victims/index.html", victims=victims, received=received, teams=teams, **_common()
    )


@bp.route("/teams/<int:team_id>/victims/new", methods=["GET", "POST"])
def create(team_id: int) -> BaseResponse | tuple[str, int] | str:
    actor = context.actor()
    team = accounts.get_team(context.db(), actor, team_id)
    if not may(actor, Action.VICTIM_MANAGE, team_id):
        abort(403)
    error = ""
    if request.method == "POST":
        try:
            victim = service.create_victim(
                context.db(),
                context.settings(),
                actor,
                team_id,
                origin_state=request.form.get("origin_state", ""),
                regime=Regime(request.form.get("regime", "led")),
                category=SubjectCategory(request.form.get("category", "victim")),
                age_uncertain=bool(request.form.get("age_uncertain")),
                prosecuted_abroad_under_coercion=bool(request.form.get("prosecuted_abroad")),
                identity=forms.identity_from(request.form),
                today=_today(),
            )
        except (InvalidVictimData, ValueError):
            error = _("Check the form: names, originating State and date of birth are required.")
        else:
            context.db().commit()
            flash(_("Victim record %(pseudonym)s created.", pseudonym=victim.pseudonym))
            return redirect(url_for("victims.show", victim_id=victim.id))
    return render_template("victims/new.html", team=team, error=error, **_common()), (
        400 if error else 200
    )


def _file_page(victim_id: int, status: int = 200, **extra: Any) -> tuple[str, int]:
    actor = context.actor()
    file = service.victim_file(context.db(), context.settings(), actor, victim_id, _today())
    context.db().commit()  # the consultation entry
    reauth_fresh = rules.reauth_fresh(_reauth_at(), datetime.now(UTC))
    return render_template(
        "victims/show.html", file=file, reauth_fresh=reauth_fresh, **extra, **_common()
    ), status


@bp.route("/victims/<int:victim_id>")
def show(victim_id: int) -> tuple[str, int]:
    return _file_page(victim_id)


def _reauth_at() -> datetime | None:
    raw = session.get("reauth_at")
    try:
        return datetime.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def _reauthenticate(password: str) -> bool:
    """Password re-entry for a sensitive action (ASVS 7.5.3); throttled like a sign-in."""
    actor = context.actor()
    outcome = accounts.authenticate(context.db(), context.settings(), actor.username, password)
    context.db().commit()
    if outcome.user is None or outcome.user.id != actor.user_id:
        return False
    session["reauth_at"] = datetime.now(UTC).isoformat()
    return True


@bp.route("/victims/<int:victim_id>/reveal", methods=["POST"])
def reveal(victim_id: int) -> tuple[str, int]:
    actor = context.actor()
    password = request.form.get("password", "")
    if password and not _reauthenticate(password):
        return _file_page(
            victim_id, 403, reveal_error=_("The password is not correct. Nothing was revealed.")
        )
    try:
        revealed = service.reveal(
            context.db(),
            context.settings(),
            actor,
            victim_id,
            justification=request.form.get("justification", ""),
            reauth_at=_reauth_at(),
            now=datetime.now(UTC),
        )
    except JustificationMissing:
        return _file_page(
            victim_id,
            400,
            reveal_error=_("Write why you need to see the identity (at least 10 characters)."),
        )
    except ReauthenticationRequired:
        return _file_page(
            victim_id,
            403,
            reveal_error=_("Enter your password again to reveal the identity."),
        )
    # LED Art. 25: the consultation is on record before the identity leaves the server.
    context.db().commit()
    return render_template("victims/reveal.html", revealed=revealed, **_common()), 200


@bp.route("/victims/<int:victim_id>/relations", methods=["POST"])
def add_relation(victim_id: int) -> BaseResponse | tuple[str, int]:
    try:
        service.add_relation(
            context.db(),
            context.settings(),
            context.actor(),
            victim_id,
            kind=RelationKind(request.form.get("kind", "guardian")),
            relationship=request.form.get("relationship", ""),
            involved_in_case=bool(request.form.get("involved_in_case")),
            linked_to_suspect=bool(request.form.get("linked_to_suspect")),
            identity=forms.relation_identity_from(request.form),
        )
    except (InvalidVictimData, ValueError):
        return _file_page(
            victim_id, 400, relation_error=_("Names and the relationship are required.")
        )
    context.db().commit()
    flash(_("Guardian or relative recorded."))
    return redirect(url_for("victims.show", victim_id=victim_id))


@bp.route("/victims/relations/<int:relation_id>/conflicted", methods=["POST"])
def mark_conflicted(relation_id: int) -> BaseResponse:
    relation = service.mark_relation_conflicted(
        context.db(), context.settings(), context.actor(), relation_id
    )
    context.db().commit()
    flash(_("Marked as involved in the case: this person's consent no longer counts."))
    return redirect(url_for("victims.show", victim_id=relation.victim_id))


@bp.route("/victims/<int:victim_id>/consents", methods=["POST"])
def add_consent(victim_id: int) -> BaseResponse | tuple[str, int]:
    try:
        service.record_consent(
            context.db(),
            context.settings(),
            context.actor(),
            victim_id,
            kind=rules.ConsentKind(request.form.get("kind", "")),
            relation_id=forms.parse_int(request.form.get("relation_id")),
            given_on=forms.parse_date(request.form.get("given_on")) or date.max,
            scope=request.form.getlist("scope"),
            reference=request.form.get("reference", ""),
            today=_today(),
        )
    except ConsentRefused as exc:
        return _file_page(
            victim_id, 409, consent_errors=[labels.CONSENT_PROBLEMS[p] for p in exc.problems]
        )
    except (InvalidVictimData, ValueError):
        return _file_page(
            victim_id,
            400,
            consent_errors=[
                _("Check the consent: its kind, a past date, its scope and, for a guardian, who.")
            ],
        )
    context.db().commit()
    flash(_("Consent recorded."))
    return redirect(url_for("victims.show", victim_id=victim_id))


@bp.route("/victims/<int:victim_id>/statements", methods=["POST"])
def add_statement(victim_id: int) -> BaseResponse | tuple[str, int]:
    upload = request.files.get("statement")
    data = upload.read() if upload is not None else b""
    try:
        service.add_statement(
            context.db(),
            context.settings(),
            context.actor(),
            victim_id,
            filename=(upload.filename or "") if upload is not None else "",
            data=data,
            language=request.form.get("language", ""),
            nature=request.form.get("nature", "fact"),
        )
    except StatementRejected as exc:
        message = labels.STATEMENT_REJECTIONS.get(exc.reason, labels.GENERIC_REJECTION)
        return _file_page(
            victim_id, 400, statement_error=_("Nothing was stored: %(why)s", why=message)
        )
    except InvalidVictimData:
        return _file_page(victim_id, 400, statement_error=_("Choose the statement's language."))
    context.db().commit()
    flash(_("Statement stored (encrypted)."))
    return redirect(url_for("victims.show", victim_id=victim_id))


def _review_page(statement_id: int, status: int = 200, **extra: Any) -> tuple[str, int]:
    actor = context.actor()
    statement, victim, produced = review.preview(
        context.db(), context.settings(), actor, statement_id
    )
    return render_template(
        "victims/review.html",
        statement=statement,
        victim=victim,
        produced=produced,
        pieces=review.preview_pieces(produced),
        consents=service.consent_facts(context.db(), victim.id or 0),
        organisations=register.recipient_organisations(context.db(), victim.team_id),
        form=request.form if request.method == "POST" else {},
        default_retention=_today().replace(year=_today().year + 1),
        **extra,
        **_common(),
    ), status


@bp.route("/victims/statements/<int:statement_id>/review")
def review_statement(statement_id: int) -> tuple[str, int]:
    return _review_page(statement_id)


@bp.route("/victims/statements/<int:statement_id>/review/add", methods=["POST"])
def review_add(statement_id: int) -> BaseResponse | tuple[str, int]:
    try:
        review.add_value(
            context.db(),
            context.settings(),
            context.actor(),
            statement_id,
            request.form.get("value", ""),
        )
    except InvalidVictimData:
        return _review_page(statement_id, 400, review_error=_("Enter 2 to 200 characters."))
    context.db().commit()
    return redirect(url_for("victims.review_statement", statement_id=statement_id))


@bp.route("/victims/statements/<int:statement_id>/review/keep", methods=["POST"])
def review_keep(statement_id: int) -> BaseResponse | tuple[str, int]:
    try:
        review.keep_span(
            context.db(),
            context.settings(),
            context.actor(),
            statement_id,
            _index_or_minus_one(request.form.get("index")),
        )
    except InvalidVictimData:
        return _review_page(statement_id, 400, review_error=_("There is no such span."))
    context.db().commit()
    return redirect(url_for("victims.review_statement", statement_id=statement_id))


def _index_or_minus_one(raw: str | None) -> int:
    index = forms.parse_int(raw)
    return -1 if index is None else index


@bp.route("/victims/statements/<int:statement_id>/review/reset", methods=["POST"])
def review_reset(statement_id: int) -> BaseResponse:
    review.reset_review(context.db(), context.settings(), context.actor(), statement_id)
    context.db().commit()
    return redirect(url_for("victims.review_statement", statement_id=statement_id))


@bp.route("/victims/statements/<int:statement_id>/disclose", methods=["POST"])
def disclose(statement_id: int) -> BaseResponse | tuple[str, int]:
    disclosure_request, organisation_id = forms.disclosure_from(request.form)
    try:
        made = register.disclose(
            context.db(),
            context.settings(),
            context.actor(),
            statement_id,
            disclosure_request,
            recipient_organisation_id=organisation_id,
            today=_today(),
        )
    except DisclosureRefused as exc:
        errors = [labels.DISCLOSURE_PROBLEMS[p] for p in exc.problems]
        return _review_page(statement_id, 400, disclose_errors=errors)
    except ConsentRefused as exc:
        errors = [labels.CONSENT_PROBLEMS[p] for p in exc.problems]
        return _review_page(statement_id, 409, disclose_errors=errors)
    except LeakCheckFailed as exc:
        context.db().commit()  # only the audit entry of the blocked attempt
        return _review_page(
            statement_id,
            409,
            disclose_errors=[
                _(
                    "The leak check found %(count)d known value(s) in the file: nothing was"
                    " disclosed. Redact them and try again.",
                    count=len(exc.report.leaks),
                )
            ],
            leaks=exc.report.leaks,
        )
    context.db().commit()
    flash(_("Disclosure recorded in the register."))
    return redirect(url_for("victims.disclosure_detail", disclosure_id=made.id))


@bp.route("/victims/<int:victim_id>/disclosures")
def victim_disclosures(victim_id: int) -> str:
    actor = context.actor()
    rows = register.disclosures_of_victim(context.db(), actor, victim_id)
    victim = service.load_victim(context.db(), actor, victim_id, Action.VICTIM_VIEW)
    return render_template("victims/disclosures.html", victim=victim, rows=rows, **_common())


@bp.route("/victims/statements/<int:statement_id>/recipients")
def statement_recipients(statement_id: int) -> str:
    victim, rows = register.recipients_of_statement(context.db(), context.actor(), statement_id)
    return render_template(
        "victims/disclosures.html",
        victim=victim,
        rows=rows,
        statement_id=statement_id,
        **_common(),
    )


@bp.route("/victims/disclosures/<int:disclosure_id>")
def disclosure_detail(disclosure_id: int) -> str:
    disclosure, victim = register.get_disclosure(context.db(), context.actor(), disclosure_id)
    return render_template(
        "victims/disclosure.html",
        disclosure=disclosure,
        victim=victim,
        report=register.leak_report_of(disclosure),
        **_common(),
    )


@bp.route("/victims/disclosures/<int:disclosure_id>/download")
def download(disclosure_id: int) -> Response:
    disclosure, victim, data = register.download(
        context.db(), context.settings(), context.actor(), disclosure_id
    )
    context.db().commit()  # the download is logged before the bytes leave
    # Server-generated file name (ASVS 5.4.1): pseudonym and disclosure id only.
    name = f"{victim.pseudonym}-disclosure-{disclosure.id}.{disclosure.file_extension}"
    return Response(
        data,
        mimetype=disclosure.media_type.split(";")[0],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.route("/teams/<int:team_id>/victims/register")
def team_register(team_id: int) -> str:
    actor = context.actor()
    team = accounts.get_team(context.db(), actor, team_id)
    rows = [
        (d, v)
        for v in service.list_victims(context.db(), actor, team_id)
        for d in register.disclosures_of_victim(context.db(), actor, v.id or 0)
    ]
    return render_template("victims/register.html", team=team, rows=rows, **_common())


def _column_labels() -> dict[str, str]:
    names = {
        "disclosure_id": _("Disclosure"),
        "disclosed_at": _("Date and time (UTC)"),
        "victim": _("Victim (pseudonym)"),
        "statement_id": _("Statement"),
        "recipient_category": _("Kind of recipient"),
        "recipient_organisation": _("Recipient organisation"),
        "recipient_country": _("Recipient country"),
        "recipient_person": _("Recipient person"),
        "purpose": _("Purpose"),
        "legal_basis": _("Legal basis"),
        "legal_basis_instrument": _("Instrument and article"),
        "data_categories": _("Data categories"),
        "consent_id": _("Consent relied upon"),
        "override_reason": _("Reason for disclosing without consent"),
        "justification": _("Justification"),
        "redaction_profile": _("Redaction profile"),
        "handling_code": _("Handling code"),
        "retention_until": _("Retention until"),
        "third_country_transfer": _("Transfer outside the EU/EEA"),
        "sha256": _("SHA-256 of the delivered file"),
        "size": _("Size (bytes)"),
        "leak_check": _("Leak check"),
    }
    return {column: names[column] for column in COLUMNS}


@bp.route("/teams/<int:team_id>/victims/register.<string:fmt>")
def export_register(team_id: int, fmt: str) -> Response | tuple[str, int]:
    if fmt not in ("csv", "pdf"):
        abort(404)
    actor = context.actor()
    team = accounts.get_team(context.db(), actor, team_id)
    entries = register.register_for_export(context.db(), context.settings(), actor, team_id, fmt)
    rows = rows_of(entries)
    if fmt == "csv":
        data, mimetype = to_csv(rows), "text/csv"
    else:
        title = _("Register of disclosures of victim data: %(team)s", team=team.reference)
        try:
            data = docx_to_pdf(to_docx(rows, title, _column_labels()))
        except ExportUnavailable:
            context.db().rollback()
            return render_template(
                "error.html",
                status=503,
                title=_("Export unavailable"),
                message=_("The PDF converter is not available. Try the CSV export."),
            ), 503
        mimetype = "application/pdf"
    context.db().commit()
    name = f"{team.reference}-disclosures.{fmt}"
    return Response(
        data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
